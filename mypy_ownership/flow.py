"""The ownership flow of one unit: one solve over its CFG, then the facts it reveals.

The solve applies each step's operations (``lowering.py``, ``transfer.py``) until the
state at every block's entry is stable; the facts are then collected by applying the
steps once more from those states, which changes nothing but what is recorded. Edges add
what only a branch knows (a tested flag, a failed try-acquire, ``None``), the exits what
leaves the function. A step is applied only where it is *relevant*: it names something
the state holds or can create something whatever the state (docs/design.md §11.5); that
decides the cost, never the result.
"""

from __future__ import annotations

from functools import cached_property

from collections.abc import Iterable
from typing import Final

from mypy.nodes import (
    CallExpr,
    IndexExpr,
    ListExpr,
    StarExpr,
    TupleExpr,
    EllipsisExpr,
    Expression,
    ExpressionStmt,
    FuncItem,
    MemberExpr,
    NameExpr,
    Node,
    OperatorAssignmentStmt,
    AssignmentStmt,
    PassStmt,
    RaiseStmt,
    Statement,
    StrExpr,
    Var,
    WithStmt,
)

from mypy_ownership import messages
from mypy_ownership.cfg import Edge, EdgeKind, Step, StepKind
from mypy_ownership.dataflow import Liveness, live_sets, solve
from mypy_ownership.effects import CallEffects
from mypy_ownership.evaluation import every_expression
from mypy_ownership.facts import Fact, Leaked
from mypy_ownership.lowering import Lowering
from mypy_ownership.modes import Mode
from mypy_ownership.records import Frozen, Record
from mypy_ownership.operations import (
    Acquire,
    Bind,
    Either,
    ForgetFlag,
    HoldBorrow,
    If,
    Leave,
    MethodCall,
    Move,
    MoveLoanOfCall,
    Operation,
    Report,
    ReturnLoanOfCall,
    SetFlag,
    Unbind,
    ValueFresh,
    ValueLoanOfCall,
    WithExit,
)
from mypy_ownership.edges import Edges
from mypy_ownership.scope import Scope
from mypy_ownership.signatures import mode_of
from mypy_ownership.state import (
    EMPTY,
    Condition,
    Escape,
    FlowState,
    Loan,
    Name,
    Obligation,
    exceptional,
    forget,
    join,
    settle_pending,
    with_escape,
)
from mypy_ownership.transfer import apply
from mypy_ownership.unit import Unit, spans_any

# Forgetting dead names keeps states from growing with the length of a function; below this
# many steps they cannot grow much, and computing liveness costs more than it saves.
_FORGET_FROM: Final = 200

# Steps that only evaluate expressions and bind plain names: with no name the state holds
# and nothing they create whatever the state, they change nothing.
_EXPRESSION_STATEMENTS: Final = (ExpressionStmt, AssignmentStmt, OperatorAssignmentStmt)


class _Summary(Frozen, Record):
    """What a step's operations can touch: the names they read, whether they act from any
    state, leave the function, or forget what a flag was known to hold."""

    __hash__ = Record.hashed
    names: frozenset[Name]
    acts: bool
    leaves: bool
    forgets: bool

    def __init__(self, names: frozenset[Name], acts: bool, leaves: bool, forgets: bool) -> None:
        self.__dict__.update(names=names, acts=acts, leaves=leaves, forgets=forgets)


class FlowResult(Record):
    facts: list[Fact]

    def __init__(self, facts: list[Fact] | None = None) -> None:
        self.facts = [] if facts is None else facts


