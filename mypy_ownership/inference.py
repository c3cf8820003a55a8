"""Ownership inference: the annotations a module's own code implies, read from its
same-module summaries (docs/design.md §2.3, §5, §6), proposed for a user to write.

A function of the summaries and the types only: no mypy run inside. The ``infer`` command
calls it from the plugin, after the module has been analysed, and turns the proposals into
source edits. Nothing is proposed at a place the code already annotates with a mode.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mypy.nodes import (
    ARG_STAR,
    ARG_STAR2,
    FUNC_NO_INFO,
    LDEF,
    AssignmentExpr,
    AssignmentStmt,
    CallExpr,
    ConditionalExpr,
    DelStmt,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    IndexExpr,
    ListExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    OperatorAssignmentStmt,
    ReturnStmt,
    StarExpr,
    Statement,
    TryStmt,
    TupleExpr,
    TypeInfo,
    Var,
    WithStmt,
)
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    TupleType,
    Type,
    TypeAliasType,
    TypeOfAny,
    UnionType,
    get_proper_type,
)

from mypy_ownership.effect_kinds import ParamEffect
from mypy_ownership.evaluation import every_expression
from mypy_ownership.modes import Mode
from mypy_ownership.signatures import (
    callable_of,
    constructed,
    is_copy_type,
    mode_of,
    receiver_mode,
    receiver_of,
    returned_mode,
)
from mypy_ownership.summaries import ModuleSummaries
from mypy_ownership.unit import TypeFacts, iter_statements

# a number read off a borrowed owner is a value of its own, not a view into it
_SCALARS = frozenset({"builtins.int", "builtins.float", "builtins.complex", "builtins.bool"})


@dataclass(frozen=True)
class Proposal:
    """One annotation to write. ``place``: ``"return"``, ``"param:NAME"``, ``"receiver"``
    or ``"field:NAME"``; ``mode``: ``"Own"``, ``"Ref"`` or ``"Mut"``; ``type_text``: the T
    inside the mode, short class names (``"TextIO"``, ``"Popen[bytes]"``), ``""`` if
    unknown; ``source``: for a returned borrow, what it borrows from (``"param:NAME"``, or
    ``"receiver"``; several joined by ``","``), else ``""``."""

    module: str  # mypy module name
    path: str  # file path as mypy has it
    line: int  # line of the def (for a field: line of its first store)
    function: str  # qualified name inside the module: "f", "Cls.meth"; "" for a field
    cls: str  # class name for a method or a field, "" otherwise
    place: str
    mode: str
    type_text: str
    source: str


_Propose = Callable[..., Proposal]


def proposals(module: MypyFile, summaries: ModuleSummaries, types: TypeFacts) -> list[Proposal]:
    """Every annotation the module's summaries imply, in line order: ``-> Own[T]`` on a
    function returning a resource it acquired; ``Own[T]`` on a parameter it releases or
    takes over (not one it hands over where the analysis cannot follow); ``Ref``/``Mut``
    on a result that is a reference into a borrowed parameter, and on the parameter a
    borrowed result needs as its lifetime source; ``Own[T]`` on the fields of a class that
    owns what it stores, and on the receiver of each method releasing them."""
    found: list[Proposal] = []
    managed = _managed(summaries)
    for func in summaries.functions():
        found += _of_function(module, summaries, types, func, managed)
    for owning in summaries.stored.classes(lambda defn: True):
        if not owning.releasing or owning.finalized:
            continue  # a class nothing releases is not reported, and gets nothing to write
        cls = owning.info.name
        for field in owning.fields:
            text = spell(field.var.type if field.var.type is not None else field.type)
            found.append(Proposal(module.fullname, module.path, field.line, "", cls, f"field:{field.var.name}", "Own", text, ""))
        for method in owning.releasing:
            found.append(Proposal(
                module.fullname, module.path, method.line, _qualified(module, method), cls, "receiver", "Own", cls, "",
            ))
    return sorted(found, key=lambda p: (p.line, p.function, p.place))


def _of_function(
    module: MypyFile, summaries: ModuleSummaries, types: TypeFacts, func: FuncDef, managed: set[TypeInfo],
) -> list[Proposal]:
    if not summaries.summarisable(func):
        return []
    name, cls = _qualified(module, func), (func.info.name if func.info is not FUNC_NO_INFO else "")
    sig = func.type if isinstance(func.type, CallableType) else None

    def proposal(place: str, mode: str, t: Type | None, source: str = "") -> Proposal:
        text = cls if place == "receiver" else spell(t)
        return Proposal(module.fullname, module.path, func.line, name, cls, place, mode, text, source)

    found = []
    declared_return = sig.ret_type if sig is not None and _written_return(func) else None
    returned = returned_mode(func)
    if returned is None and summaries.returns(func) is not None:
        found.append(proposal("return", "Own", declared_return or summaries.result_types.get(func)))
    elif returned is None or returned.is_borrow:
        given_back = _given_back(func, lambda t: _owned_kind(t, summaries, managed)) if returned is None else []
        fresh = _fresh_result(func, types, managed) if returned is None else None
        if fresh is not None:
            found.append(proposal("return", Mode.OWN.value, declared_return or fresh))
        elif not given_back:
            found += _borrowed_result(func, types, returned, proposal)
        else:
            found += [proposal(place, Mode.OWN.value, t) for place, t in given_back]
            found.append(proposal("return", Mode.OWN.value, declared_return or given_back[0][1]))
    effects = summaries.of(func)
    released = _fields_released(func, types, summaries)
    for i, arg in enumerate(func.arguments):
        effect = effects[i] if i < len(effects) else None
        taken = effect in (ParamEffect.RELEASES, ParamEffect.TAKES_OVER) or (
            arg.variable in released and _place(func, i) != "receiver" and _param_mode(func, i) is None
        )
        if taken and all(p.place != _place(func, i) for p in found):
            t = sig.arg_types[i] if sig is not None and i < len(sig.arg_types) else None
            found.append(proposal(f"param:{arg.variable.name}", "Own", t if not _unannotated(func, i) else None))
    return found


def _fields_released(func: FuncDef, types: TypeFacts, summaries: ModuleSummaries) -> set[object]:
    """The names a resource field of which the body releases on every path that returns
    (``conn.sock.close()`` at its top level, or in a top-level ``finally``, with no
    ``return`` above): the function ends what the object holds, so it takes the object
    over, as a releasing method takes its receiver (docs/design.md §6, §13)."""
    returns = [s.line for s in iter_statements(func.body.body) if isinstance(s, ReturnStmt)]
    found: set[object] = set()
    for stmt in _on_every_path(func.body.body):
        call = stmt.expr if isinstance(stmt, ExpressionStmt) else None
        callee = call.callee if isinstance(call, CallExpr) else None
        if not (isinstance(callee, MemberExpr) and isinstance(callee.expr, MemberExpr)
                and isinstance(callee.expr.expr, NameExpr)) or any(line < stmt.line for line in returns):
            continue
        if summaries.overlay.resources.method_releases(types.type_of(callee.expr), callee.name):
            found.add(callee.expr.expr.node)
    return found


def _on_every_path(body: list[Statement]) -> Iterator[Statement]:
    """The statements of a body's top level, and of its top-level ``finally`` blocks."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, TryStmt) and stmt.finally_body is not None:
            yield from _on_every_path(stmt.finally_body.body)


