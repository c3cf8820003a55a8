"""Which stub entry describes a call's callee, and which class stub the objects a
constructor makes follow: lookups by name along the MRO (docs/design.md §7). What the
entries say is read in ``effects.py``."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import (
    CallExpr,
    Expression,
    MemberExpr,
    NameExpr,
    RefExpr,
    TypeInfo,
    Var,
)
from mypy.types import Instance, Type

from mypy_ownership.modes import Mode
from mypy_ownership.overlay import ClassStub, FunctionStub, Overlay, code_stub
from mypy_ownership.signatures import (
    ResourceTable,
    constructed,
    mro,
    proper,
    receiver_mode,
    receiver_of,
)


def callee_stub(
    overlay: Overlay, resources: ResourceTable, call: CallExpr, type_of: Callable[[Expression], Type | None],
    definition: Callable[[CallExpr], object], module: str | None,
) -> tuple[FunctionStub | None, bool]:
    """The entry of the callee (a constructor: the ``__init__`` mypy resolves, the nearest
    one), and whether a library stub describes it (a library class constructed counts)."""
    callee, found, library = call.callee, None, ""
    made = constructed(callee)
    if made is not None:
        for klass in mro(made):
            stub = overlay.class_stub(klass.fullname)
            library = library or (stub.library if stub is not None else "")
            if stub is not None and "__init__" in stub.methods:
                found = stub.methods["__init__"]
                break
            if "__init__" in klass.names:
                break
    elif isinstance(callee, RefExpr) and callee.fullname:
        found = overlay.function(callee.fullname)
    owner = getattr(callee.expr, "node", None) if isinstance(callee, MemberExpr) else None
    if found is None and isinstance(callee, MemberExpr) and isinstance(owner, TypeInfo):
        found = overlay.method([k.fullname for k in mro(owner)], callee.name)
    elif found is None and isinstance(callee, MemberExpr) and not isinstance(callee.node, TypeInfo):
        found = resources.method_stub(type_of(callee.expr), callee.name)
    if found is None:  # maker(): an instance called, by its class's __call__
        found = resources.method_stub(type_of(callee), "__call__")
    if found is None:
        found = code_stub(definition(call), module)
    return found, bool(library or (found is not None and found.library))


def made_class_stub(overlay: Overlay, call: CallExpr) -> ClassStub | None:
    """A constructor's nearest class along the MRO that a stub describes: what it says of
    the objects it makes holds of its subclasses' (docs/design.md §7.3)."""
    made = constructed(call.callee) if isinstance(call.callee, RefExpr) else None
    return next((s for k in (mro(made) if made else ()) if (s := overlay.class_stub(k.fullname))), None)


def method_receiver_mode(
    call: CallExpr, stub: FunctionStub | None, type_of: Callable[[Expression], Type | None], annotated: bool,
) -> Mode | None:
    """How a method call takes its receiver: its stub's ``self``, else the method's own."""
    callee = call.callee
    if not isinstance(callee, MemberExpr):
        return None
    if stub is not None and stub.receiver is not None:
        return stub.receiver
    receiver = proper(type_of(receiver_of(call) or callee)) if annotated else None
    if isinstance(receiver, Instance):
        node = receiver.type.get(callee.name)
        return receiver_mode(node.node) if node is not None else None
    return None


def releases_receiver(resources: ResourceTable, call: CallExpr, type_of: Callable[[Expression], Type | None]) -> bool:
    """``x.close()`` where ``close`` takes ``self: Own[...]`` (by the receiver's type; the
    first argument's, through the class: ``socket.close(s)``)."""
    callee, receiver = call.callee, receiver_of(call)
    if not isinstance(callee, MemberExpr) or receiver is None:
        return False
    receiver_type = type_of(receiver)
    if receiver_type is None and isinstance(receiver, NameExpr) and isinstance(receiver.node, Var):
        receiver_type = receiver.node.type
    return resources.method_releases(receiver_type, callee.name)