class OwnershipFlow:
    """The dataflow problem of one unit (``dataflow.Analysis``)."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.scope = Scope(unit)
        self.effects = CallEffects(
            unit.overlay, unit.types.type_of, unit.annotated, unit.func, unit.module, unit.summaries
        )
        self.exit_state: FlowState | None = None  # at the normal exit, once run
        self.lowering = Lowering(unit, self.scope, self.effects)
        self.edges = Edges(self.scope, self.effects, self.initial)
        self._summaries: dict[int, _Summary] = {}
        self._starts: dict[int, tuple[bool, bool]] = {}
        self._has_call: dict[Node, bool] = {}
        self._steps: int | None = None
        self._live: Liveness | None = None
        self._initial: FlowState | None = None
        calls = unit.ownership_calls
        self._call_lines = sorted(c.line for c in calls) if calls is not None else None
        scope = self.scope
        # a generator yielding owned values, or a method of a class with Own fields: every
        # step is applied
        self._sparse = not (scope.yield_moves or scope.owned_fields or scope.has_moded_fields())

    # -- the lattice, for the solver ------------------------------------------------------------

    def initial(self) -> FlowState:
        if self._initial is None:
            self._initial = self._entry_state()
        return self._initial

    def _entry_state(self) -> FlowState:
        owned: set[Var] = set()
        owes: dict[Name, Obligation] = {}
        loans: dict[Name, Loan] = {}
        func, scope = self.unit.func, self.scope
        trivial = _is_trivial(func)
        if func is not None and func.type is not None:
            for argument, declared in zip(func.arguments, getattr(func.type, "arg_types", [])):
                var = argument.variable
                mode = mode_of(declared)
                if mode is not None and mode.is_borrow:
                    loans[var] = Loan(mode, frozenset(), argument.line, argument.column, f"a {mode.value} parameter")
                if mode is Mode.OWN and scope.tracked(var) and var is not scope.self_var:
                    owned.add(var)
                    obligation = self.effects.obligation_for(var.name, declared, argument.line, argument.column)
                    if obligation is not None and not trivial:
                        owes[var] = obligation
        if not trivial:
            for var, acquired in scope.owned_fields.items():
                owes[var] = Obligation(scope.field_owes.get(var, frozenset({acquired})))
        shared = loans.get(scope.self_var) if scope.self_var is not None else None
        if shared is not None and shared.mode is Mode.REF:
            # the fields of a Ref receiver belong to a borrowed owner (docs/design.md §4.1)
            how = messages.field_of_borrowed(shared.mode.value)
            for var in scope.owned_fields:
                loans[var] = shared._replace(sources=frozenset({scope.self_var}), how=how)
        return FlowState(frozenset(owned), {}, owes, loans)

    def join(self, a: FlowState, b: FlowState) -> FlowState:
        return join(a, b)

    def exceptional(self, before: FlowState, after: FlowState) -> FlowState:
        return exceptional(before, after)

    def transfer(self, step: Step, state: FlowState) -> FlowState:
        if not self.relevant(step, state):
            return state
        return apply(self.lowering.ops_of(step), state)

    def transfer_edge(self, edge: Edge, state: FlowState) -> FlowState:
        state = self._forget_dead(edge.target, state)
        cfg = self.unit.cfg
        if edge.kind is EdgeKind.EXCEPTION and edge.origin is not None and state.owes:
            # a step raised: the path of an exception begins here; only calls count
            if not self.unit.options.leak_on_exception or not self._calls_in(edge.origin):
                return state.replace(owes={})
            at = edge.origin
            state = with_escape(state, Escape(at.line, at.column, "an exception leaves the function", True, True))
        if edge.test is not None:
            state = self.edges.follow(self.edges.of(edge.test, edge.kind is EdgeKind.TRUE), state)
        if edge.target == cfg.exit and state.owes:
            func = self.unit.func
            end = getattr(func, "end_line", None) or (func.line if func else 1)
            return with_escape(state, Escape(end, 0, "the function ends"), only_if_none=True)
        if edge.target == cfg.raise_exit and state.owes:
            return settle_pending(state)
        return state

    # -- relevance ------------------------------------------------------------------------------

    def relevant(self, step: Step, state: FlowState) -> bool:
        """Whether applying the step can change the state or reveal a fact."""
        if self._call_lines is not None and state.holds_nothing():
            return self._starts_anything(step, state)
        if not self._sparse or not _may_be_inert(step):
            return True
        summary = self._summary(step)
        return (
            summary.acts
            or (summary.leaves and bool(state.owes))
            or (summary.forgets and (bool(state.owes or state.moved) or _knows_conditions(state)))
            or state.holds_any(summary.names)
        )

    def _starts_anything(self, step: Step, state: FlowState) -> bool:
        """In a module without the vocabulary and from a state that holds nothing, whether
        a step can start anything: it evaluates one of the unit's ``ownership_calls``
        (found by line, no lowering), binds a local some branch tests for truth or None
        (a flag), or, while the state knows a condition, rebinds or stores into what one
        reads (forgetting it)."""
        known = self._starts.get(id(step))
        if known is None:
            node = step.node
            targets = node.lvalues if isinstance(node, AssignmentStmt) else (
                [node.lvalue] if isinstance(node, OperatorAssignmentStmt) else []
            )
            tested, read, attributes = self._rebound_names
            known = self._starts[id(step)] = (
                not _may_be_inert(step)
                or any(_binds(t, tested, frozenset()) for t in targets)
                or spans_any(node, self._call_lines or []),
                any(_binds(t, read, attributes) for t in targets),
            )
        return known[0] or (known[1] and _knows_conditions(state))

    @cached_property
    def _rebound_names(self) -> tuple[frozenset[object], frozenset[object], frozenset[str]]:
        """The locals tested for truth or None (a binding sets a flag), the names only
        remembered conditions read, and the attributes among those."""
        conditions = self.scope.conditions
        tested: frozenset[object] = frozenset(conditions.tested_locals())
        read = conditions.names() - tested
        return tested, read, frozenset(n[1] for n in read if type(n) is tuple)

    def _summary(self, step: Step) -> _Summary:
        known = self._summaries.get(id(step))
        if known is None:
            names: set[Name] = set()
            acts, leaves, forgets = _scan(self.lowering.ops_of(step), names)
            known = self._summaries[id(step)] = _Summary(frozenset(names), acts, leaves, forgets)
        return known

    def _forget_dead(self, block: int, state: FlowState) -> FlowState:
        """Moves and ownership of names no later step reads cannot matter any more; keeping
        them would make states grow with the length of the function. Obligations stay."""
        if not state.moved and not state.owned:
            return state
        if self._steps is None:
            self._steps = sum(len(block.steps) for block in self.unit.cfg.blocks)
        if self._steps < _FORGET_FROM:
            return state
        if self._live is None:
            self._live = live_sets(self.unit.cfg, lambda step: self._summary(step).names)
        live = self._live.is_live
        return forget(state, lambda name: live(block, name))

    def _calls_in(self, node: Node) -> bool:
        known = self._has_call.get(node)
        if known is None:
            parts = every_expression(node) if isinstance(node, (Expression, Statement)) else []
            known = self._has_call[node] = any(isinstance(p, CallExpr) for p in parts)
        return known

    # -- running ----------------------------------------------------------------------------------

    def anything_to_follow(self) -> bool:
        """Whether a move, a borrow or an obligation can arise at all. Most code has none,
        and then the dataflow is skipped."""
        effects, scope = self.effects, self.scope
        if self.unit.ownership_calls is not None:
            # a module that cannot see the vocabulary: only these calls can start anything
            return any(map(effects.matters, self.unit.ownership_calls))
        if scope.yield_moves or scope.owned_fields:
            return True
        state = self.initial()
        if state.owned or state.owes or state.loans:
            return True
        for stmt in self.unit.statements():
            for expr in every_expression(stmt):
                if isinstance(expr, CallExpr):
                    if effects.matters(expr):
                        return True
                elif isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                    if mode_of(expr.node.type) is not None:
                        return True
            if isinstance(stmt, WithStmt) and any(map(effects.withs.releases, stmt.expr)):
                return True
        return False

    def observe(self, step: Step, state: FlowState) -> None:
        """A look at the solved state before each step, for a subclass (``summaries.py``)."""

    def run(self) -> FlowResult:
        cfg = self.unit.cfg
        solution = solve(cfg, self)
        self.exit_state = solution.entry(cfg.exit)
        result = FlowResult()
        # a subclass's look at each state; the base class's does nothing and is not called
        observe = self.observe if type(self).observe is not OwnershipFlow.observe else None
        for block in cfg.blocks:
            state = solution.entry(block.id)
            if state is None:
                continue
            for step in block.steps:
                if observe is not None:
                    observe(step, state)
                if self.relevant(step, state):
                    state = apply(self.lowering.ops_of(step), state, result.facts)
        for end in (cfg.exit, cfg.raise_exit):
            state = solution.entry(end)
            for obligation in (state or EMPTY).owes.values():
                for acquired in sorted(obligation.acquired):
                    if not acquired.held:  # a field keeps its resource past the method
                        result.facts.append(Leaked(acquired, obligation.escapes_of(acquired)))
        return result


def flow_of(unit: Unit) -> FlowResult | None:
    """The unit's ownership facts, computed once for all checks (None: nothing to follow)."""
    if "flow" not in unit.memo:
        flow = OwnershipFlow(unit)
        unit.memo["flow"] = flow.run() if flow.anything_to_follow() else None
    result = unit.memo["flow"]
    assert result is None or isinstance(result, FlowResult)
    return result


