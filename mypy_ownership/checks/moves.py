"""``use-after-move``: a name used after its value was moved (SPEC §2).

The lattice maps each tracked name to the set of places where it was moved, and whether
it was moved on every path (rustc's "used after move") or only on some ("may have been
moved"). A move reached through a loop's back edge (it stands at or after the use in the
source) gives "moved in a previous iteration of the loop". After the fixed point, one
reporting pass walks the blocks in source order; each set of moves is reported once per
name, at its first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    ARG_STAR,
    GDEF,
    LDEF,
    AssertStmt,
    AssignmentExpr,
    AssignmentStmt,
    CallExpr,
    ConditionalExpr,
    Decorator,
    DelStmt,
    DictionaryComprehension,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    FuncItem,
    GeneratorExpr,
    IndexExpr,
    LambdaExpr,
    ListComprehension,
    ListExpr,
    MatchStmt,
    MemberExpr,
    NameExpr,
    Node,
    OperatorAssignmentStmt,
    OpExpr,
    RaiseStmt,
    ReturnStmt,
    SetComprehension,
    StarExpr,
    Statement,
    TryStmt,
    TupleExpr,
    Var,
    WithStmt,
    YieldExpr,
)
from mypy.patterns import AsPattern, MappingPattern, Pattern, StarredPattern, ValuePattern

from mypy_ownership import errorcodes, messages
from mypy_ownership.cfg import Edge, Step, StepKind
from mypy_ownership.dataflow import solve
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.evaluation import children, expressions_in
from mypy_ownership.signatures import (
    CallOwnership,
    Mode,
    call_ownership,
    declared_callee_type,
    is_copy_type,
    mode_of,
    yield_mode,
)
from mypy_ownership.unit import Unit, iter_statements

CONTAINER_INSERTIONS: Final = frozenset({"append", "extend", "insert", "add", "setdefault"})


@dataclass(frozen=True, slots=True)
class MoveSite:
    line: int
    column: int
    how: str

    @property
    def position(self) -> tuple[int, int]:
        return (self.line, self.column)


@dataclass(frozen=True, slots=True)
class Moved:
    sites: frozenset[MoveSite]
    definite: bool


_NOT_MOVED: Final = Moved(frozenset(), False)


class MoveState:
    """Immutable: which names own their value, and which were moved where."""

    __slots__ = ("owned", "moved")

    def __init__(self, owned: frozenset[Var], moved: dict[Var, Moved]) -> None:
        self.owned = owned
        self.moved = moved

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, MoveState)
            and self.owned == other.owned
            and self.moved == other.moved
        )

    __hash__ = None  # type: ignore[assignment]


class MovesAnalysis:
    """The dataflow problem; :meth:`findings` runs it and collects the reports."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.reporting = False
        self.found: list[Finding] = []
        self._reported: dict[Var, set[MoveSite]] = {}
        self._uses: dict[NameExpr, tuple[Var, Moved]] = {}
        self._calls: dict[CallExpr, CallOwnership | None] = {}
        self._tracked: dict[Var, bool] = {}
        self._captures: dict[FuncItem, frozenset[Var]] = {}
        self.yield_moves = yield_mode(unit.func) is Mode.OWN
        self.nested = frozenset(
            _function_of(stmt) for stmt in unit.statements() if _function_of(stmt) is not None
        )

    # -- lattice ----------------------------------------------------------------------

    def initial(self) -> MoveState:
        owned: set[Var] = set()
        func = self.unit.func
        if func is not None and func.type is not None:
            arg_types = getattr(func.type, "arg_types", [])
            for argument, declared in zip(func.arguments, arg_types):
                if mode_of(declared) is Mode.OWN and self.tracked(argument.variable):
                    owned.add(argument.variable)
        return MoveState(frozenset(owned), {})

    def join(self, a: MoveState, b: MoveState) -> MoveState:
        if a is b:
            return a
        moved: dict[Var, Moved] = {}
        for var in a.moved.keys() | b.moved.keys():
            left, right = a.moved.get(var), b.moved.get(var)
            if left is None or right is None:
                only = left or right
                assert only is not None
                moved[var] = Moved(only.sites, False)
            elif left == right:
                moved[var] = left
            else:
                moved[var] = Moved(left.sites | right.sites, left.definite and right.definite)
        return MoveState(a.owned & b.owned, moved)

    def transfer(self, step: Step, state: MoveState) -> MoveState:
        walk = _Walk(self, state)
        walk.step(step)
        return walk.result()

    def transfer_edge(self, edge: Edge, state: MoveState) -> MoveState:
        return state

    # -- facts about names and calls ------------------------------------------------------

    def tracked(self, var: object) -> bool:
        if not isinstance(var, Var):
            return False
        known = self._tracked.get(var)
        if known is None:
            known = self._tracked[var] = not is_copy_type(var.type)
        return known

    def local(self, expr: Expression) -> Var | None:
        """The tracked variable a name refers to, if it belongs to this unit's scope."""
        if not isinstance(expr, NameExpr):
            return None
        var = expr.node
        if not isinstance(var, Var) or not self.tracked(var):
            return None
        if expr.kind == LDEF and self.unit.kind == "function":
            return var
        if expr.kind == GDEF and self.unit.is_module:
            return var
        return None

    def call(self, call: CallExpr) -> CallOwnership | None:
        if call in self._calls:
            return self._calls[call]
        callee_type = self.unit.types.type_of(call.callee)
        if callee_type is None:
            callee_type = declared_callee_type(call.callee)
        result = self._calls[call] = call_ownership(call, callee_type)
        return result

    def anything_to_move(self) -> bool:
        """Whether a move can happen at all: an owned parameter or local, or a call whose
        signature mentions ``Own``. Most code has none, and then the dataflow is skipped."""
        if self.yield_moves or self.initial().owned:
            return True
        for stmt in self.unit.statements():
            for expr in expressions_in(stmt):
                if isinstance(expr, CallExpr):
                    ownership = self.call(expr)
                    if ownership is not None and (
                        ownership.return_mode is Mode.OWN or Mode.OWN in ownership.arg_modes
                    ):
                        return True
                elif isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                    if expr.node.type is not None and mode_of(expr.node.type) is Mode.OWN:
                        return True
        return False

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
                for expr in expressions_in(stmt):
                    if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                        found.add(expr.node)
            known = self._captures[func] = frozenset(found)
        return known

    # -- reporting ------------------------------------------------------------------------

    def used(self, name: NameExpr, var: Var, moved: Moved | None) -> None:
        """Record a use (moved or not); copies of one statement (``finally`` bodies) join."""
        if moved is None:
            moved = _NOT_MOVED
        seen = self._uses.get(name)
        if seen is not None:
            moved = Moved(seen[1].sites | moved.sites, seen[1].definite and moved.definite)
        self._uses[name] = (var, moved)

    def _report(self, name: NameExpr, var: Var, moved: Moved) -> None:
        reported = self._reported.setdefault(var, set())
        if moved.sites <= reported:
            return
        reported |= moved.sites
        use = (name.line, name.column)
        later = {site for site in moved.sites if site.position >= use}
        if later:
            message = messages.moved_in_previous_iteration(name.name)
        elif moved.definite:
            message = messages.used_after_move(name.name)
        else:
            message = messages.maybe_moved(name.name)
        notes = tuple(
            Note(
                site.line,
                site.column,
                messages.moved_here(name.name, site.how)
                + (", in a previous iteration of the loop" if site in later else ""),
            )
            for site in sorted(moved.sites, key=lambda s: s.position)
        )
        self.found.append(
            Finding(name.line, name.column, message, errorcodes.USE_AFTER_MOVE, notes)
        )

    def findings(self) -> list[Finding]:
        cfg = self.unit.cfg
        solution = solve(cfg, self)
        self.reporting = True
        for block in cfg.blocks:
            state = solution.entry(block.id)
            if state is None:
                continue
            for step in block.steps:
                state = self.transfer(step, state)
        for name, (var, moved) in sorted(self._uses.items(), key=lambda u: _position(u[0])):
            if moved.sites:
                self._report(name, var, moved)
        return self.found


