"""Classes that own what they store (docs/design.md §6): within the module being analysed,
a class whose own methods store a fresh resource in a field of ``self``
(``self._handle = open(p)``, ``self.proc = Popen(cmd, stdout=PIPE)``) owns it as if the
field were declared ``Own``.

A method of such a class that releases some of these fields (and stores none) is a
*releasing method*. A field that no releasing method releases is owed by the one
releasing the most, and the pipes of a process that every method releasing it only reaps
(``wait()``) by the first of those: the flow of that method reports them. Precision first:
a class may release its fields in several methods, and a method may guard its releases
(``if self._closed: return``). The constructor of a class with a releasing method (and no
``__exit__``, ``__aexit__`` or ``__del__``, whose release the analysis would have to read
from their bodies) gives callers in the module a known owner, released by any releasing
method. A class that declares what it owns (an ``Own`` field or receiver), or
that the stubs make a resource, is left to its annotations. Only this module's bodies are
read, and only classes one of whose methods stores the result of a call are inspected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from mypy.nodes import (
    FUNC_NO_INFO,
    AssignmentStmt,
    CallExpr,
    ClassDef,
    Decorator,
    Expression,
    FuncDef,
    MemberExpr,
    MypyFile,
    NameExpr,
    ReturnStmt,
    Statement,
    TempNode,
    TupleExpr,
    TypeInfo,
    Var,
    WithStmt,
)
from mypy.types import Type

from mypy_ownership.records import Frozen, Record
from mypy_ownership.effects import CallEffects
from mypy_ownership.evaluation import every_expression, is_none
from mypy_ownership.modes import Mode
from mypy_ownership.overlay import Overlay
from mypy_ownership.pipes import owed_pipes
from mypy_ownership.signatures import mode_of, receiver_mode
from mypy_ownership.state import PIPES, Acquired, Help
from mypy_ownership.unit import TypeFacts, iter_statements
from mypy_ownership.with_blocks import without_none

if TYPE_CHECKING:
    from mypy_ownership.effect_kinds import Summaries

_MANAGED = ("__exit__", "__aexit__", "__del__")


class StoredField(Frozen, Record):
    """A field of ``self`` a method stores a fresh resource in: where first, and what it owes."""

    __hash__ = Record.hashed
    var: Var
    line: int
    column: int
    owes: frozenset[Acquired]  # the resource (and the pipes of a process), as acquired at the store
    type: Type | None

    def __init__(self, var: Var, line: int, column: int, owes: frozenset[Acquired], type: Type | None) -> None:
        self.__dict__.update(var=var, line=line, column=column, owes=owes, type=type)


class OwningClass(Frozen, Record):
    __hash__ = Record.hashed
    info: TypeInfo
    fields: tuple[StoredField, ...]
    # each releasing method (it releases some field, stores none), with what its flow
    # must see released: the fields no releasing method releases, unclosed pipes
    releasing: dict[FuncDef, dict[Var, frozenset[Acquired]]]
    releases: tuple[CallExpr, ...]  # the calls in them that release a field

    def __init__(
        self, info: TypeInfo, fields: tuple[StoredField, ...],
        releasing: dict[FuncDef, dict[Var, frozenset[Acquired]]], releases: tuple[CallExpr, ...],
    ) -> None:
        self.__dict__.update(info=info, fields=fields, releasing=releasing, releases=releases)

    @property
    def gives_owner(self) -> bool:
        """Its constructor gives callers a known owner."""
        return bool(self.releasing) and not any(name in self.info.names for name in _MANAGED)

    @property
    def finalized(self) -> bool:
        """A finalizer (``__del__``) releases what it holds when the object is dropped: no
        caller is to release it, so ``infer`` proposes nothing for it."""
        return _MANAGED[-1] in self.info.names

    def acquired(self, call: CallExpr, name: str) -> Acquired:
        """What a name bound to the constructor's result owes."""
        names = tuple(f.name for f in self.releasing)
        return Acquired(call.line, call.column, name, Help("resource", names[0], self.info.name), names)


