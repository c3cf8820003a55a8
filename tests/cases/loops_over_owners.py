"""Several resources released by one loop: a loop over a tuple or list display, or over a
local bound to one, whose body releases the loop variable takes care of each item
(docs/design.md §2.5)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO


def closed_in_finally(base: str) -> int:
    """Each stream closed by the loop of the finally block."""
    out = open(base + ".out", "w")
    err = open(base + ".err", "w")
    try:
        return out.write("") + err.write("")
    finally:
        for stream in (out, err):
            with contextlib.suppress(Exception):
                stream.close()


def closed_through_a_list(base: str, to_stdout: bool) -> None:
    """The files to close are collected in a list, which a loop closes at the end."""
    if to_stdout:
        packf: IO[bytes] = sys.stdout.buffer
        close: list[IO[bytes]] = []
    else:
        packf = open(base + ".pack", "wb")
        idxf = open(base + ".idx", "wb")
        close = [packf, idxf]
    packf.write(b"data")
    for f in close:
        f.close()


def closed_when_open(paths: tuple[str, str]) -> None:
    """The loop's release is conditional on the file being open: still the loop's care."""
    a, b = open(paths[0]), open(paths[1])
    a.read()
    for f in [a, b]:
        if not f.closed:
            f.close()


def closed_by_with(paths: tuple[str, str]) -> None:
    """A with block over the loop variable releases it."""
    a = open(paths[0])
    b = open(paths[1])
    for f in (a, b):
        with f:
            f.read()


def loop_only_flushes(base: str) -> None:
    """A loop that does not release its variable takes care of nothing."""
    out = open(base + ".out", "w")  # E: "out" is not released on every path  [resource-leak]  # N: help: use "with open(...) as out:" or call "out.close()"
    for stream in (out, sys.stderr):
        stream.flush()  # N: "out" escapes here: the function ends without releasing it


def list_never_iterated(base: str) -> None:
    """A list that no releasing loop runs over is no care of its items."""
    packf = open(base + ".pack", "wb")  # E: "packf" is not released on every path  [resource-leak]  # N: help: use "with open(...) as packf:" or call "packf.close()"
    keep = [packf]
    packf.write(b"")
    print(len(keep))  # N: "packf" escapes here: the function ends without releasing it


def other_list_released(base: str) -> None:
    """A loop that releases another list's items does not release this one's."""
    a = open(base + ".a")  # E: "a" is not released on every path  [resource-leak]  # N: help: use "with open(...) as a:" or call "a.close()"
    b = open(base + ".b")
    kept = [a]
    closing = [b]
    for f in closing:
        f.close()
    print(kept)  # N: "a" escapes here: the function ends without releasing it


def descriptors(fds: list[int]) -> None:
    """A loop over plain values is not disturbed."""
    for fd in (fds[0], fds[1]):
        os.close(fd)

