"""``move-from-borrow``: moving a value that is only borrowed (SPEC §2 "Fields", §4).

For now the one shape the flow records: moving out of an ``Own`` field outside a releasing
method of its class (rustc E0507, "cannot move out of ... behind a reference").
"""

from __future__ import annotations

from mypy_ownership import errorcodes, messages
from mypy_ownership.checks.flow import flow_of
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    flow = flow_of(unit)
    if flow is None or unit.func is None:
        return []
    owner = unit.func.info.name if getattr(unit.func, "info", None) else "the class"
    return [
        Finding(
            member.line, member.column,
            messages.moved_out_of_field(f"self.{member.name}", callee),
            errorcodes.MOVE_FROM_BORROW,
            (Note(member.line, member.column, messages.field_move_help(owner)),),
        )
        for member, callee in flow.field_moves
    ]
