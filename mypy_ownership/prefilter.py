"""The prefilter: in a module that cannot see Own/Ref/Mut, the calls that can start
anything, found in one pass over mypy's type map (docs/design.md §11.8). It decides which
functions are analysed, never how; what a call does is ``effects.py``'s to say.
"""

from __future__ import annotations

from typing import Final

from mypy.nodes import (
    CallExpr, Decorator, Expression, FuncDef, MemberExpr, MypyFile, NameExpr, OverloadedFuncDef, RefExpr, TypeAlias,
    TypeInfo, Var,
)
from mypy.types import Instance, Type, get_proper_type

from mypy_ownership.effects import acquires, moves, transfers
from mypy_ownership.modes import Mode
from mypy_ownership.overlay import FunctionStub, Overlay
from mypy_ownership.signatures import constructed, mro, receiver_of


def stubs_can_start(overlay: Overlay) -> bool:
    """Whether some stub can start anything (acquire, release, move, or make a class a
    resource): the language-level entries alone cannot. Kept with the overlay until its
    stubs change, since a run without the standard-library stubs asks it per module."""
    known = overlay.memo.get("can start")
    if not isinstance(known, bool):
        known = overlay.memo["can start"] = any(
            any(map(transfers, module.functions.values()))
            or any(cls.is_resource or any(map(transfers, cls.methods.values())) for cls in module.classes.values())
            for module in overlay.every_stub()
        )
    return known


# -- the prefilter --------------------------------------------------------------------------------

def ownership_calls(overlay: Overlay, types: dict[Expression, Type], in_map: list[CallExpr]) -> list[CallExpr]:
    """The calls that can start anything in a module that cannot see Own/Ref/Mut, in line
    order: a constructor of a resource class, a stubbed function or method that acquires,
    and one that releases or moves a plain name (its receiver, or an argument it takes as
    ``Own`` without ``@takes_over``).

    There, parameters and fields carry no modes, so nothing else creates an owner, an
    obligation or a release. Only the functions holding one of these calls need analysing
    (this decides which, never how); one pass over mypy's type map finds them.
    ``in_map``: the map's calls in its order (``TypeFacts.calls``)."""
    methods = _transferring_methods(overlay)
    functions = overlay.functions
    constructs = _memo(overlay, "constructs")
    calls: list[CallExpr] = []
    for expr in in_map:
        callee = expr.callee
        # exact classes first: this runs over every call of every module in the build
        if type(callee) is NameExpr or type(callee) is MemberExpr or isinstance(callee, RefExpr):
            node = callee.node
            if type(node) is TypeAlias:
                node = constructed(callee) or node
            if type(node) not in _NOT_CLASSES and isinstance(node, TypeInfo):
                known = constructs.get(node)
                if known is None:
                    known = constructs[node] = _constructs_resource(overlay, node)
                if known:
                    calls.append(expr)
                continue
            stub = functions.get(callee.fullname)
            if stub is not None:
                if _starts_something(stub, expr, None):
                    calls.append(expr)
                continue
        if "__call__" in methods and isinstance(called := _instance_class(types.get(callee)), TypeInfo):
            stub = _method_stub(overlay, called, "__call__")  # maker(): an instance called
            if stub is not None and _starts_something(stub, expr, None):
                calls.append(expr)
                continue
        if type(callee) is MemberExpr and callee.name in methods:
            owner = getattr(callee.expr, "node", None)  # Class.method(...)
            if not isinstance(owner, TypeInfo):
                owner = _instance_class(types.get(callee.expr))
            if owner is True:
                calls.append(expr)  # a receiver mypy gave no type: kept
            elif isinstance(owner, TypeInfo):
                stub = _method_stub(overlay, owner, callee.name)
                if stub is not None and _starts_something(stub, expr, receiver_of(expr)):
                    calls.append(expr)
    calls.sort(key=lambda call: call.line)
    return calls


# what most callees name: never a class
_NOT_CLASSES: Final = frozenset({FuncDef, Var, Decorator, OverloadedFuncDef, MypyFile, type(None)})


def _transferring_methods(overlay: Overlay) -> frozenset[str]:
    known = overlay.memo.get("transferring")
    if not isinstance(known, frozenset):
        known = overlay.memo["transferring"] = frozenset(
            n for cls in overlay.classes.values() for n, m in cls.methods.items() if transfers(m)
        )
    return known


def _memo(overlay: Overlay, key: str) -> dict[object, object]:
    """A cache kept with the overlay, dropped when its stubs are resolved again."""
    memo = overlay.memo.get(key)
    if not isinstance(memo, dict):
        memo = overlay.memo[key] = {}
    return memo


def _constructs_resource(overlay: Overlay, info: TypeInfo) -> bool:
    """A class whose MRO holds a class the stubs make a resource: a cheap superset of what
    ``ResourceTable.of_class`` decides (which also reads each class's own code)."""
    return any(
        (stub := overlay.classes.get(k.fullname)) is not None and stub.is_resource for k in mro(info)
    )


def _method_stub(overlay: Overlay, owner: TypeInfo, name: str) -> FunctionStub | None:
    memo = _memo(overlay, "methods")
    key = (owner, name)
    if key not in memo:
        memo[key] = overlay.method([k.fullname for k in mro(owner)], name)
    found = memo[key]
    return found if isinstance(found, FunctionStub) else None


def _starts_something(stub: FunctionStub, call: CallExpr, receiver: Expression | None) -> bool:
    if acquires(stub):
        return True
    if stub.receiver is Mode.OWN and isinstance(receiver, NameExpr):
        return True
    if moves(stub):
        return any(isinstance(arg, NameExpr) for arg in call.args)
    return False


def _instance_class(receiver: Type | None) -> TypeInfo | bool | None:
    """The class of an instance receiver; True when mypy gave it no type; None for any
    other receiver type (``Any``, a union)."""
    if receiver is None:
        return True
    p = get_proper_type(receiver)
    return p.type if isinstance(p, Instance) else None
