"""The code of tests/cases_leak_on_exception/exception_paths.py under the default
(leak_on_exception = false): paths that begin with an exception raised by a call owe nothing."""

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
    f = open_file(path)
    data = f.read()
    f.close()
    return data


def handler_returns_without_closing(path: str) -> bytes:
    f = open_file(path)
    try:
        data = f.read()
    except OSError:
        return b""
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
