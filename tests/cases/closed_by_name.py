"""A ``closed`` member of a class no stub describes means what the stubs' ``closed`` means
(``@released_when_true`` goes by name there, as ``@repeatable`` does): on the edge where it
is true, the object is released (docs/design.md §2.10)."""

from __future__ import annotations

from mypy_ownership import Own


class LockedFile:
    """Writes to a temporary name; close() renames it into place, abort() discards it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, data: bytes) -> None: ...

    def close(self: Own[LockedFile]) -> None: ...

    def abort(self: Own[LockedFile]) -> None: ...


def commit(path: str, data: bytes) -> None:
    """Closed, or else aborted in the finally block: never both."""
    f = LockedFile(path)
    try:
        f.write(data)
        f.close()
    finally:
        if not f.closed:
            f.abort()


def abort_regardless(path: str, data: bytes) -> None:
    """Without the test, the abort after a close is a use after the move."""
    f = LockedFile(path)
    try:
        f.write(data)
        f.close()  # N: "f" was released here by close()
    finally:
        f.abort()  # E: "f" may have been released  [use-after-move]


def close_unless_closed_file(path: str) -> None:
    """The same with a file: its closed is the stubs' own."""
    f = open(path, "w")
    try:
        f.write("x")
        f.close()
    finally:
        if not f.closed:
            f.close()  # N: "f" was released here by close()
            f.flush()  # E: "f" used after release  [use-after-move]
