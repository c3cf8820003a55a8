"""The run-time vocabulary of mypy-ownership: ``Own``, ``Ref`` and ``Mut``.

Each is a generic alias ``Annotated[T, <marker>]``. mypy checks ``Own[T]`` exactly as
``T`` and keeps the alias name in the analysed type, which is how the plugin reads the
ownership mode of a parameter, return or variable. At run time the alias costs nothing,
and ``typing.get_type_hints(f, include_extras=True)`` shows the marker.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

__all__ = ["Own", "Ref", "Mut", "Ownership", "OWN", "REF", "MUT", "__version__"]

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
