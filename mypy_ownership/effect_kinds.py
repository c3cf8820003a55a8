"""The kinds of effect a call can have, as plain data: what the call effects
(``effects.py``) answer and what the lowering and the summaries read (docs/design.md
§11.2). Kept apart so that a reader of these answers need not import the module that
interprets the stubs."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol, TypeVar

from mypy.nodes import CallExpr, Expression, FuncDef, Var
from mypy.types import Type

from mypy_ownership.state import Acquired


class Insertion(enum.Enum):
    """A call that stores its argument in the receiver (``append``), or its items (``extend``)."""

    VALUE = "value"
    ITEMS = "items"


class Wrapping(NamedTuple):
    """A wrapper's result (docs/design.md §2.4): a second view of a local name's object
    (``view``), or an object of its own that owes a release only when ``owes``."""

    view: Expression | None
    owes: bool


class ParamEffect(enum.Enum):
    """What a function of the module does with a parameter on every path that returns
    (docs/design.md §2.3): releases it, takes it over (moves it to an ``Own`` parameter or
    field: for callers a move, as an ``Own`` parameter is), or hands it over (stores it
    where the analysis cannot follow it)."""

    RELEASES = "releases"
    TAKES_OVER = "takes over"
    HANDS_OVER = "hands over"


class Summaries(Protocol):
    """Same-module summaries (``summaries.py``): per actual argument of a call."""

    def of_call(
        self, call: CallExpr, type_of: Callable[[Expression], Type | None]
    ) -> dict[int, ParamEffect]: ...

    def called(self, call: CallExpr, type_of: Callable[[Expression], Type | None]) -> FuncDef | None:
        """The function of the module the call reaches, if it has a summary at all."""

    def result_of(self, call: CallExpr, type_of: Callable[[Expression], Type | None]) -> Acquired | None:
        """The resource the called function of the module returns, acquired at the call
        (a known owner, docs/design.md §2.4); None if it returns none."""

    def fields_released_in(self, func: FuncDef) -> dict[Var, frozenset[Acquired]]:
        """The fields a releasing method of a class owning what it stores must release."""

    def of_owning_class(self, t: Type | None) -> bool:
        """A value of a class of the module owning what it stores (docs/design.md §6)."""


class LockEffect(enum.Enum):
    ACQUIRE = "acquire lock"
    RELEASE = "release lock"


_T = TypeVar("_T")


def per_call(method: Callable[[Any, CallExpr], _T]) -> Callable[[Any, CallExpr], _T]:
    """A question of one call, answered once per call effects object (one unit's flow):
    what it reads (stubs, types, summaries) does not change while the flow runs."""
    name = method.__name__

    def answer(self: Any, call: CallExpr) -> _T:
        key = (name, call)
        memo = self.per_call
        if key not in memo:
            memo[key] = method(self, call)
        return memo[key]  # type: ignore[no-any-return]

    return answer
