"""Reading ownership out of mypy types: the mode an annotation carries, and a callee's
ownership signature at a call site.

mypy keeps our generic aliases as ``TypeAliasType`` (docs/design.md §12.7); a user alias such as
``OwnedConn = Own[Conn]`` is another ``TypeAliasType`` whose target mentions ours, so modes
are read by looking through aliases one level at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Container, Iterable
from typing import Any, Final, Protocol

from mypy.nodes import (
    ARG_POS,
    ARG_STAR,
    CallExpr,
    Decorator,
    Expression,
    FuncDef,
    FuncItem,
    MemberExpr,
    MypyFile,
    NameExpr,
    OverloadedFuncDef,
    RefExpr,
    TypeAlias,
    TypeInfo,
    Var,
)
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    Overloaded,
    ProperType,
    TupleType,
    Type,
    TypeAliasType,
    TypeOfAny,
    UninhabitedType,
    UnionType,
    get_proper_type,
)


# after mypy.types: importing mypy.argmap first trips an import cycle inside mypy
from mypy.argmap import map_actuals_to_formals  # noqa: E402
from mypy.subtypes import find_member  # noqa: E402

from mypy_ownership.modes import Mode

VOCABULARY: Final = {
    "mypy_ownership.Own": Mode.OWN,
    "mypy_ownership.Ref": Mode.REF,
    "mypy_ownership.Mut": Mode.MUT,
}

_MAX_ALIAS_DEPTH: Final = 16


class _Build:
    """The modules of mypy's build (the plugin hands over mypy's own dict; None: unknown).
    Where they lack the module declaring Own/Ref/Mut, no type and no alias can name a
    mode: reading one is answered at once."""

    modules: Container[str] | None = None

    @property
    def vocabulary(self) -> bool:
        return self.modules is None or _VOCABULARY_MODULE in self.modules


BUILD: Final = _Build()
_VOCABULARY_MODULE: Final = "mypy_ownership"


def mode_of(t: Type | None) -> Mode | None:
    """The ownership mode of an annotation, looking through user aliases and ``| None``."""
    modules = BUILD.modules
    if modules is not None and _VOCABULARY_MODULE not in modules:
        return None
    for _ in range(_MAX_ALIAS_DEPTH):  # exact classes: asked of every type the analysis reads
        if type(t) is TypeAliasType and t.alias is not None:
            mode = VOCABULARY.get(t.alias.fullname)
            if mode is not None:
                return mode
            t = t.alias.target
            continue
        if type(t) is UnionType:
            modes = {mode_of(item) for item in t.items if not _is_none(item)}
            return modes.pop() if len(modes) == 1 else None
        return None
    return None


def mentions_ownership(t: Type | None) -> bool:
    """Whether an alias target contains one of our modes anywhere (``list[Own[T]]`` too)."""
    if t is None:
        return False
    if mode_of(t) is not None:
        return True
    if isinstance(t, TypeAliasType):
        return any(mentions_ownership(a) for a in t.args)
    proper = get_proper_type(t)
    if isinstance(proper, Instance):
        return any(mentions_ownership(a) for a in proper.args)
    if isinstance(proper, (UnionType, TupleType)):
        return any(mentions_ownership(a) for a in proper.items)
    if isinstance(proper, CallableType):
        return any(mentions_ownership(a) for a in proper.arg_types) or mentions_ownership(
            proper.ret_type
        )
    return False


def _is_none(t: Type) -> bool:
    return isinstance(get_proper_type(t), NoneType)


_COPY_NAMES: Final = frozenset(
    {
        "builtins.int",
        "builtins.float",
        "builtins.complex",
        "builtins.bool",
        "builtins.str",
        "builtins.bytes",
    }
)
_COPY_CONTAINERS: Final = frozenset({"builtins.tuple", "builtins.frozenset"})


def is_copy_type(t: Type | None) -> bool:
    """Copy types (docs/design.md §1.4): values of these types are never moved."""
    if t is None:
        return False
    proper = get_proper_type(t)
    if isinstance(proper, NoneType):
        return True
    if isinstance(proper, LiteralType):
        return is_copy_type(proper.fallback)
    if isinstance(proper, Instance):
        if proper.type.fullname in _COPY_NAMES or proper.type.is_enum:
            return True
        if proper.type.fullname in _COPY_CONTAINERS:
            return all(is_copy_type(a) for a in proper.args)
        return any(base.fullname in _COPY_NAMES for base in mro(proper.type))
    if isinstance(proper, TupleType):
        return all(is_copy_type(item) for item in proper.items)
    if isinstance(proper, UnionType):
        return all(is_copy_type(item) for item in proper.items)
    return False


@dataclass(frozen=True)
class CallOwnership:
    """Ownership of one call: the mode of the formal each actual argument lands in."""

    callee_name: str | None
    arg_modes: tuple[Mode | None, ...]
    return_mode: Mode | None
    return_type: Type | None
    return_items: tuple[Mode | None, ...] | None = None  # modes of a tuple result's items
    stub_args: frozenset[int] = frozenset()  # actuals a @takes_over stub takes over
    declared_return: bool = False  # the callee's own signature returns Own (not a stub)


class SignatureStub(Protocol):
    """What an ownership stub says of a callee (``overlay.FunctionStub``)."""

    @property
    def returns(self) -> Mode | None: ...

    @property
    def returns_items(self) -> tuple[Mode | None, ...] | None: ...

    def param_mode(self, name: str | None, position: int) -> Mode | None: ...


def callable_of(t: Type | None, annotated: bool = True) -> CallableType | None:
    """The single signature behind a callee type; overloads only when all items agree.
    ``annotated`` False: no type the caller can see carries a mode (``call_ownership``)."""
    proper = get_proper_type(t) if t is not None else None
    if isinstance(proper, CallableType):
        return proper
    if isinstance(proper, Instance) and proper.type.get("__call__") is not None:
        # an instance called (a session factory): its class's __call__, bound to it
        bound = get_proper_type(find_member("__call__", proper, proper, is_operator=True))
        return callable_of(bound, annotated) if isinstance(bound, (CallableType, Overloaded)) else None
    if isinstance(proper, Overloaded) and proper.items:
        first = proper.items[0]
        if not annotated or not BUILD.vocabulary:  # no item can carry a mode: they all agree
            return first
        shape = _modes_shape(first)
        if all(_modes_shape(item) == shape for item in proper.items[1:]):
            return first
        if not any(_has_modes(item) for item in proper.items):
            return first  # no item says anything of ownership (a stub may)
    return None


def _has_modes(c: CallableType) -> bool:
    return mode_of(c.ret_type) is not None or any(mode_of(a) is not None for a in c.arg_types)


def _modes_shape(c: CallableType) -> tuple[object, ...]:
    return (tuple(mode_of(a) for a in c.arg_types), mode_of(c.ret_type))


def declared_callee_type(callee: object) -> Type | None:
    """A callee's declared signature from the tree, when no type map is at hand."""
    node = callee.node if isinstance(callee, RefExpr) else None
    if isinstance(node, Decorator):
        node = node.func
    if isinstance(node, (FuncDef, OverloadedFuncDef)) and not node.is_class:
        if isinstance(node, FuncDef) and node.info and not node.is_static:
            return None  # unbound method seen through the class; needs the type map
        return node.type
    return None