def _position(node: Node) -> tuple[int, int]:
    return (node.line, node.column)


class _Walk:
    """Applies one step to a state, copying the state's parts only when they change."""

    def __init__(self, analysis: MovesAnalysis, state: MoveState) -> None:
        self.a = analysis
        self.state = state
        self.owned = state.owned
        self.moved = state.moved
        self._copied = False

    def result(self) -> MoveState:
        if not self._copied and self.owned is self.state.owned:
            return self.state
        return MoveState(self.owned, self.moved)

    def _mutable(self) -> None:
        if not self._copied:
            self.moved = dict(self.moved)
            self._copied = True

    def snapshot(self) -> MoveState:
        return MoveState(self.owned, dict(self.moved) if self._copied else self.moved)

    def restore(self, state: MoveState) -> None:
        self.owned, self.moved = state.owned, state.moved
        self._copied = False
        self._mutable()

    def join_with(self, other: MoveState) -> None:
        joined = self.a.join(self.snapshot(), other)
        self.restore(joined)

    # -- primitive effects ------------------------------------------------------------------

    def use(self, name: NameExpr) -> Var | None:
        var = self.a.local(name)
        if var is not None and self.a.reporting:
            self.a.used(name, var, self.moved.get(var))
        return var

    def move(self, name: NameExpr, how: str) -> None:
        var = self.use(name)
        if var is not None:
            self.move_var(var, name, how)

    def move_var(self, var: Var, at: Node, how: str) -> None:
        self._mutable()
        self.moved[var] = Moved(frozenset({MoveSite(at.line, at.column, how)}), True)
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

    def hand_over(self, name: NameExpr) -> None:
        """The value goes somewhere the analysis does not follow: stop tracking it."""
        var = self.use(name)
        if var is not None and var in self.owned:
            self.owned = self.owned - {var}

    def bind(self, target: Expression, owned: bool) -> None:
        if isinstance(target, (TupleExpr, ListExpr)):
            for item in target.items:
                self.bind(item, False)
            return
        if isinstance(target, StarExpr):
            self.bind(target.expr, False)
            return
        if isinstance(target, NameExpr):
            var = self.a.local(target)
            if var is None:
                return
            if var in self.moved:
                self._mutable()
                del self.moved[var]
            declared_own = mode_of(var.type) is Mode.OWN
            if owned or declared_own:
                self.owned = self.owned | {var}
            elif var in self.owned:
                self.owned = self.owned - {var}
            return
        # attribute or subscript target: its parts are read
        for part in children(target):
            self.expr(part)

    def unbind(self, target: Expression) -> None:
        if isinstance(target, (TupleExpr, ListExpr)):
            for item in target.items:
                self.unbind(item)
        elif isinstance(target, NameExpr):
            var = self.a.local(target)
            if var is not None:
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

    # -- expressions ------------------------------------------------------------------------

    def expr(self, e: Expression) -> None:
        if isinstance(e, NameExpr):
            self.use(e)
        elif isinstance(e, CallExpr):
            self.call(e)
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
            owned = self.value(e.value, e.target.name)
            self.bind(e.target, owned)
        elif isinstance(e, (ListComprehension, SetComprehension)):
            self.comprehension(e.generator)
        elif isinstance(e, (GeneratorExpr, DictionaryComprehension)):
            self.comprehension(e)
        elif isinstance(e, LambdaExpr):
            return
        elif isinstance(e, YieldExpr) and e.expr is not None and self.a.yield_moves:
            if not self.move_closure(e.expr):
                if isinstance(e.expr, NameExpr):
                    self.move(e.expr, messages.by_yield())
                else:
                    self.expr(e.expr)
        else:
            for part in children(e):
                self.expr(part)

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
            self.expr(e.key)
            self.expr(e.value)

    def call(self, e: CallExpr) -> None:
        self.expr(e.callee)
        ownership = self.a.call(e)
        callee = ownership.callee_name if ownership else _callee_name(e)
        inserts = _is_container_insertion(e)
        for i, arg in enumerate(e.args):
            mode = ownership.arg_modes[i] if ownership and i < len(ownership.arg_modes) else None
            if mode is Mode.OWN and e.arg_kinds[i] == ARG_STAR:
                self.unpacked_into_owned(arg, messages.by_call(callee))
            elif (mode is Mode.OWN or inserts) and self.move_closure(arg):
                continue
            elif mode is Mode.OWN and isinstance(arg, NameExpr):
                self.move(arg, messages.by_call(callee))
            elif inserts and self.is_owned(arg):
                assert isinstance(arg, NameExpr)
                self.move(arg, messages.by_call(callee))
            elif self._is_display_with_owned(arg):
                self._hand_over_display(arg)
            else:
                self.expr(arg)

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

    def value(self, rvalue: Expression, target: str) -> bool:
        """Evaluate a value about to be bound to a name; whether the name then owns it."""
        if isinstance(rvalue, NameExpr):
            if self.is_owned(rvalue):
                self.move(rvalue, messages.by_assignment(target))
                return True
            self.use(rvalue)
            return False
        self.expr(rvalue)
        if isinstance(rvalue, CallExpr):
            ownership = self.a.call(rvalue)
            return ownership is not None and ownership.return_mode is Mode.OWN
        return False

    def _is_display_with_owned(self, e: Expression) -> bool:
        return isinstance(e, (TupleExpr, ListExpr)) and any(
            self.is_owned(item) for item in e.items
        )

    def _hand_over_display(self, e: TupleExpr | ListExpr) -> None:
        for item in e.items:
            if self.is_owned(item):
                assert isinstance(item, NameExpr)
                self.hand_over(item)
            else:
                self.expr(item)

    # -- statements -------------------------------------------------------------------------

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
            self.expr(node.expr[step.index])
            target = node.target[step.index]
            if target is not None:
                self.bind(target, False)
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

    def statement(self, s: Node) -> None:
        if isinstance(s, AssignmentStmt):
            self.assignment(s)
        elif isinstance(s, ExpressionStmt):
            self.expr(s.expr)
        elif isinstance(s, ReturnStmt):
            if s.expr is None or self.move_closure(s.expr):
                return
            if isinstance(s.expr, NameExpr) and self.a.local(s.expr) is not None:
                self.move(s.expr, messages.by_return())
            else:
                self.expr(s.expr)
        elif isinstance(s, OperatorAssignmentStmt):
            self.expr(s.rvalue)
            if isinstance(s.lvalue, NameExpr):
                self.use(s.lvalue)
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

    def assignment(self, s: AssignmentStmt) -> None:
        rvalue = s.rvalue
        if len(s.lvalues) == 1:
            target = s.lvalues[0]
            if isinstance(target, (TupleExpr, ListExpr)) and isinstance(rvalue, (TupleExpr, ListExpr)):
                if len(target.items) == len(rvalue.items) and not any(
                    isinstance(item, StarExpr) for item in target.items
                ):
                    owned = [self.value(item, _target_name(t)) for item, t in zip(rvalue.items, target.items)]
                    for item_target, item_owned in zip(target.items, owned):
                        self.bind(item_target, item_owned)
                    return
            if isinstance(target, NameExpr):
                owned = self.value(rvalue, target.name)
                self.bind(target, owned)
                return
            if isinstance(target, (IndexExpr, MemberExpr)) and self.move_closure(rvalue):
                self.bind(target, False)
                return
            if isinstance(target, IndexExpr) and self.is_owned(rvalue):
                assert isinstance(rvalue, NameExpr)
                self.move(rvalue, messages.by_assignment(_target_name(target)))
                self.bind(target, False)
                return
            if isinstance(target, MemberExpr) and self.is_owned(rvalue):
                assert isinstance(rvalue, NameExpr)
                if _is_owned_field(target):
                    self.move(rvalue, messages.by_assignment(_target_name(target)))
                else:
                    self.hand_over(rvalue)
                self.bind(target, False)
                return
        if isinstance(rvalue, NameExpr) and self.is_owned(rvalue):
            self.hand_over(rvalue)
        else:
            self.expr(rvalue)
        for target in s.lvalues:
            self.bind(target, False)

    def pattern(self, p: Pattern | None) -> None:
        for sub in _pattern_parts(p):
            if isinstance(sub, NameExpr):
                self.bind(sub, False)
            else:
                self.expr(sub)


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


def _callee_name(call: CallExpr) -> str | None:
    callee = call.callee
    if isinstance(callee, (NameExpr, MemberExpr)):
        return callee.name
    return None


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


def _is_owned_field(target: MemberExpr) -> bool:
    node = target.node if isinstance(target.node, Var) else getattr(target, "def_var", None)
    return isinstance(node, Var) and mode_of(node.type) is Mode.OWN


def check(unit: Unit) -> list[Finding]:
    analysis = MovesAnalysis(unit)
    if not analysis.anything_to_move():
        return []
    return analysis.findings()
