"""Known owners: resources only the stubs make known follow Python's aliasing; declared
owners (Own) follow Rust's moves (docs/design.md §2.4)."""

from __future__ import annotations

import socket
import ssl
import subprocess
from typing import IO

from mypy_ownership import Own


class Archive:
    def __init__(self) -> None:
        self.files: list[IO[str]] = []
        self.current: IO[str] | None = None


def consume(f: Own[IO[str]]) -> None:
    f.close()


# silent: aliases of one object ---------------------------------------------------------------

def second_name_closes_it(path: str) -> str:
    f = open(path)
    g = f
    data = f.read()
    g.close()
    return data


def rebinding_one_alias_while_another_holds_it(path: str) -> None:
    f = open(path)
    g = f
    f = open(path + ".bak")
    f.close()
    g.close()


def inserted_and_still_used(paths: list[str]) -> list[IO[str]]:
    opened: list[IO[str]] = []
    for path in paths:
        f = open(path, "w")
        opened.append(f)  # the list keeps it: the obligation is the list's now
        f.write("header\n")
    return opened


def stored_in_an_attribute_and_still_used(archive: Archive, path: str) -> None:
    f = open(path, "w")
    archive.current = f
    f.write("header\n")


def stored_in_a_dict_and_still_used(by_name: dict[str, socket.socket], name: str) -> None:
    sock = socket.socket()
    by_name[name] = sock
    sock.setblocking(False)


def kept_in_a_history_after_closing(history: list[socket.socket]) -> None:
    sock = socket.socket()
    sock.close()
    history.append(sock)  # a container keeps it: only read, as requests keeps closed responses


def returned_after_waiting(cmd: list[str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(cmd)
    proc.wait()
    return proc  # the caller reads returncode: a released object handed back is only read


# report: a release or an Own parameter ends every alias ------------------------------------

def read_after_closing_the_other_name(path: str) -> str:
    f = open(path)
    g = f
    g.close()  # N: "f" was released here by close(), through "g" (the same object)
    return f.read()  # E: "f" used after release  [use-after-move]


def used_after_an_alias_was_given_to_an_own_parameter(path: str) -> str:
    f = open(path)
    g = f
    consume(f)  # N: "g" was moved here by call to "consume", through "f" (the same object)
    return g.read()  # E: "g" used after move  [use-after-move]


def raw_socket_used_after_wrap(ctx: ssl.SSLContext, host: str) -> None:
    raw = socket.create_connection((host, 443))
    sock = raw
    tls = ctx.wrap_socket(sock, server_hostname=host)  # N: "raw" was moved here by call to "wrap_socket", through "sock" (the same object)
    raw.send(b"x")  # E: "raw" used after move  [use-after-move]
    tls.close()


def leaks_when_every_name_is_rebound(path: str) -> None:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    g = f
    f = open(path + ".bak")
    f.close()
    g = open(path + ".old")  # N: "f" escapes here: rebound at line 104 without releasing it
    g.close()


# declared owners keep Rust's moves -------------------------------------------------------------

def declared_owner_moves_by_assignment(path: str) -> None:
    f: Own[IO[str]] = open(path)
    g = f  # N: "f" was moved here by assignment to "g"
    f.read()  # E: "f" used after move  [use-after-move]
    g.close()


def declared_owner_moves_into_a_container(f: Own[IO[str]], opened: list[IO[str]]) -> None:
    opened.append(f)  # N: "f" was moved here by call to "append"
    f.write("x")  # E: "f" used after move  [use-after-move]


# a bound release kept in a name --------------------------------------------------------------

def finished_through_a_bound_method(path: str) -> None:
    f = open(path, "w")
    write = f.write
    finish = f.close
    write("data")
    finish()


def bound_release_never_called(path: str) -> None:
    f = open(path, "w")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    finish = f.close
    f.write("data")  # N: "f" escapes here: the function ends without releasing it


def used_after_the_bound_release(path: str) -> str:
    f = open(path)
    finish = f.close
    finish()  # N: "f" was released here by finish(), through "finish" (the same object)
    return f.read()  # E: "f" used after release  [use-after-move]


class ChunkError(Exception):
    def __init__(self, response: object, line: bytes) -> None:
        super().__init__(line)
        self.response = response


def inspect(f: IO[bytes]) -> bytes:
    return f.read()


def closed_file_kept_by_an_exception(path: str) -> None:
    f = open(path, "rb")
    line = f.readline()
    f.close()
    raise ChunkError(f, line)  # a new object refers to it: that is no use


def closed_file_given_to_a_function(path: str) -> bytes:
    f = open(path, "rb")
    f.close()  # N: "f" was released here by close()
    return inspect(f)  # E: "f" used after release  [use-after-move]


def closed_file_written_to_through_a_list(path: str, files: list[IO[bytes]]) -> None:
    f = open(path, "rb")
    f.close()  # N: "f" was released here by close()
    files.append(f)
    f.read()  # E: "f" used after release  [use-after-move]


def bound_release_called_twice(path: str) -> None:
    f = open(path, "w")
    finish = f.close
    finish()
    finish()  # closing twice is harmless