def call_ownership(
    call: CallExpr,
    callee_type: Type | None,
    stub: SignatureStub | None = None,
    annotated: bool = True,
    taken_over: bool = False,
    declared_taken_over: bool = False,
) -> CallOwnership | None:
    """Modes of a call's arguments and result: the callee's annotations, and over them
    what an ownership stub says of it. ``annotated`` False: the calling module cannot see
    Own/Ref/Mut, so no callee it reaches is annotated with them and reading modes would
    find none; only the stub counts. ``taken_over``: the stub's ``Own`` parameters take the
    release over and leave the caller's value usable (``stub_args``); with
    ``declared_taken_over`` (the marker stands on the callee's own definition) its declared
    ``Own`` parameters too."""
    sig = callable_of(callee_type, annotated)
    if sig is None:
        return None
    if annotated:
        formal_modes = [mode_of(t) for t in sig.arg_types]
        ret_mode = mode_of(sig.ret_type)
    else:
        formal_modes, ret_mode = [None] * len(sig.arg_types), None
    items: tuple[Mode | None, ...] | None = None
    # through the class, the first formal is the receiver (``receiver_of``), and the
    # stub's parameters, which leave ``self`` out, begin at the second
    skip = 1 if through_class(call) and sig.arg_types else 0
    formal_modes[:skip] = [None] * skip
    declared_modes = list(formal_modes)
    if stub is not None:
        formal_modes = formal_modes[:skip] + [
            stub.param_mode(("*" if kind == ARG_STAR else "") + (n or ""), i) or mode
            for i, (n, kind, mode) in enumerate(zip(sig.arg_names[skip:], sig.arg_kinds[skip:], formal_modes[skip:]))
        ]
        ret_mode = stub.returns or ret_mode
        items = stub.returns_items
    name = _callee_name(call, sig)
    if not any(formal_modes) and ret_mode is None and items is None:
        return CallOwnership(name, (None,) * len(call.args), None, sig.ret_type)
    mapping = map_actuals_to_formals(
        call.arg_kinds,
        call.arg_names,
        sig.arg_kinds,
        sig.arg_names,
        lambda _: AnyType(TypeOfAny.special_form),
    )
    per_actual: list[set[Mode | None]] = [set() for _ in call.args]
    from_stub: set[int] = set()
    for formal, actuals in enumerate(mapping):
        for actual in actuals:
            per_actual[actual].add(formal_modes[formal])
            if taken_over and formal_modes[formal] is Mode.OWN and (
                declared_modes[formal] is not Mode.OWN or declared_taken_over
            ):
                from_stub.add(actual)
    arg_modes = tuple(next(iter(modes)) if len(modes) == 1 else None for modes in per_actual)
    declared_return = annotated and mode_of(sig.ret_type) is Mode.OWN
    return CallOwnership(name, arg_modes, ret_mode, sig.ret_type, items, frozenset(from_stub), declared_return)


