"""``missing-lifetime``: a reference with nothing to borrow from (rustc E0106), and a
reference returned to what dies with the function (E0515).

The first is decided from the signature alone, so that callers and incremental runs agree;
the second from the ``Returned``/``ReturnedOwned`` facts of the unit's ownership flow. See
docs/design.md §5.
"""

from __future__ import annotations

from mypy.nodes import FuncDef
from mypy.types import CallableType

from mypy_ownership import errorcodes, messages
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.facts import Returned, ReturnedOwned
from mypy_ownership.flow import flow_of
from mypy_ownership.signatures import mode_of, returned_mode
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    found = _signature(unit)
    flow = flow_of(unit)
    if flow is None or not _borrows_from_parameters(unit):
        return found
    func = unit.func
    params = frozenset(a.variable for a in func.arguments) if func is not None else frozenset()
    seen: set[tuple[int, int, str]] = set()
    for fact in flow.facts:
        if type(fact) is ReturnedOwned:
            name, detail = fact.name, "it is owned by this function and dies when it returns"
        elif type(fact) is Returned:
            local = sorted(v.name for v in fact.loan.sources if v not in params)  # type: ignore[attr-defined]
            if not local:
                continue
            name, detail = local[0], "it is a local of this function and dies when it returns"
        else:
            continue
        if (fact.line, fact.column, name) in seen:
            continue
        seen.add((fact.line, fact.column, name))
        found.append(Finding(
            fact.line, fact.column, messages.returns_local_reference(name, detail),
            errorcodes.MISSING_LIFETIME, (Note(fact.line, fact.column, messages.missing_lifetime_help()),),
        ))
    return found


def _borrows_from_parameters(unit: Unit) -> bool:
    """Returns Ref/Mut and has a borrowed parameter the result may borrow from."""
    func = unit.func
    if not isinstance(func, FuncDef) or not isinstance(func.type, CallableType):
        return False
    returned = returned_mode(func)
    return returned is not None and returned.is_borrow and any(
        mode is not None and mode.is_borrow for mode in map(mode_of, func.type.arg_types)
    )


def _signature(unit: Unit) -> list[Finding]:
    func = unit.func
    if not isinstance(func, FuncDef) or not isinstance(func.type, CallableType):
        return []
    returned = returned_mode(func)
    if returned is None or not returned.is_borrow:
        return []
    if any(mode is not None and mode.is_borrow for mode in map(mode_of, func.type.arg_types)):
        return []
    return [
        Finding(
            func.line,
            func.column,
            messages.missing_lifetime(func.name, returned.value),
            errorcodes.MISSING_LIFETIME,
            (Note(func.line, func.column, messages.missing_lifetime_help()),),
        )
    ]
