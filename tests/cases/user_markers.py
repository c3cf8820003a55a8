"""The stubs' markers on user code (issue 14, shape 4; docs/design.md §7.3): exported by
mypy_ownership as decorators that do nothing at run time and keep the function's type,
and read off the definitions of the module being checked as a stub's are."""

from __future__ import annotations

import os
from typing import IO

from mypy_ownership import (
    Own,
    acquires,
    ends_process,
    exhausts,
    fails_when,
    inserts,
    released_when_true,
    releases_lock,
    takes_over,
    valid_after_release,
    view_of,
)


class Conn:
    """A resource with a method that stays valid after the release, and a `closed` flag."""

    def close(self: Own[Conn]) -> None: ...

    @valid_after_release
    def fileno(self) -> int:
        return 3

    def send(self, data: bytes) -> None: ...

    @property
    @released_when_true
    def closed(self) -> bool:
        return False


class Gate:
    """A lock of the user's: enter() takes it, unless asked not to block; leave() gives it back."""

    @acquires
    @fails_when(blocking=False)
    def enter(self, blocking: bool = True) -> bool:
        return True

    @releases_lock
    def leave(self) -> None: ...


class Registry:
    """adopt() takes the release over; put() stores what it is given."""

    @takes_over
    def adopt(self, conn: Own[Conn]) -> None: ...

    @inserts
    def put(self, conn: Conn) -> None: ...


class Stream:
    """Reading it to its end with drain() releases it."""

    def close(self: Own[Stream]) -> None: ...

    @exhausts
    def drain(self) -> bytes:
        return b""


class Reader:
    """A second view of the file it is given: its close() closes that file."""

    @view_of("raw")
    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def read(self) -> bytes:
        return self.raw.read()

    def close(self: Own[Reader]) -> None:
        self.raw.close()


@ends_process
def die(code: int) -> None:
    """Ends the process, as os._exit does."""
    os._exit(code)


# reports ---------------------------------------------------------------------------------------

def send_after_release(c: Own[Conn]) -> None:
    """fileno() is marked valid after release; send() is not."""
    c.close()  # N: "c" was released here by close()
    print(c.fileno())
    c.send(b"")  # E: "c" used after release  [use-after-move]


def gate_never_left(g: Gate) -> None:
    """@acquires on the user's method: the lock is owed, and leave() is the help."""
    g.enter()  # E: "g" is not released on every path  [resource-leak]  # N: help: call "g.leave()" on every path  # N: "g" escapes here: the function ends without releasing it


def put_then_used() -> None:
    """@inserts moves a declared owner into the registry."""
    registry = Registry()
    c = Conn()
    registry.put(c)  # N: "c" was moved here by call to "put"
    c.send(b"")  # E: "c" used after move  [use-after-move]


def read_partly() -> None:
    """drain(100)-like reads do not count; here nothing reads the stream at all."""
    s = Stream()  # E: "s" is not released on every path  [resource-leak]  # N: help: call "s.close()" on every path
    print(s)  # N: "s" escapes here: the function ends without releasing it


def typed_as_before(c: Own[Conn]) -> None:
    """The marker keeps the method's type: mypy still checks the call."""
    print(c.fileno(1))  # E: Too many arguments for "fileno" of "Conn"  [call-arg]
    c.close()


def factory_typed_as_before(g: Gate) -> None:
    """A marker with arguments keeps the method's type too."""
    g.enter(blocking="no")  # E: Argument "blocking" to "enter" of "Gate" has incompatible type "str"; expected "bool"  [arg-type]
    g.leave()


def read_through_a_closed_view(path: str) -> bytes:
    """@view_of: the reader and the file are one object, closed through either name."""
    f = open(path, "rb")
    r = Reader(f)
    f.close()  # N: "r" was released here by close(), through "f" (the same object)
    return r.read()  # E: "r" used after release  [use-after-move]


# silent ----------------------------------------------------------------------------------------

def fileno_after_release(c: Own[Conn]) -> int:
    """@valid_after_release: the call is no use of the released object."""
    c.close()
    return c.fileno()


def close_unless_closed(c: Own[Conn]) -> None:
    """@released_when_true: where `closed` is true, nothing is owed."""
    if not c.closed:
        c.close()


def gate_left(g: Gate) -> None:
    """Taken and given back."""
    g.enter()
    g.leave()


def gate_tried(g: Gate) -> None:
    """@fails_when(blocking=False): nothing is owed where enter() returned False."""
    if g.enter(blocking=False):
        g.leave()


def adopted(registry: Registry) -> None:
    """@takes_over: the registry releases it, and the name stays usable."""
    c = Conn()
    registry.adopt(c)
    c.send(b"")


def drained() -> bytes:
    """@exhausts: reading to the end releases the stream."""
    s = Stream()
    return s.drain()


def exits_with_a_file_open(path: str) -> None:
    """@ends_process: nothing after die() runs, so the file is no leak."""
    f: IO[str] = open(path)
    f.read()
    die(1)


def closed_through_the_view(path: str) -> bytes:
    """@view_of: closing the reader closes the file it wraps."""
    f = open(path, "rb")
    r = Reader(f)
    data = r.read()
    r.close()
    return data