def _given_back(func: FuncDef, owned: Callable[[Type | None], bool]) -> list[tuple[str, Type | None]]:
    """Parameters the function takes over and gives back, for a result with no mode
    (docs/design.md §13): every ``return`` gives back one of its parameters (not the
    receiver), each with no mode and annotated with a type whose values are owned
    (``owned``). Each is ``Own``, and so is the result: a move in and a move out, as
    Rust's ``fn f(x: T) -> T``."""
    if func.is_generator or func.name == "__init__":
        return []
    values = _return_values(func)
    rebound = _rebound(func)  # a parameter bound again may give back another object
    params = {
        a.variable: i for i, a in enumerate(func.arguments) if a.kind not in (ARG_STAR, ARG_STAR2) and a.variable not in rebound
    }
    found: dict[int, Type | None] = {}
    for value in values:
        for leaf in _leaves(value):
            i = params.get(leaf.node) if isinstance(leaf, NameExpr) else None  # type: ignore[call-overload]
            if i is None or _place(func, i) == "receiver" or _param_mode(func, i) is not None:
                return []
            t = _arg_type(func, i)
            if _unannotated(func, i) or not owned(t):
                return []
            found[i] = t
    return [(_place(func, i), t) for i, t in sorted(found.items())]


def _managed(summaries: ModuleSummaries) -> set[TypeInfo]:
    """The module's own classes that its signatures give a mode (``Ref[Person]``, ``self:
    Own[Job]``): their values are owned, moved and lent by its author's choice, as a
    resource's are (docs/design.md §13). Not a class of elsewhere: ``Ref[list[int]]``
    lends a list, it does not make every list the module builds an owner."""
    module = summaries.module.fullname
    found = set()
    for func in summaries.functions():
        sig = func.type if isinstance(func.type, CallableType) else None
        for t in [*sig.arg_types, sig.ret_type] if sig is not None else []:
            if mode_of(t) is not None and isinstance(t, TypeAliasType) and t.args:
                inner = get_proper_type(t.args[0])
                if isinstance(inner, Instance) and not is_copy_type(inner) and inner.type.module_name == module:
                    found.add(inner.type)
    return found


