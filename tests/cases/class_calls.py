"""Calls through the class: ``Cls.method(obj, x)`` passes ``obj`` as the receiver, and
``x`` on to the method's parameters after ``self`` (docs/design.md §7.1), for a class that
declares its releases and for one that only the stubs describe."""

from __future__ import annotations

import socket

from mypy_ownership import Mut, Own


class Conn:
    def close(self: Own[Conn]) -> None: ...
    def send(self: Mut[Conn], data: bytes) -> None: ...
    def hand(self, other: Own[Conn]) -> None: ...


def connect() -> Own[Conn]:
    return Conn()


def released_through_the_class() -> None:
    c = connect()
    Conn.send(c, b"x")
    Conn.close(c)


def used_after_release_through_the_class() -> None:
    c = connect()
    Conn.close(c)  # N: "c" was released here by close()
    c.send(b"x")  # E: "c" used after release  [use-after-move]


def argument_after_the_receiver_is_taken() -> None:
    c, d = connect(), connect()
    Conn.hand(c, d)  # N: "d" was moved here by call to "hand"
    c.close()
    d.close()  # E: "d" used after move  [use-after-move]


def not_released_through_the_class() -> None:
    c = connect()  # E: "c" is not released on every path  [resource-leak]  # N: help: call "c.close()" on every path
    Conn.send(c, b"x")  # N: "c" escapes here: the function ends without releasing it


def socket_closed_through_the_class(host: str) -> None:
    s = socket.create_connection((host, 80))
    socket.socket.sendall(s, b"x")
    socket.socket.close(s)


def socket_used_after_close_through_the_class(host: str) -> None:
    s = socket.create_connection((host, 80))
    socket.socket.close(s)  # N: "s" was released here by close()
    s.sendall(b"x")  # E: "s" used after release  [use-after-move]