class StoredResources:
    """The owning classes of one module, each inspected once, when first asked."""

    def __init__(self, module: MypyFile, types: TypeFacts, overlay: Overlay, summaries: Summaries) -> None:
        self.module = module
        self.types = types
        self.overlay = overlay
        self.summaries = summaries
        self._known: dict[TypeInfo, OwningClass | None] = {}
        self._class_defs: list[ClassDef] | None = None  # the module's, walked once

    def of_class(self, info: TypeInfo) -> OwningClass | None:
        if info not in self._known:
            self._known[info] = None  # while inspected
            self._known[info] = self._inspect(info)
        return self._known[info]

    def classes(self, spans: Callable[[ClassDef], bool]) -> Iterator[OwningClass]:
        """The owning classes among the module's classes that ``spans`` selects."""
        if self._class_defs is None:
            self._class_defs = list(_class_defs(self.module.defs))
        for defn in self._class_defs:
            if spans(defn):
                found = self.of_class(defn.info)
                if found is not None:
                    yield found

    def left_owed(self, func: FuncDef) -> dict[Var, frozenset[Acquired]]:
        """What a releasing method of an owning class leaves owed, by field."""
        found = self.of_class(func.info) if _is_method(func) else None
        return found.releasing.get(func, {}) if found is not None else {}

    def _inspect(self, info: TypeInfo) -> OwningClass | None:
        if info.module_name != self.module.fullname or self.overlay.resources.of_class(info) is not None:
            return None
        if any(receiver_mode(m) is Mode.OWN or (isinstance(v := symbol.node, Var) and mode_of(v.type) is Mode.OWN)
               for symbol in info.names.values() for m in [_function(symbol.node)]):
            return None  # it declares what it owns: its annotations say so
        methods = [f for f in map(_function, info.defn.defs.body) if f is not None and _is_method(f)]
        stores: dict[str, StoredField] = {}
        storing: set[FuncDef] = set()
        others: set[str] = set()  # fields also given something else: perhaps a caller's object
        for func in methods:
            effects = None
            for target, value in _self_stores(func):
                if isinstance(value, CallExpr) and effects is None:
                    effects = self._effects(func)
                if effects is None or not isinstance(value, CallExpr) or not effects.produces_owned(value):
                    if not is_none(value):
                        others.add(target.name)
                    continue
                var = info.get(target.name)
                if var is None or not isinstance(var.node, Var):
                    continue
                storing.add(func)
                if target.name not in stores:
                    obligation = effects.result_obligation(target.name, value)
                    if obligation is not None:
                        stores[target.name] = StoredField(
                            var.node, target.line, target.column, obligation.acquired, self.types.type_of(value),
                        )
        fields = tuple(self._pipes_settled(f, methods) for name, f in stores.items() if name not in others)
        if not fields:
            return None
        found = {
            func: released for func in methods
            if func not in storing and func.name != "__init__" and (released := _released(func, fields)).calls
        }
        releasing: dict[FuncDef, dict[Var, frozenset[Acquired]]] = {func: {} for func in found}
        for field in fields if found else ():
            name = field.var.name
            by = [func for func, released in found.items() if name in released.fields]
            if not by:  # no releasing method releases it: the one releasing the most owes it
                main = max(found, key=lambda func: len(found[func].fields))
                releasing[main][field.var] = field.owes
                continue
            pipes = frozenset(a for a in field.owes if a.help.kind == PIPES)
            reaping = [func for func in by if name in found[func].reaps_only]
            if pipes and len(reaping) == len(by):  # every method releasing it only reaps it
                releasing[reaping[0]][field.var] = pipes
        releases = tuple(c for released in found.values() for c in released.calls)
        return OwningClass(info, fields, releasing, releases)

    def _pipes_settled(self, stored: StoredField, methods: list[FuncDef]) -> StoredField:
        """A process's pipes stay owed only where no method of the class closes them or lets
        them go (docs/design.md §2.3)."""
        body = [s for func in methods for s in func.body.body]
        effects = self._effects(methods[0])
        closes = lambda pipe, method: effects.resources.method_releases(without_none(effects.type_of(pipe)), method)  # noqa: E731
        owes = set()
        for a in stored.owes:
            if a.help.kind == PIPES:
                pipes = owed_pipes(body, f"self.{stored.var.name}", a.help.pipes, closes)
                if not pipes:
                    continue
                a = a._replace(help=a.help._replace(pipes=pipes))
            owes.add(a._replace(line=stored.line, column=stored.column, name=stored.var.name))
        return StoredField(stored.var, stored.line, stored.column, frozenset(owes), stored.type)

    def _effects(self, func: FuncDef) -> CallEffects:
        return CallEffects(self.overlay, self.types.type_of, True, func, self.module, self.summaries)