def _fresh_result(func: FuncDef, types: TypeFacts, managed: set[TypeInfo]) -> Type | None:
    """The type of what the function returns, where every ``return`` gives back an object
    of a managed class constructed in its body (directly or through a local bound once):
    a fresh owner, as a resource a factory opens is."""
    if func.is_generator or func.name in ("__init__", "__new__"):
        return None
    values = _return_values(func)
    params = {a.variable: i for i, a in enumerate(func.arguments)}
    bound = _bound_once(func, params)
    found: Type | None = None
    for value in values:
        for leaf in _leaves(value, bound):
            t = get_proper_type(types.type_of(leaf))
            if not (isinstance(leaf, CallExpr) and isinstance(t, Instance) and t.type in managed
                    and _constructs(leaf, t.type, func)):
                return None
            found = found or t
    return found


def _constructs(call: CallExpr, info: TypeInfo, func: FuncDef) -> bool:
    """The call makes a new object of the class: its constructor, or ``cls(...)`` in a
    class method."""
    if constructed(call.callee) is info:
        return True
    first = func.arguments[0].variable if func.is_class and func.arguments else None
    return first is not None and isinstance(call.callee, NameExpr) and call.callee.node is first


def _owned_kind(t: Type | None, summaries: ModuleSummaries, managed: set[TypeInfo]) -> bool:
    """A type whose values are owned: a resource, a class of the module owning what it
    stores, or a managed class. Plain values stay unmanaged (docs/design.md §1.3), and so
    do a type variable (it may stand for a Copy type), a callable and a class object (a
    decorator gives back the function it was given)."""
    p = get_proper_type(t) if t is not None else None
    if not isinstance(p, Instance) or is_copy_type(p):
        return False
    return p.type in managed or summaries.of_owning_class(p) or summaries.overlay.resources.of_type(p) is not None


def _return_values(func: FuncDef) -> list[Expression]:
    return [s.expr for s in iter_statements(func.body.body) if isinstance(s, ReturnStmt) and s.expr is not None]


