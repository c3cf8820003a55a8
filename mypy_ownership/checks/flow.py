"""The ownership dataflow shared by the checks of moves and leaks (SPEC §2, §3).

One forward analysis over a unit's CFG follows every tracked name:
- whether it *owns* its value (an ``Own`` parameter or annotation, the result of a call
  returning ``Own[...]`` or of a resource constructor, or a value moved into it);
- where it was *moved* or *released*, and whether on every path or only on some;
- the *obligation* it carries when its value is a resource: where the resource was
  acquired, and through which exits it escaped unreleased.

Its result is what the checks read: every use of a name that may have been moved
(``moves.py``) and every place a resource escaped (``leaks.py``). It is computed once per
unit and shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from mypy.nodes import (
    ARG_STAR,
    FUNC_NO_INFO,
    GDEF,
    LDEF,
    AssertStmt,
    AssignmentExpr,
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    ComparisonExpr,
    ConditionalExpr,
    Decorator,
    DelStmt,
    DictionaryComprehension,
    EllipsisExpr,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    FuncItem,
    GeneratorExpr,
    IndexExpr,
    IntExpr,
    LambdaExpr,
    ListComprehension,
    ListExpr,
    MatchStmt,
    MemberExpr,
    NameExpr,
    Node,
    OperatorAssignmentStmt,
    OpExpr,
    PassStmt,
    RaiseStmt,
    RefExpr,
    ReturnStmt,
    SetComprehension,
    StarExpr,
    StrExpr,
    Statement,
    TryStmt,
    TupleExpr,
    TypeInfo,
    UnaryExpr,
    Var,
    WithStmt,
    YieldExpr,
)
from mypy.patterns import AsPattern, MappingPattern, Pattern, StarredPattern, ValuePattern
from mypy.types import AnyType, CallableType, Instance, NoneType, TupleType, Type, UnionType

from mypy_ownership import messages
from mypy_ownership.cfg import Edge, EdgeKind, Step, StepKind
from mypy_ownership.dataflow import Liveness, live_sets, solve
from mypy_ownership.evaluation import children, every_expression
from mypy_ownership.signatures import (
    CallOwnership,
    Mode,
    ResourceInfo,
    call_ownership,
    declared_callee_type,
    is_copy_type,
    mode_of,
    mro,
    proper,
    receiver_mode,
    yield_mode,
)
from mypy_ownership.overlay import FunctionStub
from mypy_ownership.unit import Unit, iter_statements, spans_any

CONTAINER_INSERTIONS: Final = frozenset({"append", "extend", "insert", "add", "setdefault"})
_WITH_TARGET: Final = "as the target of a with block"
# A resource a stub returns as Own[...] while typeshed says Any: released by close().
_UNTYPED_RESOURCE: Final = ResourceInfo("resource", ("close",), True, ())


# -- lattice values -----------------------------------------------------------------------

class MoveSite(NamedTuple):
    line: int
    column: int
    how: str
    release: bool = False  # released (closed) rather than moved to another owner

    @property
    def position(self) -> tuple[int, int]:
        return (self.line, self.column)


class Moved(NamedTuple):
    sites: frozenset[MoveSite]
    definite: bool
    guards: frozenset[tuple[Var, object]] = frozenset()  # as Obligation.guards


_NOT_MOVED: Final = Moved(frozenset(), False)


class Acquired(NamedTuple):
    """Where a resource came into a name's care, and the help a leak report gives."""

    line: int
    column: int
    name: str
    help: str
    releasing: tuple[str, ...] = ()  # its releasing methods, for receivers typed Any
    held: bool = False  # a field's resource, owed to the object: reported only if overwritten


class Escape(NamedTuple):
    """A way out through which an obligation left unpaid. A *pending* escape is an
    exception on its way: it counts only if the exception leaves the function."""

    line: int
    column: int
    what: str
    pending: bool = False


class Obligation(NamedTuple):
    """What a name owes: the acquisitions it holds, and each one's ways out so far (kept
    per acquisition, so two bindings of one name do not share their notes).

    ``guards``: what tested locals are known to hold on every path where the obligation
    exists: ``True``, ``False``, ``None``, never ``None``, truthy or falsy (``close = True``
    after the acquisition, ``err = None`` before it, or learnt from an earlier ``if``); a
    later ``if close:`` or ``if err is not None:`` cannot take the branch those values rule
    out, so ``if close: f.close()`` discharges it (correlated flags)."""

    acquired: frozenset[Acquired]
    escapes: frozenset[tuple[Acquired, Escape]] = frozenset()
    guards: frozenset[tuple[Var, object]] = frozenset()

    def join(self, other: Obligation) -> Obligation:
        if self == other:
            return self
        return Obligation(
            self.acquired | other.acquired, self.escapes | other.escapes, self.guards & other.guards
        )

    def escapes_of(self, acquired: Acquired) -> frozenset[Escape]:
        return frozenset(e for a, e in self.escapes if a == acquired)


class Loan(NamedTuple):
    """A name that only borrows its value: from which owners, and where the borrow began."""

    mode: Mode
    sources: frozenset[Var]
    line: int
    column: int
    how: str


class Invalidation(NamedTuple):
    """An owner was moved, released or mutably borrowed while a borrow of it existed."""

    owner: str
    line: int
    column: int
    what: str  # "move", "release", "mutable borrow"
    loan: Loan


_NO_LOANS: Final[dict[Var, Loan]] = {}
_NO_INVALID: Final[dict[Var, Invalidation]] = {}
_NO_FLAGS: Final[dict[Var, object]] = {}


class FlowState:
    """Immutable: owners, moves, obligations and borrows at one program point."""

    __slots__ = ("owned", "moved", "owes", "loans", "invalid", "flags")

    def __init__(
        self,
        owned: frozenset[Var],
        moved: dict[Var, Moved],
        owes: dict[Var, Obligation],
        loans: dict[Var, Loan] = _NO_LOANS,
        invalid: dict[Var, Invalidation] = _NO_INVALID,
        flags: dict[Var, object] = _NO_FLAGS,
    ) -> None:
        self.owned = owned
        self.moved = moved
        self.owes = owes
        self.loans = loans
        self.invalid = invalid
        self.flags = flags  # what tested names are known to hold here (see Obligation.guards)

    def replace(self, **changes: object) -> FlowState:
        fields = {name: getattr(self, name) for name in self.__slots__}
        fields.update(changes)
        return FlowState(**fields)  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, FlowState)
            and self.owned == other.owned
            and self.moved == other.moved
            and self.owes == other.owes
            and self.loans == other.loans
            and self.invalid == other.invalid
            and self.flags == other.flags
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Leak:
    """A resource that escaped: where it was acquired, the name holding it, and how."""

    acquired: Acquired
    escapes: frozenset[Escape]
    discarded: str | None = None  # callee whose owned result was thrown away


class BorrowProblem(NamedTuple):
    """A misuse of a borrow, for checks/borrows.py: what kind, where, and the loan."""

    code: str  # "move-from-borrow", "borrow-escape", "borrow-conflict", "missing-lifetime"
    line: int
    column: int
    name: str
    detail: str
    loan: Loan | None = None
    later: tuple[int, int] | None = None  # where a conflicting borrow is used later


@dataclass
class FlowResult:
    uses: dict[NameExpr, tuple[Var, Moved]] = field(default_factory=dict)
    leaks: list[Leak] = field(default_factory=list)
    field_moves: list[tuple[MemberExpr, str]] = field(default_factory=list)
    borrow_problems: list[BorrowProblem] = field(default_factory=list)


# -- the analysis -------------------------------------------------------------------------

