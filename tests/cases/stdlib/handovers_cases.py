"""Hand-overs: calls that take the release over. Stubs marked @takes_over leave the value
usable; constructors of classes no stub covers, and methods of the object being defined,
keep what they are given (docs/design.md §2.5: what the analysis cannot follow ends tracking)."""

from __future__ import annotations

import abc
import contextlib
import logging
import socket
import sqlite3
import typing
from typing import IO


def closing_keeps_the_value_usable(path: str) -> int:
    db = sqlite3.connect(path)
    with contextlib.closing(db):
        return len(db.execute("select 1").fetchall())


def exit_stack_keeps_the_value_usable(paths: list[str]) -> list[str]:
    with contextlib.ExitStack() as stack:
        files = []
        for path in paths:
            f = open(path)
            stack.enter_context(f)
            files.append(f.readline())
        return files


def logger_keeps_the_handler_usable(path: str) -> logging.Logger:
    log = logging.getLogger("app")
    handler = logging.FileHandler(path)
    log.addHandler(handler)
    handler.setLevel(logging.INFO)
    return log


class LineReader:
    def __init__(self, source: IO[str]) -> None:
        self.source = source

    def next_line(self) -> str:
        return self.source.readline()


def a_wrapper_keeps_its_argument(path: str) -> LineReader:
    f = open(path)
    return LineReader(f)


class Connection:
    def __init__(self) -> None:
        self.sock: socket.socket | None = None

    def set_socket(self, sock: socket.socket) -> None:
        self.sock = sock

    def connect(self, host: str) -> None:
        sock = socket.create_connection((host, 80))
        self.set_socket(sock)


def a_plain_function_only_borrows(path: str) -> str:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    return first_line(f)  # N: "f" escapes here: returns at line 67 without releasing it


def first_line(f: IO[str]) -> str:
    return f.readline()


def closing_twice_is_harmless(path: str) -> None:
    f = open(path)
    f.close()
    f.close()


def communicate_twice_is_a_bug(cmd: list[str]) -> None:
    import subprocess

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    proc.communicate()  # N: "proc" was released here by communicate()
    proc.communicate()  # E: "proc" used after release  [use-after-move]


def a_releasing_bound_method_hands_over(path: str) -> None:
    import atexit

    f = open(path, "w")
    atexit.register(f.close)
    f.write("started")


def another_bound_method_does_not(port: int) -> None:
    import socketserver
    import threading

    server = socketserver.TCPServer(("", port), socketserver.BaseRequestHandler)  # E: "server" is not released on every path  [resource-leak]  # N: help: use "with TCPServer(...) as server:" or call "server.server_close()"
    threading.Thread(target=server.serve_forever).start()  # N: "server" escapes here: the function ends without releasing it


def accepted_connections_go_to_the_callback(
    sock: socket.socket, callback: typing.Callable[[socket.socket, object], None]
) -> None:
    # a callback held in a variable: code the analysis cannot see, the usual hand-on
    while True:
        conn, address = sock.accept()
        callback(conn, address)


def accepted_connection_only_printed(sock: socket.socket) -> None:
    conn, address = sock.accept()  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with conn:" or call "conn.close()"
    print(conn, address)  # N: "conn" escapes here: the function ends without releasing it


def connection_given_to_an_untyped_factory(sock: socket.socket, factory: typing.Any = None) -> object:
    conn, _ = sock.accept()
    return factory(conn)


class Listener:
    def serve(self) -> None: ...


class Backend(abc.ABC):
    @classmethod
    @abc.abstractmethod
    def create_listener(cls, sock: socket.socket) -> Listener:
        """A subclass's implementation keeps the socket in the listener it makes."""

    @abc.abstractmethod
    def configure(self, sock: socket.socket) -> None:
        pass

    @abc.abstractmethod
    def describe(self, sock: socket.socket) -> str:
        pass


def listener_made_by_an_abstract_factory(backend: type[Backend]) -> Listener:
    # the implementation that runs is a subclass's: the listener it returns keeps the socket
    sock = socket.socket()
    sock.bind(("", 0))
    return backend.create_listener(sock)


def listeners_made_in_a_loop(backend: type[Backend], count: int) -> list[Listener]:
    listeners = []
    for _ in range(count):
        sock = socket.socket()
        listeners.append(backend.create_listener(sock))
    return listeners


def socket_only_configured_by_an_abstract_method(backend: Backend) -> None:
    sock = socket.socket()  # E: "sock" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as sock:" or call "sock.close()"
    backend.configure(sock)  # N: "sock" escapes here: the function ends without releasing it


def socket_only_described_by_an_abstract_method(backend: Backend) -> str:
    sock = socket.socket()  # E: "sock" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as sock:" or call "sock.close()"
    return backend.describe(sock)  # N: "sock" escapes here: returns at line 164 without releasing it
