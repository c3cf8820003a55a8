"""What a call's arguments say, read the way the stub language's markers ask
(docs/design.md §7.3): the actual a stub parameter receives, a literal mode or constant, a
string known to start with a prefix, a path rather than a file object. Pure reading of
mypy's tree and types; ``effects.py`` decides what it means.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, Protocol

from mypy.nodes import (
    ARG_NAMED,
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    AssignmentStmt,
    CallExpr,
    Expression,
    FuncItem,
    IntExpr,
    ListExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    OpExpr,
    Statement,
    StrExpr,
    Var,
)
from mypy.types import AnyType, Instance, Type, UnionType

from mypy_ownership.conditions import bindings_in
from mypy_ownership.evaluation import every_expression
from mypy_ownership.signatures import callable_of, mro, proper
from mypy_ownership.unit import iter_statements


class Positional(Protocol):
    @property
    def positional(self) -> tuple[str, ...]: ...


class Keeping(Positional, Protocol):
    @property
    def keeps(self) -> tuple[str, ...]: ...
    @property
    def params(self) -> Mapping[str, object]: ...


def argument(call: CallExpr, stub: Positional, param: str) -> Expression | None:
    """The actual argument a stub's parameter receives, by keyword or position."""
    for i, (arg, name, kind) in enumerate(zip(call.args, call.arg_names, call.arg_kinds)):
        if kind == ARG_NAMED and name == param:
            return arg
        if kind == ARG_POS and i < len(stub.positional) and stub.positional[i] == param:
            return arg
    return None


def kept_arguments(call: CallExpr, stub: Keeping, through_class: bool) -> frozenset[int]:
    """The actual arguments the parameters a stub's ``@keeps`` names receive (a thread's
    target and its arguments, a scheduled callback), by index; matched by name and
    position, ``*args`` and ``**kwargs`` taking the extra ones. ``through_class``: the
    first argument is the receiver (``Class.method(obj, ...)``)."""
    keeps, positional = stub.keeps, stub.positional
    extra_positional = any(k.startswith("*") and not k.startswith("**") for k in keeps)
    extra_keywords = any(k.startswith("**") for k in keeps)
    skip = 1 if through_class else 0
    kept = set()
    for i, (name, kind) in enumerate(zip(call.arg_names, call.arg_kinds)):
        at = i - skip
        if at < 0:
            continue
        if kind == ARG_POS:
            hit = positional[at] in keeps if at < len(positional) else extra_positional
        elif kind == ARG_NAMED:
            hit = name in keeps or (extra_keywords and name not in stub.params)
        else:
            hit = (kind == ARG_STAR and extra_positional) or (kind == ARG_STAR2 and extra_keywords)
        if hit:
            kept.add(i)
    return frozenset(kept)


def starts_with(
    arg: Expression | None, prefix: object, constants: Callable[[], dict[Var, Expression]], depth: int = 0
) -> bool:
    """A string argument known to start with ``prefix``: a literal, an f-string (mypy's
    ``"".join([...])`` or ``"...".format(...)`` on a literal), a concatenation whose left
    part does, or a name bound once at the module's top level to one of these
    (``constants``)."""
    callee = arg.callee if isinstance(arg, CallExpr) else None
    if isinstance(arg, CallExpr) and isinstance(callee, MemberExpr) and isinstance(callee.expr, StrExpr):
        parts = arg.args[0] if arg.args else None
        if not callee.expr.value and isinstance(parts, ListExpr) and parts.items:
            arg = parts.items[0]
        else:
            arg = callee.expr
    if isinstance(arg, OpExpr) and arg.op == "+":
        arg = arg.left
    if isinstance(arg, NameExpr) and isinstance(arg.node, Var) and depth < _DEPTH:
        return starts_with(constants().get(arg.node), prefix, constants, depth + 1)
    if isinstance(arg, (CallExpr, OpExpr)) and depth < _DEPTH:
        return starts_with(arg, prefix, constants, depth + 1)
    return isinstance(arg, StrExpr) and isinstance(prefix, str) and arg.value.startswith(prefix)


_DEPTH: Final = 8


