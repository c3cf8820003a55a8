"""Conditions that decide whether a resource was acquired (docs/design.md §2.10): the same
condition over unchanged variables has the same outcome wherever it is tested; a fresh
resource is never an object that existed before it; ``f.closed`` is true only once ``f``
is released; a value whose class has no ``__bool__`` / ``__len__`` is truthy unless None."""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import socket
import sys
from typing import IO, BinaryIO
from zipfile import ZipFile


class Mode:
    """A plain class: neither __bool__ nor __len__, so its instances are always truthy."""


class Tool:
    verbose: bool
    log: str
    out: IO[str]

    def run(self) -> None:
        """An attribute chain of a parameter, tested twice."""
        if self.verbose:
            f: IO[str] = open(self.log)
        else:
            f = sys.stdin
        f.read()
        if self.verbose:
            f.close()

    def run_after_store(self) -> None:
        if self.verbose:
            f: IO[str] = open(self.log)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
        else:
            f = sys.stdin
        self.verbose = False  # the store changes what self.verbose says
        if self.verbose:
            f.close()  # N: "f" escapes here: the function ends without releasing it

    def run_to_own_output(self, path: str) -> None:
        """self.out existed before the call: a fresh file is never it."""
        if path:
            out: IO[str] = open(path, "w")
        else:
            out = self.out
        out.write("x")
        if out is not self.out:
            out.close()


# silent: the same condition, tested again ----------------------------------------------------

def copy(path: str) -> None:
    """The shape of quopri's main(): opened and closed under the same comparison."""
    if path != "-":
        f: IO[str] = open(path)
    else:
        f = sys.stdin
    try:
        f.read()
    finally:
        if path != "-":
            f.close()


def copy_other_edge(path: str) -> None:
    """`path == "-"` is the other edge of `path != "-"`."""
    if path != "-":
        f: IO[str] = open(path)
    else:
        f = sys.stdin
    f.read()
    if path == "-":
        return
    f.close()


def copy_negated(path: str) -> None:
    if path != "-":
        f: IO[str] = open(path)
    else:
        f = sys.stdin
    f.read()
    if not (path != "-"):
        return
    f.close()


def copy_each(paths: list[str]) -> None:
    """The loop rebinds `file`: each iteration tests its own value twice."""
    for file in paths:
        if file == "-":
            fp = sys.stdin.buffer
        else:
            try:
                fp = open(file, "rb")
            except OSError:
                continue
        try:
            fp.read()
        finally:
            if file != "-":
                fp.close()


def elif_chain(path: str, quiet: bool, verbose: bool) -> None:
    """Acquired under `not quiet and verbose`, released under the same chain of tests."""
    if quiet:
        out = sys.stdout
    elif verbose:
        out = open(path, "w")
    else:
        out = sys.stderr
    out.write("x")
    if quiet:
        pass
    elif verbose:
        out.close()


def elif_as_conjunction(path: str, quiet: bool, verbose: bool) -> None:
    if quiet:
        out = sys.stdout
    elif verbose:
        out = open(path, "w")
    else:
        out = sys.stderr
    out.write("x")
    if not quiet and verbose:
        out.close()


def parsed_output(args: argparse.Namespace) -> None:
    if args.output:
        out: IO[str] = open(args.output, "w")
    else:
        out = sys.stdout
    out.write("x")
    if args.output:
        out.close()


def same_local_two_tests(target: str, mode: Mode | None) -> None:
    """`mode is not None` and `mode` are one test: a Mode is never falsy."""
    if mode is not None:
        archive = ZipFile(target, "w")
    try:
        pass
    finally:
        if mode:
            archive.close()


def compound_condition(path: str, keep: bool, dry: bool) -> None:
    if not keep and not dry:
        f: IO[str] = open(path)
    else:
        f = sys.stdin
    f.read()
    if not keep and not dry:
        f.close()


# silent: a fresh resource is not an older object -----------------------------------------------

def gzip_main(path: str) -> None:
    """The shape of gzip's main()."""
    if path == "-":
        f = sys.stdin.buffer
    else:
        f = open(path, "rb")
    f.read()
    if f is not sys.stdin.buffer:
        f.close()


def compared_by_equality(path: str) -> None:
    """Neither side defines __eq__: `!=` is `is not`."""
    if path == "-":
        f = sys.stdin.buffer
    else:
        f = open(path, "rb")
    f.read()
    if f != sys.stdin.buffer:
        f.close()


def parameter_default(path: str, default: BinaryIO) -> None:
    if path:
        f: BinaryIO = open(path, "rb")
    else:
        f = default
    f.read()
    if f is not default:
        f.close()


