"""A module that cannot see Own/Ref/Mut (docs/design.md §2.3, §11.8): the calls of its
functions returning a resource, and the constructors of its classes owning what they
store, join the prefilter's calls, so their callers are analysed."""

import socket
from typing import TextIO


def open_log(path: str) -> TextIO:
    return open(path, "a")


def open_quiet(path: str) -> TextIO:
    return open_log(path)


def connect(host: str) -> socket.socket:
    sock = socket.create_connection((host, 80))
    sock.settimeout(5)
    return sock


class Session:
    def __init__(self, host: str) -> None:
        self.sock = connect(host)

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close(self) -> None:
        self.sock.close()


def make_session(host: str) -> Session:
    return Session(host)


def log_line(path: str, text: str) -> None:
    log = open_quiet(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: use "with open_quiet(...) as log:" or call "log.close()"
    log.write(text)  # N: "log" escapes here: the function ends without releasing it


def ping(host: str) -> None:
    session = make_session(host)  # E: "session" is not released on every path  [resource-leak]  # N: help: call "session.close()" on every path
    session.send(b"ping")  # N: "session" escapes here: the function ends without releasing it


def ping_closed(host: str) -> None:
    session = Session(host)
    try:
        session.send(b"ping")
    finally:
        session.close()


def log_with(path: str) -> None:
    with open_quiet(path) as log:
        log.write("x")
