"""A module of the program other than the caller's: its functions are known by their
signatures only (docs/design.md §2.3), so a resource created in an argument to one of
them is taken as handed over, as a third-party callable without stubs is."""

from typing import IO


def load(stream: IO[str]) -> str:
    return stream.read()
