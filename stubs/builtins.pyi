"""builtins: open() hands the caller a file it must close (io.IOBase releases it)."""

from mypy_ownership import Own

def open(file: object, mode: str = ..., buffering: int = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ..., closefd: bool = ..., opener: object = ...) -> Own[object]: ...