def _scan(ops: Iterable[Operation], names: set[Name]) -> tuple[bool, bool, bool]:
    """Collect the names operations read; whether they act whatever the state, leave the
    function, or forget a flag."""
    acts = leaves = forgets = False
    for op in ops:  # exact classes (operations are never subclassed): read for every step lowered
        branches: tuple[tuple[Operation, ...], ...] = ()
        if type(op) is If:
            names.update(_names_in(op.condition))
            branches = (op.then, op.otherwise)
        elif type(op) is Either:
            branches = (op.first, op.second)
        for branch in branches:
            a, l, f = _scan(branch, names)
            acts, leaves, forgets = acts or a, leaves or l, forgets or f
        if branches:
            continue
        names.update(_names_in(op))
        if type(op) in _ACTS or ((type(op) is MethodCall or type(op) is WithExit) and op.releases):
            acts = True
        elif type(op) is ValueFresh and (op.owned or op.known or op.obligation is not None):
            acts = True
        elif type(op) is Bind and (op.declared_own or op.field is not None or op.loan is not None):
            acts = True
        elif type(op) is Leave:
            leaves = True
        if type(op) is ForgetFlag or ((type(op) is Bind or type(op) is Unbind) and op.forget_flag):
            forgets = True
    return acts, leaves, forgets


