"""``missing-lifetime``: a function returning ``Ref``/``Mut`` with nothing to borrow from
(SPEC §5, rustc E0106). Decided from the signature alone, so callers and incremental runs
agree (MYPY-NOTES §6b).
"""

from __future__ import annotations

from mypy.nodes import FuncDef
from mypy.types import CallableType

from mypy_ownership import errorcodes, messages
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.signatures import mode_of
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    func = unit.func
    if not isinstance(func, FuncDef) or not isinstance(func.type, CallableType):
        return []
    returned = mode_of(func.type.ret_type)
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
