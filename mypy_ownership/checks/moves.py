"""``use-after-move``: a name used after its value was moved or released (SPEC §2).

Reads the uses recorded by the shared flow (``flow.py``). The wording follows rustc: "used
after move" when every path moved the value, "may have been moved" when some did, "moved in
a previous iteration of the loop" when the move stands at or after the use (it came round a
back edge); with "released" for values that were closed rather than handed on. Each set of
moves is reported once per name, at its first use.
"""

from __future__ import annotations

from mypy.nodes import NameExpr, Var

from mypy_ownership import errorcodes, messages
from mypy_ownership.checks.flow import Moved, MoveSite, flow_of
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    flow = flow_of(unit)
    if flow is None:
        return []
    reported: dict[Var, set[MoveSite]] = {}
    found = []
    for name, (var, moved) in sorted(flow.uses.items(), key=lambda u: (u[0].line, u[0].column)):
        if not moved.sites:
            continue
        seen = reported.setdefault(var, set())
        if moved.sites <= seen:
            continue
        seen |= moved.sites
        found.append(_finding(name, moved))
    return found


def _finding(name: NameExpr, moved: Moved) -> Finding:
    use = (name.line, name.column)
    later = {site for site in moved.sites if site.position >= use}
    released = all(site.release for site in moved.sites)
    if later:
        message = messages.moved_in_previous_iteration(name.name, released)
    elif moved.definite:
        message = messages.used_after_move(name.name, released)
    else:
        message = messages.maybe_moved(name.name, released)
    notes = tuple(
        Note(
            site.line,
            site.column,
            messages.moved_here(name.name, site.how, site.release)
            + (", in a previous iteration of the loop" if site in later else ""),
        )
        for site in sorted(moved.sites, key=lambda s: s.position)
    )
    return Finding(name.line, name.column, message, errorcodes.USE_AFTER_MOVE, notes)
