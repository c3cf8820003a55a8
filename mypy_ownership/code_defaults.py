"""What calls of code no stub describes do, by default (docs/design.md §2.3-§2.6): a
class of the user's own that wraps a file object is a second view of it; constructors of
classes without stubs, methods of the object being defined and callbacks keep what they
are given, while the standard library's callables borrow; a releasing method of the
user's own consumes its receiver; a function of the module does what its summary says;
a member's markers come from its definition. Read from signatures, types and summaries;
the stubs' markers are interpreted in ``effects.py``, which asks these questions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import FUNC_NO_INFO, NOT_ABSTRACT, AwaitExpr, CallExpr, Decorator, FuncDef, FuncItem, MemberExpr, NameExpr, RefExpr, Var
from mypy.types import CallableType, Instance, NoneType, Type, UnionType

from mypy_ownership.arguments import unknown
from mypy_ownership.effect_kinds import ParamEffect, Wrapping
from mypy_ownership.modes import Mode
from mypy_ownership.overlay import FunctionStub, code_stub
from mypy_ownership.evaluation import spelled
from mypy_ownership.signatures import callable_of, constructed, giving_back, mro, proper, receiver_mode, receiver_of
from mypy_ownership.state import Acquired

if TYPE_CHECKING:
    from mypy_ownership.effects import CallEffects


def own_wrapper(effects: CallEffects, call: CallExpr) -> Wrapping | None:
    """A class of the user's code that no stub names and that is a resource only by a
    base the stubs describe (a subclass of an ``io`` class or of ``typing.IO``),
    constructed over a file object: a wrapper whose ``close()`` closes what it wraps, a
    second view of it, known from the constructor's signature alone (docs/design.md §2.4)."""
    made = constructed(call.callee)
    if made is None:
        return None
    info = effects.resources.of_class(made)
    if info is None or info.declared or effects.overlay.class_stub(made.fullname) is not None:
        return None
    for arg in call.args:
        inner = arg.expr if isinstance(arg, AwaitExpr) else arg
        t = proper(effects.type_of(arg))
        items = [proper(i) for i in t.items] if isinstance(t, UnionType) else [t]
        if not all(isinstance(i, NoneType) or _file_object(effects, i) for i in items):
            continue
        if isinstance(inner, CallExpr) and effects.produces_owned(inner):
            return Wrapping(None, True)
        return Wrapping(arg, False)
    return None

def _file_object(effects: CallEffects, t: Type | None) -> bool:
    """A resource, or an instance of a class that the stubs give a release along its
    MRO, even one that does something only where it is overridden (an ``io`` base)."""
    if effects.resources.of_type(t) is not None:
        return True
    stubs = [effects.overlay.class_stub(k.fullname) for k in mro(t.type)] if isinstance(t, Instance) else []
    return any(m.receiver is Mode.OWN for stub in stubs if stub is not None for m in stub.methods.values())


def takes_over_arguments(effects: CallEffects, call: CallExpr) -> bool:
    """Calls that keep what they are given, by default where no stub says otherwise: a
    constructor of a class without ownership stubs (a wrapper stores its argument), a
    method of the object being defined (``effects.set_socket(sock)``), and a callback held
    in a variable (``callback(conn, address)``: code the analysis cannot see, the usual
    way a resource is handed on)."""
    callee = call.callee
    if effects.stub(call) is not None:
        return False
    made = constructed(callee)
    if made is not None:
        # the stubs are exact about the classes they name (ZipFile(f) does not close f);
        # a subclass defined elsewhere (a wrapper over an io base) keeps its argument
        return (
            effects.overlay.class_stub(made.fullname) is None and own_wrapper(effects, call) is None
            and not from_standard_library(effects, call)
        )
    callee_type = proper(effects.type_of(callee))
    if isinstance(callee_type, CallableType) and (
        callee_type.is_type_obj() or callee_type.definition is None or _unseen_factory(effects, call, callee_type)
    ):
        return True
    func = effects.func
    if isinstance(callee, NameExpr) and isinstance(func, FuncItem) and unknown(callee_type):
        # a callable the function was given, untyped (transport_factory(sock))
        return any(callee.node is a.variable for a in func.arguments)
    if isinstance(callee, MemberExpr) and isinstance(callee.expr, NameExpr):
        return (
            isinstance(func, FuncDef) and func.info is not FUNC_NO_INFO and bool(func.arguments)
            and callee.expr.node is func.arguments[0].variable
            and not any(effects.overlay.class_stub(k.fullname) for k in mro(func.info))
        )
    return False


