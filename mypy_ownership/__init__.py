"""The run-time vocabulary of mypy-ownership: ``Own``, ``Ref`` and ``Mut``.

Each is a generic alias ``Annotated[T, <marker>]``. mypy checks ``Own[T]`` exactly as
``T`` and keeps the alias name in the analysed type, which is how the plugin reads the
ownership mode of a parameter, return or variable. At run time the alias costs nothing,
and ``typing.get_type_hints(f, include_extras=True)`` shows the marker.

The stub language's markers (``repeatable``, ``takes_over``, ... : ``markers.py``) are
exported too, as decorators that do nothing at run time, so user code can say what a stub
can.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from mypy_ownership.markers import (
    acquires,
    ends_process,
    exhausted_when,
    exhausts,
    exhausts_in_loop,
    fails_when,
    inserts,
    inserts_items,
    keeps,
    leaves_pipes,
    leaves_readable,
    owes_nothing_when,
    owes_pipes,
    owes_when,
    release_if_overridden,
    released_unless_none,
    released_when_false,
    released_when_true,
    releases_lock,
    repeatable,
    starts_obligation,
    takes_over,
    valid_after_release,
    view_of,
    wraps,
)

__all__ = [
    "Own", "Ref", "Mut", "Ownership", "OWN", "REF", "MUT", "__version__",
    "takes_over", "acquires", "releases_lock", "valid_after_release", "repeatable",
    "fails_when", "view_of", "wraps", "owes_when", "inserts", "inserts_items", "exhausts",
    "exhausted_when", "ends_process", "release_if_overridden", "released_unless_none",
    "released_when_true", "owes_nothing_when", "keeps",
    "owes_pipes", "leaves_pipes", "exhausts_in_loop",
    "released_when_false", "starts_obligation", "leaves_readable",
]

__version__ = "0.1.0"

T = TypeVar("T")


class Ownership:
    """The marker carried in ``Annotated`` metadata; one instance per mode."""

    __slots__ = ("mode",)

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def __repr__(self) -> str:
        return f"mypy_ownership.{self.mode.upper()}"


OWN = Ownership("own")
REF = Ownership("ref")
MUT = Ownership("mut")

Own = Annotated[T, OWN]
"""The value is owned: a parameter takes it, a return hands it over, a name keeps it."""

Ref = Annotated[T, REF]
"""A shared borrow: read only, never moved, released or stored beyond the borrow."""

Mut = Annotated[T, MUT]
"""An exclusive borrow: like ``Ref``, and ``Mut`` methods may be called through it."""