class OwnershipFlow:
    """The dataflow problem; :meth:`run` solves it and collects what the checks need."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.reporting = False
        self.result = FlowResult()
        self.resources = unit.overlay.resources
        self.annotated = unit.annotated
        self._calls: dict[CallExpr, CallOwnership | None] = {}
        self._tracked: dict[Var, bool] = {}
        self._captures: dict[FuncItem, frozenset[Var]] = {}
        self._has_call: dict[Node, bool] = {}
        self._stubs: dict[CallExpr, FunctionStub | None] = {}
        self.yield_moves = yield_mode(unit.func) is Mode.OWN
        self.nested = frozenset(
            f for f in map(_function_of, unit.statements()) if f is not None
        )
        self.self_var, self.owned_fields, self.releasing_method = self._method_fields()
        func = unit.func
        self.params = frozenset(a.variable for a in func.arguments) if func is not None else frozenset()
        func_type = getattr(func, "type", None)
        self.return_mode = mode_of(func_type.ret_type) if isinstance(func_type, CallableType) else None
        self.has_borrowed_param = isinstance(func_type, CallableType) and any(
            (m := mode_of(t)) is not None and m.is_borrow for t in func_type.arg_types
        )
        self._live: Liveness | None = None
        self._initial: FlowState | None = None
        self._facts: dict[int, _StepFacts] = {}  # by id: hashing a Step hashes its enum
        self._moded: dict[Var, bool] = {}
        self._matters: dict[CallExpr, bool] = {}
        self._starts: dict[int, bool] = {}
        self._shape_memo: _Shape | None = None
        calls = unit.ownership_calls
        self._call_lines = sorted(c.line for c in calls) if calls is not None else None
        # a generator yielding owned values, or a method of a class with Own fields: every
        # step is walked (their rules read names the step facts do not follow)
        self._sparse = not (self.yield_moves or self.owned_fields or _has_moded_fields(unit))

    # -- lattice ----------------------------------------------------------------------------

    def initial(self) -> FlowState:
        """The state at entry, built once (the pre-pass and the solver both ask for it)."""
        if self._initial is None:
            self._initial = self._entry_state()
        return self._initial

    def _entry_state(self) -> FlowState:
        owned: set[Var] = set()
        owes: dict[Var, Obligation] = {}
        loans: dict[Var, Loan] = {}
        func = self.unit.func
        if func is not None and func.type is not None:
            arg_types = getattr(func.type, "arg_types", [])
            for argument, declared in zip(func.arguments, arg_types):
                var = argument.variable
                declared_mode = mode_of(declared)
                if declared_mode is not None and declared_mode.is_borrow:
                    loans[var] = Loan(
                        declared_mode, frozenset(), argument.line, argument.column,
                        f"a {declared_mode.value} parameter",
                    )
                if mode_of(declared) is Mode.OWN and self.tracked(var) and var is not self.self_var:
                    owned.add(var)
                    obligation = self.obligation_for(var.name, declared, argument)
                    if obligation is not None and not _is_trivial(func):
                        owes[var] = obligation
        if not _is_trivial(func):
            for var, acquired in self.owned_fields.items():
                owes[var] = Obligation(frozenset({acquired}))
        return FlowState(frozenset(owned), {}, owes, loans)

    def join(self, a: FlowState, b: FlowState) -> FlowState:
        if a is b:
            return a
        moved: dict[Var, Moved] = {}
        for var in a.moved.keys() | b.moved.keys():
            left, right = a.moved.get(var), b.moved.get(var)
            if left is None or right is None:
                only = left or right
                assert only is not None
                moved[var] = Moved(only.sites, False, only.guards)
            elif left == right:
                moved[var] = left
            else:
                moved[var] = Moved(
                    left.sites | right.sites, left.definite and right.definite,
                    left.guards & right.guards,
                )
        owes = dict(a.owes)
        for var, obligation in b.owes.items():
            mine = owes.get(var)
            owes[var] = obligation if mine is None else mine.join(obligation)
        loans = a.loans if a.loans == b.loans else _join_loans(a.loans, b.loans)
        invalid = a.invalid if a.invalid == b.invalid else {**b.invalid, **a.invalid}
        flags = a.flags if a.flags == b.flags else {
            var: value for var, value in a.flags.items() if var in b.flags and b.flags[var] is value
        }
        return FlowState(a.owned & b.owned, moved, owes, loans, invalid, flags)

    def transfer(self, step: Step, state: FlowState) -> FlowState:
        if self._inert(step, state):
            return state
        walk = _Walk(self, state)
        walk.step(step)
        return walk.result()

    def _inert(self, step: Step, state: FlowState) -> bool:
        """A step that can change nothing here. Most steps of most functions are such, and
        walking them is most of the cost: a module without the vocabulary decides it
        without a walk while the state holds nothing (``_starts_anything``)."""
        if self._call_lines is not None and not (
            state.owned or state.moved or state.owes or state.loans or state.invalid
        ):
            if self.reporting and self._is_shared(step):
                return False
            return not self._starts_anything(step)
        return self._inert_walked(step, state)

    def _inert_walked(self, step: Step, state: FlowState) -> bool:
        """By the step's facts: it names no variable the state holds anything of (a loan's
        sources included), and can create nothing whatever the state (``_StepFacts.acts``).
        When reporting, a step whose node other steps share (the copies of a ``finally``
        body) is walked anyway: its uses are merged across the copies."""
        facts = self._step_facts(step)
        if facts.acts or (self.reporting and facts.shared):
            return False
        if facts.sets_flag or (facts.reads_flag and (state.owes or state.moved)):
            return False
        names = facts.reads
        if not names:
            return True
        if state.owned and not names.isdisjoint(state.owned):
            return False
        for held in (state.moved, state.owes, state.loans, state.invalid, state.flags):
            if held and not names.isdisjoint(held):
                return False
        return all(names.isdisjoint(loan.sources) for loan in state.loans.values())

    def transfer_edge(self, edge: Edge, state: FlowState) -> FlowState:
        state = self._forget_dead(edge.target, state)
        if edge.kind is EdgeKind.EXCEPTION and edge.origin is not None and state.owes:
            # a step raised: the path of an exception begins here; only calls count (SPEC §3)
            if not self.unit.options.leak_on_exception or not self._calls_in(edge.origin):
                return state.replace(owes={})
            at = edge.origin
            state = _with_escape(
                state, Escape(at.line, at.column, "an exception leaves the function", True)
            )
        if edge.test is not None:
            state = self._follow_flag(edge, state)
        if edge.test is not None and state.owes:
            failed = self._failed_acquire(edge)
            if failed is not None and failed in state.owes:
                owes = dict(state.owes)
                del owes[failed]
                state = state.replace(owes=owes)
            none_var = self._narrowed_to_none(edge)
            if none_var is not None and none_var in state.owes:
                owes = dict(state.owes)
                del owes[none_var]  # Own[T | None]: nothing is owed where it is None
                state = state.replace(owes=owes)
        if edge.target == self.unit.cfg.exit and state.owes:
            return _with_escape(state, self._fall_through(), only_if_none=True)
        if edge.target == self.unit.cfg.raise_exit and state.owes:
            owes = {
                var: ob._replace(escapes=frozenset((a, _settled(e)) for a, e in ob.escapes))
                for var, ob in state.owes.items()
            }
            return state.replace(owes=owes)
        return state

    def _calls_in(self, node: Node) -> bool:
        known = self._has_call.get(node)
        if known is None:
            parts = every_expression(node) if isinstance(node, (Expression, Statement)) else []
            known = self._has_call[node] = any(isinstance(p, CallExpr) for p in parts)
        return known

    def _forget_dead(self, block: int, state: FlowState) -> FlowState:
        """Moves and ownership of names no later step reads cannot matter any more; keeping
        them would make states grow with the length of the function. Obligations stay."""
        if (not state.moved and not state.owned) or self._shape().steps < _FORGET_FROM:
            return state
        if self._live is None:
            self._live = live_sets(self.unit.cfg, self._reads)
        live = self._live.is_live
        if all(live(block, var) for var in state.moved) and all(live(block, v) for v in state.owned):
            return state
        moved = {var: m for var, m in state.moved.items() if live(block, var)}
        owned = frozenset(var for var in state.owned if live(block, var))
        return state.replace(owned=owned, moved=moved)

    def _shape(self) -> _Shape:
        """Facts of the unit's CFG as a whole, from one pass over it."""
        if self._shape_memo is None:
            steps = 0
            seen: set[int] = set()
            shared: set[int] = set()
            flags: set[Var] = set()
            for block in self.unit.cfg.blocks:
                steps += len(block.steps)
                for step in block.steps:
                    key = id(step.node)
                    (shared if key in seen else seen).add(key)
                for edge in block.succs:
                    test = _flag_test(edge.test, True) if edge.test is not None else None
                    var = self.local_any(test[0]) if test is not None else None
                    if var is not None:
                        flags.add(var)
            self._shape_memo = _Shape(steps, frozenset(shared), frozenset(flags))
        return self._shape_memo

    def _reads(self, step: Step) -> frozenset[Var]:
        return self._step_facts(step).reads

    def _step_facts(self, step: Step) -> _StepFacts:
        """What one walk of a step finds: every variable it may read, closures' captures
        included (over-approximated: a name missed here would lose a report, a name too
        many only costs time), and whether it ``acts`` whatever the state."""
        facts = self._facts.get(id(step))
        if facts is not None:
            return facts
        node = step.node
        exprs = every_expression(node) if isinstance(node, (Expression, Statement)) else []
        if isinstance(node, MatchStmt):
            for pattern in node.patterns:
                for part in _pattern_parts(pattern):
                    exprs.extend(every_expression(part))
        acts = not self._sparse or not _may_be_inert(step)
        found: set[Var] = set()
        for expr in exprs:
            kind = type(expr)
            if kind is NameExpr:
                var = expr.node  # type: ignore[attr-defined]
                if type(var) is Var:
                    found.add(var)
                    acts = acts or self._annotated(var)
                else:
                    closure = self.closure(expr)
                    if closure is not None:
                        found |= self.captures(closure)
                        acts = True
            elif kind is CallExpr:
                acts = acts or self.call_matters(expr)  # type: ignore[arg-type]
            elif kind is LambdaExpr:
                found |= self.captures(expr)  # type: ignore[arg-type]
                acts = True
            elif kind is MemberExpr:
                var = self.field(expr.name) if self.owned_fields else None  # type: ignore[attr-defined]
                if var is not None:
                    found.add(var)
            elif isinstance(expr, NameExpr):  # a subclass: decided by the full walk
                acts = True
        func = _function_of(node)
        if func is not None:
            found |= self.captures(func)
        reads_flag = not self.flag_names().isdisjoint(found)
        sets_flag = reads_flag and self._binds_flag(node)
        facts = self._facts[id(step)] = _StepFacts(
            frozenset(found), acts, self._is_shared(step), sets_flag, reads_flag
        )
        return facts

    def _is_shared(self, step: Step) -> bool:
        """Its node is walked by more than one step (the copies of a ``finally`` body)."""
        return id(step.node) in self._shape().shared

    def _binds_flag(self, node: Node) -> bool:
        """``name = ...`` for a name some branch tests."""
        flags = self.flag_names()
        return isinstance(node, AssignmentStmt) and any(
            isinstance(t, NameExpr) and t.node in flags for t in node.lvalues
        )

    def _starts_anything(self, step: Step) -> bool:
        """In a module without the vocabulary and from a state that holds nothing (flags
        aside), whether a step can change anything: it evaluates one of the unit's
        ``ownership_calls`` (found by line, no walk), or binds a name some branch tests.
        Closures and other calls act only on what is held."""
        known = self._starts.get(id(step))
        if known is None:
            node = step.node
            known = (
                not _may_be_inert(step) or self._binds_flag(node)
                or spans_any(node, self._call_lines or [])
            )
            self._starts[id(step)] = known
        return known

    def _annotated(self, var: Var) -> bool:
        """A name declared Own/Ref/Mut: binding or reading it has meaning of its own."""
        known = self._moded.get(var)
        if known is None:
            known = self._moded[var] = self.annotated and mode_of(var.type) is not None
        return known

    def call_matters(self, call: CallExpr) -> bool:
        """A call that can create an owner, an obligation, a move, a release or a borrow
        whatever the state: a stub covers it, its signature carries a mode, it constructs
        a resource or releases its receiver."""
        known = self._matters.get(call)
        if known is None:
            ownership = self.call(call)
            known = (
                self.stub(call) is not None
                or self.receiver_mode_of(call) is not None
                or (ownership is not None and (
                    any(ownership.arg_modes) or ownership.return_mode is not None
                    or self.produces_owned(call) or self.releasing_call(call) is not None
                ))
            )
            self._matters[call] = known
        return known

    def _follow_flag(self, edge: Edge, state: FlowState) -> FlowState:
        """``if flag:``, ``if err is not None:``: an obligation or a move whose paths all
        gave the name a value this edge rules out does not take it; and past the edge, the
        name is known to be truthy, falsy, None or not None (``if outfn: f = open(outfn)``
        then ``if outfn: f.close()``)."""
        found = _flag_test(edge.test, edge.kind is EdgeKind.TRUE)
        var = self.local_any(found[0]) if found is not None else None
        if found is None or var is None:
            return state
        _, learnt, ruled_out = found

        def takes_edge(guards: frozenset[tuple[Var, object]]) -> bool:
            return not any(g[0] is var and ruled_out(g[1]) for g in guards)

        owes = {v: ob for v, ob in state.owes.items() if takes_edge(ob.guards)}
        moved = {v: m for v, m in state.moved.items() if takes_edge(m.guards)}
        flags = state.flags if var in state.flags else {**state.flags, var: learnt}
        if len(owes) == len(state.owes) and len(moved) == len(state.moved) and flags is state.flags:
            return state
        return state.replace(owes=owes, moved=moved, flags=flags)

    def flag_names(self) -> frozenset[Var]:
        """The locals some branch of the unit tests for truth or for None."""
        return self._shape().flag_names

    def _failed_acquire(self, edge: Edge) -> Var | None:
        """``if lock.acquire(timeout=...):`` / ``blocking=False``: on the side where the
        acquisition failed, the lock is not held."""
        test, on_true = edge.test, edge.kind is EdgeKind.TRUE
        while isinstance(test, UnaryExpr) and test.op == "not":
            test, on_true = test.expr, not on_true
        if on_true or not isinstance(test, CallExpr) or not isinstance(test.callee, MemberExpr):
            return None
        stub = self.stub(test)
        if stub is None or "acquires" not in stub.markers or not _may_fail(test):
            return None
        return self.local(test.callee.expr)

    def _narrowed_to_none(self, edge: Edge) -> Var | None:
        """The optional name a TRUE/FALSE edge of ``x is None``, ``x is not None``, ``x`` or
        ``not x`` narrows to ``None``."""
        test, on_true = edge.test, edge.kind is EdgeKind.TRUE
        while isinstance(test, UnaryExpr) and test.op == "not":
            test, on_true = test.expr, not on_true
        if isinstance(test, ComparisonExpr) and len(test.operators) == 1:
            left, right = test.operands
            if isinstance(left, NameExpr) and left.fullname == "builtins.None":
                left, right = right, left
            if not (isinstance(right, NameExpr) and right.fullname == "builtins.None"):
                return None
            if test.operators[0] in ("is", "=="):
                var = self.local(left) if on_true else None
            elif test.operators[0] in ("is not", "!="):
                var = self.local(left) if not on_true else None
            else:
                return None
        elif not on_true:
            var = self.local(test) if test is not None else None
        else:
            return None
        if var is not None and _may_be_none(var.type):
            return var
        return None

    def exceptional(self, before: FlowState, after: FlowState) -> FlowState:
        """The raising step acquired nothing, but what it released or handed on is gone."""
        if not before.owes:
            return before
        owes = {var: ob for var, ob in before.owes.items() if var in after.owes}
        return before.replace(owes=owes)

    def _fall_through(self) -> Escape:
        func = self.unit.func
        end = getattr(func, "end_line", None) or (func.line if func else 1)
        return Escape(end, 0, "the function ends")

    # -- facts about names, calls and resources ---------------------------------------------

    def tracked(self, var: object) -> bool:
        if not isinstance(var, Var):
            return False
        known = self._tracked.get(var)
        if known is None:
            known = self._tracked[var] = not is_copy_type(var.type)
        return known

    def local(self, expr: Expression) -> Var | None:
        """The tracked variable an expression names, if it belongs to this unit's scope: a
        local, a module global at top level, or an owned field inside a releasing method."""
        if isinstance(expr, MemberExpr):
            if self.owned_fields and isinstance(expr.expr, NameExpr) and expr.expr.node is self.self_var:
                var = self.field(expr.name)
                if var is not None and var in self.owned_fields:
                    return var
            return None
        if not isinstance(expr, NameExpr):
            return None
        node = expr.node
        if not isinstance(node, Var) or not self.tracked(node):
            return None
        if expr.kind == LDEF and self.unit.kind == "function":
            return node
        if expr.kind == GDEF and self.unit.is_module:
            return node
        return None

    def local_any(self, expr: Expression) -> Var | None:
        """A local of this unit whatever its type: borrows of Copy values count too."""
        if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
            if expr.kind == LDEF and self.unit.kind == "function":
                return expr.node
        return self.local(expr)

    def receiver_mode_of(self, call: CallExpr) -> Mode | None:
        """How a method call takes its receiver: from the method's self, or its stub."""
        callee = call.callee
        if not isinstance(callee, MemberExpr):
            return None
        stub = self.stub(call)
        if stub is not None and stub.receiver is not None:
            return stub.receiver
        receiver = proper(self.unit.types.type_of(callee.expr)) if self.annotated else None
        if isinstance(receiver, Instance):
            node = receiver.type.get(callee.name)
            return receiver_mode(node.node) if node is not None else None
        return None

    def problem(self, problem: BorrowProblem) -> None:
        if self.reporting:
            self.result.borrow_problems.append(problem)

    def field(self, name: str) -> Var | None:
        func = self.unit.func
        info = func.info if isinstance(func, FuncDef) else None
        symbol = info.get(name) if info is not None else None
        return symbol.node if symbol is not None and isinstance(symbol.node, Var) else None

    def takes_over_arguments(self, call: CallExpr) -> bool:
        """Calls that keep what they are given, as far as precision needs: a constructor of
        a class without ownership stubs (a wrapper stores its argument), and a method of
        the object being defined (``self.set_socket(sock)``)."""
        callee = call.callee
        if self.stub(call) is not None:
            return False
        if isinstance(callee, RefExpr) and isinstance(callee.node, TypeInfo):
            # the stubs are exact about the classes they name (ZipFile(f) does not close f);
            # a subclass defined elsewhere (a wrapper over an io base) keeps its argument
            return self.unit.overlay.class_stub(callee.node.fullname) is None
        callee_type = proper(self.unit.types.type_of(callee))
        if isinstance(callee_type, CallableType) and callee_type.is_type_obj():
            return True
        if isinstance(callee, MemberExpr) and isinstance(callee.expr, NameExpr):
            func = self.unit.func
            return (
                isinstance(func, FuncDef) and func.info is not FUNC_NO_INFO and bool(func.arguments)
                and callee.expr.node is func.arguments[0].variable
                and not any(self.unit.overlay.class_stub(k.fullname) for k in mro(func.info))
            )
        return False

    def foreign_field_move(self, expr: Expression) -> bool:
        """``self.f`` of an ``Own`` field, moved outside a releasing method (SPEC §2)."""
        if not isinstance(expr, MemberExpr) or not isinstance(expr.expr, NameExpr):
            return False
        func = self.unit.func
        if not isinstance(func, FuncDef) or not func.arguments or func.info is FUNC_NO_INFO:
            return False
        if expr.expr.node is not func.arguments[0].variable or self.releasing_method:
            return False
        var = self.field(expr.name)
        return var is not None and mode_of(var.type) is Mode.OWN and receiver_mode(func) is not Mode.OWN

    def call(self, call: CallExpr) -> CallOwnership | None:
        if call in self._calls:
            return self._calls[call]
        callee_type = self.unit.types.type_of(call.callee)
        if callee_type is None:
            callee_type = declared_callee_type(call.callee)
        result = self._calls[call] = call_ownership(call, callee_type, self.stub(call), self.annotated)
        return result

    def stub(self, call: CallExpr) -> FunctionStub | None:
        """What the ownership stubs say of a call's callee, if anything."""
        if call in self._stubs:
            return self._stubs[call]
        callee, found = call.callee, None
        if isinstance(callee, RefExpr) and isinstance(callee.node, TypeInfo):
            # a constructor: the stub of the __init__ mypy resolves (the nearest one)
            for klass in mro(callee.node):
                stub = self.unit.overlay.class_stub(klass.fullname)
                if stub is not None and "__init__" in stub.methods:
                    found = stub.methods["__init__"]
                    break
                if "__init__" in klass.names:
                    break
        elif isinstance(callee, RefExpr) and callee.fullname:
            found = self.unit.overlay.function(callee.fullname)
        owner = getattr(callee.expr, "node", None) if isinstance(callee, MemberExpr) else None
        if found is None and isinstance(callee, MemberExpr) and isinstance(owner, TypeInfo):
            found = self.unit.overlay.method([k.fullname for k in mro(owner)], callee.name)
        elif found is None and isinstance(callee, MemberExpr) and not isinstance(callee.node, TypeInfo):
            receiver = self.unit.types.type_of(callee.expr)
            found = self.resources.method_stub(receiver, callee.name)
        self._stubs[call] = found
        return found

    def produces_owned(self, call: CallExpr) -> bool:
        ownership = self.call(call)
        if ownership is None:
            return False
        if ownership.return_mode is Mode.OWN:
            return True
        # a constructor of a resource type hands the caller a resource to release
        return _is_constructor(call) and self.resources.of_type(ownership.return_type) is not None

    def obligation_for(self, name: str, t: Type | None, at: Node) -> Obligation | None:
        info = self.resources.of_type(t)
        if info is None:
            return None
        return Obligation(frozenset({Acquired(at.line, at.column, name, _help(name, info, None), info.releasing)}))

    def call_obligation(self, name: str, call: CallExpr) -> Obligation | None:
        ownership = self.call(call)
        if ownership is None:
            return None
        info = self.resources.of_type(ownership.return_type)
        if info is None and ownership.return_mode is Mode.OWN and self.stub(call) is not None:
            if isinstance(proper(ownership.return_type), AnyType):
                info = _UNTYPED_RESOURCE
        if info is None:
            return None
        acquired = Acquired(call.line, call.column, name, _help(name, info, ownership.callee_name), info.releasing)
        return Obligation(frozenset({acquired}))

    def releasing_call(self, call: CallExpr, owes: dict[Var, Obligation] | None = None) -> tuple[Expression, str] | None:
        """``x.close()`` where ``close`` takes ``self: Own[...]``: the receiver and method.
        Where mypy types the receiver as ``Any``, the resource it owes tells."""
        callee = call.callee
        if not isinstance(callee, MemberExpr):
            return None
        owed = owes.get(self.local(callee.expr)) if owes and self.local(callee.expr) else None  # type: ignore[arg-type]
        if owed is not None and any(callee.name in a.releasing for a in owed.acquired):
            return callee.expr, callee.name
        receiver_type = self.unit.types.type_of(callee.expr)
        if receiver_type is None and isinstance(callee.expr, NameExpr) and isinstance(callee.expr.node, Var):
            receiver_type = callee.expr.node.type
        if self.resources.method_releases(receiver_type, callee.name):
            return callee.expr, callee.name
        return None

    def with_releases(self, subject: Expression) -> bool:
        info = self.resources.of_type(self.unit.types.type_of(subject))
        if info is None and isinstance(subject, NameExpr) and isinstance(subject.node, Var):
            info = self.resources.of_type(subject.node.type)
        return info is not None and info.context_releases

    def closure(self, expr: Expression) -> FuncItem | None:
        """The function a closure expression stands for: a lambda, or a nested def's name."""
        if isinstance(expr, LambdaExpr):
            return expr
        if isinstance(expr, NameExpr):
            func = _function_of(expr.node)
            if func is not None and func in self.nested:
                return func
        return None

    def captures(self, func: FuncItem) -> frozenset[Var]:
        """Every variable a closure's body (nested scopes included) refers to."""
        known = self._captures.get(func)
        if known is None:
            found = set()
            for stmt in _deep_statements(func.body.body):
                for expr in every_expression(stmt):
                    if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                        found.add(expr.node)
            known = self._captures[func] = frozenset(found)
        return known

    def _method_fields(self) -> tuple[Var | None, dict[Var, Acquired], bool]:
        """The owned resource fields of a method's class (SPEC §6): a releasing method must
        release them on every path; any other method (but __init__) may not overwrite one
        still holding its resource."""
        func = self.unit.func
        if not isinstance(func, FuncDef) or func.info is FUNC_NO_INFO or not func.arguments:
            return None, {}, False
        if func.is_static or func.is_class:
            return None, {}, False
        releasing = receiver_mode(func) is Mode.OWN
        info = self.resources.of_class(func.info)
        self_var = func.arguments[0].variable
        if info is None or (func.name == "__init__" and not releasing):
            return (self_var if releasing else None), {}, releasing
        if releasing:
            help = f"release it in \"{func.name}\""
        else:
            help = "release the old value before assigning a new one"
        fields = {
            var: Acquired(var.line, var.column, var.name, help, held=not releasing)
            for var in info.owned_fields
        }
        return self_var, fields, releasing

    # -- recording --------------------------------------------------------------------------

    def used(self, name: NameExpr, var: Var, moved: Moved | None, reading: bool) -> None:
        """A use (moved or not); copies of one statement (``finally`` bodies) join.

        ``reading`` is a data-attribute read: allowed after a release, not after a move.
        """
        if moved is None:
            moved = _NOT_MOVED
        elif reading:
            moved = Moved(frozenset(s for s in moved.sites if not s.release), moved.definite)
        seen = self.result.uses.get(name)
        if seen is not None:
            moved = Moved(seen[1].sites | moved.sites, seen[1].definite and moved.definite)
        self.result.uses[name] = (var, moved)

    def leaked(self, obligation: Obligation, escape: Escape) -> None:
        for acquired in obligation.acquired:
            self.result.leaks.append(Leak(acquired, obligation.escapes_of(acquired) | {escape}))

    def discarded(self, call: CallExpr) -> None:
        ownership = self.call(call)
        name = ownership.callee_name if ownership else None
        obligation = self.call_obligation("the result", call)
        if obligation is not None:
            for acquired in obligation.acquired:
                self.result.leaks.append(Leak(acquired, frozenset(), discarded=name or "the call"))

    # -- running ----------------------------------------------------------------------------

    def anything_to_follow(self) -> bool:
        """Whether a move, a borrow or an obligation can arise at all: an owned or borrowed
        parameter or local, a call whose signature carries a mode, a resource constructed,
        a stub-covered call. Most code has none, and then the dataflow is skipped."""
        if self.unit.ownership_calls is not None:
            # a module that cannot see the vocabulary: only these calls can start anything
            return any(map(self.call_matters, self.unit.ownership_calls))
        if self.yield_moves or self.owned_fields:
            return True
        state = self.initial()
        if state.owned or state.owes or state.loans:
            return True
        for stmt in self.unit.statements():
            for expr in every_expression(stmt):
                if isinstance(expr, CallExpr):
                    if self.call_matters(expr):
                        return True
                elif isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                    if self._annotated(expr.node):
                        return True
            if isinstance(stmt, WithStmt) and any(map(self.with_releases, stmt.expr)):
                return True
        return False

    def run(self) -> FlowResult:
        cfg = self.unit.cfg
        solution = solve(cfg, self)
        self.reporting = True
        for block in cfg.blocks:
            state = solution.entry(block.id)
            if state is None:
                continue
            for step in block.steps:
                state = self.transfer(step, state)
        for end in (cfg.exit, cfg.raise_exit):
            state = solution.entry(end)
            if state is None:
                continue
            for obligation in state.owes.values():
                for acquired in obligation.acquired:
                    if not acquired.held:  # a field keeps its resource past the method
                        self.result.leaks.append(Leak(acquired, obligation.escapes_of(acquired)))
        return self.result


