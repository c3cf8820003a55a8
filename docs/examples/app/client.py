"""A tiny socket client whose connection object is owned and handed over explicitly."""

from __future__ import annotations

import socket

from mypy_ownership import Own, Ref


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port))

    def send(self: Ref[Connection], payload: bytes) -> None:
        self.sock.sendall(payload)


def hang_up(conn: Own[Connection]) -> None:
    conn.sock.close()


def request(host: str, port: int, payload: bytes, keep_open: bool) -> None:
    conn = Connection(host, port)
    conn.send(payload)
    if not keep_open:
        hang_up(conn)
    # Bug: on the path where keep_open is false, conn was already handed to hang_up().
    conn.send(b"bye")
    hang_up(conn)


def peer_name(conn: Ref[Connection]) -> str:
    return str(conn.sock.getpeername())
