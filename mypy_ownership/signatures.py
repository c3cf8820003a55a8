"""Reading ownership out of mypy types: the mode an annotation carries, and a callee's
ownership signature at a call site.

mypy keeps our generic aliases as ``TypeAliasType`` (MYPY-NOTES §5); a user alias such as
``OwnedConn = Own[Conn]`` is another ``TypeAliasType`` whose target mentions ours, so modes
are read by looking through aliases one level at a time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from collections.abc import Callable
from typing import Final

from mypy.argmap import map_actuals_to_formals
from mypy.nodes import CallExpr, Expression, Decorator, FuncDef, OverloadedFuncDef, RefExpr
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


class Mode(enum.Enum):
    OWN = "Own"
    REF = "Ref"
    MUT = "Mut"

    @property
    def is_borrow(self) -> bool:
        return self is not Mode.OWN


VOCABULARY: Final = {
    "mypy_ownership.Own": Mode.OWN,
    "mypy_ownership.Ref": Mode.REF,
    "mypy_ownership.Mut": Mode.MUT,
}

_MAX_ALIAS_DEPTH: Final = 16


def mode_of(t: Type | None) -> Mode | None:
    """The ownership mode of an annotation, looking through user aliases and ``| None``."""
    for _ in range(_MAX_ALIAS_DEPTH):
        if isinstance(t, TypeAliasType) and t.alias is not None:
            mode = VOCABULARY.get(t.alias.fullname)
            if mode is not None:
                return mode
            t = t.alias.target
            continue
        if isinstance(t, UnionType):
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
    """SPEC §1: values of these types are never moved."""
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
        return any(base.fullname in _COPY_NAMES for base in proper.type.mro)
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


def callable_of(t: Type | None) -> CallableType | None:
    """The single signature behind a callee type; overloads only when all items agree."""
    proper = get_proper_type(t) if t is not None else None
    if isinstance(proper, CallableType):
        return proper
    if isinstance(proper, Overloaded) and proper.items:
        first = proper.items[0]
        shape = _modes_shape(first)
        if all(_modes_shape(item) == shape for item in proper.items[1:]):
            return first
    return None


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


def call_ownership(call: CallExpr, callee_type: Type | None) -> CallOwnership | None:
    sig = callable_of(callee_type)
    if sig is None:
        return None
    formal_modes = [mode_of(t) for t in sig.arg_types]
    ret_mode = mode_of(sig.ret_type)
    name = _callee_name(call, sig)
    if not any(formal_modes) and ret_mode is None:
        return CallOwnership(name, (None,) * len(call.args), None, sig.ret_type)
    mapping = map_actuals_to_formals(
        call.arg_kinds,
        call.arg_names,
        sig.arg_kinds,
        sig.arg_names,
        lambda _: AnyType(TypeOfAny.special_form),
    )
    per_actual: list[set[Mode | None]] = [set() for _ in call.args]
    for formal, actuals in enumerate(mapping):
        for actual in actuals:
            per_actual[actual].add(formal_modes[formal])
    arg_modes = tuple(next(iter(modes)) if len(modes) == 1 else None for modes in per_actual)
    return CallOwnership(name, arg_modes, ret_mode, sig.ret_type)


def _callee_name(call: CallExpr, sig: CallableType) -> str | None:
    if isinstance(call.callee, RefExpr) and call.callee.name:
        return call.callee.name
    return sig.name.split(" ")[0] if sig.name else None


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
    sig = getattr(func, "type", None)
    if not getattr(func, "is_generator", False) or not isinstance(sig, CallableType):
        return None
    returned = get_proper_type(sig.ret_type)
    if isinstance(returned, Instance) and returned.args and (
        returned.type.fullname in _GENERATORS
        or any(base.fullname in _GENERATORS for base in returned.type.mro)
    ):
        return mode_of(returned.args[0])
    return None
