"""What each ownership operation does to a state: :func:`apply`.

Pure: no mypy import. What an operation reveals that a check may report is emitted as a
*fact* (``facts.py``); applying operations during the solve emits nothing, applying them
again from the solution's states to report emits the facts. See docs/design.md §11.4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from mypy_ownership.facts import (
    BorrowEscaped,
    BorrowMoved,
    Conflict,
    Fact,
    Leaked,
    MutThroughShared,
    Returned,
    Used,
)
from mypy_ownership.modes import Mode
from mypy_ownership.operations import (
    Acquire,
    BeginValue,
    Bind,
    DropHeld,
    Either,
    EscapeBorrow,
    EscapeCaptures,
    ForgetFlag,
    HandOver,
    HoldBorrow,
    If,
    Leave,
    MethodCall,
    Move,
    MoveBorrow,
    MoveCaptured,
    MoveLoanOfCall,
    MutBorrow,
    Operation,
    ReleaseLock,
    Report,
    ReturnBorrow,
    ReturnLoanOfCall,
    SetFlag,
    OwedWhileNone,
    Unbind,
    Use,
    UseHeld,
    ValueFresh,
    ValueLoanOfCall,
    ValueOfName,
    Exhaust,
    Wake,
    ValueViewOf,
    WithExit,
)
from mypy_ownership.state import (
    PIPES,
    Acquired,
    Escape,
    FlowState,
    Invalidation,
    Loan,
    Moved,
    MoveSite,
    Name,
    Obligation,
    guarded_by,
    mentions,
    join,
    with_escape,
    without,
)


class _Value(NamedTuple):
    owned: bool
    obligation: Obligation | None
    loan: Loan | None
    alias: bool = False  # a known owner's object under one more name (docs/design.md §2.4)
    known: bool = False  # a fresh known owner: it owes what its type owes


_UNMANAGED = _Value(False, None, None)


def apply(ops: Sequence[Operation], state: FlowState, facts: list[Fact] | None = None) -> FlowState:
    """The state after ``ops``; what they reveal is appended to ``facts`` when given."""
    machine = Machine(state, facts)
    machine.run(ops)
    return machine.result()


class Machine:
    """Applies operations to a state, copying the state's parts only when they change."""

    def __init__(self, state: FlowState, facts: list[Fact] | None) -> None:
        self.state = state
        self.facts = facts
        self.owned = state.owned
        self.moved = state.moved
        self.owes = state.owes
        self.loans = state.loans
        self.invalid = state.invalid
        self.flags = state.flags
        self._copied = False
        self.slots: dict[int, _Value] = {}
        self.value_loan: Loan | None = None  # the borrow of the last value evaluated

    def result(self) -> FlowState:
        if not self._copied and self.owned is self.state.owned:
            return self.state
        return FlowState(self.owned, self.moved, self.owes, self.loans, self.invalid, self.flags)

    def _mutable(self) -> None:
        if not self._copied:
            self.moved = dict(self.moved)
            self.owes = dict(self.owes)
            self.loans = dict(self.loans)
            self.invalid = dict(self.invalid)
            self.flags = dict(self.flags)
            self._copied = True

    def snapshot(self) -> FlowState:
        if self._copied:
            return FlowState(
                self.owned, dict(self.moved), dict(self.owes), dict(self.loans), dict(self.invalid),
                dict(self.flags),
            )
        return FlowState(self.owned, self.moved, self.owes, self.loans, self.invalid, self.flags)

    def restore(self, state: FlowState) -> None:
        self.owned, self.moved, self.owes = state.owned, state.moved, state.owes
        self.loans, self.invalid, self.flags = state.loans, state.invalid, state.flags
        self._copied = False
        self._mutable()

    def emit(self, fact: Fact) -> None:
        if self.facts is not None:
            self.facts.append(fact)

    def run(self, ops: Sequence[Operation]) -> None:
        for op in ops:
            _APPLY[type(op)](self, op)

    # -- primitive effects ----------------------------------------------------------------------

    def use(self, var: Name | None, borrowed: Name | None, key: object, name: str,
            line: int, column: int, reading: bool = False, attribute: bool = False, stream: bool = False) -> None:
        if key is None or self.facts is None:
            return
        if var is not None:
            self.emit(Used(key, name, var, self.moved.get(var), reading, line, column, attribute, stream))
        broken = self.invalid.get(borrowed) if borrowed is not None else None
        if broken is not None:
            self.emit(Conflict(broken, line, column))

    def move_var(
        self, var: Name, line: int, column: int, how: str, release: bool = False, name: str = "", consumed: bool = False,
        readable: bool = False,
    ) -> None:
        """Moved or released: so is every other name for the same object."""
        self._mutable()
        guards = frozenset(self.flags.items())
        for alias in self.aliases(var):
            site = MoveSite(line, column, how, release, name, consumed, readable)
            self.moved[alias] = Moved(frozenset({site}), True, guards)
            del self.owes[alias]
        self.moved[var] = Moved(frozenset({MoveSite(line, column, how, release, "", consumed, readable)}), True, guards)
        self.owes.pop(var, None)
        self.owned = self.owned - {var}

    def aliases(self, var: Name) -> list[Name]:
        """The other names owing a release of an object ``var`` owes (a known owner bound
        to several names, or a wrapper that is a second view of it)."""
        obligation = self.owes.get(var)
        if obligation is None or len(self.owes) < 2:
            return []
        return [
            n for n, other in self.owes.items()
            if n is not var and not obligation.acquired.isdisjoint(other.acquired)
        ]

    def invalidate(
        self, owner: Name, line: int, column: int, owner_name: str, released: bool, mutably: bool = False
    ) -> None:
        hit = [(r, loan) for r, loan in self.loans.items() if owner in loan.sources]
        if hit:
            self._mutable()
            for r, loan in hit:
                self.invalid[r] = Invalidation(owner_name, line, column, released, mutably, loan)

    def drop(self, var: Name) -> None:
        """Handed over: the object's obligation is discharged, under every name."""
        if var in self.owned or var in self.owes:
            self.owned = self.owned - {var}
            if var in self.owes:
                self._mutable()
                for alias in self.aliases(var):
                    del self.owes[alias]
                del self.owes[var]

    def leak(self, var: Name, escape: Escape, kept: frozenset[Acquired] = frozenset()) -> None:
        """The name stops holding what it owes: a leak unless another name holds it."""
        obligation = self.owes[var]
        held: set[Acquired] = set(kept)
        for alias in self.aliases(var):
            held |= self.owes[alias].acquired
        for acquired in obligation.acquired:
            if acquired not in held:
                self.emit(Leaked(acquired, obligation.escapes_of(acquired) | {escape}))
        self._mutable()
        del self.owes[var]

    def end_binding(self, var: Name, escape: Escape, kept: frozenset[Acquired] = frozenset()) -> None:
        """A name rebound or deleted: what it still owed leaks there (but what it is bound
        to again, ``kept``: ``s = TextIOWrapper(s)``), its moves are over."""
        if var in self.owes:
            self.leak(var, escape, kept)
        if var in self.moved:
            self._mutable()
            del self.moved[var]

    def guarded(self, obligation: Obligation) -> Obligation:
        """A new obligation holds on the paths where the flags known now hold."""
        if not self.flags:
            return obligation
        return obligation._replace(guards=obligation.guards | frozenset(self.flags.items()))

    def forget_flag(self, name: Name) -> None:
        """A name rebound (or an attribute stored, ``(name, attribute)``): what was known of
        its value, and of every condition that reads it, no longer holds."""
        known = [key for key in self.flags if mentions(key, name)]
        if not known and not (
            any(guarded_by(ob.guards, name) for ob in self.owes.values())
            or any(guarded_by(m.guards, name) for m in self.moved.values())
        ):
            return
        self._mutable()
        for key in known:
            del self.flags[key]
        self._reguard(name, ())

    def _reguard(self, name: Name, new: tuple[tuple[Name, object], ...]) -> None:
        for var, ob in list(self.owes.items()):
            self.owes[var] = ob._replace(guards=without(ob.guards, name) | frozenset(new))
        for var, m in list(self.moved.items()):
            self.moved[var] = m._replace(guards=without(m.guards, name) | frozenset(new))

    def loan_from(self, lent: tuple[Name, ...], mode: Mode, line: int, column: int, how: str) -> Loan:
        """A returned reference borrows from what was lent (through their own borrows); a
        borrowed parameter, which borrows from nothing of the unit, is its own source."""
        sources: set[Name] = set()
        for var in lent:
            loan = self.loans.get(var)
            sources |= loan.sources if loan is not None and loan.sources else {var}
        return Loan(mode, frozenset(sources), line, column, how)

    # -- operations -----------------------------------------------------------------------------

    def _use(self, op: Use) -> None:
        self.use(op.var, op.borrowed, op.key, op.name, op.line, op.column, op.reading, op.attribute)

    def _move(self, op: Move) -> None:
        self.use(op.var, op.borrowed, op.key, op.name, op.line, op.column, op.again)
        loan = self.loans.get(op.borrowed) if op.borrowed is not None else None
        if loan is not None and op.release and loan.with_target and not loan.lent_by_enter:
            # closing what a with block closes anyway is harmless: the name is released
            assert op.borrowed is not None
            self.move_var(op.borrowed, op.line, op.column, op.how, op.release, op.name)
        elif loan is not None:
            what = ("released " if op.release else "moved ") + op.how
            self.emit(BorrowMoved(op.line, op.column, op.name, what, loan))
        elif op.var is not None:
            self.invalidate(op.var, op.line, op.column, op.owner or op.name, op.release)
            self.move_var(op.var, op.line, op.column, op.how, op.release, op.name, op.consumed, op.readable)

    def _method_call(self, op: MethodCall) -> None:
        owed = self.owes.get(op.var)
        if op.releases and op.leaves_pipes and owed is not None and self.reap(op.var, owed):
            self.use(op.var, op.borrowed, op.key, op.name, op.line, op.column, True)
        elif op.releases or (owed is not None and owed.releasable_by(op.method)):
            self._move(Move(
                op.var, op.borrowed, op.key, op.name, op.line, op.column, op.how, True, op.again, op.owner, op.consumes,
                op.readable,
            ))
        else:
            self.use(
                op.var, op.borrowed, op.key, op.name, op.line, op.column, op.valid_after_release, stream=op.reads_stream,
            )

    def reap(self, var: Name, owed: Obligation) -> bool:
        """A release that leaves the pipes of a process open (``Popen.wait``): what ``var``
        owes, under every name, is only its pipes from here on. False: it owes no pipes,
        and the call is a release as any other."""
        pipes = frozenset(a for a in owed.acquired if a.help.kind == PIPES)
        if not pipes:
            return False
        self._mutable()
        for name in [var, *self.aliases(var)]:
            held = self.owes[name]
            kept = held.acquired & pipes
            self.owes[name] = held._replace(acquired=kept, escapes=frozenset(e for e in held.escapes if e[0] in kept))
        return True

    def _hand_over(self, op: HandOver) -> None:
        self.use(op.var, op.var, op.key, op.name, op.line, op.column)
        self.drop(op.var)

    def _drop_held(self, op: DropHeld) -> None:
        for var in op.names:
            self.drop(var)

    def _move_captured(self, op: MoveCaptured) -> None:
        for i, var in enumerate(op.names):
            if var in self.owned:
                owner = op.owners[i] if i < len(op.owners) else ""
                self.invalidate(var, op.line, op.column, owner, False)
                self.move_var(var, op.line, op.column, op.how)
            elif var in self.owes:
                self.drop(var)  # a known owner goes with the closure: handed over

    def _mut_borrow(self, op: MutBorrow) -> None:
        loan = self.loans.get(op.var)
        if loan is not None and loan.mode is Mode.REF:
            self.emit(MutThroughShared(op.line, op.column, op.name, op.detail, loan))
        elif loan is None or loan.mode is Mode.MUT:
            # a Mut parameter lends what it holds as an owner does (docs/design.md §4.3)
            self.invalidate(op.var, op.line, op.column, op.owner or op.name, False, mutably=True)

    def _report(self, op: Report) -> None:
        self.emit(op.fact)

    def _escape_borrow(self, op: EscapeBorrow) -> None:
        self.emit(BorrowEscaped(op.line, op.column, op.name, op.where, self.loans[op.borrowed]))

    def _escape_captures(self, op: EscapeCaptures) -> None:
        for var, spelled in op.names:
            loan = self.loans.get(var)
            if loan is not None:
                self.emit(BorrowEscaped(op.line, op.column, spelled, op.where, loan))

    def _move_borrow(self, op: MoveBorrow) -> None:
        self.emit(BorrowMoved(op.line, op.column, op.name, op.detail, self.loans[op.borrowed]))

    def _return_borrow(self, op: ReturnBorrow) -> None:
        self.emit(Returned(op.line, op.column, op.name, self.loans[op.borrowed]))

    def _return_loan_of_call(self, op: ReturnLoanOfCall) -> None:
        loan = self.loan_from(op.lent, op.mode, op.line, op.column, op.how)
        self.emit(Returned(op.line, op.column, "the value", loan))

    def _move_loan_of_call(self, op: MoveLoanOfCall) -> None:
        loan = self.loan_from(op.lent, op.mode, op.line, op.column, op.how)
        self.emit(BorrowMoved(op.line, op.column, op.name, op.detail, loan))

    def _hold_borrow(self, op: HoldBorrow) -> None:
        lent = op.lent[0] if len(op.lent) == 1 else None
        loan = self.loans.get(lent) if lent is not None else None
        self._mutable()
        self.loans[op.holder] = loan or self.loan_from(op.lent, op.mode, op.line, op.column, op.how)
        self.invalid.pop(op.holder, None)

    def _use_held(self, op: UseHeld) -> None:
        broken = self.invalid.get(op.borrowed)
        # only a borrow held on every path here: a loop left by break keeps no borrow
        if broken is not None and op.borrowed in self.loans:
            self.emit(Conflict(broken, op.line, op.column, op.later))
        if op.end and (op.borrowed in self.loans or broken is not None):
            self._mutable()
            self.loans.pop(op.borrowed, None)
            self.invalid.pop(op.borrowed, None)

    def _begin_value(self, op: BeginValue) -> None:
        self.value_loan = None

    def _value_of_name(self, op: ValueOfName) -> None:
        if op.borrowed is not None and op.borrowed in self.loans:
            self.use(op.var, op.borrowed, op.key, op.name, op.line, op.column)
            self.slots[op.slot] = _Value(False, None, self.loans[op.borrowed])
            self.value_loan = self.loans[op.borrowed]
        elif op.var is not None and op.var in self.owned:
            obligation = self.owes.get(op.var)
            self._move(Move(op.var, op.borrowed, op.key, op.name, op.line, op.column, op.how, owner=op.owner))
            self.slots[op.slot] = _Value(True, obligation, None)
        elif op.var is not None and op.var in self.owes:
            # a known owner: y = x names the same object twice (docs/design.md §2.4)
            self.use(op.var, op.borrowed, op.key, op.name, op.line, op.column)
            self.slots[op.slot] = _Value(False, self.owes[op.var], None, alias=True)
        else:
            self.use(op.var, op.borrowed, op.key, op.name, op.line, op.column)
            self.slots[op.slot] = _UNMANAGED

    def _value_view_of(self, op: ValueViewOf) -> None:
        obligation = self.owes.get(op.var)
        self.slots[op.slot] = _Value(False, obligation, None, alias=True) if obligation else _UNMANAGED

    def _exhaust(self, op: Exhaust) -> None:
        owed = self.owes.get(op.var)
        if owed is not None and (op.by_type or all(a.exhausts for a in owed.acquired)):
            self.drop(op.var)

    def _wake(self, op: Wake) -> None:
        owed = self.owes.get(op.var)
        if owed is None or not any(a.dormant for a in owed.acquired):
            return
        self._mutable()
        for name in [*self.aliases(op.var), op.var]:
            self.owes[name] = self.owes[name].woken()

    def _value_loan_of_call(self, op: ValueLoanOfCall) -> None:
        self.value_loan = self.loan_from(op.lent, op.mode, op.line, op.column, op.how)
        self.slots[op.slot] = _Value(False, None, self.value_loan)

    def _value_fresh(self, op: ValueFresh) -> None:
        self.slots[op.slot] = _Value(
            op.owned, op.obligation, self.value_loan if op.inherit else None, known=op.known
        )

    def _bind(self, op: Bind) -> None:
        value = self.slots.pop(op.slot, _UNMANAGED) if op.slot is not None else _UNMANAGED
        loan = value.loan if op.with_loan else op.loan
        borrowed = op.borrowed
        if borrowed is not None and op.forget_flag:
            self.forget_flag(borrowed)
        if borrowed is not None and (borrowed in self.loans or borrowed in self.invalid or loan):
            self._mutable()
            self.loans.pop(borrowed, None)
            self.invalid.pop(borrowed, None)
            if loan is not None:
                self.loans[borrowed] = loan
        var = op.var
        if var is None:
            return
        kept = value.obligation.acquired if value.alias and value.obligation is not None else frozenset()
        self.end_binding(var, Escape(op.line, op.column, f"{op.verb} at line {op.line}"), kept)
        obligation = value.obligation
        if value.owned or op.declared_own:
            self.owned = self.owned | {var}
        elif var in self.owned:
            self.owned = self.owned - {var}
        if obligation is None and not op.member and (value.owned or value.known):
            obligation = op.obligation
        if op.field is not None:
            # stored into an owned field: the object holds it now (a releasing method
            # storing a new value owes nothing)
            obligation = Obligation(frozenset({op.field})) if op.field.held else None
        if obligation is not None:
            self._mutable()
            same = op.member or value.alias  # an alias keeps the object's acquisition
            self.owes[var] = self.guarded(obligation if same else obligation.renamed(op.name))
        elif op.member and var in self.owes:
            self._mutable()
            del self.owes[var]

    def _unbind(self, op: Unbind) -> None:
        if op.borrowed is not None and op.forget_flag:
            self.forget_flag(op.borrowed)
        var = op.var
        if var is None:
            return
        self.end_binding(var, Escape(op.line, op.column, f"deleted at line {op.line}"))
        self.owned = self.owned - {var}

    def _forget_flag(self, op: ForgetFlag) -> None:
        self.forget_flag(op.name)

    def _owed_while_none(self, op: OwedWhileNone) -> None:
        owed = self.owes.get(op.var)
        if owed is not None:
            self._mutable()
            self.owes[op.var] = owed._replace(guards=owed.guards | {(op.flag, None)})

    def _set_flag(self, op: SetFlag) -> None:
        self._mutable()
        self.flags[op.name] = op.value
        self._reguard(op.name, ((op.name, op.value),))

    def _acquire(self, op: Acquire) -> None:
        if op.var not in self.owes:
            self._mutable()
            self.owes[op.var] = self.guarded(Obligation(frozenset({op.acquired})))

    def _release_lock(self, op: ReleaseLock) -> None:
        if op.var in self.owes:
            self._mutable()
            del self.owes[op.var]

    def _leave(self, op: Leave) -> None:
        if not self.owes:
            return
        self._mutable()
        self.owes = with_escape(self.snapshot(), op.escape).owes

    def _with_exit(self, op: WithExit) -> None:
        if op.target_borrowed is not None and op.target_borrowed in self.loans:
            self._mutable()
            del self.loans[op.target_borrowed]  # the block ended: the target is released
        releases = op.releases or (
            op.unknown_type and op.subject is not None and op.subject in self.owes
        )
        if not releases or (op.subject_borrowed is not None and op.subject_borrowed in self.loans):
            return
        for var in op.names:
            if var not in self.moved:
                self.move_var(var, op.line, op.column, op.how, release=True)

    def _either(self, op: Either) -> None:
        before = self.snapshot()
        self.run(op.first)
        taken = self.snapshot()
        self.restore(before)
        self.run(op.second)
        self.restore(join(self.snapshot(), taken))

    def _if(self, op: If) -> None:
        view = FlowState(self.owned, self.moved, self.owes, self.loans, self.invalid, self.flags)
        self.run(op.then if op.condition.holds(view) else op.otherwise)


