"""Wrapper classes of the user's code: a subclass of an io class (or of typing.IO) that no
stub names, constructed over a file object, is a second view of that file: its close()
closes what it wraps (docs/design.md §2.4). Known from the constructor's signature only."""

from __future__ import annotations

import hashlib
import io
from typing import IO


class HashingWriter(io.RawIOBase):
    """Writes through to a file and hashes what passes."""

    def __init__(self, f: IO[bytes] | io.RawIOBase) -> None:
        self.f = f
        self.sha = hashlib.sha1()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.sha.update(data)
        return self.f.write(data) or 0

    def digest(self) -> bytes:
        return self.sha.digest()

    def close(self) -> None:
        self.f.close()


class LogFile(io.RawIOBase):
    """Opens a file of its own from a path."""

    def __init__(self, path: str) -> None:
        self.f = open(path, "ab")

    def close(self) -> None:
        self.f.close()


def checksum_into(f: IO[bytes], data: bytes) -> bytes:
    """The caller's file, wrapped to hash it: the caller closes the file."""
    writer = HashingWriter(f)
    writer.write(data)
    return writer.digest()


def rebound_to_its_wrapper(f: IO[bytes] | io.RawIOBase, data: bytes) -> bytes:
    """Rebinding a parameter to a wrapper over it: nothing is owed here."""
    f = HashingWriter(f)
    f.write(data)
    return b""


def closed_through_the_wrapper(path: str) -> bytes:
    """One object under two names: closing the wrapper closes the file."""
    f = open(path, "wb")
    writer = HashingWriter(f)
    writer.write(b"x")
    digest = writer.digest()
    writer.close()
    return digest


def closed_through_the_file(path: str) -> bytes:
    """Closing the wrapped file ends the one obligation too."""
    f = open(path, "wb")
    writer = HashingWriter(f)
    writer.write(b"x")
    digest = writer.digest()
    f.close()
    return digest


def neither_closed(path: str) -> bytes:
    """A wrapper over a file this function opened: one obligation, left unpaid."""
    f = open(path, "wb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    writer = HashingWriter(f)
    writer.write(b"x")
    return writer.digest()  # N: "f" escapes here: returns at line 82 without releasing it


def over_a_fresh_file(path: str) -> bytes:
    """A file opened in the call itself is the wrapper's to close."""
    writer = HashingWriter(open(path, "wb"))  # E: "writer" is not released on every path  [resource-leak]  # N: help: use "with HashingWriter(...) as writer:" or call "writer.close()"
    writer.write(b"x")
    return writer.digest()  # N: "writer" escapes here: returns at line 89 without releasing it


def from_a_path(path: str) -> None:
    """Given a path, not a file object, the class holds a file of its own."""
    log = LogFile(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: use "with LogFile(...) as log:" or call "log.close()"
    log.write(b"x")  # N: "log" escapes here: the function ends without releasing it