_ACTS: Final = frozenset({Move, Report, ReturnLoanOfCall, MoveLoanOfCall, ValueLoanOfCall, HoldBorrow, SetFlag, Acquire})


def _names_in(values: Iterable[object]) -> list[Name]:
    """The names among an operation's (or a condition's) fields: a name, or a tuple of
    names or of (name, spelling) pairs."""
    found: list[Name] = []
    for value in values:  # Var has no subclass: its exact class is asked
        if type(value) is Var:
            found.append(value)
        elif isinstance(value, tuple):
            for v in value:
                if type(v) is Var:
                    found.append(v)
                elif isinstance(v, tuple) and v and type(v[0]) is Var:
                    found.append(v[0])
    return found


def _knows_conditions(state: FlowState) -> bool:
    """A flag of a condition is known: forgetting one is no step on a name it holds."""
    return any(type(key) is Condition for key in state.flags)


def _binds(target: Expression, names: frozenset[object], attributes: frozenset[str]) -> bool:
    """An assignment target rebinds one of the ``names``, or stores into (or under) an
    attribute of one of those names (a superset of what ``forget_stores`` forgets)."""
    if isinstance(target, (TupleExpr, ListExpr)):
        return any(_binds(item, names, attributes) for item in target.items)
    if isinstance(target, StarExpr):
        return _binds(target.expr, names, attributes)
    if isinstance(target, NameExpr):
        return target.node in names
    while attributes and isinstance(target, (MemberExpr, IndexExpr)):
        if isinstance(target, MemberExpr) and target.name in attributes:
            return True
        target = target.expr if isinstance(target, MemberExpr) else target.base
    return False


def _may_be_inert(step: Step) -> bool:
    if step.kind is StepKind.STMT:
        return type(step.node) in _EXPRESSION_STATEMENTS
    return step.kind in (StepKind.TEST, StepKind.FOR_ITER, StepKind.MATCH_SUBJECT)


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