class _Shape(NamedTuple):
    steps: int
    shared: frozenset[int]  # ids of the nodes more than one step walks
    flag_names: frozenset[Var]  # locals some branch tests for truth or for None


class _StepFacts(NamedTuple):
    reads: frozenset[Var]
    acts: bool  # may change the state whatever it holds
    shared: bool  # its node is walked by more than one step (finally / with-exit copies)
    sets_flag: bool  # binds a name some branch tests (Obligation.guards)
    reads_flag: bool  # names one


def _without(guards: frozenset[tuple[Var, object]], var: Var) -> frozenset[tuple[Var, object]]:
    return frozenset(g for g in guards if g[0] is not var)


def _guards_any(owes: dict[Var, Obligation], moved: dict[Var, Moved], var: Var) -> bool:
    """Whether an obligation or a move is guarded by the name."""
    return any(g[0] is var for ob in owes.values() for g in ob.guards) or any(
        g[0] is var for m in moved.values() for g in m.guards
    )


# Steps that only evaluate expressions and bind plain names: with no name the state holds
# and no call that matters, they change nothing. Every other kind is always walked.
_EXPRESSION_STATEMENTS: Final = (ExpressionStmt, AssignmentStmt, OperatorAssignmentStmt)


def _may_be_inert(step: Step) -> bool:
    if step.kind is StepKind.STMT:
        return type(step.node) in _EXPRESSION_STATEMENTS
    return step.kind in (StepKind.TEST, StepKind.FOR_ITER, StepKind.MATCH_SUBJECT)


