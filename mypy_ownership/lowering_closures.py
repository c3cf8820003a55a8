"""Lowering of closures and of the arguments a callee keeps beyond the call.

A closure (a lambda, a nested function's name) carries the names it captures: moved with
it (an ``Own`` parameter, a container), they go along; given to a callee that keeps it
(``@keeps``: ``threading.Thread(target=...)``, ``Executor.submit``), a borrowed capture
outlives its borrow. A mixin of ``lowering_calls.ExpressionLowering``; see
docs/design.md §2.2, §4.2 and §7.3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mypy.nodes import Expression, FuncItem, LambdaExpr, ListExpr, MemberExpr, NameExpr, TupleExpr, Var

from mypy_ownership import messages
from mypy_ownership.effects import CallEffects
from mypy_ownership.evaluation import spelled
from mypy_ownership.operations import (
    AnyBorrowed,
    AnyHeld,
    Borrowed,
    DropHeld,
    EscapeBorrow,
    EscapeCaptures,
    Held,
    If,
    MoveCaptured,
    Operation,
    Releasable,
)
from mypy_ownership.scope import Scope


class ClosureLowering:
    scope: Scope
    effects: CallEffects

    if TYPE_CHECKING:
        def emit(self, op: Operation) -> None: ...
        def capture(self, *builds: Callable[[], object]) -> tuple[Operation, ...]: ...
        def use(self, name: Expression, reading: bool = False) -> None: ...
        def hand_over(self, name: Expression) -> None: ...

    def captured(self, func: FuncItem) -> tuple[Var, ...]:
        return tuple(sorted(self.scope.captures(func), key=lambda v: v.name))

    def move_closure(self, expr: Expression) -> bool:
        """A closure that is moved or stored takes the owned names it captures with it; a
        borrow of one of them ends there (docs/design.md §4.3)."""
        func = self.scope.closure(expr)
        if func is None:
            return False
        name = None if isinstance(func, LambdaExpr) else func.name
        captured = self.captured(func)
        self.emit(MoveCaptured(
            captured, expr.line, expr.column, messages.by_capture(name), tuple(v.name for v in captured),
        ))
        return True

    def closure_escapes(self, expr: Expression, where: str, otherwise: tuple[Operation, ...]) -> tuple[Operation, ...] | None:
        """A closure that escapes may not take borrowed names with it."""
        func = self.scope.closure(expr)
        if func is None:
            return None
        captured = self.captured(func)
        escaped = (
            EscapeCaptures(tuple((v, v.name) for v in captured), expr.line, expr.column, f"captured by a closure {where}"),
            *self.capture(lambda: self.move_closure(expr)),
        )
        return (If(AnyBorrowed(captured), escaped, otherwise),)

    def hands_over_through(self, arg: Expression, otherwise: tuple[Operation, ...]) -> tuple[Operation, ...] | None:
        """A closure capturing owned names, or a bound method of one (``f.close``), given to
        a call: the callee may release them later, which the analysis cannot follow; they
        are handed over (precision first)."""
        func = self.scope.closure(arg)
        if func is not None:
            captured = self.captured(func)
            return (If(AnyHeld(captured), (DropHeld(captured),), otherwise),)
        holder = self.scope.local(arg.expr) if isinstance(arg, MemberExpr) else None
        if isinstance(arg, MemberExpr) and holder is not None:
            releases = self.effects.method_releases(arg.expr, arg.name)
            handed = self.capture(lambda: self.hand_over(arg.expr))  # atexit.register(f.close)
            return (If(Releasable(holder, arg.name, releases), handed, otherwise),)
        return None

    def kept_argument(self, arg: Expression, callee: str | None, rest: tuple[Operation, ...]) -> tuple[Operation, ...]:
        """An argument the callee keeps beyond the call (``@keeps``, docs/design.md §7.3):
        a borrowed name, a bound method of one (``ref.run``), one inside a tuple or list
        display (``args=(ref,)``) or a closure capturing one outlives its borrow; an owner
        given there is handed over, as to any call that keeps what it is given (§2.5)."""
        where = messages.kept_by(callee)
        escapes = self.closure_escapes(arg, where, rest)
        if escapes is not None:
            return escapes
        items = arg.items if isinstance(arg, (TupleExpr, ListExpr)) else [arg]
        escaped: list[Operation] = []
        for item in items:
            name = item.expr if isinstance(item, MemberExpr) and isinstance(item.expr, NameExpr) else item
            borrowed = self.scope.local_any(name) if isinstance(name, NameExpr) else None
            if borrowed is not None:
                escape = EscapeBorrow(borrowed, item.line, item.column, spelled(name), where)
                escaped.append(If(Borrowed(borrowed), (escape,)))
        owner = self.scope.local(arg) if isinstance(arg, NameExpr) else None
        if owner is not None:
            rest = (If(Held(owner), self.capture(lambda: self.hand_over(arg)), rest),)
        return (*rest, *escaped)
