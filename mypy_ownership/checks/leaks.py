"""``resource-leak``: an owned resource not released on every path (SPEC §3, §6).

Reads the escapes recorded by the shared flow (``flow.py``) and reports each resource once,
on the line where it was acquired, with a note for every way out through which it escaped
and a help line (``with``, or the releasing method). In a class body it checks SPEC §6: a
class owning resource fields must have a releasing method.
"""

from __future__ import annotations

from mypy.nodes import ClassDef

from mypy_ownership import errorcodes, messages
from mypy_ownership.checks.flow import Acquired, Escape, flow_of
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    found = _classes_without_release(unit)
    flow = flow_of(unit)
    if flow is None:
        return found
    escapes: dict[Acquired, set[Escape]] = {}
    discarded: dict[Acquired, str] = {}
    for leak in flow.leaks:
        if leak.discarded is not None:
            discarded[leak.acquired] = leak.discarded
        elif unit.kind == "function":
            escapes.setdefault(leak.acquired, set()).update(leak.escapes)
    for acquired, callee in discarded.items():
        found.append(
            Finding(
                acquired.line, acquired.column, messages.discarded_resource(callee),
                errorcodes.RESOURCE_LEAK,
                (Note(acquired.line, acquired.column, messages.discarded_help()),),
            )
        )
    for acquired, ways in escapes.items():
        notes = [
            Note(e.line, e.column, messages.escapes_here(acquired.name, e.what))
            for e in sorted(ways, key=lambda e: (e.line, e.column, e.what))
        ]
        notes.append(Note(acquired.line, acquired.column, "help: " + acquired.help))
        found.append(
            Finding(
                acquired.line, acquired.column, messages.not_released(acquired.name),
                errorcodes.RESOURCE_LEAK, tuple(notes),
            )
        )
    return found


def _classes_without_release(unit: Unit) -> list[Finding]:
    """SPEC §6: owning a resource field obliges a class to have a releasing method."""
    found = []
    table = unit.overlay.resources
    for stmt in unit.statements():
        if not isinstance(stmt, ClassDef):
            continue
        info = table.of_class(stmt.info)
        if info is None or info.releasing:
            continue
        for var in info.owned_fields:
            if var.info is stmt.info:
                found.append(
                    Finding(
                        var.line, var.column,
                        messages.field_never_released(var.name, stmt.name),
                        errorcodes.RESOURCE_LEAK,
                        (Note(var.line, var.column, messages.field_release_help(stmt.name)),),
                    )
                )
    return found