def _borrowed_result(func: FuncDef, types: TypeFacts, returned: Mode | None, proposal: _Propose) -> list[Proposal]:
    """A result that is a reference into parameters (each ``return`` a parameter, or an
    attribute read off one): with a borrowed source, ``-> Ref``/``-> Mut`` (``Mut`` when
    every source is ``Mut``); a ``-> Ref``/``-> Mut`` result whose sources are not
    borrowed needs them borrowed (``missing-lifetime``, docs/design.md §5)."""
    values = _return_values(func)
    params = {a.variable: i for i, a in enumerate(func.arguments) if a.kind not in (ARG_STAR, ARG_STAR2)}
    sources: dict[int, Mode | None] = {}
    bound = _bound_once(func, params)
    for value in values:
        for leaf in _leaves(value, bound):
            roots = _lent_by_call(leaf, types) if isinstance(leaf, CallExpr) else [_root(leaf)]
            if not roots or any(root is None or root.node not in params for root in roots):
                return []
            for root in roots:
                i = params[root.node]  # type: ignore[union-attr,index]
                sources[i] = _param_mode(func, i)
    if not sources:
        return []
    if returned is not None:  # declared a borrow: the sources it needs
        if any(mode is not None and mode.is_borrow for mode in sources.values()):
            return []
        return [
            proposal(_place(func, i), returned.value, None if _unannotated(func, i) else _arg_type(func, i))
            for i, mode in sorted(sources.items()) if mode is None
        ]
    borrowed = {i: m for i, m in sources.items() if m is not None and m.is_borrow}
    returned_type = _type_of_returns(values, types)
    if len(borrowed) != len(sources) or _is_scalar(returned_type):
        return []
    mode = Mode.MUT if all(m is Mode.MUT for m in borrowed.values()) else Mode.REF
    t = func.type.ret_type if isinstance(func.type, CallableType) and _written_return(func) else returned_type
    return [proposal("return", mode.value, t, ",".join(_place(func, i) for i in sorted(borrowed)))]


def _leaves(value: Expression, bound: dict[object, Expression] | None = None) -> list[Expression]:
    """The values a returned expression may be: each branch of a conditional, and what a
    local bound once gives (``conn = self._conn; return conn`` returns ``self._conn``)."""
    if isinstance(value, ConditionalExpr):
        return [*_leaves(value.if_expr, bound), *_leaves(value.else_expr, bound)]
    if bound and isinstance(value, NameExpr) and value.node in bound:
        return _leaves(bound[value.node])
    return [value]


def _bindings(func: FuncDef) -> Iterator[tuple[object, Expression | None]]:
    """Every name the body binds (assignment, loop, with, except or walrus target), with
    the value where the binding is a plain ``local = value``."""
    for stmt in iter_statements(func.body.body):
        yield from ((e.target.node, None) for e in every_expression(stmt) if isinstance(e, AssignmentExpr))
        target = stmt.lvalues[0] if isinstance(stmt, AssignmentStmt) and len(stmt.lvalues) == 1 else None
        # a global or nonlocal outlives the call: what it holds is shared, not given
        if isinstance(stmt, AssignmentStmt) and isinstance(target, NameExpr) and target.kind == LDEF:
            yield target.node, stmt.rvalue
            continue
        yield from ((e.node, None) for t in _targets(stmt) for e in _names_bound(t))


def _bound_once(func: FuncDef, params: dict[Var, int]) -> dict[object, Expression]:
    """The locals of the body bound by exactly one plain ``name = value`` and by nothing
    else, to their value."""
    bindings = list(_bindings(func))
    count = Counter(node for node, _ in bindings)
    return {node: v for node, v in bindings if v is not None and count[node] == 1 and node not in params}


def _rebound(func: FuncDef) -> set[object]:
    """The names the body binds."""
    return {node for node, _ in _bindings(func)}


def _names_bound(target: Expression) -> list[NameExpr]:
    """The names an assignment target binds (not those of ``x.attr = v`` or ``x[i] = v``)."""
    if isinstance(target, NameExpr):
        return [target]
    if isinstance(target, (TupleExpr, ListExpr)):
        return [n for item in target.items for n in _names_bound(item)]
    return _names_bound(target.expr) if isinstance(target, StarExpr) else []


def _targets(stmt: Statement) -> list[Expression]:
    """The expressions a statement binds names in."""
    if isinstance(stmt, AssignmentStmt):
        return list(stmt.lvalues)
    if isinstance(stmt, OperatorAssignmentStmt):
        return [stmt.lvalue]
    if isinstance(stmt, ForStmt):
        return [stmt.index]
    if isinstance(stmt, WithStmt):
        return [t for t in stmt.target if t is not None]
    if isinstance(stmt, DelStmt):
        return [stmt.expr]
    if isinstance(stmt, TryStmt):
        return [v for v in stmt.vars if v is not None]
    return []