def _has_moded_fields(unit: Unit) -> bool:
    func = unit.func
    info = func.info if isinstance(func, FuncDef) else None
    if info is None or info is FUNC_NO_INFO:
        return False
    return any(
        isinstance(symbol.node, Var) and mode_of(symbol.node.type) is not None
        for klass in mro(info) for symbol in klass.names.values()
    )


def flow_of(unit: Unit) -> FlowResult | None:
    """The unit's ownership flow, computed once for all checks (None: nothing to follow)."""
    if "flow" not in unit.memo:
        flow = OwnershipFlow(unit)
        unit.memo["flow"] = flow.run() if flow.anything_to_follow() else None
    result = unit.memo["flow"]
    assert result is None or isinstance(result, FlowResult)
    return result


def _help(name: str, info: ResourceInfo, callee: str | None) -> str:
    """The fix a leak report suggests: ``with`` where ``__exit__`` releases, else the
    releasing method. ``callee``: the call the resource came from, if any."""
    method = "close" if "close" in info.releasing else (info.releasing or ("",))[0]
    if info.context_releases:
        block = f"with {callee}(...) as {name}:" if callee else f"with {name}:"
        if method:
            return f'use "{block}" or call "{name}.{method}()"'
        return f'use "{block}"'
    if method:
        return f'call "{name}.{method}()" on every path'
    return "hand it to a new owner on every path"


# -- applying one step ------------------------------------------------------------------------

