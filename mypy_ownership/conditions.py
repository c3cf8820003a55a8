"""Conditions: the tested expressions of a unit, by their structure (docs/design.md §2.10).

One parser of branch tests (``tested``: ``not``, ``is None`` and ``== None`` unwrapped) for
every use of them: correlated conditions, failed try-acquires, ``None`` narrowing. A test of
a local is keyed by the local itself; any other *pure* test (names, attributes, constants
and operators, ``isinstance(x, T)``, no other call, no subscript, no walrus) by a ``state.Condition`` whose shape is
its structure, so the same condition tested twice has one key, and ``a != b`` is the other
edge of ``a == b``. The domain remembers a condition only if the unit tests it at two places
or more (docs/design.md §11.4): a condition tested once can teach nothing later.

Also the type facts the edges need: a value whose class has neither ``__bool__`` nor
``__len__`` is truthy unless it is ``None``, and one whose class keeps ``object.__eq__``
is equal only to itself; and which expressions name an object older than anything the
unit acquires.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Final, NamedTuple

from mypy.nodes import (
    ARG_POS,
    CallExpr,
    AssignmentExpr,
    AssignmentStmt,
    BytesExpr,
    ComparisonExpr,
    DelStmt,
    Expression,
    FloatExpr,
    ForStmt,
    IntExpr,
    ListExpr,
    MatchStmt,
    MemberExpr,
    MypyFile,
    NameExpr,
    OperatorAssignmentStmt,
    OpExpr,
    SetExpr,
    StarExpr,
    Statement,
    StrExpr,
    TryStmt,
    TupleExpr,
    TypeInfo,
    UnaryExpr,
    Var,
    WithStmt,
)
from mypy.types import AnyType, Instance, NoneType, Type, UnionType

from mypy_ownership.evaluation import every_expression, pattern_parts
from mypy_ownership.signatures import proper
from mypy_ownership.state import Condition, FlagTest, Name
from mypy_ownership.unit import Unit

_TYPE_TEST: Final = "builtins.isinstance"


def _is_type_test(expr: Expression) -> bool:
    return (
        isinstance(expr, CallExpr) and isinstance(expr.callee, NameExpr)
        and expr.callee.fullname == _TYPE_TEST and len(expr.args) == 2
        and all(kind == ARG_POS for kind in expr.arg_kinds)
    )


_NEGATED: Final = {"!=": "==", "is not": "is", "not in": "in"}
_CONSTANTS: Final = frozenset({"builtins.True", "builtins.False", "builtins.None"})
_LITERALS: Final = (StrExpr, BytesExpr, IntExpr, FloatExpr)
# an and/or test with more parts than this is taken as a whole (each part doubles the work)
_MAX_PARTS: Final = 6


class Tested(NamedTuple):
    """What one edge of a branch test says of an expression: truthy or falsy
    (``truthiness``), or None or not (``on_true``: the edge where it is truthy, or None)."""

    expr: Expression
    truthiness: bool
    on_true: bool


def tested(test: Expression | None, on_true: bool) -> Tested | None:
    """``x`` / ``not x`` / ``x is None`` / ``x is not None`` (and ``==`` / ``!=``); any other
    expression is a truth test of itself. None: no test."""
    while isinstance(test, UnaryExpr) and test.op == "not":
        test, on_true = test.expr, not on_true
    if isinstance(test, ComparisonExpr) and len(test.operators) == 1:
        left, right = test.operands
        if isinstance(left, NameExpr) and left.fullname == "builtins.None":
            left, right = right, left
        operator = test.operators[0]
        if isinstance(right, NameExpr) and right.fullname == "builtins.None" and operator in ("is", "==", "is not", "!="):
            return Tested(left, False, (operator in ("is", "==")) == on_true)
    return Tested(test, True, on_true) if test is not None else None


def parts(test: Expression) -> tuple[str, Expression, Expression] | None:
    """``a and b`` / ``a or b`` (under any number of ``not``): the operator and its operands,
    when the whole is small enough to be followed part by part."""
    while isinstance(test, UnaryExpr) and test.op == "not":
        test = test.expr
    if isinstance(test, OpExpr) and test.op in ("and", "or") and _count_parts(test) <= _MAX_PARTS:
        return test.op, test.left, test.right
    return None


def _count_parts(test: Expression) -> int:
    while isinstance(test, UnaryExpr) and test.op == "not":
        test = test.expr
    if isinstance(test, OpExpr) and test.op in ("and", "or"):
        return _count_parts(test.left) + _count_parts(test.right)
    return 1


def truthy_unless_none(t: Type | None) -> bool:
    """Every value of ``t`` but ``None`` is truthy: each class in it has neither ``__bool__``
    nor ``__len__`` (``Popen``, ``ZipFile``; not ``object`` itself, nor a protocol)."""
    items = _items(t)
    return bool(items) and all(
        not info.is_protocol and info.fullname != "builtins.object"
        and info.get("__bool__") is None and info.get("__len__") is None
        for info in items
    )


def identity_equality(t: Type | None) -> bool:
    """``==`` is ``is`` for the values of ``t``: no class in it defines ``__eq__`` but
    ``object``."""
    items = _items(t)
    return bool(items) and all(
        next((k.fullname for k in info.mro if "__eq__" in k.names), None) in (None, "builtins.object")
        for info in items
    )


def _items(t: Type | None) -> list[TypeInfo]:
    """The classes of ``t`` (``None`` left out, and ``Any`` beside a class: typeshed's
    ``TextIO | MaybeNone`` for ``sys.stdin``); empty if some part is not a class."""
    p = proper(t)
    found, members = [], p.items if isinstance(p, UnionType) else [p]
    for item in map(proper, members):
        if isinstance(item, NoneType) or (isinstance(item, AnyType) and len(members) > 1):
            continue
        if not isinstance(item, Instance):
            return []
        found.append(item.type)
    return found


class Conditions:
    """The conditions one unit tests: their keys, which of them are remembered, the names
    whose rebinding forgets them, and which locals hold objects older than the unit's
    acquisitions. ``local``: the local an expression names (any type), if any."""

    def __init__(self, unit: Unit, local: Callable[[Expression], Var | None], params: frozenset[Var]) -> None:
        self.unit = unit
        self.local = local
        self.params = params
        self._keys: dict[int, tuple[Name, bool] | None] = {}
        self._interned: dict[Condition, Condition] = {}
        self._remembered: frozenset[Condition] | None = None
        self._tested: frozenset[Var] = frozenset()
        self._names: frozenset[Hashable] = frozenset()
        self._bindings: dict[Var, list[Expression | None]] | None = None
        self._stable: dict[Var, bool] = {}

    # -- keys -----------------------------------------------------------------------------------

    def key(self, expr: Expression) -> tuple[Name, bool] | None:
        """A tested expression's key, and whether the test is of its negation (``a != b`` is
        the condition ``a == b``, negated). None: not a pure expression."""
        if id(expr) not in self._keys:
            self._keys[id(expr)] = self._key(expr)
        return self._keys[id(expr)]

    def _key(self, expr: Expression) -> tuple[Name, bool] | None:
        if isinstance(expr, NameExpr):
            var = self.local(expr)
            if var is not None:
                return var, False
        names: set[Hashable] = set()
        shape = self.shape(expr, names)
        if shape is None or not names:
            return None  # constants and modules alone: mypy decides those branches
        negated = False
        if isinstance(expr, ComparisonExpr) and len(expr.operators) == 1 and expr.operators[0] in _NEGATED:
            assert isinstance(shape, tuple)
            shape, negated = (shape[0], (_NEGATED[expr.operators[0]],), shape[2]), True
        condition = Condition(shape, frozenset(names))
        return self._interned.setdefault(condition, condition), negated

    def shape(self, expr: Expression, names: set[Hashable]) -> Hashable | None:
        """The structure of a pure expression (None if it calls, subscripts or binds
        anything); the locals it reads, and the attributes read off them, go to ``names``."""
        if isinstance(expr, NameExpr):
            if expr.fullname in _CONSTANTS:
                return expr.fullname
            var = self.local(expr)
            if var is not None:
                names.add(var)
                return var
            return expr.node if isinstance(expr.node, (MypyFile, TypeInfo)) else None
        if isinstance(expr, MemberExpr):
            inner = self.shape(expr.expr, names)
            if inner is None:
                return None
            if isinstance(expr.expr, NameExpr):
                names.add((inner, expr.name))
            return ("attr", inner, expr.name)
        if isinstance(expr, _LITERALS):
            return (type(expr).__name__, expr.value)
        if _is_type_test(expr):
            # isinstance(x, T): a call, but its answer stays while x is not rebound
            assert isinstance(expr, CallExpr)
            parts = [self.shape(arg, names) for arg in expr.args]
            return None if any(p is None for p in parts) else ("isinstance", tuple(parts))
        if isinstance(expr, (TupleExpr, ListExpr, SetExpr)) and not expr.items:
            return (type(expr).__name__, ())
        found = [self.shape(e, names) for e in _operands(expr)]
        if not found or any(f is None for f in found):
            return None
        if isinstance(expr, ComparisonExpr):
            return ("cmp", tuple(expr.operators), tuple(found))
        if isinstance(expr, (OpExpr, UnaryExpr)):
            return ("op", expr.op, tuple(found))
        return (type(expr).__name__, tuple(found))

    # -- what the unit tests ----------------------------------------------------------------------

    def flag_test(self, found: Tested) -> FlagTest | None:
        """What an edge teaches of a remembered local or condition: a truth test of a value
        that is truthy unless None is its None test."""
        keyed = self.key(found.expr)
        if keyed is None or not self.remembered(keyed[0]):
            return None
        key, negated = keyed
        truthiness, on_true = found.truthiness, found.on_true != negated
        if truthiness and truthy_unless_none(self.type_of(found.expr)):
            truthiness, on_true = False, not on_true
        return FlagTest(key, truthiness, on_true)

    def remembered(self, key: Name) -> bool:
        """A local is always (a constant bound to it is a flag); a condition if the unit
        tests it at two places or more."""
        if self._remembered is None:
            self._scan()
        assert self._remembered is not None
        return key in self._remembered if type(key) is Condition else True

    def names(self) -> frozenset[Hashable]:
        """The locals (and ``(local, attribute)`` pairs) whose rebinding, or a store into
        which, forgets something: the tested locals, and what remembered conditions read."""
        if self._remembered is None:
            self._scan()
        return self._names

    def tested_locals(self) -> frozenset[Var]:
        """The locals some branch tests for truth or for None: a constant bound to one is
        a flag."""
        if self._remembered is None:
            self._scan()
        return self._tested

    def _scan(self) -> None:
        sites: dict[Condition, int] = {}
        tested_locals: set[Var] = set()
        seen: set[int] = set()
        for block in self.unit.cfg.blocks:
            for edge in block.succs:
                if edge.test is not None and id(edge.test) not in seen:
                    seen.add(id(edge.test))
                    for found in _atoms(edge.test):
                        keyed = self.key(found.expr)
                        if keyed is None:
                            continue
                        if isinstance(keyed[0], Condition):
                            sites[keyed[0]] = sites.get(keyed[0], 0) + 1
                        elif isinstance(keyed[0], Var):
                            tested_locals.add(keyed[0])
        remembered = frozenset(c for c, n in sites.items() if n > 1)
        self._tested = frozenset(tested_locals)
        self._names = self._tested.union(*(c.names for c in remembered))
        self._remembered = remembered

    def type_of(self, expr: Expression) -> Type | None:
        t = self.unit.types.type_of(expr)
        if t is None and isinstance(expr, (NameExpr, MemberExpr)) and isinstance(expr.node, Var):
            t = expr.node.type
        return t

    # -- objects older than the unit's acquisitions ----------------------------------------------

    def pre_existing(self, expr: Expression) -> bool:
        """``expr`` names an object that existed before anything the unit acquires (so a
        fresh resource is never it): a pure expression whose locals are parameters the
        unit never rebinds, or locals it binds only to such expressions (``sys.stdin``,
        ``self.out``, ``out = sys.stdout.buffer``)."""
        names: set[Hashable] = set()
        if self.shape(expr, names) is None:
            return False
        return all(self._is_stable(v) for v in names if isinstance(v, Var))

    def _is_stable(self, var: Var) -> bool:
        known = self._stable.get(var)
        if known is None:
            self._stable[var] = False  # a cycle of bindings is not stable
            if self._bindings is None:
                self._bindings = _bindings(self.unit)
            values = self._bindings.get(var)
            if values is None:
                known = var in self.params
            else:
                known = all(v is not None and self.pre_existing(v) for v in values)
            self._stable[var] = known
        return known


def _operands(expr: Expression) -> list[Expression]:
    if isinstance(expr, ComparisonExpr):
        return list(expr.operands)
    if isinstance(expr, OpExpr):
        return [expr.left, expr.right]
    if isinstance(expr, UnaryExpr):
        return [expr.expr]
    if isinstance(expr, (TupleExpr, ListExpr, SetExpr)) and not any(isinstance(i, StarExpr) for i in expr.items):
        return list(expr.items)
    return []


def _atoms(test: Expression) -> Iterator[Tested]:
    """The test and, through ``and`` / ``or``, each of its parts, as single tests."""
    found = tested(test, True)
    if found is not None:
        yield found
    split = parts(test)
    if split is not None:
        yield from _atoms(split[1])
        yield from _atoms(split[2])


def _bindings(unit: Unit) -> dict[Var, list[Expression | None]]:
    return bindings_in(unit.statements())


def bindings_in(statements: Iterable[Statement]) -> dict[Var, list[Expression | None]]:
    """Every binding of every local in these statements: the value of a plain ``x = value``,
    or None for any other (an augmented assignment, a for, with, except or match target,
    a walrus, ``del``, an item of an unpacking)."""
    found: dict[Var, list[Expression | None]] = {}

    def bind(target: Expression, value: Expression | None) -> None:
        if isinstance(target, (TupleExpr, ListExpr)):
            for item in target.items:
                bind(item, None)
        elif isinstance(target, StarExpr):
            bind(target.expr, None)
        elif isinstance(target, NameExpr) and isinstance(target.node, Var):
            found.setdefault(target.node, []).append(value)

    for stmt in statements:
        if isinstance(stmt, AssignmentStmt):
            for lvalue in stmt.lvalues:
                bind(lvalue, stmt.rvalue)
        elif isinstance(stmt, OperatorAssignmentStmt):
            bind(stmt.lvalue, None)
        elif isinstance(stmt, ForStmt):
            bind(stmt.index, None)
        elif isinstance(stmt, WithStmt):
            for target in stmt.target:
                if target is not None:
                    bind(target, None)
        elif isinstance(stmt, DelStmt):
            bind(stmt.expr, None)
        elif isinstance(stmt, TryStmt):
            for name in stmt.vars:
                if name is not None:
                    bind(name, None)
        elif isinstance(stmt, MatchStmt):
            for pattern in stmt.patterns:
                for part in pattern_parts(pattern):
                    bind(part, None)
        for expr in every_expression(stmt):
            if isinstance(expr, AssignmentExpr):
                bind(expr.target, None)
    return found
