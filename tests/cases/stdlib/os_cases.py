"""os.fdopen, os.scandir and os.popen hand the caller a resource to close."""

import os
import socket
import sys


# os.scandir -----------------------------------------------------------------------------

def list_files(path: str) -> list[str]:
    # the documentation's example
    with os.scandir(path) as it:
        return [entry.name for entry in it if not entry.name.startswith(".") and entry.is_file()]


def first_hidden(path: str) -> str | None:
    it = os.scandir(path)  # E: "it" is not released on every path  [resource-leak]  # N: help: use "with scandir(...) as it:" or call "it.close()"
    for entry in it:
        if entry.name.startswith("."):
            return entry.name  # N: "it" escapes here: returns at line 20 without releasing it
    it.close()
    return None


def first_hidden_closed(path: str) -> str | None:
    it = os.scandir(path)
    try:
        for entry in it:
            if entry.name.startswith("."):
                return entry.name
        return None
    finally:
        it.close()


def count_twice(path: str) -> int:
    it = os.scandir(path)
    n = sum(1 for _ in it)
    it.close()  # N: "it" was released here by close()
    for _ in it:  # E: "it" used after release  [use-after-move]
        n += 1
    return n


# os.fdopen ------------------------------------------------------------------------------

def read_fd(path: str) -> str:
    fd = os.open(path, os.O_RDONLY)
    f = os.fdopen(fd)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with fdopen(...) as f:" or call "f.close()"
    return f.read()  # N: "f" escapes here: returns at line 50 without releasing it


def read_fd_with(path: str) -> str:
    fd = os.open(path, os.O_RDONLY)
    with os.fdopen(fd) as f:
        return f.read()


def write_fd(fd: int, text: str) -> None:
    f = os.fdopen(fd, "w")
    f.write(text)
    f.close()  # N: "f" was released here by close()
    f.write("\n")  # E: "f" used after release  [use-after-move]


# os.popen -------------------------------------------------------------------------------

def list_dir_with_ls() -> str:
    with os.popen("ls") as pipe:
        return pipe.read()


def exit_status(cmd: str) -> int | None:
    pipe = os.popen(cmd)
    output = pipe.read()
    status = pipe.close()  # N: "pipe" was released here by close()
    print(output, pipe.read())  # E: "pipe" used after release  [use-after-move]
    return status


def popen_leak(cmd: str) -> str:
    pipe = os.popen(cmd)  # E: "pipe" is not released on every path  [resource-leak]  # N: help: use "with popen(...) as pipe:" or call "pipe.close()"
    return pipe.read()  # N: "pipe" escapes here: returns at line 83 without releasing it


# os._exit ends the process: no exception from it reaches a handler --------------------------------

def fork_server(listener: socket.socket) -> None:
    while True:
        try:
            conn, _ = listener.accept()
            with conn:
                if os.fork() == 0:
                    code = 1
                    try:
                        listener.close()
                        code = 0
                    finally:
                        os._exit(code)
        except OSError:
            pass


def fork_server_exiting_by_exception(listener: socket.socket) -> None:
    # sys.exit raises SystemExit, which the handler below may see (the analysis does not
    # match exception types): the next iteration may find the listener closed
    while True:
        try:
            conn, _ = listener.accept()  # E: "listener" used after release: released in a previous iteration of the loop  [use-after-move]
            with conn:
                if os.fork() == 0:
                    try:
                        listener.close()  # N: "listener" was released here by close(), in a previous iteration of the loop
                    finally:
                        sys.exit(0)
        except BaseException:
            pass