def module_constants(module: MypyFile | None) -> dict[Var, Expression]:
    """The module's names bound exactly once outside any function or class."""
    seen: dict[Var, Expression | None] = {}
    for stmt in iter_statements(module.defs) if module is not None else []:
        if isinstance(stmt, AssignmentStmt):
            for target in stmt.lvalues:
                if isinstance(target, NameExpr) and isinstance(target.node, Var):
                    seen[target.node] = None if target.node in seen else stmt.rvalue
    return {v: e for v, e in seen.items() if e is not None}


def locals_bound_once(func: object) -> dict[Var, Expression]:
    """A function's locals bound exactly once, by a plain assignment (not parameters): the
    value they hold wherever they are read (``url = "https://..."; urlopen(url)``)."""
    if not isinstance(func, FuncItem):
        return {}
    params = {a.variable for a in func.arguments}
    return {
        var: values[0] for var, values in bindings_in(iter_statements(func.body.body)).items()
        if len(values) == 1 and values[0] is not None and var not in params
    }


def is_path(t: Type | None) -> bool:
    """A file name (or a value the type checker cannot tell from one)."""
    p = proper(t)
    items = p.items if isinstance(p, UnionType) else [p]
    for item in map(proper, items):
        if item is None or isinstance(item, AnyType):
            return True
        if isinstance(item, Instance) and any(k.fullname in _PATHS for k in mro(item.type)):
            return True
    return False


def unknown(t: Type | None) -> bool:
    return t is None or isinstance(proper(t), AnyType)


_PATHS: Final = frozenset({"builtins.str", "builtins.bytes", "os.PathLike"})


def satisfies(arg: Expression | None, wanted: object, constants: Callable[[], dict[Var, Expression]]) -> bool:
    """``@owes_when``: a literal mode holding one of the wanted characters, the wanted
    constant, or for ``...`` a string known to be given (a literal, an f-string, a module
    constant: a cursor's name). An absent argument, or one whose value the analysis
    cannot read, does not satisfy it (precision first: the defaults of the stubbed
    wrappers are read modes, a library's requests are not streamed)."""
    if arg is None:
        return False
    if wanted is Ellipsis:
        return starts_with(arg, "", constants)
    if isinstance(wanted, str):
        return isinstance(arg, StrExpr) and any(ch in arg.value for ch in wanted)
    return is_constant(arg, wanted)


def is_constant(arg: Expression, value: object) -> bool:
    """The argument spells the constant: ``False`` (or a zero), ``True``, ``None``."""
    if isinstance(arg, NameExpr):
        return arg.fullname == {False: "builtins.False", True: "builtins.True", None: "builtins.None"}.get(value)  # type: ignore[call-overload]
    if isinstance(arg, IntExpr):
        return value is False and arg.value == 0
    return False


def used_as_file(call: CallExpr, param: str, arg: Expression, body: list[Statement], type_of: Callable[[Expression], Type | None]) -> bool:
    """An untyped name given as ``param`` that the function itself uses as a file object:
    it calls a method on it that a file type of the parameter's declared type has and
    none of its path types (``str``, ``bytes``, ``os.PathLike``) has: ``f.seek(0)`` before
    ``wave.open(f)``. Read from the callee's own signature, so no method is named here."""
    if not isinstance(arg, NameExpr) or not isinstance(arg.node, Var) or not unknown(type_of(arg)):
        return False
    sig = callable_of(type_of(call.callee), annotated=False)
    if sig is None or param not in sig.arg_names:
        return False
    infos = [t.type for t in _flat(sig.arg_types[sig.arg_names.index(param)]) if isinstance(t, Instance)]
    paths = [i for i in infos if any(k.fullname in _PATHS for k in mro(i))]
    files = [i for i in infos if i not in paths]
    called = {
        e.callee.name for stmt in iter_statements(body) for e in every_expression(stmt)
        if isinstance(e, CallExpr) and isinstance(e.callee, MemberExpr)
        and isinstance(e.callee.expr, NameExpr) and e.callee.expr.node is arg.node
    }
    return any(all(p.get(m) is None for p in paths) and any(f.get(m) for f in files) for m in called)


def _flat(t: Type) -> list[Type]:
    p = proper(t)
    if isinstance(p, UnionType):
        return [x for item in p.items for x in _flat(item)]
    return [p] if p is not None else []
