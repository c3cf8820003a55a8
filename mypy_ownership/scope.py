"""Which names of a unit the analysis follows, and what its signature declares.

A *tracked* name is a local of the unit (a module-level name at top level) whose type is
not a Copy type, or an ``Own`` field of the method's class inside a releasing method;
*any* local counts for borrows (a borrow of a Copy value still has a lifetime).
docs/design.md §1.4, §2.1 and §2.8 say why these and no others.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property

from mypy.nodes import (
    FUNC_NO_INFO,
    GDEF,
    LDEF,
    AssignmentExpr,
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Decorator,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    FuncItem,
    LambdaExpr,
    MemberExpr,
    NameExpr,
    TupleExpr,
    Var,
    WithStmt,
)
from mypy.types import CallableType

from mypy_ownership.conditions import Conditions
from mypy_ownership.evaluation import every_expression
from mypy_ownership.modes import Mode
from mypy_ownership.signatures import (
    BUILD,
    is_copy_type,
    mode_of,
    mro,
    receiver_mode,
    returned_mode,
    yield_mode,
)
from mypy_ownership.state import PIPES, Acquired, Help
from mypy_ownership.unit import Unit, deep_statements, iter_statements


class Scope:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        func = unit.func
        # asked for every name the lowering reads: kept as plain flags
        self._in_function = unit.kind == "function"
        self._at_module = unit.is_module
        self._tracked: dict[Var, bool] = {}
        self._captures: dict[FuncItem, frozenset[Var]] = {}
        # what a field of a class owning what it stores owes at entry, where not its one
        # acquisition (owned_fields): only the pipes of a process, say
        self.field_owes: dict[Var, frozenset[Acquired]] = {}
        self.self_var, self.owned_fields, self.releasing_method = self._method_fields()
        self.params = frozenset(a.variable for a in func.arguments) if func is not None else frozenset()
        func_type = func.type if func is not None else None
        self.return_mode = returned_mode(func)
        self.has_borrowed_param = isinstance(func_type, CallableType) and any(
            (m := mode_of(t)) is not None and m.is_borrow for t in func_type.arg_types
        )
        self.yield_moves = yield_mode(func) is Mode.OWN
        self.owing_params: frozenset[Var] = frozenset()  # a summary's parameters (summaries.py)
        self._owing: dict[Var, bool] = {}  # may_owe_local's answers
        self._releasing_loops: tuple[frozenset[int], frozenset[Var]] | None = None

    @cached_property
    def nested(self) -> frozenset[FuncItem]:
        """The functions defined in the unit's body (only closures need them)."""
        return frozenset(f for f in map(function_of, self.unit.statements()) if f is not None)

    @cached_property
    def _binds(self) -> list[tuple[list[Var], Expression]]:
        """The names each assignment statement, walrus statement or ``with`` target binds,
        with the value bound (``may_owe_local``)."""
        binds: list[tuple[list[Var], Expression]] = []
        for stmt in self.unit.statements():
            if type(stmt) is ExpressionStmt and type(stmt.expr) is AssignmentExpr:
                binds.append(([stmt.expr.target.node], stmt.expr.value))  # type: ignore[list-item]
            if type(stmt) is AssignmentStmt:
                targets = [t for lv in stmt.lvalues for t in (lv.items if isinstance(lv, TupleExpr) else [lv])]
                binds.append(([t.node for t in targets if isinstance(t, NameExpr) and isinstance(t.node, Var)], stmt.rvalue))
            if type(stmt) is WithStmt:
                # a with block that leaves its subject open: the target owes it
                binds.extend(
                    ([t.node], e) for e, t in zip(stmt.expr, stmt.target)
                    if isinstance(t, NameExpr) and isinstance(t.node, Var)
                )
        return binds

    @cached_property
    def _bound_values(self) -> dict[object, list[Expression]]:
        by_name: dict[object, list[Expression]] = {}
        for names, value in self._binds:
            for name in names:
                by_name.setdefault(name, []).append(value)
        return by_name

    def may_owe_local(self, var: Var, produces: Callable[[CallExpr], bool]) -> bool:
        """Whether the local can ever owe a release here: it is a summary's parameter or an
        ``Own`` one, or is bound (by an assignment statement or a ``with`` target; a walrus
        inside an expression is not looked for) to a call that ``produces`` an owner, to a
        local that may owe (an alias), or to an attribute of one (a bound release). Only an
        argument that may owe can a callee's summary release: other calls need no summary
        (docs/design.md §2.3). Followed back from the one local asked, through only the
        bindings it depends on."""
        known = self._owing.get(var)
        if known is None:
            known = self._owing[var] = self._reaches_owner(var, produces, set())
        return known

    def _reaches_owner(self, var: object, produces: Callable[[CallExpr], bool], seen: set[object]) -> bool:
        if var in self.owing_params or (var in self.params and mode_of(var.type) is Mode.OWN):  # type: ignore[attr-defined]
            return True
        seen.add(var)
        for bound in self._bound_values.get(var, ()):
            value = bound.expr if isinstance(bound, AwaitExpr) else bound
            if isinstance(value, CallExpr) and produces(value):
                return True
            base = bound.expr if isinstance(bound, MemberExpr) else bound
            if isinstance(base, NameExpr) and base.node not in seen and self._reaches_owner(base.node, produces, seen):
                return True
        return False

    def releasing_loops(self, releases: Callable[[CallExpr], bool]) -> tuple[frozenset[int], frozenset[Var]]:
        """The ``for`` statements (by id) whose body releases the loop variable (a call
        that ``releases`` its receiver, or a ``with`` over it), and the locals such loops run
        over: what a tuple or list display bound to one of them holds is taken care of by the
        loop (``for f in (a, b): f.close()``, docs/design.md §2.5)."""
        if self._releasing_loops is None:
            loops: set[int] = set()
            collections: set[Var] = set()
            for stmt in self.unit.statements():
                if not isinstance(stmt, ForStmt) or not isinstance(stmt.index, NameExpr):
                    continue
                index = stmt.index.node
                if isinstance(index, Var) and _releases_in(stmt, index, releases):
                    loops.add(id(stmt))
                    if isinstance(stmt.expr, NameExpr) and isinstance(stmt.expr.node, Var):
                        collections.add(stmt.expr.node)
            self._releasing_loops = frozenset(loops), frozenset(collections)
        return self._releasing_loops

    def tracked(self, var: object) -> bool:
        if type(var) is not Var:
            return False
        known = self._tracked.get(var)
        if known is None:
            known = self._tracked[var] = not is_copy_type(var.type)
        return known

    def local(self, expr: Expression) -> Var | None:
        """The tracked variable an expression names, if it belongs to this unit's scope: a
        local, a module global at top level, or an owned field inside a releasing method."""
        if type(expr) is NameExpr:
            node = expr.node
            if type(node) is not Var:
                return None
            kind = expr.kind  # the scope first: a global read in a function is never tracked here
            if not ((kind == LDEF and self._in_function) or (kind == GDEF and self._at_module)):
                return None
            known = self._tracked.get(node)
            return node if (known if known is not None else self.tracked(node)) else None
        if type(expr) is MemberExpr:
            if self.owned_fields and type(expr.expr) is NameExpr and expr.expr.node is self.self_var:
                var = self.field(expr.name)
                if var is not None and var in self.owned_fields:
                    return var
        return None

    def local_any(self, expr: Expression) -> Var | None:
        """A local of this unit whatever its type: borrows of Copy values count too."""
        if type(expr) is NameExpr:  # local's answer for a name, without asking it
            node = expr.node
            if type(node) is not Var:
                return None
            kind = expr.kind
            if kind == LDEF and self._in_function:
                return node
            return node if kind == GDEF and self._at_module and self.tracked(node) else None
        return self.local(expr)

    def field(self, name: str) -> Var | None:
        func = self.unit.func
        info = func.info if isinstance(func, FuncDef) else None
        symbol = info.get(name) if info is not None else None
        return symbol.node if symbol is not None and isinstance(symbol.node, Var) else None

    def foreign_field_move(self, expr: Expression) -> bool:
        """``self.f`` of an ``Own`` field, moved outside a releasing method."""
        if not isinstance(expr, MemberExpr) or not isinstance(expr.expr, NameExpr):
            return False
        func = self.unit.func
        if not isinstance(func, FuncDef) or not func.arguments or func.info is FUNC_NO_INFO:
            return False
        if expr.expr.node is not func.arguments[0].variable or self.releasing_method:
            return False
        var = self.field(expr.name)
        return var is not None and mode_of(var.type) is Mode.OWN and receiver_mode(func) is not Mode.OWN

    def closure(self, expr: Expression) -> FuncItem | None:
        """The function a closure expression stands for: a lambda, or a nested def's name."""
        if isinstance(expr, LambdaExpr):
            return expr
        if isinstance(expr, NameExpr):
            func = function_of(expr.node)
            if func is not None and func in self.nested:
                return func
        return None

    def captures(self, func: FuncItem) -> frozenset[Var]:
        """Every variable a closure's body (nested scopes included) refers to."""
        known = self._captures.get(func)
        if known is None:
            found = set()
            for stmt in deep_statements(func.body.body):
                for expr in every_expression(stmt):
                    if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                        found.add(expr.node)
            known = self._captures[func] = frozenset(found)
        return known

    @cached_property
    def conditions(self) -> Conditions:
        """The conditions the unit's branches test (docs/design.md §2.10)."""
        return Conditions(self.unit, self.local_any, self.params)

    def flag_names(self) -> frozenset[Hashable]:
        """The locals whose rebinding forgets what a flag or a condition knew (and the
        ``(local, attribute)`` pairs a store into which does)."""
        return self.conditions.names()

    def _method_fields(self) -> tuple[Var | None, dict[Var, Acquired], bool]:
        """The owned resource fields of a method's class: a releasing method must release
        them on every path; any other method (but __init__) may not overwrite one still
        holding its resource."""
        func = self.unit.func
        if not isinstance(func, FuncDef) or func.info is FUNC_NO_INFO or not func.arguments:
            return None, {}, False
        if func.is_static or func.is_class:
            return None, {}, False
        releasing = receiver_mode(func) is Mode.OWN
        info = self.unit.overlay.resources.of_class(func.info)
        self_var = func.arguments[0].variable
        stored = self.unit.summaries.fields_released_in(func) if info is None and self.unit.summaries else {}
        if stored:  # a class of the module owning what it stores (docs/design.md §6)
            help = Help("release-in", func.name)
            self.field_owes = {
                var: frozenset(a if a.help.kind == PIPES else a._replace(help=help) for a in owes)
                for var, owes in stored.items()
            }
            return self_var, {var: min(owes) for var, owes in self.field_owes.items()}, True
        if info is None or (func.name == "__init__" and not releasing):
            return (self_var if releasing else None), {}, releasing
        help = Help("release-in", func.name) if releasing else Help("overwrite")
        fields = {
            var: Acquired(var.line, var.column, var.name, help, held=not releasing)
            for var in info.owned_fields
        }
        return self_var, fields, releasing

    def has_moded_fields(self) -> bool:
        func = self.unit.func
        info = func.info if isinstance(func, FuncDef) else None
        if info is None or info is FUNC_NO_INFO or not BUILD.vocabulary:
            return False
        return any(
            isinstance(symbol.node, Var) and mode_of(symbol.node.type) is not None
            for klass in mro(info) for symbol in klass.names.values()
        )


def function_of(node: object) -> FuncItem | None:
    if isinstance(node, Decorator):
        return node.func
    if isinstance(node, FuncDef):
        return node
    return None


def _releases_in(loop: ForStmt, index: Var, releases: Callable[[CallExpr], bool]) -> bool:
    def names_index(expr: Expression) -> bool:
        return isinstance(expr, NameExpr) and expr.node is index

    for stmt in iter_statements(loop.body.body):
        if isinstance(stmt, WithStmt) and any(names_index(e) for e in stmt.expr):
            return True
        for expr in every_expression(stmt):
            if isinstance(expr, CallExpr) and isinstance(expr.callee, MemberExpr) and names_index(expr.callee.expr) and releases(expr):
                return True
    return False