class _Walk:
    """Applies one step to a state, copying the state's parts only when they change."""

    def __init__(self, flow: OwnershipFlow, state: FlowState) -> None:
        self.a = flow
        self.state = state
        self.owned = state.owned
        self.moved = state.moved
        self.owes = state.owes
        self.loans = state.loans
        self.invalid = state.invalid
        self.flags = state.flags
        self._copied = False
        self.loan: Loan | None = None

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

    def join_with(self, other: FlowState) -> None:
        self.restore(self.a.join(self.snapshot(), other))

    # -- primitive effects ------------------------------------------------------------------

    def use(self, name: Expression, reading: bool = False) -> Var | None:
        var = self.a.local(name)
        if self.a.reporting and isinstance(name, NameExpr):
            if var is not None:
                self.a.used(name, var, self.moved.get(var), reading)
            borrowed = self.a.local_any(name)
            broken = self.invalid.get(borrowed) if borrowed is not None else None
            if broken is not None:
                self.a.problem(BorrowProblem(
                    "borrow-conflict", broken.line, broken.column, broken.owner, broken.what,
                    broken.loan, (name.line, name.column),
                ))
        return var

    def move(self, name: Expression, how: str, release: bool = False, reading: bool = False) -> None:
        """``reading``: calling it again after a release is allowed (e.g. shutdown())."""
        var = self.use(name, reading=reading)
        borrowed = self.a.local_any(name)
        loan = self.loans.get(borrowed) if borrowed is not None else None
        if loan is not None and release and loan.how == _WITH_TARGET:
            # closing what a with block closes anyway is harmless in Python (close() is
            # idempotent on the stdlib's context managers): the name is released
            self.move_var(borrowed, name, how, release)  # type: ignore[arg-type]
            return
        if loan is not None:
            what = ("released " if release else "moved ") + how
            self.a.problem(BorrowProblem("move-from-borrow", name.line, name.column, _name(name), what, loan))
            return
        if var is not None:
            self.invalidate(var, name, "release" if release else "move")
            self.move_var(var, name, how, release)

    def invalidate(self, owner: Var, at: Node, what: str) -> None:
        """The owner is moved, released or mutably borrowed: its borrows may not be used."""
        hit = [(r, loan) for r, loan in self.loans.items() if owner in loan.sources]
        if hit:
            self._mutable()
            for r, loan in hit:
                self.invalid[r] = Invalidation(owner.name, at.line, at.column, what, loan)

    def escape(self, expr: Expression, where: str) -> bool:
        """A borrowed name stored where it may outlive the borrow (SPEC §4)."""
        var = self.a.local_any(expr)
        loan = self.loans.get(var) if var is not None else None
        if loan is None:
            return False
        self.use(expr)
        self.a.problem(BorrowProblem("borrow-escape", expr.line, expr.column, _name(expr), where, loan))
        return True

    def move_var(self, var: Var, at: Node, how: str, release: bool = False) -> None:
        self._mutable()
        self.moved[var] = Moved(
            frozenset({MoveSite(at.line, at.column, how, release)}), True, frozenset(self.flags.items())
        )
        self.owes.pop(var, None)
        self.owned = self.owned - {var}

    def move_closure(self, expr: Expression) -> bool:
        """A closure that is moved or stored takes the owned names it captures with it."""
        func = self.a.closure(expr)
        if func is None:
            return False
        name = None if isinstance(func, LambdaExpr) else func.name
        for var in sorted(self.a.captures(func) & self.owned, key=lambda v: v.name):
            self.move_var(var, expr, messages.by_capture(name))
        return True

    def hand_over(self, name: Expression) -> None:
        """The value goes somewhere the analysis does not follow: stop tracking it."""
        var = self.use(name)
        if var is not None and (var in self.owned or var in self.owes):
            self.owned = self.owned - {var}
            if var in self.owes:
                self._mutable()
                del self.owes[var]

    def bind(
        self, target: Expression, owned: bool, obligation: Obligation | None = None,
        loan: Loan | None = None,
    ) -> None:
        borrowed = self.a.local_any(target) if isinstance(target, NameExpr) else None
        if borrowed is not None:
            self._forget_flag(borrowed)
        if borrowed is not None and (borrowed in self.loans or borrowed in self.invalid or loan):
            self._mutable()
            self.loans.pop(borrowed, None)
            self.invalid.pop(borrowed, None)
            if loan is not None:
                self.loans[borrowed] = loan
        if isinstance(target, (TupleExpr, ListExpr)):
            for item in target.items:
                self.bind(item, False)
            return
        if isinstance(target, StarExpr):
            self.bind(target.expr, False)
            return
        var = self.a.local(target)
        if var is None:
            if isinstance(target, MemberExpr):
                self.expr(target)  # storing a data attribute: allowed after a release, as reading one is
                return
            for part in children(target):
                self.expr(part)
            return
        if var in self.owes:
            verb = "overwritten" if isinstance(target, MemberExpr) else "rebound"
            self._leak(var, Escape(target.line, target.column, f"{verb} at line {target.line}"))
        if var in self.moved:
            self._mutable()
            del self.moved[var]
        if owned or mode_of(var.type) is Mode.OWN:
            self.owned = self.owned | {var}
            if obligation is None and not isinstance(target, MemberExpr):
                obligation = self.a.obligation_for(var.name, var.type, target) if owned else None
        elif var in self.owned:
            self.owned = self.owned - {var}
        if isinstance(target, MemberExpr) and var in self.a.owned_fields:
            # stored into an owned field: the object holds it now
            obligation = Obligation(frozenset({self.a.owned_fields[var]}))
            if not self.a.owned_fields[var].held:
                obligation = None  # a releasing method storing a new value owes nothing
        if obligation is not None:
            self._mutable()
            self.owes[var] = self._guarded(
                obligation if isinstance(target, MemberExpr) else _renamed(obligation, var.name)
            )
        elif isinstance(target, MemberExpr) and var in self.owes:
            self._mutable()
            del self.owes[var]

    def _leak(self, var: Var, escape: Escape) -> None:
        obligation = self.owes[var]
        if self.a.reporting:
            self.a.leaked(obligation, escape)
        self._mutable()
        del self.owes[var]

    def unbind(self, target: Expression) -> None:
        flag = self.a.local_any(target) if isinstance(target, NameExpr) else None
        if flag is not None:
            self._forget_flag(flag)
        if isinstance(target, (TupleExpr, ListExpr)):
            for item in target.items:
                self.unbind(item)
        elif isinstance(target, NameExpr) and self.a.local(target) is not None:
            var = self.a.local(target)
            assert var is not None
            if var in self.owes:
                self._leak(var, Escape(target.line, target.column, f"deleted at line {target.line}"))
            if var in self.moved:
                self._mutable()
                del self.moved[var]
            self.owned = self.owned - {var}
        else:
            for part in children(target):
                self.expr(part)

    def is_owned(self, expr: Expression) -> bool:
        var = self.a.local(expr)
        return var is not None and var in self.owned

    # -- expressions ----------------------------------------------------------------------

    def expr(self, e: Expression) -> None:
        if isinstance(e, NameExpr):
            self.use(e)
        elif isinstance(e, CallExpr):
            self.call(e)
        elif isinstance(e, MemberExpr):
            if self.a.local(e) is not None:
                self.use(e)
            elif isinstance(e.expr, NameExpr):
                self.use(e.expr, reading=True)
            else:
                self.expr(e.expr)
        elif isinstance(e, OpExpr) and e.op in ("and", "or"):
            self.expr(e.left)
            before = self.snapshot()
            self.expr(e.right)
            self.join_with(before)
        elif isinstance(e, ConditionalExpr):
            self.expr(e.cond)
            before = self.snapshot()
            self.expr(e.if_expr)
            taken = self.snapshot()
            self.restore(before)
            self.expr(e.else_expr)
            self.join_with(taken)
        elif isinstance(e, AssignmentExpr):
            owned, obligation = self.value(e.value, e.target.name)
            self.bind(e.target, owned, obligation)
        elif isinstance(e, (ListComprehension, SetComprehension)):
            self.comprehension(e.generator)
        elif isinstance(e, (GeneratorExpr, DictionaryComprehension)):
            self.comprehension(e)
        elif isinstance(e, LambdaExpr):
            return
        elif isinstance(e, YieldExpr) and e.expr is not None and not self._with_target(e.expr) and (
            self.escape(e.expr, "yielded from a generator")
            or self.closure_escapes(e.expr, "yielded from a generator")
        ):
            return
        elif isinstance(e, YieldExpr) and e.expr is not None and self.a.yield_moves:
            if not self.move_closure(e.expr):
                if self.a.local(e.expr) is not None:
                    self.move(e.expr, messages.by_yield())
                else:
                    self.expr(e.expr)
        else:
            for part in children(e):
                self.expr(part)

    def _with_target(self, expr: Expression) -> bool:
        """A with-target is yielded inside its block: the generator is suspended there."""
        var = self.a.local_any(expr)
        loan = self.loans.get(var) if var is not None else None
        return loan is not None and loan.how == _WITH_TARGET

    def comprehension(self, e: GeneratorExpr | DictionaryComprehension) -> None:
        """Its own scope, run zero or more times: moves inside are moves on some paths."""
        self.expr(e.sequences[0])
        before = self.snapshot()
        self._comprehension_body(e)
        self.join_with(before)  # a second round sees what the first one moved
        self._comprehension_body(e)
        self.join_with(before)

    def _comprehension_body(self, e: GeneratorExpr | DictionaryComprehension) -> None:
        for i, (index, conditions) in enumerate(zip(e.indices, e.condlists)):
            if i > 0:
                self.expr(e.sequences[i])
            self.bind(index, False)
            for condition in conditions:
                self.expr(condition)
        if isinstance(e, GeneratorExpr):
            self.expr(e.left_expr)
        else:
            for part in (e.key, e.value):
                if part is not None:
                    self.expr(part)

    def call(self, e: CallExpr) -> None:
        released = self.a.releasing_call(e, self.owes)
        callee = e.callee
        if released is not None and self.a.local(released[0]) is not None:
            receiver, method = released
            # close() again is harmless (idempotent on Python's resources), as is a method
            # the stubs declare valid after release; releasing what was moved is not
            stub = self.a.stub(e)
            again = method == "close" or (stub is not None and "valid_after_release" in stub.markers)
            self.move(receiver, messages.by_release(method), release=True, reading=again)
        elif isinstance(callee, MemberExpr) and isinstance(callee.expr, CallExpr):
            self.call(callee.expr)
            if released is None and self.a.produces_owned(callee.expr) and self.a.reporting:
                self.a.discarded(callee.expr)
        elif isinstance(callee, MemberExpr) and self.a.local(callee.expr) is not None:
            stub = self.a.stub(e)
            valid = stub is not None and "valid_after_release" in stub.markers
            self.use(callee.expr, reading=valid)  # a method call: not allowed after a release
        else:
            self.expr(callee)
        ownership = self.a.call(e)
        name = ownership.callee_name if ownership else _callee_name(e)
        inserts = _is_container_insertion(e)
        self.borrow_rules(e, ownership, name)
        takes_over = self.a.takes_over_arguments(e)
        for i, arg in enumerate(e.args):
            mode = ownership.arg_modes[i] if ownership and i < len(ownership.arg_modes) else None
            if mode is Mode.OWN and ownership is not None and i in ownership.stub_args:
                # a @takes_over stub takes the release over, and the caller may go on
                # using the value (closing(x), stack.enter_context(f), addHandler(h))
                self.hand_over_argument(arg, e.arg_kinds[i] == ARG_STAR)
                continue
            if mode is None and takes_over and self.a.local(arg) is not None and (
                self.is_owned(arg) or self.a.local(arg) in self.owes
            ):
                self.hand_over(arg)  # Wrapper(f), self.set_socket(sock): kept by the object
                continue
            if inserts and _callee_name(e) != "extend" and self.escape(arg, f"stored in a container by {name}()"):
                continue
            if (mode is Mode.OWN or inserts) and self.closure_escapes(arg, f"passed to {messages.quoted(name or 'the call')}"):
                continue
            if mode is not Mode.OWN and not inserts and self.hands_over_through(arg):
                continue
            if mode is Mode.OWN and e.arg_kinds[i] == ARG_STAR:
                self.unpacked_into_owned(arg, messages.by_call(name))
            elif (mode is Mode.OWN or inserts) and self.move_closure(arg):
                continue
            elif mode is Mode.OWN and self.a.foreign_field_move(arg):
                assert isinstance(arg, MemberExpr)
                if self.a.reporting:
                    self.a.result.field_moves.append((arg, name or "the call"))
                self.expr(arg)
            elif mode is Mode.OWN and (isinstance(arg, NameExpr) or self.a.local(arg) is not None):
                self.move(arg, messages.by_call(name))
            elif inserts and self.is_owned(arg):
                self.move(arg, messages.by_call(name))
            elif isinstance(arg, (TupleExpr, ListExpr)) and self._is_display_with_owned(arg):
                self._hand_over_display(arg)
            else:
                self.expr(arg)
        self.lock_effects(e)

    def borrow_rules(self, e: CallExpr, ownership: CallOwnership | None, name: str | None) -> None:
        """rustc E0596/E0499/E0502 at one call: Mut through a Ref, and an owner lent as Mut
        together with any other borrow of it. A Mut borrow also invalidates older borrows."""
        lent: list[tuple[Expression, Mode | None]] = []
        if isinstance(e.callee, MemberExpr):
            lent.append((e.callee.expr, self.a.receiver_mode_of(e)))
        if ownership is not None:
            lent.extend(zip(e.args, ownership.arg_modes))
        seen: dict[Var, int] = {}
        for arg, mode in lent:
            var = self.a.local_any(arg)
            if var is None:
                continue
            seen[var] = seen.get(var, 0) + 1
            if mode is not Mode.MUT:
                continue
            loan = self.loans.get(var)
            if loan is not None and loan.mode is Mode.REF:
                detail = (
                    f"called Mut method {messages.quoted(e.callee.name)} through it"
                    if isinstance(e.callee, MemberExpr) and arg is e.callee.expr
                    else f"passed it as Mut to {messages.quoted(name or 'the call')}"
                )
                self.a.problem(BorrowProblem("borrow-conflict", arg.line, arg.column, _name(arg), detail, loan))
            elif loan is None:
                self.invalidate(var, arg, "mutable borrow")
        for arg, mode in lent:
            var = self.a.local_any(arg)
            if var is not None and mode is Mode.MUT and seen.get(var, 0) > 1:
                self.a.problem(BorrowProblem(
                    "borrow-conflict", arg.line, arg.column, _name(arg),
                    f"lent as Mut to {messages.quoted(name or 'the call')} together with another borrow of it",
                ))
                break

    def hand_over_argument(self, arg: Expression, unpacked: bool) -> None:
        items = arg.items if unpacked and isinstance(arg, (TupleExpr, ListExpr)) else [arg]
        for item in items:
            if self.a.local(item) is not None:
                self.hand_over(item)
            elif not self.hands_over_through(item):
                self.expr(item)

    def hands_over_through(self, arg: Expression) -> bool:
        """A closure capturing owned names, or a bound method of one (``f.close``), given to
        a call: the callee may release them later, which the analysis cannot follow; they
        are handed over (SPEC §2, precision first)."""
        func = self.a.closure(arg)
        if func is not None:
            captured = [v for v in self.a.captures(func) if v in self.owned or v in self.owes]
            for var in captured:
                self.owned = self.owned - {var}
                if var in self.owes:
                    self._mutable()
                    del self.owes[var]
            return bool(captured)
        holder = self.a.local(arg.expr) if isinstance(arg, MemberExpr) else None
        if isinstance(arg, MemberExpr) and holder is not None:
            receiver = self.a.unit.types.type_of(arg.expr)
            releasing = self.a.resources.method_releases(receiver, arg.name) or any(
                arg.name in a.releasing for a in (self.owes[holder].acquired if holder in self.owes else ())
            )
            if (holder in self.owned or holder in self.owes) and releasing:
                self.hand_over(arg.expr)  # atexit.register(f.close): someone else closes it
                return True
        return False

    def closure_escapes(self, expr: Expression, where: str) -> bool:
        """A closure that escapes may not take borrowed names with it."""
        func = self.a.closure(expr)
        if func is None:
            return False
        borrowed = sorted((v for v in self.a.captures(func) if v in self.loans), key=lambda v: v.name)
        for var in borrowed:
            self.a.problem(BorrowProblem(
                "borrow-escape", expr.line, expr.column, var.name,
                f"captured by a closure {where}", self.loans[var],
            ))
        if borrowed:
            self.move_closure(expr)
        return bool(borrowed)

    def lock_effects(self, e: CallExpr) -> None:
        """``lock.acquire()`` creates an obligation on the lock, ``lock.release()`` pays it;
        the lock itself is neither moved nor released (SPEC §7)."""
        stub = self.a.stub(e)
        if stub is None or not stub.markers or not isinstance(e.callee, MemberExpr):
            return
        var = self.a.local(e.callee.expr)
        if var is None:
            return
        if "acquires" in stub.markers:
            if var in self.owes and self.a.reporting:
                pass  # acquiring twice: the first obligation stands
            elif var not in self.owes:
                self._mutable()
                name = var.name
                help = f'use "with {name}:" or call "{name}.release()" on every path'
                self.owes[var] = self._guarded(Obligation(frozenset({Acquired(e.line, e.column, name, help)})))
        elif "releases_lock" in stub.markers and var in self.owes:
            self._mutable()
            del self.owes[var]

    def unpacked_into_owned(self, arg: Expression, how: str) -> None:
        """``f(*(a, b))`` into ``Own`` parameters moves each name of the display."""
        if isinstance(arg, (TupleExpr, ListExpr)):
            for item in arg.items:
                if isinstance(item, NameExpr):
                    self.move(item, how)
                else:
                    self.expr(item)
        else:
            self.expr(arg)

    def value(self, rvalue: Expression, target: str) -> tuple[bool, Obligation | None]:
        """Evaluate a value about to be bound to a name: whether the name then owns it, and
        the obligation that comes with it. A borrow it carries is left in ``self.loan``."""
        self.loan = None
        borrowed = self.a.local_any(rvalue)
        if borrowed is not None and borrowed in self.loans:
            self.use(rvalue)
            self.loan = self.loans[borrowed]
            return False, None
        call = _awaited_call(rvalue)
        if call is not None:
            ownership = self.a.call(call)
            if ownership is not None and ownership.return_mode is not None and ownership.return_mode.is_borrow:
                self.expr(rvalue)
                self.loan = self.loan_of_call(call, ownership.return_mode)
                return False, None
        if self.a.local(rvalue) is not None:
            var = self.a.local(rvalue)
            assert var is not None
            if var in self.owned:
                obligation = self.owes.get(var)
                self.move(rvalue, messages.by_assignment(target))
                return True, obligation
            self.use(rvalue)
            return False, None
        self.expr(rvalue)
        call = _awaited_call(rvalue)
        if call is not None and self.a.produces_owned(call):
            return True, self.a.call_obligation(target, call)
        return False, None

    def loan_of_call(self, call: CallExpr, mode: Mode) -> Loan:
        """A returned reference borrows from every argument lent to a Ref/Mut parameter,
        and from the receiver when the method borrows it (SPEC §5: signatures only)."""
        ownership = self.a.call(call)
        lent: list[Expression] = []
        if ownership is not None:
            lent = [
                arg for arg, m in zip(call.args, ownership.arg_modes)
                if m is not None and m.is_borrow
            ]
        receiver_mode = self.a.receiver_mode_of(call)
        if isinstance(call.callee, MemberExpr) and receiver_mode is not None and receiver_mode.is_borrow:
            lent.append(call.callee.expr)
        sources: set[Var] = set()
        for arg in lent:
            var = self.a.local_any(arg)
            if var is None:
                continue
            loan = self.loans.get(var)
            sources |= loan.sources if loan is not None else {var}
        name = ownership.callee_name if ownership else _callee_name(call)
        return Loan(mode, frozenset(sources), call.line, call.column, messages.by_call(name))

    def _is_display_with_owned(self, e: Expression) -> bool:
        return isinstance(e, (TupleExpr, ListExpr)) and any(
            self.is_owned(item) or self.a.local(item) in self.owes for item in e.items
        )

    def _hand_over_display(self, e: TupleExpr | ListExpr) -> None:
        for item in e.items:
            if self.a.local(item) is not None and (self.is_owned(item) or self.a.local(item) in self.owes):
                self.hand_over(item)
            else:
                self.expr(item)

    # -- statements -----------------------------------------------------------------------

    def step(self, step: Step) -> None:
        kind, node = step.kind, step.node
        if kind is StepKind.STMT:
            self.statement(node)
        elif kind is StepKind.TEST:
            self.expr(node.expr if isinstance(node, AssertStmt) else node)  # type: ignore[arg-type]
        elif kind is StepKind.FOR_ITER:
            assert isinstance(node, ForStmt)
            self.expr(node.expr)
        elif kind is StepKind.FOR_BIND:
            assert isinstance(node, ForStmt)
            self.bind(node.index, False)
        elif kind is StepKind.WITH_ENTER:
            assert isinstance(node, WithStmt)
            subject = node.expr[step.index]
            self.expr(subject)
            subject_var = self.a.local_any(subject)
            if subject_var in self.loans and self.a.with_releases(subject):
                self.a.problem(BorrowProblem(
                    "move-from-borrow", subject.line, subject.column, _name(subject),
                    "released by the with block", self.loans[subject_var],
                ))
            target = node.target[step.index]
            if target is not None:
                loan = None
                if isinstance(target, NameExpr) and self.a.with_releases(subject):
                    # the block releases the subject: its target is only a borrow of it
                    sources = frozenset({subject_var}) if subject_var is not None else frozenset()
                    loan = Loan(Mode.REF, sources, target.line, target.column, _WITH_TARGET)
                self.bind(target, False, loan=loan)
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
                self.bind(name, False)
        elif kind is StepKind.MATCH_SUBJECT:
            assert isinstance(node, MatchStmt)
            self.expr(node.subject)
        elif kind is StepKind.CASE_BIND:
            assert isinstance(node, MatchStmt)
            self.pattern(node.patterns[step.index])

    def with_exit(self, s: WithStmt, index: int) -> None:
        """The block ended: a releasing ``__exit__`` releases the subject and its target."""
        subject, target = s.expr[index], s.target[index]
        borrowed = self.a.local_any(target) if target is not None else None
        if borrowed is not None and borrowed in self.loans:
            self._mutable()
            del self.loans[borrowed]  # the block ended: the target is released, not borrowed
        subject_var = self.a.local(subject)
        known = self.a.resources.of_type(self.a.unit.types.type_of(subject))
        releases = self.a.with_releases(subject) or (
            known is None and subject_var is not None and subject_var in self.owes
        )
        if not releases or self.a.local_any(subject) in self.loans:
            return
        how = messages.by_with_block()
        for name in (subject, target):
            if name is None:
                continue
            var = self.a.local(name)
            if var is not None and var not in self.moved:
                self.move_var(var, s, how, release=True)

    def _guarded(self, obligation: Obligation) -> Obligation:
        """A new obligation holds on the paths where the flags known now hold."""
        if not self.flags:
            return obligation
        return obligation._replace(guards=obligation.guards | frozenset(self.flags.items()))

    def _forget_flag(self, var: Var) -> None:
        """A name rebound: what was known of its value no longer holds."""
        if var not in self.a.flag_names() or (
            var not in self.flags and not _guards_any(self.owes, self.moved, var)
        ):
            return
        self._mutable()
        self.flags.pop(var, None)
        self._reguard(var, ())

    def _set_flag(self, s: AssignmentStmt) -> None:
        """``flag = True`` / ``False`` / ``None`` for a name some branch tests, or a value
        mypy types as never None (``err = exc``): on this path it holds that value, and so
        does every obligation's and move's path (``Obligation.guards``)."""
        value = _flag_constant(s.rvalue)
        if value is _NOT_A_FLAG and _never_none(self.a.unit.types.type_of(s.rvalue)):
            value = _NOT_NONE
        if value is _NOT_A_FLAG:
            return
        for target in s.lvalues:
            var = self.a.local_any(target) if isinstance(target, NameExpr) else None
            if var is None or var not in self.a.flag_names():
                continue
            self._mutable()
            self.flags[var] = value
            self._reguard(var, ((var, value),))

    def _reguard(self, var: Var, new: tuple[tuple[Var, object], ...]) -> None:
        """Replace what every obligation and move knows of ``var`` (state already copied)."""
        for name, ob in list(self.owes.items()):
            self.owes[name] = ob._replace(guards=_without(ob.guards, var) | frozenset(new))
        for name, m in list(self.moved.items()):
            self.moved[name] = m._replace(guards=_without(m.guards, var) | frozenset(new))

    def statement(self, s: Node) -> None:
        if isinstance(s, AssignmentStmt):
            self.assignment(s)
            self._set_flag(s)
        elif isinstance(s, ExpressionStmt):
            self.expr(s.expr)
            if isinstance(s.expr, CallExpr) and self.a.reporting and self.a.produces_owned(s.expr):
                self.a.discarded(s.expr)
        elif isinstance(s, ReturnStmt):
            self.returning(s)
        elif isinstance(s, OperatorAssignmentStmt):
            self.expr(s.rvalue)
            if isinstance(s.lvalue, NameExpr):
                self.use(s.lvalue)
                flag = self.a.local_any(s.lvalue)
                if flag is not None:
                    self._forget_flag(flag)
            else:
                for part in children(s.lvalue):
                    self.expr(part)
        elif isinstance(s, DelStmt):
            self.unbind(s.expr)
        elif isinstance(s, RaiseStmt):
            if s.expr is not None:
                self.expr(s.expr)
            if s.from_expr is not None:
                self.expr(s.from_expr)
            self._escape(Escape(s.line, s.column, f"raises at line {s.line}"))

    def returning(self, s: ReturnStmt) -> None:
        if s.expr is not None and self.returns_borrow(s.expr):
            self._escape(Escape(s.line, s.column, f"returns at line {s.line}"))
            return
        if s.expr is not None and self.closure_escapes(s.expr, "returned from the function"):
            self._escape(Escape(s.line, s.column, f"returns at line {s.line}"))
            return
        if s.expr is not None and not self.move_closure(s.expr):
            var = self.a.local(s.expr)
            if var is not None and (var in self.owned or var in self.owes):
                self.move(s.expr, messages.by_return())  # SPEC §2: an unmanaged name is only read
            elif isinstance(s.expr, (TupleExpr, ListExpr)):
                self._hand_over_display(s.expr)
            else:
                self.expr(s.expr)
        self._escape(Escape(s.line, s.column, f"returns at line {s.line}"))

    def returns_borrow(self, value: Expression) -> bool:
        """SPEC §4-5 on ``return``: a borrow may leave only as the function's own Ref/Mut
        result, and that result may not borrow from what dies with the function (E0515)."""
        returned = self.a.return_mode
        var = self.a.local_any(value)
        loan = self.loans.get(var) if var is not None else None
        call = _awaited_call(value)
        if loan is None and call is not None:
            ownership = self.a.call(call)
            if ownership is not None and ownership.return_mode is not None and ownership.return_mode.is_borrow:
                self.expr(value)
                loan = self.loan_of_call(call, ownership.return_mode)
                var = None
        if loan is None:
            if var is not None and returned is not None and returned.is_borrow and self.a.has_borrowed_param:
                if var in self.owned or var not in self.a.params:
                    self.use(value)
                    self.a.problem(BorrowProblem(
                        "missing-lifetime", value.line, value.column, var.name,
                        "it is owned by this function and dies when it returns",
                    ))
                    return True
            return False
        if var is not None:
            self.use(value)
        if returned is Mode.OWN:
            self.a.problem(BorrowProblem("move-from-borrow", value.line, value.column, _name(value), "returned as Own[...]", loan))
        elif returned is None:
            self.a.problem(BorrowProblem(
                "borrow-escape", value.line, value.column, _name(value),
                "returned from a function whose return is not Ref or Mut", loan,
            ))
        elif self.a.has_borrowed_param:
            local = sorted(v.name for v in loan.sources if v not in self.a.params)
            if local:
                self.a.problem(BorrowProblem(
                    "missing-lifetime", value.line, value.column, local[0],
                    "it is a local of this function and dies when it returns", loan,
                ))
        return True

    def _escape(self, escape: Escape) -> None:
        """Leaving the function: every obligation still owed escapes here."""
        if not self.owes:
            return
        self._mutable()
        self.owes = _with_escape(self.snapshot(), escape).owes

    def assignment(self, s: AssignmentStmt) -> None:
        rvalue = s.rvalue
        if len(s.lvalues) == 1:
            target = s.lvalues[0]
            if isinstance(target, (TupleExpr, ListExpr)):
                if self._parallel_assignment(target, rvalue):
                    return
            elif self.a.local_any(target) is not None:
                target_var = self.a.local_any(target)
                assert target_var is not None
                if mode_of(target_var.type) is Mode.OWN and self.a.local_any(rvalue) in self.loans:
                    self.move(rvalue, f"by binding it to the Own name {messages.quoted(target_var.name)}")
                    self.bind(target, False)
                    return
                owned, obligation = self.value(rvalue, _target_name(target))
                self.bind(target, owned, obligation, self.loan)
                return
            elif isinstance(target, (IndexExpr, MemberExpr)) and self.escape(
                rvalue, "stored in an attribute" if isinstance(target, MemberExpr) else "stored in a container"
            ):
                self.bind(target, False)
                return
            elif isinstance(target, NameExpr) and target.kind == GDEF and self.escape(
                rvalue, "stored in a global variable"
            ):
                return
            elif isinstance(target, (IndexExpr, MemberExpr)) and self.move_closure(rvalue):
                self.bind(target, False)
                return
            elif isinstance(target, IndexExpr) and self.is_owned(rvalue):
                self.move(rvalue, messages.by_assignment(_target_name(target)))
                self.bind(target, False)
                return
            elif isinstance(target, MemberExpr) and self.a.local(rvalue) is not None:
                if _is_owned_field(target):
                    self.move(rvalue, messages.by_assignment(_target_name(target)))
                else:
                    self.hand_over(rvalue)
                self.bind(target, False)
                return
        if self.a.local(rvalue) is not None and (self.is_owned(rvalue) or self.a.local(rvalue) in self.owes):
            self.hand_over(rvalue)
        else:
            self.expr(rvalue)
        for target in s.lvalues:
            self.bind(target, False)

    def _parallel_assignment(self, target: TupleExpr | ListExpr, rvalue: Expression) -> bool:
        if any(isinstance(item, StarExpr) for item in target.items):
            return False
        if isinstance(rvalue, (TupleExpr, ListExpr)) and len(target.items) == len(rvalue.items):
            values = [self.value(item, _target_name(t)) for item, t in zip(rvalue.items, target.items)]
            for item_target, (owned, obligation) in zip(target.items, values):
                self.bind(item_target, owned, obligation)
            return True
        call = _awaited_call(rvalue)
        if call is not None:
            # conn, addr = sock.accept(): a tuple result with Own[...] items binds owners
            self.expr(rvalue)
            ownership = self.a.call(call)
            items = proper(self.a.unit.types.type_of(rvalue) or (ownership.return_type if ownership else None))
            if isinstance(items, TupleType) and len(items.items) == len(target.items):
                stub_items = ownership.return_items if ownership else None
                for i, (item_target, item_type) in enumerate(zip(target.items, items.items)):
                    owned = mode_of(item_type) is Mode.OWN or bool(
                        stub_items and i < len(stub_items) and stub_items[i] is Mode.OWN
                    )
                    obligation = None
                    if owned:
                        info_name = _target_name(item_target)
                        obligation = self.a.obligation_for(info_name, item_type, call)
                    self.bind(item_target, owned, obligation)
            else:
                for item_target in target.items:
                    self.bind(item_target, False)
            return True
        return False

    def pattern(self, p: Pattern | None) -> None:
        for sub in _pattern_parts(p):
            if isinstance(sub, NameExpr):
                self.bind(sub, False)
            else:
                self.expr(sub)


