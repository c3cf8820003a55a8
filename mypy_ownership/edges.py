"""What one edge of a branch test says of the ownership state (docs/design.md §2.10).

The edges of a test know what only a branch knows: what a remembered local or condition
holds there (``state.follow_test``), a try-acquire that failed, a name that is ``None``,
an object released (``f.closed``), a name identical to an object older than anything the
unit acquired; ``and`` / ``or`` are followed part by part. The facts of an edge are
computed once (from the program, never a state) and applied to every state that takes it
(docs/design.md §11.5).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import Final

from mypy.nodes import CallExpr, ComparisonExpr, Expression, MemberExpr
from mypy.types import NoneType, Type, UnionType

from mypy_ownership.conditions import (
    Tested,
    identity_equality,
    parts,
    tested,
    truthy_unless_none,
)
from mypy_ownership.effects import CallEffects
from mypy_ownership.records import Frozen, Record
from mypy_ownership.scope import Scope
from mypy_ownership.signatures import proper
from mypy_ownership.state import (
    Acquired,
    FlagTest,
    FlowState,
    Name,
    follow_test,
    fresh,
    join,
    not_released,
    without_obligations,
)


class EdgeFacts(Frozen, Record):
    """What one edge of a test says. ``test``: what it teaches of a remembered local or
    condition; ``dropped``: names whose obligation does not hold there (a failed
    try-acquire, a name that is None); ``released``: a name whose object is released there
    (``f.closed``), with every other name for it; ``unreleased``: one whose object is not
    (``not f.closed``); ``not_fresh``: names identical there to
    an older object, so holding nothing the unit acquired; ``all_of``: parts that hold as
    well (``a and b`` on its true edge); ``any_of``: ways one of which holds (its false
    edge: ``not a``, or ``a and not b``)."""

    __hash__ = Record.hashed
    test: FlagTest | None
    dropped: tuple[Name, ...]
    released: Name | None
    unreleased: Name | None
    not_fresh: tuple[Name, ...]
    all_of: tuple[EdgeFacts, ...]
    any_of: tuple[EdgeFacts, ...]

    def __init__(
        self, test: FlagTest | None = None, dropped: tuple[Name, ...] = (), released: Name | None = None,
        unreleased: Name | None = None, not_fresh: tuple[Name, ...] = (), all_of: tuple[EdgeFacts, ...] = (),
        any_of: tuple[EdgeFacts, ...] = (),
    ) -> None:
        self.__dict__.update(
            test=test, dropped=dropped, released=released, unreleased=unreleased, not_fresh=not_fresh,
            all_of=all_of, any_of=any_of,
        )


NOTHING: Final = EdgeFacts()


class Edges:
    """The facts of the edges of one unit's tests. ``initial``: the unit's entry state (what
    it owes from its entry was not acquired in it)."""

    def __init__(self, scope: Scope, effects: CallEffects, initial: Callable[[], FlowState]) -> None:
        self.scope = scope
        self.effects = effects
        self.initial = initial
        self._facts: dict[tuple[int, bool], EdgeFacts] = {}
        self._before: frozenset[Acquired] | None = None

    def of(self, test: Expression, on_true: bool) -> EdgeFacts:
        """What the true (or false) edge of ``test`` says, computed once."""
        key = (id(test), on_true)
        known = self._facts.get(key)
        if known is None:
            known = self._facts[key] = self._compute(test, on_true)
        return known

    def _compute(self, test: Expression, on_true: bool) -> EdgeFacts:
        found = tested(test, on_true)
        if found is None:
            return NOTHING
        dropped = tuple(n for n in (self._failed_acquire(found), self._narrowed_to_none(found)) if n is not None)
        facts = EdgeFacts(
            self.scope.conditions.flag_test(found), dropped, self._released(found, True),
            self._released(found, False), self._identical(found),
        )
        facts = facts if facts != NOTHING else NOTHING
        split = parts(test)
        if split is None:
            return facts
        operator, left, right = split
        on = found.on_true  # of the and / or itself, its nots unwrapped
        first, second = self.of(left, on), self.of(right, on)
        if (operator == "and") == on:  # both parts hold
            both = tuple(f for f in (first, second) if f is not NOTHING)
            return facts._replace(all_of=both) if both else facts
        other = tuple(f for f in (self.of(left, not on), second) if f is not NOTHING)
        if first is NOTHING or not other:
            return facts  # one of the ways teaches nothing: neither does their join
        return facts._replace(any_of=(first, EdgeFacts(all_of=other)))

    def follow(self, facts: EdgeFacts, state: FlowState) -> FlowState:
        """The state past an edge: what its tests rule out does not take it."""
        if facts is NOTHING:
            return state
        if facts.test is not None:
            state = follow_test(state, facts.test)
        if state.owes and facts.dropped:
            state = without_obligations(state, facts.dropped)
        if state.owes and facts.released in state.owes:
            held = state.owes[facts.released].acquired
            state = without_obligations(state, [n for n, ob in state.owes.items() if not held.isdisjoint(ob.acquired)])
        if facts.unreleased is not None and facts.unreleased in state.moved:
            state = not_released(state, facts.unreleased)
        if state.owes and facts.not_fresh:
            before = self._entry_acquired()
            state = without_obligations(
                state, [n for n in facts.not_fresh if n in state.owes and fresh(state.owes[n], before)]
            )
        for part in facts.all_of:
            state = self.follow(part, state)
        if facts.any_of:
            state = reduce(join, [self.follow(way, state) for way in facts.any_of])
        return state

    def _entry_acquired(self) -> frozenset[Acquired]:
        if self._before is None:
            self._before = frozenset(a for ob in self.initial().owes.values() for a in ob.acquired)
        return self._before

    # -- single tests ----------------------------------------------------------------------------

    def _failed_acquire(self, found: Tested) -> Name | None:
        """``if lock.acquire(timeout=...):``: where the acquisition failed, nothing is held."""
        if not found.truthiness or found.on_true:
            return None
        call = found.expr
        if not isinstance(call, CallExpr) or not isinstance(call.callee, MemberExpr):
            return None
        return self.scope.local(call.callee.expr) if self.effects.may_fail(call) else None

    def _narrowed_to_none(self, found: Tested) -> Name | None:
        """The owner an edge says is ``None``, so owes nothing: the edge of ``x is None``
        where it holds, and the falsy edge of ``x`` for an ``Own[T | None]`` or for a value
        truthy unless ``None`` (docs/design.md §2.10)."""
        if found.truthiness and found.on_true:
            return None
        var = self.scope.local(found.expr)
        if var is None:
            return None
        if not found.truthiness:
            return var if found.on_true else None
        if _may_be_none(var.type) or truthy_unless_none(self.scope.conditions.type_of(found.expr)):
            return var
        return None

    def _released(self, found: Tested, edge: bool) -> Name | None:
        """``f.closed`` on its true edge, ``conn.is_open`` on its false one, for a member
        the stubs say tells the release (docs/design.md §7.3): ``f`` is released on that
        edge (``edge``); on the other (``not edge``), it is not."""
        expr = found.expr
        if not (found.truthiness and isinstance(expr, MemberExpr)):
            return None
        var = self.scope.local(expr.expr)
        polarity = self.effects.released_when(expr.expr, expr.name) if var is not None else None
        return var if polarity is not None and found.on_true == (edge == polarity) else None

    def _identical(self, found: Tested) -> tuple[Name, ...]:
        """``f is E`` (``f == E`` if neither side defines ``__eq__``) on the edge where it
        holds, for ``E`` an object older than the unit's acquisitions: ``f`` holds none of
        them there (docs/design.md §2.10)."""
        expr = found.expr
        if not found.truthiness or not isinstance(expr, ComparisonExpr) or len(expr.operators) != 1:
            return ()
        operator = expr.operators[0]
        if operator not in ("is", "==", "is not", "!=") or (operator in ("is", "==")) != found.on_true:
            return ()
        conditions, names = self.scope.conditions, []
        left, right = expr.operands
        for mine, other in ((left, right), (right, left)):
            var = self.scope.local(mine)
            if var is None or not conditions.pre_existing(other):
                continue
            if operator in ("==", "!=") and not (
                identity_equality(conditions.type_of(mine)) and identity_equality(conditions.type_of(other))
            ):
                continue
            names.append(var)
        return tuple(names)


def _may_be_none(t: Type | None) -> bool:
    p = proper(t)
    return isinstance(p, UnionType) and any(isinstance(proper(item), NoneType) for item in p.items)
