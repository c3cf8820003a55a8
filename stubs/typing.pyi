"""typing: IO, TextIO and BinaryIO are what typeshed returns for files whose exact class
depends on arguments (zipfile.ZipFile.open, tempfile.TemporaryFile with a non-literal
mode): closed by close() or by leaving a with block (their implementations are io
objects, see io.pyi)."""

from mypy_ownership import Own

class IO:
    @repeatable
    def close(self: Own[IO]) -> None: ...
    def __exit__(self: Own[IO], *args: object) -> None: ...