# -- helpers -----------------------------------------------------------------------------------

def _with_escape(state: FlowState, escape: Escape, only_if_none: bool = False) -> FlowState:
    """Every obligation escapes through ``escape``; a normal exit settles pending exceptions
    (the exception was handled, and this is the way the path leaves)."""
    owes = {}
    for var, ob in state.owes.items():
        kept = frozenset((a, e) for a, e in ob.escapes if not e.pending or escape.pending)
        added = frozenset(
            (a, escape) for a in ob.acquired
            if not (only_if_none and any(k[0] == a for k in kept))
        )
        owes[var] = ob._replace(escapes=kept | added)
    return state.replace(owes=owes)


# Forgetting dead names keeps states from growing with the length of a function; below this
# many steps they cannot grow much, and computing liveness costs more than it saves.
_FORGET_FROM: Final = 200

_NOT_A_FLAG: Final = object()
_NOT_NONE: Final = object()  # a value mypy types as never None (an exception caught, say)
_TRUTHY: Final = object()  # learnt on the true edge of `if x:` (so not None either)
_FALSY: Final = object()  # learnt on its false edge (None, False, 0, "" ...)
_FLAG_CONSTANTS: Final = {"builtins.True": True, "builtins.False": False, "builtins.None": None}


def _flag_constant(expr: Expression) -> object:
    """True, False or None when the expression is that constant, else ``_NOT_A_FLAG``."""
    if isinstance(expr, NameExpr) and expr.fullname in _FLAG_CONSTANTS:
        return _FLAG_CONSTANTS[expr.fullname]
    return _NOT_A_FLAG