def _unseen_factory(effects: CallEffects, call: CallExpr, callee_type: CallableType) -> bool:
    """An abstract method outside the standard library that makes an object from what it is
    given (``backend.create_tcp_listener(sock) -> SocketListener``): the implementation
    the call runs is a subclass's, which the analysis cannot see, and what it returns is
    the usual keeper of its argument (docs/design.md §2.5)."""
    definition = callee_type.definition
    definition = definition.func if isinstance(definition, Decorator) else definition
    if not isinstance(definition, FuncDef) or not definition.is_trivial_body:
        return False
    if definition.abstract_status == NOT_ABSTRACT or from_standard_library(effects, call):
        return False
    returned = proper(callee_type.ret_type)
    return isinstance(returned, Instance) and not returned.type.fullname.startswith("builtins.")


def consumes_receiver(effects: CallEffects, call: CallExpr) -> bool:
    """A releasing method of the program's own code (``self: Own[...]``, no stub): it
    consumes its receiver as Rust's ``self`` does, data attributes included
    (docs/design.md §2.6). Not so on the plain ``self`` of a method (``__exit__(self)``
    calling ``self.close()``): an unmanaged receiver keeps Python's leniency."""
    receiver, func = receiver_of(call), effects.func
    if isinstance(receiver, NameExpr) and isinstance(func, FuncDef) and func.info is not FUNC_NO_INFO:
        if func.arguments and receiver.node is func.arguments[0].variable and receiver_mode(func) is not Mode.OWN:
            return False
    return effects.releases_receiver(call) and effects.stub(call) is None


def give_back(effects: CallEffects, call: CallExpr, resource: Type | None) -> str:
    """``pool.release`` for ``conn = pool.get()`` (``giving_back``), spelled through the
    receiver; empty where there is none."""
    callee = call.callee
    if not isinstance(callee, MemberExpr) or not isinstance(callee.expr, (NameExpr, MemberExpr)):
        return ""
    method = giving_back(effects.type_of(callee.expr), resource)
    return f"{spelled(callee.expr)}.{method}" if method else ""


def from_standard_library(effects: CallEffects, call: CallExpr) -> bool:
    """The callee is defined in the standard library (a module mypy read from
    typeshed's): it borrows what it is given unless a stub says it takes it over
    (docs/design.md §2.5)."""
    callee = call.callee
    name = callee.fullname if isinstance(callee, RefExpr) and not isinstance(callee.node, Var) else ""
    if not name:
        sig = callable_of(effects.type_of(callee))
        name = sig.definition.fullname if sig is not None and sig.definition is not None else ""
    return bool(name) and effects.overlay.standard_library(name)


def iteration_releases(effects: CallEffects, iterable: CallExpr) -> bool:
    """A fresh resource that a loop running out releases: its type's ``__iter__`` is
    ``@exhausts``, or its acquisition says reading it to the end releases it."""
    exhausts = effects.iteration_exhausts(iterable)
    if exhausts:
        return True
    obligation = effects.result_obligation("the result", iterable) if exhausts is False else None
    return obligation is not None and all(a.exhausts for a in obligation.acquired)


def member_stub(effects: CallEffects, t: Type | None, member: str) -> FunctionStub | None:
    """A member's stub along the class's MRO, or what the markers on its definition say."""
    stub = effects.resources.method_stub(t, member)
    receiver = proper(t)
    if stub is None and isinstance(receiver, Instance):
        found = receiver.type.get(member)
        stub = code_stub(found.node, effects.module_name) if found is not None else None
    return stub if isinstance(stub, FunctionStub) else None


def summarised(effects: CallEffects, call: CallExpr) -> dict[int, ParamEffect]:
    """What a function of this module does with the arguments of a call to it, by actual
    index (its summary; an annotated parameter is never among them). A wrapper's
    constructor over a file object is a view of it (``own_wrapper``), whatever its body
    does with it."""
    wrapping = effects.wrapping(call)
    if effects.summaries is None or (wrapping is not None and wrapping.view is not None):
        return {}
    return effects.summaries.of_call(call, effects.type_of)


def may_be_summarised(effects: CallEffects, call: CallExpr) -> bool:
    """The call reaches a function of this module that has a summary: only then can
    ``summarised`` find anything, so whether an argument may owe need not be asked."""
    return effects.summaries is not None and effects.summaries.called(call, effects.type_of) is not None


def summarised_result(effects: CallEffects, call: CallExpr) -> Acquired | None:
    """The resource a function of this module returns (its summary), where no stub and no
    ownership word on its return say otherwise: the caller is its known owner."""
    if effects.summaries is None or effects.stub(call) is not None:
        return None
    return effects.summaries.result_of(call, effects.type_of)


def owning_class_method(effects: CallEffects, call: CallExpr) -> bool:
    """A method called on a value of a class of this module owning what it stores: valid
    after a release, as Python's methods are (docs/design.md §6)."""
    receiver = receiver_of(call)
    return effects.summaries is not None and receiver is not None and effects.summaries.of_owning_class(effects.type_of(receiver))