def _root(expr: Expression) -> NameExpr | None:
    """The name an attribute or item chain is read off (``self.lines[-1]`` -> ``self``)."""
    while isinstance(expr, (MemberExpr, IndexExpr)):
        expr = expr.expr if isinstance(expr, MemberExpr) else expr.base
    return expr if isinstance(expr, NameExpr) else None


def _lent_by_call(call: CallExpr, types: TypeFacts) -> list[NameExpr | None]:
    """What a call returning a borrow borrows from (docs/design.md §5): the names its
    arguments given to ``Ref``/``Mut`` parameters, and its borrowed receiver, are read
    off; nothing if it returns no borrow."""
    sig = callable_of(types.type_of(call.callee))
    if sig is None or (returned := mode_of(sig.ret_type)) is None or not returned.is_borrow:
        return []
    lent = [arg for arg, t in zip(call.args, sig.arg_types) if (m := mode_of(t)) is not None and m.is_borrow]
    receiver = receiver_of(call)
    if receiver is not None and (m := receiver_mode(sig.definition)) is not None and m.is_borrow:
        lent.append(receiver)
    return [_root(arg) for arg in lent]


def _param_mode(func: FuncDef, i: int) -> Mode | None:
    if i == 0 and func.info is not FUNC_NO_INFO and not func.is_static:
        return receiver_mode(func)
    t = func.type.arg_types[i] if isinstance(func.type, CallableType) and i < len(func.type.arg_types) else None
    return mode_of(t)


def _place(func: FuncDef, i: int) -> str:
    if i == 0 and func.info is not FUNC_NO_INFO and not func.is_static and not func.is_class:
        return "receiver"
    return f"param:{func.arguments[i].variable.name}"


def _arg_type(func: FuncDef, i: int) -> Type | None:
    return func.type.arg_types[i] if isinstance(func.type, CallableType) and i < len(func.type.arg_types) else None


def _unannotated(func: FuncDef, i: int) -> bool:
    unanalyzed = func.unanalyzed_type
    return not isinstance(unanalyzed, CallableType) or i >= len(unanalyzed.arg_types) or not _written(unanalyzed.arg_types[i])


def _written_return(func: FuncDef) -> bool:
    unanalyzed = func.unanalyzed_type
    return isinstance(unanalyzed, CallableType) and _written(unanalyzed.ret_type)


def _written(t: Type | None) -> bool:
    """An annotation the source spells (mypy fills a missing one with an unannotated Any)."""
    return t is not None and not (isinstance(t, AnyType) and t.type_of_any == TypeOfAny.unannotated)


def _type_of_returns(values: list[Expression], types: TypeFacts) -> Type | None:
    return types.type_of(values[0]) if values else None


def _is_scalar(t: Type | None) -> bool:
    p = get_proper_type(t) if t is not None else None
    return isinstance(p, NoneType) or (isinstance(p, Instance) and (p.type.fullname in _SCALARS or p.type.is_enum))


def _qualified(module: MypyFile, func: FuncDef) -> str:
    prefix = module.fullname + "."
    return func.fullname[len(prefix):] if func.fullname.startswith(prefix) else func.name


def spell(t: Type | None) -> str:
    """A type as a user writes it, with short class names; ``""`` where it cannot be (Any,
    a private class of a stub)."""
    p = get_proper_type(t) if t is not None else None
    if isinstance(p, NoneType):
        return "None"
    if isinstance(p, UnionType):
        items = [spell(i) for i in p.items]
        return " | ".join(items) if all(items) else ""
    if isinstance(p, Instance):
        if p.type.name.startswith("_"):
            return ""
        args = [spell(a) for a in p.args]
        if not args or not all(args):
            return p.type.name
        return f"{p.type.name}[{', '.join(args)}]"
    if isinstance(p, TupleType):
        items = [spell(i) for i in p.items]
        return f"tuple[{', '.join(items)}]" if all(items) else ""
    return ""  # Any, or a type no annotation spells
