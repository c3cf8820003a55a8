"""The three ownership modes as plain values, so that the state domain can name them
without importing mypy (``signatures.py`` reads them out of mypy's types)."""

from __future__ import annotations

import enum


class Mode(enum.Enum):
    OWN = "Own"
    REF = "Ref"
    MUT = "Mut"

    @property
    def is_borrow(self) -> bool:
        return self is not Mode.OWN
