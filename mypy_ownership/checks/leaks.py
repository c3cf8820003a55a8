"""``resource-leak``: an owned resource not released on every path.

Reads the ``Leaked`` and ``Discarded`` facts of the unit's ownership flow (``flow.py``)
and reports each resource once, on the line where it was acquired, with a note for every
way out through which it escaped and a help line (``with``, or the releasing method),
worded for the name that held it. In a class body it checks that a class owning resource
fields has a releasing method. See docs/design.md §3 and §6.
"""

from __future__ import annotations

from mypy.nodes import ClassDef

from mypy_ownership import errorcodes, messages
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.facts import Discarded, Leaked
from mypy_ownership.flow import flow_of
from mypy_ownership.state import Acquired, Escape
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    found = _classes_without_release(unit)
    flow = flow_of(unit)
    if flow is None:
        return found
    escapes: dict[Acquired, set[Escape]] = {}
    discarded: dict[Acquired, str] = {}
    for fact in flow.facts:
        if type(fact) is Discarded:
            discarded[fact.acquired] = fact.callee
        elif type(fact) is Leaked and unit.kind == "function":
            escapes.setdefault(fact.acquired, set()).update(fact.escapes)
    for acquired, callee in discarded.items():
        found.append(
            Finding(
                acquired.line, acquired.column, messages.discarded_resource(callee),
                errorcodes.RESOURCE_LEAK,
                (Note(acquired.line, acquired.column, messages.discarded_help()),),
            )
        )
    for acquired, ways in escapes.items():
        if acquired.help.writer:
            # a writer's close only finishes its output, which an exception abandons anyway
            ways = {e for e in ways if not e.exceptional}
            if not ways:
                continue
        notes = [
            Note(e.line, e.column, messages.escapes_here(acquired.name, e.what))
            for e in sorted(ways, key=lambda e: (e.line, e.column, e.what))
        ]
        notes.append(Note(acquired.line, acquired.column, messages.leak_help(acquired.name, acquired.help)))
        found.append(
            Finding(
                acquired.line, acquired.column, messages.not_released(acquired.name),
                errorcodes.RESOURCE_LEAK, tuple(notes),
            )
        )
    return found


def _classes_without_release(unit: Unit) -> list[Finding]:
    """Owning a resource field obliges a class to have a releasing method."""
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
