"""With leak_on_exception = true, a path that begins with an exception raised by a call
is checked too. tests/cases/exception_paths_off.py holds the same code under the default."""

from __future__ import annotations

from mypy_ownership import Own


class File:
    def read(self) -> bytes:
        return b""

    def close(self: Own[File]) -> None: ...

    def __enter__(self) -> File:
        return self

    def __exit__(self, *args: object) -> None: ...


def open_file(path: str) -> Own[File]:
    return File()


def close_only_in_the_happy_path(path: str) -> bytes:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    data = f.read()  # N: "f" escapes here: an exception leaves the function without releasing it
    f.close()
    return data


def handler_returns_without_closing(path: str) -> bytes:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    try:
        data = f.read()  # N: "f" escapes here: an exception leaves the function without releasing it
    except OSError:
        return b""  # N: "f" escapes here: returns at line 37 without releasing it
    f.close()
    return data


def close_in_finally(path: str) -> bytes:
    f = open_file(path)
    try:
        return f.read()
    finally:
        f.close()


def with_block(path: str) -> bytes:
    with open_file(path) as f:
        return f.read()
