"""Lowering of expressions and calls into ownership operations (statements: ``lowering.py``).

A call is lowered from its effects (``effects.py``): the receiver (a release, a use), the
borrow rules of its arguments, then each argument in order, where the first rule that
applies decides (a take-over, a borrowed value stored, a closure, a move); rules that
depend on the state are emitted as ``If`` with the next rules as their other outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from mypy.nodes import (
    ARG_STAR,
    AssignmentExpr,
    CallExpr,
    ComparisonExpr,
    ConditionalExpr,
    DictionaryComprehension,
    Expression,
    GeneratorExpr,
    LambdaExpr,
    ListComprehension,
    ListExpr,
    MemberExpr,
    NameExpr,
    OpExpr,
    SetComprehension,
    StarExpr,
    TupleExpr,
    Var,
    YieldExpr,
)

from mypy_ownership import messages
from mypy_ownership.effects import CallEffects, Insertion, LockEffect, ParamEffect
from mypy_ownership.evaluation import awaited_call, callee_name, children, spelled
from mypy_ownership.facts import FieldMoved
from mypy_ownership.lowering_unnamed import UnnamedResources
from mypy_ownership.modes import Mode
from mypy_ownership.operations import (
    Acquire,
    BeginValue,
    Bind,
    Borrowed,
    BorrowedByWith,
    Either,
    EscapeBorrow,
    ForgetFlag,
    HandOver,
    Held,
    HoldsObject,
    If,
    MethodCall,
    Move,
    Operation,
    Owned,
    Releasable,
    ReleaseLock,
    Report,
    Unbind,
    Use,
    ValueFresh,
    ValueLoanOfCall,
    ValueOfName,
    ValueViewOf,
    Exhaust,
    Wake,
)
from mypy_ownership.lowering_temporaries import on_temporary
from mypy_ownership.lowering_plain import inert, owing_arguments, plain_receiver, summarised_arguments
from mypy_ownership.lowering_closures import ClosureLowering
from mypy_ownership.lowering_loans import LoanLowering
from mypy_ownership.scope import Scope
from mypy_ownership.signatures import mode_of, receiver_of, through_class
from mypy_ownership.state import Acquired, Loan
from mypy_ownership.unit import Unit


class ExpressionLowering(ClosureLowering, LoanLowering, UnnamedResources):
    def __init__(self, unit: Unit, scope: Scope, effects: CallEffects) -> None:
        self.unit = unit
        self.scope = scope
        self.effects = effects
        self.ops: list[Operation] = []
        self._lowered: dict[int, tuple[Operation, ...]] = {}
        self._slot = 0
        self._values = 0  # values lowered so far (a walrus inside a value is one)
        self._bound_view: CallExpr | None = None  # a view call whose result a name takes

    # -- building ---------------------------------------------------------------------------------

    def emit(self, op: Operation) -> None:
        self.ops.append(op)

    def emit_chain(self, ops: tuple[Operation, ...]) -> None:
        self.ops.extend(ops)

    def capture(self, *builds: Callable[[], object]) -> tuple[Operation, ...]:
        """The operations the ``builds`` emit, in turn, apart from the current sequence."""
        outer, self.ops = self.ops, []
        try:
            for build in builds:
                build()
            return tuple(self.ops)
        finally:
            self.ops = outer

    def new_slot(self) -> int:
        self._slot += 1
        return self._slot

    # -- names ------------------------------------------------------------------------------------

    def use(self, name: Expression, reading: bool = False, attribute: bool = False) -> None:
        if isinstance(name, NameExpr):
            borrowed = self.scope.local_any(name)  # None: no local at all (an owner is one too)
            var = self.scope.local(name) if borrowed is not None else None
            if var is not None or borrowed is not None:
                self.emit(Use(var, borrowed, name, name.name, name.line, name.column, reading, attribute))

    def move(self, name: Expression, how: str, release: bool = False, again: bool = False) -> None:
        var, borrowed = self.scope.local(name), self.scope.local_any(name)
        if var is None and borrowed is None:
            return
        owner = var.name if var is not None else ""
        key = name if isinstance(name, NameExpr) else None
        self.emit(Move(var, borrowed, key, spelled(name), name.line, name.column, how, release, again, owner))

    def hand_over(self, name: Expression) -> None:
        var = self.scope.local(name)
        assert var is not None
        key = name if isinstance(name, NameExpr) else None
        self.emit(HandOver(var, key, spelled(name), name.line, name.column))

    def hand_over_or_read(self, value: Expression) -> None:
        """An owner stored where the analysis does not follow it is handed over."""
        var = self.scope.local(value)
        if var is None:
            self.expr(value)
            return
        self.emit(If(Held(var), self.capture(lambda: self.hand_over(value)), self.capture(lambda: self.expr(value))))

    def hand_over_display(self, e: TupleExpr | ListExpr) -> None:
        """Owners placed in a tuple or list display go where the analysis does not follow."""
        for item in e.items:
            if self.scope.local(item) is not None:
                self.hand_over(item)  # only read if it holds nothing
            else:
                self.expr(item)

    def forget_flag(self, name: NameExpr) -> None:
        var = self.scope.local_any(name)
        if var is not None and var in self.scope.flag_names():
            self.emit(ForgetFlag(var))

    def bind(self, target: Expression, slot: int | None = None, loan: Loan | None = None, with_loan: bool = False) -> None:
        scope = self.scope
        borrowed = scope.local_any(target) if isinstance(target, NameExpr) else None
        forget = borrowed is not None and borrowed in scope.flag_names()
        if isinstance(target, (TupleExpr, ListExpr)):
            if borrowed is not None:
                self.emit(Bind(None, borrowed, None, target.line, target.column, "", False, None, None, False, "", False, loan, forget))
            for item in target.items:
                self.bind(item)
            return
        if isinstance(target, StarExpr):
            self.bind(target.expr)
            return
        var = scope.local(target)
        if var is None:
            if borrowed is not None:
                self.emit(Bind(None, borrowed, slot, target.line, target.column, "", False, None, None, False, "", with_loan, loan, forget))
            if isinstance(target, MemberExpr):
                self.expr(target)  # storing a data attribute: allowed after a release, as reading one is
            else:
                for part in children(target):
                    self.expr(part)
            return
        member = isinstance(target, MemberExpr)
        verb = "overwritten" if member else "rebound"
        obligation = None if member else self.effects.obligation_for(var.name, var.type, target.line, target.column)
        field = scope.owned_fields.get(var) if member else None
        self.emit(Bind(
            var, borrowed, slot, target.line, target.column, verb, mode_of(var.type) is Mode.OWN,
            obligation, field, member, var.name, with_loan, loan, forget,
        ))

    def unbind(self, target: Expression) -> None:
        borrowed = self.scope.local_any(target) if isinstance(target, NameExpr) else None
        forget = borrowed is not None and borrowed in self.scope.flag_names()
        if isinstance(target, (TupleExpr, ListExpr)):
            if forget:
                self.emit(ForgetFlag(borrowed))
            for item in target.items:
                self.unbind(item)
        elif isinstance(target, NameExpr) and self.scope.local(target) is not None:
            self.emit(Unbind(self.scope.local(target), borrowed, target.line, target.column, forget))
        else:
            if forget:
                self.emit(ForgetFlag(borrowed))
            for part in children(target):
                self.expr(part)

    def value(self, rvalue: Expression, target: str) -> int:
        """Evaluate a value about to be bound to a name, into a new slot."""
        slot = self.new_slot()
        self._values += 1
        self.emit(BeginValue())
        scope = self.scope
        borrowed = scope.local_any(rvalue)
        if borrowed is not None:
            var = scope.local(rvalue)
            key = rvalue if isinstance(rvalue, NameExpr) else None
            owner = var.name if var is not None else ""
            self.emit(ValueOfName(
                slot, var, borrowed, key, spelled(rvalue), rvalue.line, rvalue.column,
                messages.by_assignment(target), owner,
            ))
            return slot
        call = awaited_call(rvalue)
        ownership = self.effects.ownership(call) if call is not None else None
        if call is not None and ownership is not None and ownership.return_mode is not None and ownership.return_mode.is_borrow:
            self.expr(rvalue)
            self.emit(ValueLoanOfCall(slot, ownership.return_mode, self.lent_to(call), call.line, call.column, self.how_call(call)))
            return slot
        if self.bound_release(rvalue, slot):
            return slot
        wrapping = self.effects.wrapping(call) if call is not None else None
        viewed = scope.local(wrapping.view) if wrapping is not None and wrapping.view is not None else None
        if viewed is not None:
            self._bound_view = call
            self.expr(rvalue)
            self.emit(ValueViewOf(slot, viewed))
            return slot
        values = self._values
        self.expr(rvalue)
        # the borrow of a value evaluated inside (a walrus: x = (y := r)) passes on
        inherit = self._values != values
        if call is not None and self.effects.produces_owned(call):
            # a known owner (only the stubs make it a resource) is not owned by the name:
            # it owes, and follows Python's aliasing (docs/design.md §2.4)
            declared = self.effects.declares_owner(call)
            obligation = self.effects.result_obligation(target, call)
            self.emit(ValueFresh(slot, declared, obligation, inherit, known=not declared))
        else:
            self.emit(ValueFresh(slot, False, None, inherit))
        return slot

    def bound_release(self, rvalue: Expression, slot: int) -> bool:
        """``finish = f.close``: the bound method is one more name for what ``f`` holds, and
        calling it releases it (``call``)."""
        holder = self.scope.local(rvalue.expr) if isinstance(rvalue, MemberExpr) else None
        if holder is None:
            return False
        assert isinstance(rvalue, MemberExpr)
        releases = self.effects.method_releases(rvalue.expr, rvalue.name)
        view = self.capture(lambda: self.expr(rvalue), lambda: self.emit(ValueViewOf(slot, holder)))
        plain = self.capture(lambda: self.expr(rvalue), lambda: self.emit(ValueFresh(slot, False)))
        self.emit(If(Releasable(holder, rvalue.name, releases), view, plain))
        return True

    def lent_to(self, call: CallExpr) -> tuple[Var, ...]:
        """What a call returning a reference borrows from: every argument lent to a
        Ref/Mut parameter, and the receiver when the method borrows it."""
        ownership = self.effects.ownership(call)
        lent: list[Expression] = []
        if ownership is not None:
            lent = [arg for arg, m in zip(call.args, ownership.arg_modes) if m is not None and m.is_borrow]
        receiver, mode = receiver_of(call), self.effects.receiver_mode(call)
        if receiver is not None and mode is not None and mode.is_borrow:
            lent.append(receiver)
        found = (self.scope.local_any(arg) for arg in lent)
        return tuple(v for v in found if v is not None)

    def how_call(self, call: CallExpr) -> str:
        ownership = self.effects.ownership(call)
        return messages.by_call(ownership.callee_name if ownership else callee_name(call))

    # -- expressions ------------------------------------------------------------------------------

    def expr(self, e: Expression) -> None:
        if type(e) is NameExpr:  # exact classes first: the most common expressions
            self.use(e)
        elif type(e) is CallExpr:
            self.call(e)
        elif type(e) is MemberExpr:
            if self.scope.local(e) is not None:
                pass  # an owned field read inside its releasing method
            elif isinstance(e.expr, NameExpr):
                # a member that tells the release (f.closed) stays readable after any release;
                # asked only of a local's member: another name's use emits nothing
                if self.scope.local_any(e.expr) is not None:
                    self.use(e.expr, reading=True, attribute=self.effects.released_when(e.expr, e.name) is None)
            else:
                self.expr(e.expr)
        elif isinstance(e, OpExpr) and e.op in ("and", "or"):
            self.expr(e.left)
            self.emit(Either((), self.capture(lambda: self.expr(e.right))))
        elif isinstance(e, ConditionalExpr):
            self.expr(e.cond)
            self.emit(Either(self.capture(lambda: self.expr(e.if_expr)), self.capture(lambda: self.expr(e.else_expr))))
        elif isinstance(e, AssignmentExpr):
            self.bind(e.target, self.value(e.value, e.target.name))
        elif isinstance(e, (ListComprehension, SetComprehension)):
            self.comprehension(e.generator, whole=True)
        elif isinstance(e, (GeneratorExpr, DictionaryComprehension)):
            self.comprehension(e)
        elif isinstance(e, LambdaExpr):
            return
        elif isinstance(e, YieldExpr) and e.expr is not None:
            self.yielded(e.expr)
        elif isinstance(e, ComparisonExpr) and set(e.operators) <= {"is", "is not"}:
            # an identity test reads nothing of the object: harmless after its release
            for operand in e.operands:
                if isinstance(operand, NameExpr):
                    self.use(operand, reading=True)
                else:
                    self.expr(operand)
        else:
            for part in children(e):
                self.expr(part)

    def yielded(self, value: Expression) -> None:
        """A generator's ``yield``: a borrow may not leave (a with target may: the
        generator is suspended inside the block); an owned yield type moves."""
        if self.scope.yield_moves:
            def moving() -> None:
                if not self.move_closure(value):
                    if self.scope.local(value) is not None:
                        self.move(value, messages.by_yield())
                    else:
                        self.expr(value)
            rest = self.capture(moving)
        else:
            rest = self.capture(lambda: self.expr(value))
        where = "yielded from a generator"
        chained = self.closure_escapes(value, where, rest)
        rest = chained if chained is not None else rest
        borrowed = self.scope.local_any(value)
        if borrowed is not None:
            escape = EscapeBorrow(borrowed, value.line, value.column, spelled(value), where)
            escaped = self.capture(lambda: self.use(value), lambda: self.emit(escape))
            rest = (If(Borrowed(borrowed), (If(BorrowedByWith(borrowed), rest, escaped),), rest),)
        self.emit_chain(rest)

    def comprehension(self, e: GeneratorExpr | DictionaryComprehension, whole: bool = False) -> None:
        """Its own scope, run zero or more times: moves inside are moves on some paths, and
        a second round sees what the first one moved."""
        self.expr(e.sequences[0])
        for sequence in e.sequences:
            self.iterated_fresh(sequence, None, isinstance(e, GeneratorExpr) and not whole)
        body = self.capture(lambda: self._comprehension_body(e))
        self.emit(Either((), body))
        self.emit(Either((), body))

    def _comprehension_body(self, e: GeneratorExpr | DictionaryComprehension) -> None:
        for i, (index, conditions) in enumerate(zip(e.indices, e.condlists)):
            if i > 0:
                self.expr(e.sequences[i])
            self.bind(index)
            for condition in conditions:
                self.expr(condition)
        if isinstance(e, GeneratorExpr):
            self.expr(e.left_expr)
        else:
            for part in (e.key, e.value):
                if part is not None:
                    self.expr(part)

    # -- calls ------------------------------------------------------------------------------------

    def call(self, e: CallExpr) -> None:
        effects, scope = self.effects, self.scope
        callee = e.callee
        # Cls.close(x) is x.close(): its first argument is the receiver (docs/design.md §7.1)
        through = through_class(e)
        receiver = receiver_of(e, through)
        if isinstance(callee, MemberExpr) and receiver is not None and scope.local(receiver) is not None:
            var = scope.local(receiver)
            assert var is not None
            after = effects.valid_after_release(e)
            self.emit(MethodCall(
                var, scope.local_any(receiver), receiver if isinstance(receiver, NameExpr) else None,
                spelled(receiver), receiver.line, receiver.column, callee.name,
                effects.releases_receiver(e), messages.by_release(callee.name),
                # releasing again is harmless, as is a method valid after release
                after or effects.repeatable(e), after, var.name, effects.leaves_pipes(effects.stub(e)), effects.consumes_receiver(e),
                effects.leaves_readable(e), effects.reads_stream(e),
            ))
            exhausts = effects.exhausts(e)
            if exhausts is not None:
                self.emit(Exhaust(var, exhausts))
            if effects.starts_obligation(e):
                self.emit(Wake(var))
        elif isinstance(callee, MemberExpr) and isinstance(receiver, CallExpr):
            self.call(receiver)
            on_temporary(self, e, receiver)
        elif through and receiver is not None:
            self.expr(receiver)
        elif isinstance(callee, NameExpr) and scope.local(callee) is not None and scope.closure(callee) is None:
            # a bound release kept in a name (finish = f.close): calling it releases
            var = scope.local(callee)
            assert var is not None
            release = Move(var, var, callee, callee.name, callee.line, callee.column, messages.by_release(callee.name), True, True, var.name)
            # called again after the release: harmless, as close() twice is
            again = self.capture(lambda: self.use(callee, reading=True))
            self.emit(If(Held(var), (release,), again))
        else:
            self.expr(callee)
        plain = [inert(self, arg) for arg in e.args]
        if all(plain) and plain_receiver(self, receiver):  # no rule would emit anything but their reads
            effects.stub(e)  # the lookup every rule starts with: a library call is still counted
            for arg in e.args[1 if through else 0:]:
                self.expr(arg)
            return
        ownership = effects.ownership(e)
        name = ownership.callee_name if ownership else callee_name(e)
        wrapping = effects.wrapping(e)
        if wrapping is not None and wrapping.view is not None and e is not self._bound_view:
            # a view that no name takes goes on (returned, passed on): the object with it
            view = wrapping.view
            var = self.scope.local(view)
            if var is not None:
                self.emit(If(Held(var), self.capture(lambda: self.hand_over(view)), ()))
        lowered = list(enumerate(e.args))[1 if through else 0:]  # a receiver is lowered above
        plain = plain[1 if through else 0:]
        # what the arguments' rules read, asked only of a call with arguments they can act on
        ruled = not all(plain)
        inserts = effects.insertion(e) if ruled else None
        takes_over = effects.takes_over_arguments(e) if ruled else False
        # only an argument that can owe something can be released or handed over by the callee
        summarised = summarised_arguments(self, e)
        kept = effects.kept_arguments(e) if ruled else frozenset()
        self.wake_arguments(e)
        for (i, arg), only_read in zip(lowered, plain):
            if only_read:  # every rule below would only read it
                self.expr(arg)
                continue
            mode = ownership.arg_modes[i] if ownership and i < len(ownership.arg_modes) else None
            star = e.arg_kinds[i] == ARG_STAR
            if mode is Mode.OWN and ownership is not None and i in ownership.stub_args:
                # a @takes_over stub takes the release over, and the caller may go on
                # using the value (closing(x), stack.enter_context(f), addHandler(h))
                rest = self.capture(lambda: self.hand_over_argument(arg, star))
            else:
                rest = self.argument(e, arg, mode, star, name, inserts, takes_over)
                rest = self.summarised_argument(arg, summarised.get(i), name, rest)
                self.lent_fresh(e, i, name)
            self.emit_chain(self.kept_argument(arg, name, rest) if i in kept else rest)
            self.hold_argument(arg)
        # a Mut borrow takes effect when the call runs, after its arguments (two-phase)
        self.borrow_rules(e, ownership, name)
        self.uses_at_call(e, name)
        self.lock_effects(e)

    def wake_arguments(self, e: CallExpr) -> None:
        """A dormant owner given to a call that may start its obligation owes from here on."""
        if not e.args or not self.effects.constructions:
            return
        given = owing_arguments(self, e)
        if given and self.effects.wakes_arguments(e):
            for var in given:
                self.emit(Wake(var))

    def argument(
        self, e: CallExpr, arg: Expression, mode: Mode | None, star: bool, name: str | None,
        inserts: Insertion | None, takes_over: bool,
    ) -> tuple[Operation, ...]:
        """One argument: the first rule that applies decides."""
        scope = self.scope
        var = scope.local(arg)
        rest = self.capture(lambda: self._argument_by_mode(e, arg, mode, star, name, inserts))
        if mode is not Mode.OWN and inserts is None:
            through = self.hands_over_through(arg, rest)
            rest = through if through is not None else rest
        if mode is Mode.OWN or inserts is not None:
            escapes = self.closure_escapes(arg, f"passed to {messages.quoted(name or 'the call')}", rest)
            rest = escapes if escapes is not None else rest
        borrowed = scope.local_any(arg)
        if inserts is Insertion.VALUE and borrowed is not None:
            where = f"stored in a container by {name}()"
            escape = EscapeBorrow(borrowed, arg.line, arg.column, spelled(arg), where)
            escaped = self.capture(lambda: self.use(arg), lambda: self.emit(escape))
            rest = (If(Borrowed(borrowed), escaped, rest),)
        if mode is None and takes_over and var is not None:
            # Wrapper(f), self.set_socket(sock): kept by the object; a released one is only
            # referred to (an exception that records the closed response it came from)
            kept = self.capture(lambda: self.use(arg, reading=True)) if isinstance(arg, NameExpr) else rest
            rest = (If(Held(var), self.capture(lambda: self.hand_over(arg)), kept),)
        elif mode is None and isinstance(arg, NameExpr) and var is not None and (
            inserts is not None or self.effects.valid_after_release(e)
        ):
            # type(x); a released value a container keeps is only read (docs/design.md §2.6),
            # a borrowed one still escapes
            read = self.capture(lambda: self.use(arg, reading=True))
            rest = (If(Held(var), rest, (If(Borrowed(var), rest, read),) if inserts is not None else read),)
        return rest

    def summarised_argument(
        self, arg: Expression, effect: ParamEffect | None, name: str | None, rest: tuple[Operation, ...]
    ) -> tuple[Operation, ...]:
        """An owner given to a function of this module that releases it, takes it over, or
        hands it over, on every path (its summary)."""
        var = self.scope.local(arg)
        if effect is None or var is None:
            return rest
        if effect is ParamEffect.RELEASES:
            done = self.capture(lambda: self.move(arg, messages.by_call(name), release=True))
        elif effect is ParamEffect.TAKES_OVER:  # as an Own parameter (docs/design.md §2.3)
            done = self.capture(lambda: self.move(arg, messages.by_call(name)))
        else:
            done = self.capture(lambda: self.hand_over(arg))
        return (If(Held(var), done, rest),)

    def _argument_by_mode(
        self, e: CallExpr, arg: Expression, mode: Mode | None, star: bool, name: str | None,
        inserts: Insertion | None,
    ) -> None:
        scope = self.scope
        how = messages.by_call(name)
        if mode is Mode.OWN and star:
            if isinstance(arg, (TupleExpr, ListExpr)):  # f(*(a, b)) into Own parameters
                for item in arg.items:
                    if isinstance(item, NameExpr):
                        self.move(item, how)
                    else:
                        self.expr(item)
            else:
                self.expr(arg)
        elif (mode is Mode.OWN or inserts is not None) and self.move_closure(arg):
            return
        elif mode is Mode.OWN and scope.foreign_field_move(arg):
            assert isinstance(arg, MemberExpr)
            self.emit(Report(FieldMoved(arg.line, arg.column, arg.name, name or "the call")))
            self.expr(arg)
        elif mode is Mode.OWN and (isinstance(arg, NameExpr) or scope.local(arg) is not None):
            self.move(arg, how)
        elif inserts is not None and scope.local(arg) is not None:
            # inserted: a declared owner moves, a known one is handed over (docs/design.md §2.4)
            var = scope.local(arg)
            assert var is not None
            other = self.capture(lambda: self._argument_display_or_read(arg))
            known = (If(HoldsObject(var), self.capture(lambda: self.hand_over(arg)), other),)
            self.emit(If(Owned(var), self.capture(lambda: self.move(arg, how)), known))
        else:
            self._argument_display_or_read(arg)

    def _argument_display_or_read(self, arg: Expression) -> None:
        if isinstance(arg, (TupleExpr, ListExpr)):
            self.hand_over_display(arg)
        else:
            self.expr(arg)

    def hand_over_argument(self, arg: Expression, unpacked: bool) -> None:
        items = arg.items if unpacked and isinstance(arg, (TupleExpr, ListExpr)) else [arg]
        for item in items:
            if self.scope.local(item) is not None:
                self.hand_over(item)
                continue
            read = self.capture(lambda: self.expr(item))
            through = self.hands_over_through(item, read)
            self.emit_chain(through if through is not None else read)

    def lock_effects(self, e: CallExpr) -> None:
        """``lock.acquire()`` creates an obligation on the lock, ``lock.release()`` pays it;
        the lock itself is neither moved nor released."""
        effect = self.effects.lock_effect(e)
        if effect is None or not isinstance(e.callee, MemberExpr):
            return
        var = self.scope.local(receiver_of(e) or e.callee.expr)
        if var is None:
            return
        if effect is LockEffect.ACQUIRE:
            self.emit(Acquire(var, Acquired(e.line, e.column, var.name, self.effects.lock_help(e))))
        else:
            self.emit(ReleaseLock(var))
