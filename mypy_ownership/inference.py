"""Ownership inference: the annotations a module's own code implies, read from its
same-module summaries (docs/design.md §2.3, §5, §6), proposed for a user to write.

A function of the summaries and the types only: no mypy run inside. The ``infer`` command
calls it from the plugin, after the module has been analysed, and turns the proposals into
source edits. Nothing is proposed at a place the code already annotates with a mode.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mypy.nodes import (
    ARG_STAR,
    ARG_STAR2,
    FUNC_NO_INFO,
    CallExpr,
    ConditionalExpr,
    Expression,
    FuncDef,
    IndexExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    ReturnStmt,
)
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    TupleType,
    Type,
    TypeOfAny,
    UnionType,
    get_proper_type,
)

from mypy_ownership.effect_kinds import ParamEffect
from mypy_ownership.modes import Mode
from mypy_ownership.signatures import callable_of, mode_of, receiver_mode, receiver_of, returned_mode
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
    for func in summaries.functions():
        found += _of_function(module, summaries, types, func)
    for owning in summaries.stored.classes(lambda defn: True):
        if not owning.releasing:
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


def _of_function(module: MypyFile, summaries: ModuleSummaries, types: TypeFacts, func: FuncDef) -> list[Proposal]:
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
        found += _borrowed_result(func, types, returned, proposal)
    for i, effect in enumerate(summaries.of(func)):
        if effect in (ParamEffect.RELEASES, ParamEffect.TAKES_OVER):
            arg = func.arguments[i]
            t = sig.arg_types[i] if sig is not None and i < len(sig.arg_types) else None
            found.append(proposal(f"param:{arg.variable.name}", "Own", t if not _unannotated(func, i) else None))
    return found


def _borrowed_result(func: FuncDef, types: TypeFacts, returned: Mode | None, proposal: _Propose) -> list[Proposal]:
    """A result that is a reference into parameters (each ``return`` a parameter, or an
    attribute read off one): with a borrowed source, ``-> Ref``/``-> Mut`` (``Mut`` when
    every source is ``Mut``); a ``-> Ref``/``-> Mut`` result whose sources are not
    borrowed needs them borrowed (``missing-lifetime``, docs/design.md §5)."""
    values = [s.expr for s in iter_statements(func.body.body) if isinstance(s, ReturnStmt) and s.expr is not None]
    params = {a.variable: i for i, a in enumerate(func.arguments) if a.kind not in (ARG_STAR, ARG_STAR2)}
    sources: dict[int, Mode | None] = {}
    for value in values:
        for leaf in _leaves(value):
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


def _leaves(value: Expression) -> list[Expression]:
    if isinstance(value, ConditionalExpr):
        return [*_leaves(value.if_expr), *_leaves(value.else_expr)]
    return [value]


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