def through_class(call: CallExpr) -> bool:
    """An instance method called through its class (``Base.shutdown_request(self, request)``,
    ``socket.socket.close(s)``): the first argument is the receiver (docs/design.md §7.1)."""
    callee = call.callee
    if type(callee) is not MemberExpr or not call.args or call.arg_kinds[0] != ARG_POS:
        return False
    owner = callee.expr.node if isinstance(callee.expr, RefExpr) else None
    if not isinstance(owner, TypeInfo):
        return False  # most receivers: a value, not a class
    member = owner.get(callee.name)
    node = member.node if member is not None else None
    if isinstance(node, Decorator):
        node = node.func if not node.var.is_property else None
    if isinstance(node, OverloadedFuncDef) and node.items:
        first = node.items[0]
        node = first.func if isinstance(first, Decorator) else first
    return isinstance(node, FuncDef) and not (node.is_static or node.is_class)


def receiver_of(call: CallExpr, through: bool | None = None) -> Expression | None:
    """What a method call works on: ``x`` in ``x.close()``, the first argument of a call
    through the class; None for a call of a function. ``through``: ``through_class(call)``,
    when the caller already asked it."""
    callee = call.callee
    if type(callee) is not MemberExpr:
        return None
    return call.args[0] if (through_class(call) if through is None else through) else callee.expr


_COROUTINE: Final = "typing.Coroutine"


def returned_mode(func: object) -> Mode | None:
    """The mode of a function's declared return: for an ``async def``, of what awaiting it
    gives, not of the coroutine mypy makes of it (docs/design.md §5)."""
    sig = func.type if isinstance(func, FuncItem) else None
    if not isinstance(sig, CallableType):
        return None
    returned = get_proper_type(sig.ret_type)
    if getattr(func, "is_coroutine", False) and isinstance(returned, Instance) and returned.type.fullname == _COROUTINE:
        return mode_of(returned.args[2])  # Coroutine[Any, Any, T]
    return mode_of(sig.ret_type)


def enter_lends(subject_type: Type | None, is_async: bool) -> Mode | None:
    """``with subject as t``, where the subject's ``__enter__`` (``__aenter__``) declares a
    borrowed result (``-> Ref[...]``): ``t`` borrows from the subject rather than being the
    subject itself (docs/design.md §4.1)."""
    subject = proper(subject_type)
    if not isinstance(subject, Instance):
        return None
    method = subject.type.get("__aenter__" if is_async else "__enter__")
    node = method.node if method is not None else None
    mode = returned_mode(node.func if isinstance(node, Decorator) else node)
    return mode if mode is not None and mode.is_borrow else None


def _callee_name(call: CallExpr, sig: CallableType) -> str | None:
    if isinstance(call.callee, (NameExpr, MemberExpr)) and call.callee.name:
        return call.callee.name
    return sig.name.split(" ")[0] if sig.name else None


def mro(info: TypeInfo) -> list[TypeInfo]:
    """A class's MRO; empty for the placeholder infos mypy uses for special forms."""
    try:
        return info.mro
    except AttributeError:
        return []


def proper(t: Type | None) -> ProperType | None:
    return get_proper_type(t) if t is not None else None


