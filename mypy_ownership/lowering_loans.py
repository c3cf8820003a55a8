"""Lowering of the borrows that no name holds: a reference an argument returned
(``add(a.peek(), a)``), alive until the call it is given to runs, and the iterator of a
``for`` loop, alive while the loop runs (``for job in queue.items(): queue.push(job)``).

Each is a borrow held by the node it belongs to (``HoldBorrow``) and used where the call
runs, or where the loop asks for its next item (``UseHeld``): moving, releasing or mutably
borrowing its owner in between is a conflict (rustc E0505, E0502). A mixin of
``lowering_calls.ExpressionLowering``; see docs/design.md §4.3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mypy.nodes import CallExpr, Expression, ForStmt, NameExpr, Var

from mypy_ownership import messages
from mypy_ownership.effects import CallEffects
from mypy_ownership.evaluation import awaited_call
from mypy_ownership.modes import Mode
from mypy_ownership.operations import Borrowed, Held, HoldBorrow, If, Operation, UseHeld
from mypy_ownership.scope import Scope
from mypy_ownership.signatures import receiver_of


class LoanLowering:
    scope: Scope
    effects: CallEffects

    if TYPE_CHECKING:
        def emit(self, op: Operation) -> None: ...
        def lent_to(self, call: CallExpr) -> tuple[Var, ...]: ...
        def how_call(self, call: CallExpr) -> str: ...

    def _returned_borrow(self, value: Expression) -> tuple[CallExpr, Mode] | None:
        """``value`` is a reference a call returns (``a.peek()``, ``await a.view()``)."""
        call = awaited_call(value)
        ownership = self.effects.ownership(call) if call is not None else None
        mode = ownership.return_mode if ownership is not None else None
        if call is None or mode is None or not mode.is_borrow:
            return None
        return call, mode

    def hold_argument(self, arg: Expression, holder: object = None) -> bool:
        """A reference an argument returned stays borrowed by ``holder`` (the argument
        itself unless given) until it is used for the last time."""
        returned = self._returned_borrow(arg)
        if returned is None:
            return False
        call, mode = returned
        self.emit(HoldBorrow(arg if holder is None else holder, mode, self.lent_to(call), call.line, call.column, self.how_call(call)))
        return True

    def uses_at_call(self, e: CallExpr, callee: str | None) -> None:
        """The call runs: the borrows given to it, by name or as a reference an argument
        returned, are used here, after every argument was evaluated."""
        later = messages.used_later_by_call(callee)
        receiver = receiver_of(e)
        seen: set[Var] = set()
        for part in ([receiver] if receiver is not None else []) + list(e.args):
            if self._returned_borrow(part) is not None:
                self.emit(UseHeld(part, e.line, e.column, later, True))
                continue
            var = self.scope.local_any(part) if isinstance(part, NameExpr) else None
            if var is not None and var not in seen:
                seen.add(var)
                self.emit(UseHeld(var, e.line, e.column, later))

    def hold_iterable(self, loop: ForStmt) -> None:
        """A for loop's iterator borrows what it iterates, as long as the loop runs: a
        borrowed name's borrow, an owner (a file read line by line), a returned reference."""
        iterable = loop.expr
        var = self.scope.local_any(iterable)
        if var is None:
            self.hold_argument(iterable, loop)
            return
        hold = HoldBorrow(loop, Mode.REF, (var,), iterable.line, iterable.column, messages.by_for_loop())
        owner = self.scope.local(iterable)
        self.emit(If(Borrowed(var), (hold,), (If(Held(owner), (hold,)),) if owner is not None else ()))

    def loop_reads(self, loop: ForStmt, end: bool) -> None:
        """The loop asks its iterator for the next item (``end``: the one that finds none)."""
        iterable = loop.expr
        if self.scope.local_any(iterable) is not None or self._returned_borrow(iterable) is not None:
            self.emit(UseHeld(loop, loop.line, loop.column, messages.used_by_next_iteration(), end))