def _never_none(t: Type | None) -> bool:
    p = proper(t)
    return isinstance(p, (Instance, TupleType, CallableType))


def _flag_test(test: Expression | None, on_true: bool) -> tuple[Expression, object, Callable[[object], bool]] | None:
    """The name a branch test looks at, what the edge teaches of its value, and which known
    values the edge rules out: ``x`` / ``not x`` (truthiness), ``x is None`` / ``x is not
    None`` (and ``==`` / ``!=``)."""
    while isinstance(test, UnaryExpr) and test.op == "not":
        test, on_true = test.expr, not on_true
    if isinstance(test, NameExpr):
        if on_true:
            return test, _TRUTHY, lambda v: v is False or v is None or v is _FALSY
        return test, _FALSY, lambda v: v is True or v is _TRUTHY
    if isinstance(test, ComparisonExpr) and len(test.operators) == 1:
        left, right = test.operands
        if isinstance(left, NameExpr) and left.fullname == "builtins.None":
            left, right = right, left
        if isinstance(left, NameExpr) and isinstance(right, NameExpr) and right.fullname == "builtins.None":
            is_none = test.operators[0] in ("is", "==")
            if not is_none and test.operators[0] not in ("is not", "!="):
                return None
            if is_none == on_true:  # the edge where it is None
                return left, None, lambda v: v is not None and v is not _FALSY
            return left, _NOT_NONE, lambda v: v is None
    return None


