"""Same-module summaries (docs/design.md §2.3): a function of the module that releases a
parameter on every path releases it for its callers; one that stores it, or hands it on,
hands it over; one that only reads it does neither. Recursion: the greatest fixed point."""

import contextlib, io
from typing import IO, Any, Iterator

def _sync_close(f: IO[str]) -> None:
    f.flush()
    f.close()

def keep(store: list[Any], f: IO[str]) -> None:
    store.append(f)

def sometimes(f: IO[str], flag: bool) -> None:
    if flag:
        f.close()

def only_reads(f: IO[str]) -> str:
    return f.read()

def _iter_lines(f: IO[str]) -> Iterator[str]:
    with contextlib.closing(f):
        for line in f:
            yield line

def recursive(f: IO[str], n: int) -> None:
    if n:
        recursive(f, n - 1)
    else:
        f.close()

def use_sync(path: str) -> None:
    f = open(path, "w")
    try:
        f.write("x")
    finally:
        _sync_close(f)

def use_keep(path: str, store: list[Any]) -> None:
    f = open(path, "w")
    keep(store, f)
    f.write("y")

def use_sometimes(path: str, flag: bool) -> None:
    f = open(path, "w")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    sometimes(f, flag)  # N: "f" escapes here: the function ends without releasing it

def use_reads(path: str) -> str:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    return only_reads(f)  # N: "f" escapes here: returns at line 51 without releasing it

def use_iter(path: str) -> list[str]:
    f = open(path)
    return list(_iter_lines(f))

def use_after(path: str) -> str:
    f = open(path)
    _sync_close(f)  # N: "f" was released here by call to "_sync_close"
    return f.read()  # E: "f" used after release  [use-after-move]

def use_rec(path: str) -> None:
    f = open(path)
    recursive(f, 3)

class C:
    def _close(self, f: IO[str]) -> None:
        f.close()
    def go(self, path: str) -> None:
        f = open(path)
        self._close(f)