class _Released(Frozen, Record):
    """What a method does to the fields: those it releases or lets go anywhere in its body,
    those of them it only reaps (a release leaving a process's pipes open), and the calls
    releasing them."""

    __hash__ = Record.hashed
    fields: frozenset[str]
    reaps_only: frozenset[str]
    calls: tuple[CallExpr, ...]

    def __init__(self, fields: frozenset[str], reaps_only: frozenset[str], calls: tuple[CallExpr, ...]) -> None:
        self.__dict__.update(fields=fields, reaps_only=reaps_only, calls=calls)


def _released(func: FuncDef, fields: tuple[StoredField, ...]) -> _Released:
    self_var = func.arguments[0].variable
    called: dict[str, list[tuple[CallExpr, str]]] = {}
    let_go: set[str] = set()
    for stmt in iter_statements(func.body.body):
        for expr in every_expression(stmt):
            if not isinstance(expr, CallExpr):
                continue
            if isinstance(expr.callee, MemberExpr) and (name := _field_of(expr.callee.expr, self_var)) is not None:
                called.setdefault(name, []).append((expr, expr.callee.name))
            let_go.update(n for a in expr.args if (n := _field_of(a, self_var)) is not None)
        let_go.update(n for e in _let_go(stmt) if (n := _field_of(e, self_var)) is not None)
    released, reaps_only, calls = set(), set(), []
    for field in fields:
        name = field.var.name
        process = [a for a in field.owes if a.help.kind != PIPES]
        pipes = [a for a in field.owes if a.help.kind == PIPES]
        releasing = [(c, m) for c, m in called.get(name, []) if any(m in a.releasing for a in process)]
        calls += [c for c, _ in releasing]
        if releasing or name in let_go:
            released.add(name)
        if releasing and pipes and name not in let_go and not any(m in a.releasing for _, m in releasing for a in pipes):
            reaps_only.add(name)
    return _Released(frozenset(released), frozenset(reaps_only), tuple(calls))


def _self_stores(func: FuncDef) -> Iterator[tuple[MemberExpr, Expression]]:
    """``self.NAME = value`` in a method (a plain assignment to one target; a bare
    declaration ``self.NAME: T`` stores nothing)."""
    self_var = func.arguments[0].variable
    for stmt in iter_statements(func.body.body):
        if type(stmt) is AssignmentStmt and len(stmt.lvalues) == 1 and type(stmt.rvalue) is not TempNode:
            target = stmt.lvalues[0]
            if isinstance(target, MemberExpr) and _field_of(target, self_var) is not None:
                yield target, stmt.rvalue


def _let_go(stmt: Statement) -> list[Expression]:
    """What a statement may hand on: the value it assigns or returns, its with subjects."""
    if isinstance(stmt, AssignmentStmt):
        return [stmt.rvalue, *(stmt.rvalue.items if isinstance(stmt.rvalue, TupleExpr) else [])]
    if isinstance(stmt, ReturnStmt) and stmt.expr is not None:
        return [stmt.expr]
    if isinstance(stmt, WithStmt):
        return list(stmt.expr)
    return []


def _field_of(expr: Expression, self_var: Var) -> str | None:
    if isinstance(expr, MemberExpr) and isinstance(expr.expr, NameExpr) and expr.expr.node is self_var:
        return expr.name
    return None


def _function(node: object) -> FuncDef | None:
    if type(node) is Decorator:
        return node.func
    return node if type(node) is FuncDef else None


def _is_method(func: FuncDef) -> bool:
    return bool(func.arguments) and not func.is_static and not func.is_class and func.info is not FUNC_NO_INFO


def _class_defs(body: list[Statement]) -> Iterator[ClassDef]:
    for stmt in iter_statements(body):
        if type(stmt) is ClassDef:
            yield stmt
            yield from _class_defs(stmt.defs.body)
