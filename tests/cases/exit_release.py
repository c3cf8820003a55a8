"""`__exit__`/`__aexit__` as the releasing method (issue 14, shape 5; docs/design.md §6):
a class whose owned resource field is released only in an `__exit__(self: Own[C], ...)`
(or `async def __aexit__`) has a releasing method, which must release the field on every
path; its users release it with `with` (or `async with`)."""

from __future__ import annotations

from typing import IO

from mypy_ownership import Own


class Log:
    """Its file is closed when the with block ends."""

    def __init__(self, path: str) -> None:
        self.out: Own[IO[str]] = open(path, "w")

    def __enter__(self) -> Log:
        return self

    def __exit__(self: Own[Log], *exc: object) -> None:
        self.out.close()

    def write(self, text: str) -> None:
        self.out.write(text)


class AsyncLog:
    """The same with only `async with`."""

    def __init__(self, path: str) -> None:
        self.out: Own[IO[str]] = open(path, "w")

    async def __aenter__(self) -> AsyncLog:
        return self

    async def __aexit__(self: Own[AsyncLog], *exc: object) -> None:
        self.out.close()


class Forgetful:
    """__exit__ is its releasing method, and misses the field on one path."""

    def __init__(self, path: str) -> None:
        self.out: Own[IO[str]] = open(path, "w")  # E: "out" is not released on every path  [resource-leak]  # N: help: release it in "__exit__"

    def __enter__(self) -> Forgetful:
        return self

    def __exit__(self: Own[Forgetful], *exc: object) -> None:
        if exc[0] is None:
            self.out.close()  # N: "out" escapes here: the function ends without releasing it


class Borrowing:
    """__exit__ only borrows: no releasing method at all."""

    def __init__(self, path: str) -> None:
        self.out: Own[IO[str]] = open(path, "w")  # E: Field "out" owns a resource, but class "Borrowing" has no releasing method to release it  [resource-leak]  # N: help: add a method such as "def close(self: Own[Borrowing]) -> None" that releases it

    def __enter__(self) -> Borrowing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.out.flush()


# reports ---------------------------------------------------------------------------------------

def log_left_open(path: str) -> None:
    """Constructed and never released: the help says `with`, its only release."""
    log = Log(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: use "with Log(...) as log:"
    log.write("x")  # N: "log" escapes here: the function ends without releasing it


async def async_log_left_open(path: str) -> None:
    """The same for a class with only __aexit__: the help says `async with`."""
    log = AsyncLog(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: use "async with AsyncLog(...) as log:"
    print(log)  # N: "log" escapes here: the function ends without releasing it


# silent ----------------------------------------------------------------------------------------

def log_in_a_with_block(path: str) -> None:
    """The with block's end runs __exit__, which releases the log."""
    with Log(path) as log:
        log.write("x")


async def async_log_in_an_async_with_block(path: str) -> None:
    """The async with block's end runs __aexit__."""
    async with AsyncLog(path) as log:
        print(log)


def log_named_then_with(path: str) -> None:
    """A named log given to a with block is released when it ends."""
    log = Log(path)
    with log:
        log.write("x")
