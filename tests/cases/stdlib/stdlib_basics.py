"""Unannotated code using standard-library resources is checked through the stubs."""

import socket
import sqlite3
import threading


def read_config(path: str) -> str:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    if not path:
        return ""  # N: "f" escapes here: returns at line 11 without releasing it
    text = f.read()
    f.close()
    return text


def read_config_with(path: str) -> str:
    with open(path) as f:
        return f.read()


def read_after_close(path: str) -> str:
    f = open(path)
    f.close()  # N: "f" was released here by close()
    print(f.name, f.closed, f.fileno())
    return f.read()  # E: "f" used after release  [use-after-move]


def one_liner(path: str) -> str:
    return open(path).read()  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


def client(host: str) -> bytes:
    sock = socket.create_connection((host, 80))
    with sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return sock.recv(1024)


def server(port: int) -> None:
    srv = socket.create_server(("", port))
    conn, addr = srv.accept()  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with conn:" or call "conn.close()"
    print(addr)
    srv.close()  # N: "conn" escapes here: the function ends without releasing it


def database(path: str) -> None:
    db = sqlite3.connect(path)  # E: "db" is not released on every path  [resource-leak]  # N: help: call "db.close()" on every path
    with db:
        db.execute("create table t (x)")  # N: "db" escapes here: the function ends without releasing it


def database_closed(path: str) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("create table t (x)")
    db.close()


def locked(lock: threading.Lock, flag: bool) -> None:
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    if flag:
        return  # N: "lock" escapes here: returns at line 63 without releasing it
    lock.release()


def locked_with(lock: threading.Lock) -> None:
    with lock:
        print("held")


def try_lock(lock: threading.Lock) -> bool:
    if lock.acquire(timeout=1):
        lock.release()
        return True
    return False