class UninhabitedCheck:
    """Whether mypy typed an expression as ``NoReturn`` (the path ends there)."""

    def __init__(self, type_of: Callable[[Expression], Type | None]) -> None:
        self.type_of = type_of

    def __call__(self, expr: Expression) -> bool:
        return isinstance(proper(self.type_of(expr)), UninhabitedType)


_GENERATORS: Final = frozenset(
    {
        "typing.Generator",
        "typing.Iterator",
        "typing.Iterable",
        "typing.AsyncGenerator",
        "typing.AsyncIterator",
        "typing.AsyncIterable",
    }
)


def yield_mode(func: object) -> Mode | None:
    """The mode of a generator's declared yield type (``Iterator[Own[T]]`` yields owned)."""
    sig = func.type if isinstance(func, FuncItem) else None
    if not getattr(func, "is_generator", False) or not isinstance(sig, CallableType):
        return None
    returned = get_proper_type(sig.ret_type)
    if isinstance(returned, Instance) and returned.args and (
        returned.type.fullname in _GENERATORS
        or any(base.fullname in _GENERATORS for base in mro(returned.type))
    ):
        return mode_of(returned.args[0])
    return None


@dataclass(frozen=True)
class ResourceInfo:
    """What makes a class a resource (docs/design.md §1.5, §6) and how it is released."""

    name: str
    releasing: tuple[str, ...]  # methods whose receiver is Own[...]
    context_releases: bool  # `with x:` releases x (its __exit__ does not merely borrow)
    owned_fields: tuple[Var, ...]  # Own[...] fields holding resources
    # the class's own code declares ownership (a releasing method or an Own field): its
    # instances are declared owners; otherwise only the stubs make it a resource, and its
    # instances are known owners (docs/design.md §2.4)
    declared: bool = False
    # a context manager's exit (``__exit__``, or ``__aexit__`` alone: ``async with``) whose
    # receiver is ``Own``: a releasing method of its own (docs/design.md §6)
    exit_releases: str = ""
    asynchronous: bool = False  # only ``__aexit__``: the help suggests ``async with``


def receiver_mode(node: object) -> Mode | None:
    """The ownership mode of a method's ``self``, read from its declared signature."""
    # exact classes: asked of every member of every class a module's analysis inspects
    modules = BUILD.modules
    if modules is not None and _VOCABULARY_MODULE not in modules:
        return None  # no mode can be named (as mode_of answers)
    if type(node) is Decorator:
        node = node.func
    elif type(node) is OverloadedFuncDef:
        node = node.impl if node.impl is not None else (node.items[0] if node.items else None)
        if type(node) is Decorator:
            node = node.func
    if type(node) is FuncDef and isinstance(node.type, CallableType) and node.type.arg_types:
        if node.is_static or node.is_class:
            return None
        return mode_of(node.type.arg_types[0])
    return None


class MethodStubs(Protocol):
    """What ownership stubs say of methods (``overlay.Overlay``)."""

    def method(self, class_fullnames: Iterable[str], name: str) -> Any: ...

    def class_stub(self, fullname: str) -> Any: ...


