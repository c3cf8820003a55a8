"""A second release (issue 14, shape 4; docs/design.md §2.6, §7.3): a user's releasing
method that says nothing else consumes its receiver, so calling it again is a use after
move (rustc E0382). A release the stubs mark @repeatable (files, sockets), or one the
user's definition marks so, may be repeated."""

from __future__ import annotations

import socket
from typing import IO

from mypy_ownership import Own, repeatable, valid_after_release


class Conn:
    """close() takes the connection and says nothing else."""

    def send(self, data: bytes) -> None: ...

    def close(self: Own[Conn]) -> None: ...


class Tolerant:
    """close() says it may be repeated, with the stubs' marker."""

    @repeatable
    def close(self: Own[Tolerant]) -> None: ...

    @valid_after_release
    def describe(self) -> str:
        return "tolerant"

    def send(self, data: bytes) -> None: ...


# reports ---------------------------------------------------------------------------------------

def close_twice() -> None:
    """Two releases in a row of a local declared owner."""
    c = Conn()
    c.close()  # N: "c" was released here by close()
    c.close()  # E: "c" used after release  [use-after-move]


def close_twice_on_a_parameter(c: Own[Conn]) -> None:
    """An Own parameter is the function's to release, once."""
    c.close()  # N: "c" was released here by close()
    c.close()  # E: "c" used after release  [use-after-move]


def close_after_a_conditional_close(c: Own[Conn], done: bool) -> None:
    """Released on one branch, released again after the join."""
    if done:
        c.close()  # N: "c" was released here by close()
    c.close()  # E: "c" may have been released  [use-after-move]


def close_through_the_class(c: Own[Conn]) -> None:
    """Conn.close(c) is the same release as c.close()."""
    Conn.close(c)  # N: "c" was released here by close()
    c.close()  # E: "c" used after release  [use-after-move]


def close_in_a_loop(c: Own[Conn], times: int) -> None:  # E: "c" is not released on every path  [resource-leak]  # N: help: call "c.close()" on every path
    """The second iteration releases what the first already did (and no iteration leaks)."""
    for _ in range(times):
        c.close()  # E: "c" used after release: released in a previous iteration of the loop  [use-after-move]  # N: "c" was released here by close(), in a previous iteration of the loop  # N: "c" escapes here: the function ends without releasing it


def tolerant_still_cannot_send(t: Own[Tolerant]) -> None:
    """@repeatable allows the release again, not the other methods."""
    t.close()  # N: "t" was released here by close()
    t.send(b"")  # E: "t" used after release  [use-after-move]


# silent ----------------------------------------------------------------------------------------

def tolerant_close_twice(t: Own[Tolerant]) -> None:
    """The definition marks close() @repeatable."""
    t.close()
    t.close()
    print(t.describe())


def file_close_twice(path: str) -> None:
    """The stubs mark a file's close() @repeatable."""
    f: IO[str] = open(path)
    f.close()
    f.close()


def socket_close_twice(sock: Own[socket.socket]) -> None:
    """So they do a socket's."""
    sock.close()
    sock.close()


def close_each_once(a: Own[Conn], b: Own[Conn]) -> None:
    """Two objects, one release each."""
    a.close()
    b.close()


def close_on_exclusive_branches(c: Own[Conn], done: bool) -> None:
    """Released once on every path."""
    if done:
        c.close()
    else:
        c.send(b"bye")
        c.close()


def close_then_rebind() -> None:
    """A new object under the same name is released once."""
    c = Conn()
    c.close()
    c = Conn()
    c.close()
