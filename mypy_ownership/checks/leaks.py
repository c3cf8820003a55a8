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
from mypy_ownership.state import PIPES, Acquired, Escape
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    found = _classes_without_release(unit)
    flow = flow_of(unit)
    if flow is None:
        return found
    escapes: dict[Acquired, set[Escape]] = {}
    discarded: dict[Acquired, Discarded] = {}
    for fact in flow.facts:
        # a dormant acquisition never started to owe (docs/design.md §7.3)
        if type(fact) is Discarded and not fact.acquired.dormant:
            discarded[fact.acquired] = fact
        elif type(fact) is Leaked and unit.kind == "function" and not fact.acquired.dormant:
            escapes.setdefault(fact.acquired, set()).update(fact.escapes)
    # the pipes of a process that also leaks are said by its own report
    process = {(a.line, a.column, a.name) for a in [*discarded, *escapes] if a.help.kind != PIPES}
    discarded = {a: f for a, f in discarded.items() if a.help.kind != PIPES or (a.line, a.column, a.name) not in process}
    escapes = {a: e for a, e in escapes.items() if a.help.kind != PIPES or (a.line, a.column, a.name) not in process}
    for acquired, fact in discarded.items():
        if fact.kept_open:
            text = messages.kept_open_by_with(fact.callee)
            shown: tuple[Note, ...] = (Note(acquired.line, acquired.column, messages.kept_open_help(None, acquired.help.method)),)
        else:
            text, shown = messages.discarded_resource(fact.callee), _discarded_notes(fact)
        found.append(
            Finding(
                acquired.line, acquired.column, text, errorcodes.RESOURCE_LEAK, shown,
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
        pipes = acquired.help.kind == PIPES
        helping = messages.pipes_help if pipes else messages.leak_help
        notes.append(Note(acquired.line, acquired.column, helping(acquired.name, acquired.help)))
        text = messages.pipes_not_closed(acquired.name, acquired.help.pipes) if pipes else messages.not_released(acquired.name)
        found.append(Finding(acquired.line, acquired.column, text, errorcodes.RESOURCE_LEAK, tuple(notes)))
    return found


def _discarded_notes(fact: Discarded) -> tuple[Note, ...]:
    """Why a resource no name holds is not released, where a loop over it may stop, and
    the fix."""
    acquired = fact.acquired
    if not fact.why:
        return (Note(acquired.line, acquired.column, messages.discarded_help()),)
    notes = [Note(acquired.line, acquired.column, fact.why)]
    notes.extend(Note(line, column, messages.loop_stops_here(how)) for line, column, how in sorted(fact.exits))
    notes.append(Note(acquired.line, acquired.column, messages.temporary_help(acquired.help, fact.lent)))
    return tuple(notes)


def _classes_without_release(unit: Unit) -> list[Finding]:
    """Owning a resource field obliges a class to have a releasing method (an ``__exit__``
    or ``__aexit__`` whose receiver is ``Own`` is one)."""
    found = []
    table = unit.overlay.resources
    for stmt in unit.statements():
        if not isinstance(stmt, ClassDef):
            continue
        info = table.of_class(stmt.info)
        if info is None or info.releasing or info.exit_releases:
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