def kept_in_a_local(path: str) -> None:
    """`stdout` is only ever bound to sys.stdout."""
    stdout = sys.stdout
    if path:
        out: IO[str] = open(path, "w")
    else:
        out = stdout
    out.write("x")
    if out is not stdout:
        out.close()


def none_or_stdout(path: str | None) -> None:
    out: IO[str] | None = None
    if path:
        out = open(path, "w")
    else:
        out = sys.stdout
    out.write("x")
    if out is not None and out is not sys.stdout:
        out.close()


# silent: closed means released -----------------------------------------------------------------

def close_unless_closed(path: str) -> None:
    f = open(path)
    f.read()
    if not f.closed:
        f.close()


def closed_early(path: str) -> None:
    f = open(path)
    if f.closed:
        return
    f.read()
    f.close()


def close_if_open(path: str) -> None:
    f = open(path)
    f.read()
    if f and not f.closed:
        f.close()


def gzip_unless_closed(path: str) -> None:
    """A GzipFile is an io.BufferedIOBase: its closed is io.IOBase's."""
    g = gzip.open(path, "rb")
    g.read()
    if not g.closed:
        g.close()


# silent: a Popen is never falsy ----------------------------------------------------------------

def command_stdout(command: list[str]) -> bytes | None:
    """The shape of uuid's _get_command_stdout()."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE)
    if not proc:
        return None
    stdout, _ = proc.communicate()
    return stdout


def only_when_started(command: list[str]) -> bytes:
    proc = subprocess.Popen(command, stdout=subprocess.PIPE)
    if proc:
        stdout, _ = proc.communicate()
        return stdout
    return b""


# reported -----------------------------------------------------------------------------------

def released_on_the_other_edge(path: str) -> None:
    if path != "-":
        f: IO[str] = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    else:
        f = sys.stdin
    f.read()
    if path == "-":
        f.close()  # N: "f" escapes here: the function ends without releasing it


def tested_after_a_rebinding(path: str) -> None:
    if path != "-":
        f: IO[str] = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    else:
        f = sys.stdin
    path = os.path.basename(path)
    if path != "-":
        f.close()  # N: "f" escapes here: the function ends without releasing it


def a_call_may_answer_otherwise(path: str) -> None:
    if os.path.exists(path):
        f: IO[str] = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    else:
        f = sys.stdin
    f.read()
    if os.path.exists(path):
        f.close()  # N: "f" escapes here: the function ends without releasing it


def same_local_may_be_empty(target: str, zip: str | None) -> None:
    """jinja2's compile_templates: "" is not None, yet falsy."""
    if zip is not None:
        archive = ZipFile(target, "w")  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with ZipFile(...) as archive:" or call "archive.close()"
    try:
        pass
    finally:
        if zip:
            archive.close()  # N: "archive" escapes here: the function ends without releasing it


def gzip_main_without_close(path: str) -> None:
    if path == "-":
        f = sys.stdin.buffer
    else:
        f = open(path, "rb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    f.read()
    if f is not sys.stdin.buffer:
        f.flush()  # N: "f" escapes here: the function ends without releasing it


def compared_with_an_alias(path: str, other: IO[str]) -> None:
    """`g` may hold the very file: `out is not g` says nothing of it."""
    g = other
    out = open(path, "w")  # E: "out" is not released on every path  [resource-leak]  # N: help: use "with open(...) as out:" or call "out.close()"
    g = out
    if out is not g:
        out.close()  # N: "out" escapes here: the function ends without releasing it


def only_checks_closed(path: str) -> None:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    if f.closed:
        return
    f.read()  # N: "f" escapes here: the function ends without releasing it


def socket_from_fd_or_object(sock_or_fd: socket.socket | int, strict: bool) -> socket.socket:
    # anyio's shape: built from an fd only when given one; released under the same test
    if isinstance(sock_or_fd, int):
        sock = socket.socket(fileno=sock_or_fd)
    else:
        sock = sock_or_fd
    try:
        if strict and sock.type != socket.SOCK_STREAM:
            raise ValueError("not a stream socket")
    except BaseException:
        if isinstance(sock_or_fd, int):
            sock.detach()
        raise
    return sock


def socket_detached_under_another_test(sock_or_fd: socket.socket | int, fallback: socket.socket | int) -> socket.socket:
    # the release is under a test of another value: not the same condition
    if isinstance(sock_or_fd, int):
        sock = socket.socket(fileno=sock_or_fd)  # E: "sock" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as sock:" or call "sock.close()"
    else:
        sock = sock_or_fd
    try:
        if sock.type != socket.SOCK_STREAM:
            raise ValueError("not a stream socket")  # N: "sock" escapes here: raises at line 371 without releasing it
    except BaseException:
        if isinstance(fallback, int):
            sock.detach()
        raise  # N: "sock" escapes here: raises at line 375 without releasing it
    return sock