_APPLY: dict[type, Callable[[Machine, Any], None]] = {
    Use: Machine._use,
    Move: Machine._move,
    MethodCall: Machine._method_call,
    HandOver: Machine._hand_over,
    DropHeld: Machine._drop_held,
    MoveCaptured: Machine._move_captured,
    MutBorrow: Machine._mut_borrow,
    Report: Machine._report,
    EscapeBorrow: Machine._escape_borrow,
    EscapeCaptures: Machine._escape_captures,
    MoveBorrow: Machine._move_borrow,
    ReturnBorrow: Machine._return_borrow,
    ReturnLoanOfCall: Machine._return_loan_of_call,
    MoveLoanOfCall: Machine._move_loan_of_call,
    HoldBorrow: Machine._hold_borrow,
    UseHeld: Machine._use_held,
    ValueOfName: Machine._value_of_name,
    ValueLoanOfCall: Machine._value_loan_of_call,
    ValueViewOf: Machine._value_view_of,
    Exhaust: Machine._exhaust,
    Wake: Machine._wake,
    BeginValue: Machine._begin_value,
    ValueFresh: Machine._value_fresh,
    Bind: Machine._bind,
    Unbind: Machine._unbind,
    ForgetFlag: Machine._forget_flag,
    SetFlag: Machine._set_flag,
    OwedWhileNone: Machine._owed_while_none,
    Acquire: Machine._acquire,
    ReleaseLock: Machine._release_lock,
    Leave: Machine._leave,
    WithExit: Machine._with_exit,
    Either: Machine._either,
    If: Machine._if,
}