def _may_fail(call: CallExpr) -> bool:
    """An ``acquire`` call that may return False: non-blocking, or with a timeout."""
    for i, (arg, name) in enumerate(zip(call.args, call.arg_names)):
        if name == "timeout" or (name is None and i == 1):
            return True
        if name in ("blocking", "block") or (name is None and i == 0):
            if isinstance(arg, NameExpr) and arg.fullname == "builtins.False":
                return True
            if isinstance(arg, IntExpr) and arg.value == 0:
                return True
    return False


def _may_be_none(t: Type | None) -> bool:
    p = proper(t)
    if isinstance(p, UnionType):
        return any(isinstance(proper(item), NoneType) for item in p.items)
    return False


def _settled(escape: Escape) -> Escape:
    return Escape(escape.line, escape.column, escape.what) if escape.pending else escape


def _join_loans(a: dict[Var, Loan], b: dict[Var, Loan]) -> dict[Var, Loan]:
    """Borrowed on every path; a borrow's owners are those of any path."""
    loans = {}
    for var, loan in a.items():
        other = b.get(var)
        if other is not None:
            loans[var] = loan if loan == other else loan._replace(sources=loan.sources | other.sources)
    return loans


def _renamed(obligation: Obligation, name: str) -> Obligation:
    """An obligation passed to a new name keeps its acquisition site, under the new name."""
    def rename(a: Acquired) -> Acquired:
        if a.name == name:
            return a
        help = a.help.replace(f'"{a.name}', f'"{name}').replace(f" as {a.name}:", f" as {name}:")
        return a._replace(name=name, help=help)

    return obligation._replace(
        acquired=frozenset(rename(a) for a in obligation.acquired),
        escapes=frozenset((rename(a), e) for a, e in obligation.escapes),
    )


def _pattern_parts(p: object) -> Iterator[Expression]:
    """Value expressions a pattern reads, then the names it captures."""
    if p is None:
        return
    if isinstance(p, ValuePattern):
        yield p.expr
        return
    if isinstance(p, AsPattern):
        yield from _pattern_parts(p.pattern)
        if p.name is not None:
            yield p.name
        return
    if isinstance(p, StarredPattern):
        if p.capture is not None:
            yield p.capture
        return
    if isinstance(p, MappingPattern):
        for key, value in zip(p.keys, p.values):
            yield key
            yield from _pattern_parts(value)
        if p.rest is not None:
            yield p.rest
        return
    for name in ("patterns", "positionals", "keyword_values"):
        for sub in getattr(p, name, None) or ():
            yield from _pattern_parts(sub)


def _is_trivial(func: FuncItem | None) -> bool:
    """``...``, ``pass``, a docstring, ``raise NotImplementedError``: a declaration only."""
    if func is None:
        return False
    body = func.body.body
    if body and isinstance(body[0], ExpressionStmt) and isinstance(body[0].expr, StrExpr):
        body = body[1:]
    if not body:
        return True
    if len(body) > 1:
        return False
    stmt = body[0]
    if isinstance(stmt, PassStmt):
        return True
    if isinstance(stmt, ExpressionStmt):
        return isinstance(stmt.expr, EllipsisExpr)
    if isinstance(stmt, RaiseStmt) and stmt.expr is not None:
        raised = stmt.expr.callee if isinstance(stmt.expr, CallExpr) else stmt.expr
        return isinstance(raised, NameExpr) and raised.name == "NotImplementedError"
    return False


def _function_of(node: object) -> FuncItem | None:
    if isinstance(node, Decorator):
        return node.func
    if isinstance(node, FuncDef):
        return node
    return None


def _deep_statements(body: list[Statement]) -> Iterator[Statement]:
    for stmt in iter_statements(body):
        yield stmt
        func = _function_of(stmt)
        if func is not None:
            yield from _deep_statements(func.body.body)


def _name(expr: Expression) -> str:
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr):
        return f"{_name(expr.expr)}.{expr.name}"
    return "the value"


def _awaited_call(expr: Expression) -> CallExpr | None:
    """The call whose result a value is: ``f()`` or ``await f()``."""
    if isinstance(expr, AwaitExpr):
        expr = expr.expr
    return expr if isinstance(expr, CallExpr) else None


def _callee_name(call: CallExpr) -> str | None:
    callee = call.callee
    if isinstance(callee, (NameExpr, MemberExpr)):
        return callee.name
    return None


def _is_constructor(call: CallExpr) -> bool:
    callee = call.callee
    return isinstance(callee, (NameExpr, MemberExpr)) and isinstance(callee.node, TypeInfo)


def _is_container_insertion(call: CallExpr) -> bool:
    return isinstance(call.callee, MemberExpr) and call.callee.name in CONTAINER_INSERTIONS


def _target_name(target: Expression) -> str:
    if isinstance(target, NameExpr):
        return target.name
    if isinstance(target, MemberExpr):
        return f"{_target_name(target.expr)}.{target.name}"
    if isinstance(target, IndexExpr):
        return f"{_target_name(target.base)}[...]"
    return "..."


def _field_var(target: MemberExpr) -> Var | None:
    node = target.node if isinstance(target.node, Var) else getattr(target, "def_var", None)
    return node if isinstance(node, Var) else None


def _is_owned_field(target: MemberExpr) -> bool:
    var = _field_var(target)
    return var is not None and mode_of(var.type) is Mode.OWN
