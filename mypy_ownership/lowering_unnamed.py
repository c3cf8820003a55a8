"""Resources no name holds (docs/design.md §3): the result of a call discarded, created in
an argument of a call that only borrows it (``json.load(open(p))``), or iterated over
where it is created (``for line in open(p)``, a comprehension, a generator expression).
Each is reported where it is acquired; nothing of the state decides it.
"""

from __future__ import annotations

from collections.abc import Iterator

from mypy.nodes import (
    BreakStmt,
    CallExpr,
    Expression,
    ForStmt,
    FuncBase,
    IfStmt,
    MatchStmt,
    RaiseStmt,
    ReturnStmt,
    Statement,
    TryStmt,
    WhileStmt,
    WithStmt,
    Block,
    Decorator,
    ClassDef,
)

from mypy_ownership import code_defaults, messages
from mypy_ownership.effects import CallEffects
from mypy_ownership.facts import Discarded
from mypy_ownership.operations import Operation, Report


class UnnamedResources:
    """Lowering of the resources no name holds; mixed into the expression lowering."""

    effects: CallEffects

    def emit(self, op: Operation) -> None:
        raise NotImplementedError

    def discarded(
        self, call: CallExpr, why: str = "", exits: tuple[tuple[int, int, str], ...] = (), lent: bool = False,
        woken: bool = False,
    ) -> None:
        """``woken``: what is done with it starts a dormant obligation (docs/design.md §7.3)."""
        ownership = self.effects.ownership(call)
        name = ownership.callee_name if ownership else None
        obligation = self.effects.result_obligation("the result", call)
        if obligation is not None:
            obligation = obligation.woken() if woken else obligation
            for acquired in sorted(obligation.acquired):
                self.emit(Report(Discarded(acquired, name or "the call", why=why, exits=exits, lent=lent)))

    def lent_fresh(self, call: CallExpr, index: int, callee: str | None) -> None:
        """``json.load(open(p))``: the callee only borrows the resource made for it."""
        arg = call.args[index]
        if isinstance(arg, CallExpr) and self.effects.lends_fresh(call, index):
            woken = self.effects.wakes_arguments(call)
            self.discarded(arg, messages.only_borrowed_by(callee or "the call"), lent=True, woken=woken)

    def iterated_fresh(self, iterable: Expression, loop: ForStmt | None, generator: bool = False) -> None:
        """``for line in open(p)``: iterating does not release a file. A resource that running
        out releases (``os.scandir()``) leaks where the loop can stop early, and a
        generator expression can always be left before its end; a comprehension runs to
        it (docs/design.md §3)."""
        effects = self.effects
        if not isinstance(iterable, CallExpr) or not effects.produces_owned(iterable):
            return
        if not code_defaults.iteration_releases(effects, iterable):
            self.discarded(iterable, messages.iterating_does_not_release())
        elif generator:
            self.discarded(iterable, messages.generator_may_stop())
        elif loop is not None:
            exits = tuple(early_exits(loop.body.body))
            if exits:
                self.discarded(iterable, messages.loop_may_stop(), exits)


def early_exits(body: list[Statement], in_try: bool = False, nested: bool = False) -> Iterator[tuple[int, int, str]]:
    """Where a loop's body leaves the loop before its iterable runs out: a ``return``, a
    ``break`` of this loop, a ``raise`` outside any ``try`` of the body. Bodies of nested
    functions and classes do not run here."""
    for s in body:
        if isinstance(s, ReturnStmt):
            yield s.line, s.column, "return"
        elif isinstance(s, BreakStmt) and not nested:
            yield s.line, s.column, "break"
        elif isinstance(s, RaiseStmt) and not in_try:
            yield s.line, s.column, "raise"
        elif isinstance(s, (FuncBase, Decorator, ClassDef)):
            continue
        else:
            for block, inner_try, inner_loop in _blocks(s):
                yield from early_exits(block.body, in_try or inner_try, nested or inner_loop)


def _blocks(s: Statement) -> Iterator[tuple[Block, bool, bool]]:
    """The blocks of a compound statement: whether they are a ``try`` body (a raise there
    may be caught) and whether they are a nested loop's body (a break there ends it)."""
    if isinstance(s, IfStmt):
        yield from ((b, False, False) for b in s.body)
        if s.else_body is not None:
            yield s.else_body, False, False
    elif isinstance(s, (WhileStmt, ForStmt)):
        yield s.body, False, True
        if s.else_body is not None:
            yield s.else_body, False, False
    elif isinstance(s, WithStmt):
        yield s.body, False, False
    elif isinstance(s, TryStmt):
        yield s.body, True, False
        yield from ((h, False, False) for h in s.handlers)
        for extra in (s.else_body, s.finally_body):
            if extra is not None:
                yield extra, False, False
    elif isinstance(s, MatchStmt):
        yield from ((b, False, False) for b in s.bodies)

