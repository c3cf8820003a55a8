"""A module that cannot see Own/Ref/Mut is analysed only in the functions holding a call the
stubs say acquires, releases or moves (Overlay.ownership_call_lines). Each function below
holds exactly one kind of such call, so a filter that forgets one kind fails here."""

import io
import socket
import socketserver
import threading
from typing import Any


def released_parameter(s: socket.socket) -> None:
    s.close()  # N: "s" was released here by close()
    s.send(b"")  # E: "s" used after release  [use-after-move]


class Stream(io.FileIO):
    def finish(self) -> None:
        self.close()  # N: "self" was released here by close()
        print(self.readline())  # E: "self" used after release  [use-after-move]


def narrowed_optional(s: socket.socket | None) -> None:
    if s is not None:
        s.close()  # N: "s" was released here by close()
        s.send(b"")  # E: "s" used after release  [use-after-move]


def moved_parameter(server: socketserver.TCPServer, request: socket.socket) -> None:
    server.shutdown_request(request)  # N: "request" was moved here by call to "shutdown_request"
    request.send(b"")  # E: "request" used after move  [use-after-move]


def moved_through_the_class(server: socketserver.TCPServer, request: socket.socket) -> None:
    socketserver.TCPServer.shutdown_request(server, request)  # N: "request" was moved here by call to "shutdown_request"
    request.send(b"")  # E: "request" used after move  [use-after-move]


def constructed_subclass(path: str) -> None:
    f = io.FileIO(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with FileIO(...) as f:" or call "f.close()"
    f.read()  # N: "f" escapes here: the function ends without releasing it


def outer(path: str) -> None:
    def inner() -> str:
        f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
        return f.read()  # N: "f" escapes here: returns at line 47 without releasing it
    inner()


def lock_taken(lock: threading.Lock, ready: bool) -> None:
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    if ready:
        return  # N: "lock" escapes here: returns at line 54 without releasing it
    lock.release()


# silent: nothing the stubs cover is acquired, released or moved -------------------------------------

def only_uses(s: socket.socket, lock: threading.Lock) -> bytes:
    s.send(b"ping")
    with lock:
        return s.recv(4)


def untyped_receiver(x: Any) -> None:
    x.close()  # an Any receiver releases only what the function acquired
    x.send(b"")


class Holder:
    def __init__(self, s: socket.socket) -> None:
        self.sock = s

    def stop(self) -> None:
        self.sock.close()  # a field: without Own annotations only names are followed
        self.sock.send(b"")


def released_then_not_used(s: socket.socket) -> None:
    s.send(b"bye")
    s.close()
