"""Lowering of the borrows a call makes (rustc's rules at one call: ``borrow_rules``),
and of the borrows that no name holds: a reference an argument returned
(``add(a.peek(), a)``), alive until the call it is given to runs, and the iterator of a
``for`` loop, alive while the loop runs (``for job in queue.items(): queue.push(job)``).

Each is a borrow held by the node it belongs to (``HoldBorrow``) and used where the call
runs, or where the loop asks for its next item (``UseHeld``): moving, releasing or mutably
borrowing its owner in between is a conflict (rustc E0505, E0502). A mixin of
``lowering_calls.ExpressionLowering``; see docs/design.md §4.3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import CallExpr, Expression, ForStmt, MemberExpr, NameExpr, Var

from mypy_ownership import messages
from mypy_ownership.effects import CallEffects
from mypy_ownership.evaluation import awaited_call, spelled
from mypy_ownership.facts import LentTwice
from mypy_ownership.modes import Mode
from mypy_ownership.operations import (
    Borrowed,
    Held,
    HoldBorrow,
    If,
    MutBorrow,
    Operation,
    Report,
    UseHeld,
)
from mypy_ownership.scope import Scope
from mypy_ownership.signatures import CallOwnership, receiver_of, through_class


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
        later = ""  # worded once something is used here
        receiver = receiver_of(e)
        seen: set[Var] = set()
        for part in ([receiver] if receiver is not None else []) + list(e.args):
            if self._returned_borrow(part) is not None:
                later = later or messages.used_later_by_call(callee)
                self.emit(UseHeld(part, e.line, e.column, later, True))
                continue
            var = self.scope.local_any(part) if isinstance(part, NameExpr) else None
            if var is not None and var not in seen:
                seen.add(var)
                later = later or messages.used_later_by_call(callee)
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

    def borrow_rules(self, e: CallExpr, ownership: CallOwnership | None, name: str | None) -> None:
        """rustc E0596/E0499/E0502 at one call: Mut through a Ref, and an owner lent as Mut
        together with any other borrow of it. A Mut borrow also invalidates older borrows."""
        lent: list[tuple[Expression, Mode | None]] = []
        if (receiver := receiver_of(e)) is not None:  # how it is lent matters only of a local
            lent.append((receiver, self.effects.receiver_mode(e) if self.scope.local_any(receiver) is not None else None))
        if ownership is not None:
            lent.extend(list(zip(e.args, ownership.arg_modes))[1 if through_class(e) else 0:])
        seen: dict[Var, int] = {}
        for arg, mode in lent:
            var = self.scope.local_any(arg)
            if var is None:
                continue
            seen[var] = seen.get(var, 0) + 1
            if mode is not Mode.MUT:
                continue
            detail = (
                f"called Mut method {messages.quoted(e.callee.name)} through it"
                if isinstance(e.callee, MemberExpr) and arg is receiver
                else f"passed it as Mut to {messages.quoted(name or 'the call')}"
            )
            self.emit(MutBorrow(var, arg.line, arg.column, spelled(arg), detail, var.name))
        for arg, mode in lent:
            var = self.scope.local_any(arg)
            if var is not None and mode is Mode.MUT and seen.get(var, 0) > 1:
                detail = f"lent as Mut to {messages.quoted(name or 'the call')} together with another borrow of it"
                self.emit(Report(LentTwice(arg.line, arg.column, spelled(arg), detail)))
                break
