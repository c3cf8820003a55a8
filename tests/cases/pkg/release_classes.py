"""Releasing methods defined in one module and called in another (docs/design.md §7.3,
§12.20): pkg/release_uses.py releases them twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mypy_ownership import Own, repeatable

F = TypeVar("F", bound=Callable[..., object])


def logged(func: F) -> F:
    """A decorator of the user's own, which says nothing of ownership."""
    return func


class Plain:
    """close() says nothing else."""

    def close(self: Own[Plain]) -> None: ...


class Marked:
    """close() is marked @repeatable."""

    @repeatable
    def close(self: Own[Marked]) -> None: ...


class Decorated:
    """close() carries a decorator that is no marker."""

    @logged
    def close(self: Own[Decorated]) -> None: ...