class ResourceTable:
    """Resource facts per class (its code, and the ownership stubs), computed once per class
    and analysis run."""

    def __init__(self, stubs: MethodStubs | None = None) -> None:
        self._known: dict[TypeInfo, ResourceInfo | None] = {}
        self.stubs = stubs

    def of_type(self, t: Type | None) -> ResourceInfo | None:
        p = proper(t)
        if isinstance(p, UnionType):
            found = [self.of_type(item) for item in p.items if not _is_none(item)]
            return found[0] if len(found) == 1 else None
        if isinstance(p, Instance):
            return self.of_class(p.type)
        return None

    def of_class(self, info: TypeInfo) -> ResourceInfo | None:
        if info in self._known:
            return self._known[info]
        self._known[info] = None  # a class owning itself is not a resource by that field
        releasing: list[str] = []
        fields: list[Var] = []
        exits: dict[str, Mode | None] = {}  # the nearest __exit__ / __aexit__ and its receiver
        decided: set[str] = set()  # the nearest definition along the MRO decides
        overridden: set[str] = set()  # methods a class's own code defines, below the stubs'
        declared = False
        vocabulary = BUILD.vocabulary  # without it no field and no method names a mode
        for klass in mro(info):
            if klass.fullname == "builtins.object":
                continue
            stub = self.stubs.class_stub(klass.fullname) if self.stubs is not None else None
            members: list[tuple[str, Mode | None]] = []
            if stub is not None:
                # a release that does something only where it is overridden (docs/design.md §7.3)
                members += [
                    (name, None if method.if_overridden and name not in overridden else method.receiver)
                    for name, method in stub.methods.items()
                ]
            for name, symbol in klass.names.items():
                node = symbol.node
                if isinstance(node, Var):
                    if vocabulary and mode_of(node.type) is Mode.OWN and self.of_type(node.type) is not None:
                        fields.append(node)
                        declared = True
                    continue
                if stub is None or name not in stub.methods:
                    overridden.add(name)
                    mode = receiver_mode(node) if vocabulary else None
                    if mode is not None or name in ("__exit__", "__aexit__"):
                        # a plain redeclaration (typeshed repeats close() on subclasses) says
                        # nothing of ownership: it does not hide what a base class says
                        members.append((name, mode))
                        declared = declared or mode is Mode.OWN
            for name, receiver in members:
                if name in decided:
                    continue
                decided.add(name)
                if name in ("__exit__", "__aexit__"):
                    exits[name] = receiver
                elif receiver is Mode.OWN:
                    releasing.append(name)
        result = None
        # an __exit__ that does not release beside an __aexit__ that does: a class used
        # with async with only (aiohttp's ClientSession refuses a plain with)
        async_only = exits.get("__exit__") in (Mode.REF, Mode.MUT) and exits.get("__aexit__") is Mode.OWN
        exit_name = "__exit__" if "__exit__" in exits and not async_only else "__aexit__"
        has_exit, exit_mode = exit_name in exits, exits.get(exit_name)
        if releasing or fields or (has_exit and exit_mode is Mode.OWN):
            result = ResourceInfo(
                info.name,
                tuple(releasing),
                has_exit and exit_mode not in (Mode.REF, Mode.MUT),
                tuple(fields),
                declared,
                exit_name if exit_mode is Mode.OWN else "",
                exit_name == "__aexit__" and has_exit,
            )
        self._known[info] = result
        return result

    def method_stub(self, receiver: Type | None, method: str) -> Any:
        p = proper(receiver)
        if self.stubs is None or not isinstance(p, Instance):
            return None
        return self.stubs.method([k.fullname for k in mro(p.type)], method)

    def method_releases(self, receiver: Type | None, method: str) -> bool:
        p = proper(receiver)
        if not isinstance(p, Instance):
            return False
        stub = self.method_stub(receiver, method)
        if stub is not None:
            return stub.receiver is Mode.OWN
        node = p.type.get(method)
        return node is not None and receiver_mode(node.node) is Mode.OWN


def giving_back(holder: Type | None, resource: Type | None) -> str:
    """The method of ``holder``'s class (its own code) that takes a value of ``resource``'s
    class as ``Own``: a pool's ``release(conn)``, the help for what ``pool.get()`` returned."""
    owner, wanted = proper(holder), proper(resource)
    if not isinstance(owner, Instance) or not isinstance(wanted, Instance):
        return ""
    for klass in mro(owner.type):
        for name, symbol in klass.names.items():
            node = symbol.node.func if isinstance(symbol.node, Decorator) else symbol.node
            if not isinstance(node, FuncDef) or node.is_static or not isinstance(node.type, CallableType):
                continue
            for t in node.type.arg_types[0 if node.is_class else 1:]:
                taken = proper(t)
                if mode_of(t) is Mode.OWN and isinstance(taken, Instance) and wanted.type.has_base(taken.type.fullname):
                    return name
    return ""


def constructed(callee: Expression) -> TypeInfo | None:
    """The class a call of ``callee`` constructs: a class, or an alias of one
    (``connect = Connection``, as PyMySQL spells its entry point)."""
    if not isinstance(callee, RefExpr):
        return None
    node = callee.node
    if type(node) is TypeAlias:
        target = get_proper_type(node.target)
        node = target.type if isinstance(target, Instance) else None
    return node if isinstance(node, TypeInfo) else None


def definition(call: CallExpr, type_of: Callable[[Expression], Type | None]) -> object:
    """The user's definition a call reaches (a function; a method along the receiver's
    class; a constructor's nearest ``__init__``); None where it is not known."""
    callee = call.callee
    made = constructed(callee)
    if made is not None:
        return next((k.names["__init__"].node for k in mro(made) if "__init__" in k.names), None)
    if isinstance(callee, MemberExpr) and not isinstance(getattr(callee.expr, "node", None), (TypeInfo, MypyFile)):
        receiver = proper(type_of(callee.expr))
        member = receiver.type.get(callee.name) if isinstance(receiver, Instance) else None
        return member.node if member is not None else None
    return callee.node if isinstance(callee, RefExpr) else None
