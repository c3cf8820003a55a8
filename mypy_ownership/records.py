"""Value classes written by hand: what ``@dataclass`` would generate for them (equality,
hash and repr over the fields, frozen instances, ``_replace``), without the code it
generates and compiles for every class at each start of mypy (a few million
instructions a class). Plain Python: any module of the package may use it.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from typing import Any, ClassVar

from typing_extensions import Self


class Record:
    """Equality and repr over the fields a subclass annotates, in their order, as a
    dataclass's: two records are equal when of the same class with equal fields. A
    frozen subclass sets ``__hash__ = Record.hashed`` (a mutable one has none, as a
    dataclass); its ``__init__`` sets every field."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Any]  # a staticmethod: the fields' values, as a tuple

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls._fields = tuple(cls.__dict__.get("__annotations__", ()))  # noqa: RUF063 (the fields, in order; no import)
        get = attrgetter(*cls._fields)
        values = get if len(cls._fields) > 1 else (lambda record: (get(record),))
        cls._values = staticmethod(values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._values(self) == other._values(other))  # type: ignore[attr-defined]
        return NotImplemented

    def _replace(self, **changes: object) -> Self:
        """A copy with some fields changed, as ``dataclasses.replace`` (its ``__init__``
        takes every field by its name)."""
        fields = {name: changes.pop(name, getattr(self, name)) for name in self._fields}
        if changes:
            raise TypeError(f"{self.__class__.__qualname__} has no field {next(iter(changes))!r}")
        return self.__class__(**fields)

    def hashed(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        return shown(self, self._fields)


def shown(record: object, fields: tuple[str, ...]) -> str:
    """A dataclass's repr: the class and each field."""
    listed = ", ".join(f"{name}={getattr(record, name)!r}" for name in fields)
    return f"{record.__class__.__qualname__}({listed})"


class Frozen:
    """Instances whose fields are set once, by ``__init__`` (``self.__dict__.update``)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


