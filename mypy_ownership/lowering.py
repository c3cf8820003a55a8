"""Lowering: each step of a unit's CFG as a sequence of ownership operations, in Python's
evaluation order, computed once and cached.

The lowering reads the program (names, calls, their effects) but never a state: where what
happens depends on the state (an owner moves, an unmanaged name is only read), it emits an
``If`` carrying both outcomes. Statements are lowered here, expressions and calls in
``lowering_calls.py``. docs/design.md §11.3 lists the operations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from mypy.nodes import (
    GDEF,
    Expression,
    AssertStmt,
    CallExpr,
    ConditionalExpr,
    Var,
    AssignmentStmt,
    DelStmt,
    ExpressionStmt,
    ForStmt,
    IndexExpr,
    ListExpr,
    MatchStmt,
    MemberExpr,
    NameExpr,
    Node,
    OperatorAssignmentStmt,
    RaiseStmt,
    ReturnStmt,
    StarExpr,
    TryStmt,
    TupleExpr,
    WithStmt,
)
from mypy.types import CallableType, Instance, TupleType

from mypy_ownership import messages
from mypy_ownership.cfg import Step, StepKind
from mypy_ownership.evaluation import awaited_call, children, pattern_parts, spelled, target_name
from mypy_ownership.lowering_calls import ExpressionLowering
from mypy_ownership.modes import Mode
from mypy_ownership.operations import (
    BeginValue,
    Borrowed,
    Either,
    EscapeBorrow,
    Held,
    If,
    Leave,
    MoveBorrow,
    Operation,
    HoldsObject,
    Owned,
    ReturnBorrow,
    ReturnLoanOfCall,
    Report,
    SetFlag,
    OwedWhileNone,
    ForgetFlag,
    ValueFresh,
    Exhaust,
    WithExit,
)
from mypy_ownership.facts import Discarded, ReturnedOwned
from mypy_ownership.signatures import enter_lends, mode_of, proper, receiver_mode
from mypy_ownership.state import Escape, Flag, Loan
from mypy_ownership.with_blocks import marked_kept_open

_FLAG_CONSTANTS: Final = {"builtins.True": True, "builtins.False": False, "builtins.None": None}


class Lowering(ExpressionLowering):
    """Statements and the other kinds of steps; expressions and calls come from the base."""

    def ops_of(self, step: Step) -> tuple[Operation, ...]:
        known = self._lowered.get(id(step))
        if known is None:
            self._slot = 0
            known = self.capture(lambda: self.step(step))
            self._lowered[id(step)] = known
        return known

    def step(self, step: Step) -> None:
        kind, node = step.kind, step.node
        if kind is StepKind.STMT:
            self.statement(node)
        elif kind is StepKind.TEST:
            self.expr(node.expr if isinstance(node, AssertStmt) else node)  # type: ignore[arg-type]
        elif kind is StepKind.FOR_ITER:
            assert isinstance(node, ForStmt)
            releases = self.effects.releases_receiver  # the loops are looked for only over a display
            if isinstance(node.expr, (TupleExpr, ListExpr)) and id(node) in self.scope.releasing_loops(releases)[0]:
                self.hand_over_display(node.expr)
            else:
                self.expr(node.expr)
            self.iterated_fresh(node.expr, node)
            self.hold_iterable(node)
        elif kind is StepKind.FOR_END:
            assert isinstance(node, ForStmt)
            self.loop_reads(node, end=True)
            var = self.scope.local(node.expr)
            exhausts = self.effects.iteration_exhausts(node.expr) if var is not None else None
            if var is not None and exhausts is not None:
                self.emit(Exhaust(var, exhausts))
            read = self.effects.loop_exhausts(node.expr)
            if read is not None and (reader := self.scope.local(read)) is not None:
                self.emit(Exhaust(reader, True))
        elif kind is StepKind.FOR_BIND:
            assert isinstance(node, ForStmt)
            self.loop_reads(node, end=False)
            self.bind(node.index)
        elif kind is StepKind.WITH_ENTER:
            assert isinstance(node, WithStmt)
            self.with_enter(node, step.index)
        elif kind is StepKind.WITH_EXIT:
            assert isinstance(node, WithStmt)
            self.with_exit(node, step.index)
        elif kind is StepKind.EXCEPT_BIND:
            assert isinstance(node, TryStmt)
            exc_type = node.types[step.index]
            if exc_type is not None:
                self.expr(exc_type)
            name = node.vars[step.index]
            if name is not None:
                self.bind(name)
        elif kind is StepKind.MATCH_SUBJECT:
            assert isinstance(node, MatchStmt)
            self.expr(node.subject)
        elif kind is StepKind.CASE_BIND:
            assert isinstance(node, MatchStmt)
            for sub in pattern_parts(node.patterns[step.index]):
                if isinstance(sub, NameExpr):
                    self.bind(sub)
                else:
                    self.expr(sub)

    def with_enter(self, node: WithStmt, index: int) -> None:
        subject = node.expr[index]
        kept = self.effects.withs.kept_open(subject)
        if kept is not None:
            self.kept_open(kept, node.target[index])
            return
        self.expr(subject)
        subject_var = self.scope.local_any(subject)
        releases = self.effects.withs.releases(subject)
        if subject_var is not None and releases:
            self.emit(If(Borrowed(subject_var), (MoveBorrow(
                subject_var, subject.line, subject.column, spelled(subject), "released by the with block",
            ),)))
        target = node.target[index]
        if target is not None:
            loan = None
            lent = enter_lends(self.unit.types.type_of(subject), node.is_async)
            borrows = releases and not self.effects.readable_after_with(subject)
            if isinstance(target, NameExpr) and (borrows or lent is not None):
                # the block releases the subject, or __enter__ lends a part of it: its
                # target is only a borrow of it
                sources = frozenset({subject_var}) if subject_var is not None else frozenset()
                how = messages.as_with_target()
                loan = Loan(lent or Mode.REF, sources, target.line, target.column, how, True, lent is not None)
            self.bind(target, loan=loan)

    def kept_open(self, call: CallExpr, target: Expression | None) -> None:
        """``with sqlite3.connect(p) as conn:``: the block leaves the connection open. A
        target of the subject's own class is the subject (its ``__enter__`` returns it) and
        owes its release from here on, as ``conn = sqlite3.connect(p); with conn:`` would;
        with no such name the resource is lost at the ``with`` line (docs/design.md §2.3)."""
        var = self.scope.local(target) if target is not None else None
        if var is None or not self.effects.withs.target_is_subject(call, var):
            self.expr(call)
            ownership = self.effects.ownership(call)
            callee = (ownership.callee_name if ownership else None) or "the call"
            obligation = marked_kept_open(self.effects.result_obligation("the result", call))
            for acquired in sorted(obligation.acquired if obligation is not None else ()):
                self.emit(Report(Discarded(acquired, callee, True)))
            if target is not None:
                self.bind(target)
            return
        assert isinstance(target, NameExpr)
        slot = self.new_slot()
        self._values += 1
        self.emit(BeginValue())
        self.expr(call)
        declared = self.effects.declares_owner(call)
        obligation = marked_kept_open(self.effects.result_obligation(target.name, call))
        self.emit(ValueFresh(slot, declared, obligation, False, known=not declared))
        self.bind(target, slot)

    def with_exit(self, s: WithStmt, index: int) -> None:
        """The block ended: a releasing ``__exit__`` releases the subject and its target."""
        subject, target = s.expr[index], s.target[index]
        scope = self.scope
        names = tuple(v for v in (scope.local(subject), scope.local(target) if target else None) if v is not None)
        self.emit(WithExit(
            scope.local_any(target) if target is not None else None,
            scope.local_any(subject),
            scope.local(subject),
            names,
            self.effects.withs.releases(subject),
            not self.effects.withs.subject_is_resource(subject),
            s.line, s.column, messages.by_with_block(),
        ))

    # -- statements -----------------------------------------------------------------------------

    def statement(self, s: Node) -> None:
        if isinstance(s, AssignmentStmt):
            self.assignment(s)
            self.set_flag(s)
            self.owed_while_none(s)
            self.forget_stores(s.lvalues)
        elif isinstance(s, ExpressionStmt):
            self.expr(s.expr)
            if isinstance(s.expr, CallExpr) and self.effects.produces_owned(s.expr):
                self.discarded(s.expr)
        elif isinstance(s, ReturnStmt):
            self.returning(s)
        elif isinstance(s, OperatorAssignmentStmt):
            self.expr(s.rvalue)
            if isinstance(s.lvalue, NameExpr):
                self.use(s.lvalue)
                self.forget_flag(s.lvalue)
            else:
                for part in children(s.lvalue):
                    self.expr(part)
                self.forget_stores([s.lvalue])
        elif isinstance(s, DelStmt):
            self.unbind(s.expr)
            self.forget_stores([s.expr])
        elif isinstance(s, RaiseStmt):
            if s.expr is not None:
                self.expr(s.expr)
            if s.from_expr is not None:
                self.expr(s.from_expr)
            self.emit(Leave(Escape(s.line, s.column, f"raises at line {s.line}", exceptional=True)))

    def set_flag(self, s: AssignmentStmt) -> None:
        """``flag = True`` / ``False`` / ``None`` for a name some branch tests, or a value
        mypy types as never None (``err = exc``): on this path it holds that value."""
        rvalue = s.rvalue
        value: object = _NOT_A_FLAG
        if isinstance(rvalue, NameExpr) and rvalue.fullname in _FLAG_CONSTANTS:
            value = _FLAG_CONSTANTS[rvalue.fullname]
        elif isinstance(proper(self.unit.types.type_of(rvalue)), (Instance, TupleType, CallableType)):
            value = Flag.NOT_NONE
        if value is _NOT_A_FLAG:
            return
        for target in s.lvalues:
            var = self.scope.local_any(target) if isinstance(target, NameExpr) else None
            if var is not None and var in self.scope.conditions.tested_locals():
                self.emit(SetFlag(var, value))

    def owed_while_none(self, s: AssignmentStmt) -> None:
        """``status = proc.poll()`` for a name some branch tests: where it is not None, the
        process was reaped (docs/design.md §2.10)."""
        call = s.rvalue
        if not isinstance(call, CallExpr) or not isinstance(call.callee, MemberExpr) or len(s.lvalues) != 1:
            return
        holder = self.scope.local(call.callee.expr)
        target = s.lvalues[0]
        var = self.scope.local_any(target) if isinstance(target, NameExpr) else None
        if holder is not None and var is not None and var in self.scope.conditions.tested_locals():
            if self.effects.released_unless_none(call):
                self.emit(OwedWhileNone(holder, var))

    def forget_stores(self, targets: list[Expression]) -> None:
        """A store into ``x.attr`` (or ``x.attr.more``, ``x.attr[i]``; ``del`` too) forgets
        what the conditions reading ``x.attr`` were known to be (docs/design.md §2.10)."""
        names = self.scope.flag_names()
        for target in targets:
            if isinstance(target, (TupleExpr, ListExpr)):
                self.forget_stores(target.items)
                continue
            if isinstance(target, StarExpr):
                target = target.expr
            attribute = None
            while isinstance(target, (MemberExpr, IndexExpr)):
                attribute = target.name if isinstance(target, MemberExpr) else attribute
                target = target.expr if isinstance(target, MemberExpr) else target.base
            if attribute is None or not isinstance(target, NameExpr):
                continue
            read = (self.scope.conditions.shape(target, set()), attribute)
            if read in names:
                self.emit(ForgetFlag(read))

    def returning(self, s: ReturnStmt) -> None:
        leave = Leave(Escape(s.line, s.column, f"returns at line {s.line}"))
        if s.expr is not None:
            self.returned(s.expr)
        self.emit(leave)

    def returned(self, value: Expression) -> None:
        scope = self.scope
        if isinstance(value, ConditionalExpr) and self._branches_name_a_local(value, scope.local_any):
            # each branch returns its own value (docs/design.md §2.2)
            self.expr(value.cond)
            self.emit(Either(
                self.capture(lambda: self.returned(value.if_expr)), self.capture(lambda: self.returned(value.else_expr)),
            ))
            return
        returned = scope.return_mode
        var = scope.local_any(value)
        call = awaited_call(value)
        borrow_call = None
        if call is not None:
            ownership = self.effects.ownership(call)
            if ownership is not None and ownership.return_mode is not None and ownership.return_mode.is_borrow:
                borrow_call = ownership.return_mode
        if var is not None:
            # a name: a borrow may leave only as the function's own Ref/Mut result, and an
            # owner of this function may not leave as a reference
            returns = ReturnBorrow(var, value.line, value.column, spelled(value))
            borrowed = self.capture(lambda: self.use(value), lambda: self.emit(returns))
            rest = self.capture(lambda: self._return_value(value))
            if returned is not None and returned.is_borrow and var in scope.owned_fields and _lends(self.unit.func):
                # a field of a borrowed receiver: the result borrows from the receiver
                # (docs/design.md §5)
                rest = self.capture(lambda: self.expr(value))
            elif returned is not None and returned.is_borrow and scope.has_borrowed_param:
                report = Report(ReturnedOwned(value.line, value.column, var.name))
                dies = self.capture(lambda: self.use(value), lambda: self.emit(report))
                rest = dies if var not in scope.params else (If(Owned(var), dies, rest),)
            self.emit(If(Borrowed(var), borrowed, rest))
        elif borrow_call is not None:
            assert call is not None
            self.expr(value)
            self.emit(ReturnLoanOfCall(borrow_call, self.lent_to(call), call.line, call.column, self.how_call(call)))
        else:
            moved = self.capture(lambda: self.move_closure(value))
            escapes = self.closure_escapes(value, "returned from the function", moved)
            if escapes is not None:  # a closure: it takes its owners along, not its borrows
                self.emit_chain(escapes)
            else:
                self._return_value(value)

    def _return_value(self, value: Expression) -> None:
        """``return x`` moves an owner to the caller; an unmanaged name is only read."""
        var = self.scope.local(value)
        if var is not None:
            move = self.capture(lambda: self.move(value, messages.by_return()))
            # a released object handed back is only read by the caller (proc.returncode)
            self.emit(If(Held(var), move, self.capture(lambda: self.use(value, reading=True))))
        elif isinstance(value, (TupleExpr, ListExpr)):
            self.hand_over_display(value)
        else:
            self.expr(value)

    def assignment(self, s: AssignmentStmt) -> None:
        rvalue = s.rvalue
        scope = self.scope
        if len(s.lvalues) == 1:
            target = s.lvalues[0]
            if isinstance(target, (TupleExpr, ListExpr)):
                if self.parallel_assignment(target, rvalue):
                    return
            elif isinstance(rvalue, ConditionalExpr) and self._branches_name_a_local(rvalue, scope.local):
                self.conditional_assignment(target, rvalue)
                return
            elif scope.local_any(target) is not None:
                target_var = scope.local_any(target)
                assert target_var is not None
                if isinstance(rvalue, (TupleExpr, ListExpr)) and target_var in scope.releasing_loops(self.effects.releases_receiver)[1]:
                    self.hand_over_display(rvalue)  # a loop releases what the collection holds
                    self.bind(target)
                    return
                normal = self.capture(lambda: self.bind(target, self.value(rvalue, target_name(target)), with_loan=True))
                source = scope.local_any(rvalue)
                if mode_of(target_var.type) is Mode.OWN and source is not None and not target_var.is_inferred:
                    how = f"by binding it to the Own name {messages.quoted(target_var.name)}"
                    moved = self.capture(lambda: self.move(rvalue, how), lambda: self.bind(target))
                    if isinstance(target, MemberExpr):  # a known owner stored into an Own field moves (§2.2)
                        how = messages.by_assignment(target_name(target))
                        stored = self.capture(lambda: self.move(rvalue, how), lambda: self.bind(target))
                        normal = (If(Owned(source), normal, (If(HoldsObject(source), stored, normal),)),)
                    self.emit(If(Borrowed(source), moved, normal))
                else:
                    self.ops.extend(normal)
                return
            else:
                self.emit_chain(self._store_chain(target, rvalue))
                return
        self._assign_rest(s)

    def conditional_assignment(self, target: Expression, rvalue: Expression) -> None:
        """``z = x if c else y``: each branch binds its own value, as an ``if`` statement
        would: a declared owner moves to ``z`` on its branch, a known one is named again
        (docs/design.md §2.2, §2.4)."""
        if not isinstance(rvalue, ConditionalExpr):
            self.bind(target, self.value(rvalue, target_name(target)), with_loan=True)
            return
        self.expr(rvalue.cond)
        self.emit(Either(
            self.capture(lambda: self.conditional_assignment(target, rvalue.if_expr)),
            self.capture(lambda: self.conditional_assignment(target, rvalue.else_expr)),
        ))

    def _branches_name_a_local(self, e: ConditionalExpr, local: Callable[[Expression], Var | None]) -> bool:
        """Every branch of the conditional expression (nested ones included) is a name
        ``local`` follows, or one of them is a declared owner (typed ``Own[...]``). A
        conditional that also opens a resource (``open(p) if p else stream``) stays one
        value, as before: what it may hold is not followed."""
        names = [local(b) for b in _branches(e)]
        return all(v is not None for v in names) or any(v is not None and mode_of(v.type) is Mode.OWN for v in names)

    def _store_chain(self, target: Expression, rvalue: Expression) -> tuple[Operation, ...]:
        """``obj.attr = v``, ``seq[i] = v``, ``GLOBAL = v``: where ``v`` goes."""
        scope = self.scope
        source = scope.local_any(rvalue)
        var = scope.local(rvalue)
        bind = lambda: self.bind(target)  # noqa: E731
        rest = self.capture(lambda: self.hand_over_or_read(rvalue), bind)
        if isinstance(target, (IndexExpr, MemberExpr)) and isinstance(rvalue, (TupleExpr, ListExpr)):
            # obj.pair = (waiter, transport): what the display holds goes with it
            return self.capture(lambda: self.hand_over_display(rvalue), bind)
        if isinstance(target, (IndexExpr, MemberExpr)):
            how = messages.by_assignment(target_name(target))
            if scope.closure(rvalue) is not None:
                rest = self.capture(lambda: self.move_closure(rvalue), bind)
            elif isinstance(target, IndexExpr) and var is not None:
                rest = (If(Owned(var), self.capture(lambda: self.move(rvalue, how), bind), rest),)
            elif isinstance(target, MemberExpr) and var is not None:
                if _is_owned_field(target):
                    rest = self.capture(lambda: self.move(rvalue, how), bind)
                else:
                    rest = self.capture(lambda: self.hand_over(rvalue), bind)
            where = "stored in an attribute" if isinstance(target, MemberExpr) else "stored in a container"
            if source is not None:
                escaped = self.capture(lambda: self.escape(rvalue, source, where), bind)
                rest = (If(Borrowed(source), escaped, rest),)
            return rest
        if isinstance(target, NameExpr) and target.kind == GDEF and source is not None:
            escaped = self.capture(lambda: self.escape(rvalue, source, "stored in a global variable"))
            return (If(Borrowed(source), escaped, rest),)
        return rest

    def _assign_rest(self, s: AssignmentStmt) -> None:
        self.hand_over_or_read(s.rvalue)
        for target in s.lvalues:
            self.bind(target)

    def escape(self, expr: Expression, source: Var, where: str) -> None:
        self.use(expr)
        self.emit(EscapeBorrow(source, expr.line, expr.column, spelled(expr), where))

    def parallel_assignment(self, target: TupleExpr | ListExpr, rvalue: Expression) -> bool:
        if any(isinstance(item, StarExpr) for item in target.items):
            return False
        if isinstance(rvalue, (TupleExpr, ListExpr)) and len(target.items) == len(rvalue.items):
            slots = [self.value(item, target_name(t)) for item, t in zip(rvalue.items, target.items)]
            for item_target, slot in zip(target.items, slots):
                self.bind(item_target, slot)
            return True
        call = awaited_call(rvalue)
        if call is None:
            return False
        # conn, addr = sock.accept(): a tuple result with Own[...] items binds owners
        self.expr(rvalue)
        ownership = self.effects.ownership(call)
        items = proper(self.unit.types.type_of(rvalue) or (ownership.return_type if ownership else None))
        if isinstance(items, TupleType) and len(items.items) == len(target.items):
            stub_items = ownership.return_items if ownership else None
            for i, (item_target, item_type) in enumerate(zip(target.items, items.items)):
                declared = mode_of(item_type) is Mode.OWN
                known = bool(stub_items and i < len(stub_items) and stub_items[i] is Mode.OWN)
                obligation = None
                if declared or known:
                    obligation = self.effects.obligation_for(target_name(item_target), item_type, call.line, call.column)
                slot = self.new_slot()
                self.emit(ValueFresh(slot, declared, obligation))
                self.bind(item_target, slot)
        else:
            for item_target in target.items:
                self.bind(item_target)
        return True


_NOT_A_FLAG: Final = object()


def _is_owned_field(target: MemberExpr) -> bool:
    node = target.node
    if not isinstance(node, Var):
        node = getattr(target, "def_var", None)
    return isinstance(node, Var) and mode_of(node.type) is Mode.OWN


def _branches(e: ConditionalExpr) -> list[Expression]:
    """The values a conditional expression may have, nested conditionals flattened."""
    return [leaf for b in (e.if_expr, e.else_expr) for leaf in (_branches(b) if isinstance(b, ConditionalExpr) else [b])]


def _lends(func: object) -> bool:
    """A method whose receiver is borrowed (``self: Ref[...]`` or ``Mut[...]``)."""
    mode = receiver_mode(func)
    return mode is not None and mode.is_borrow
