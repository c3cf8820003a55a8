"""The checks, one module per family. Each exposes ``check(unit) -> list[Finding]`` and
sees only a :class:`~mypy_ownership.unit.Unit`: no mypy build objects, no error sink."""

from __future__ import annotations

from collections.abc import Callable

from mypy_ownership.checks import borrows, leaks, lifetimes, moves, placement
from mypy_ownership.diagnostics import Finding
from mypy_ownership.unit import Unit

Check = Callable[[Unit], list[Finding]]

DEFAULT_CHECKS: tuple[Check, ...] = (
    placement.check,
    lifetimes.check,
    moves.check,
    leaks.check,
    borrows.check,
)
