"""Files over a descriptor they will not close (closefd=False) own nothing: their close()
leaves the descriptor open and they never warn (stubs/builtins.pyi, @owes_nothing_when)."""

import io
import os


def borrowed_descriptor(fd: int) -> None:
    f = open(fd, "w", closefd=False)
    f.write("x")


def borrowed_descriptor_raw(fd: int) -> None:
    f = io.FileIO(fd, "w", closefd=False)
    f.write(b"x")


def borrowed_descriptor_fdopen(fd: int) -> None:
    f = os.fdopen(fd, "w", closefd=False)
    f.write("x")


def owned_descriptor(fd: int) -> None:
    f = open(fd, "w", closefd=True)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    f.write("x")  # N: "f" escapes here: the function ends without releasing it


def owned_by_default(fd: int) -> None:
    f = io.FileIO(fd, "w")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with FileIO(...) as f:" or call "f.close()"
    f.write(b"x")  # N: "f" escapes here: the function ends without releasing it


def closefd_not_a_constant(fd: int, close: bool) -> None:
    f = open(fd, "w", closefd=close)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    f.write("x")  # N: "f" escapes here: the function ends without releasing it
