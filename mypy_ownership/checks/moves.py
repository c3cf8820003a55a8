"""``use-after-move``: a name used after its value was moved or released.

Reads the ``Used`` facts of the unit's ownership flow (``flow.py``). The wording follows
rustc: "used after move" when every path moved the value, "may have been moved" when some
did, "moved in a previous iteration of the loop" when the move stands at or after the use
(it came round a back edge); with "released" for values that were closed rather than
handed on. Each set of moves is reported once per name, at its first use. See
docs/design.md §2.
"""

from __future__ import annotations

from mypy_ownership import errorcodes, messages
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.facts import Used
from mypy_ownership.flow import flow_of
from mypy_ownership.state import NOT_MOVED, Moved, MoveSite, Name
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    flow = flow_of(unit)
    if flow is None:
        return []
    uses: dict[object, tuple[Used, Moved]] = {}
    for fact in flow.facts:
        if type(fact) is Used:
            uses[fact.key] = (fact, _merged(uses.get(fact.key), fact))
    reported: dict[Name, set[MoveSite]] = {}
    found = []
    for use, moved in sorted(uses.values(), key=lambda u: (u[0].line, u[0].column)):
        if not moved.sites:
            continue
        seen = reported.setdefault(use.var, set())
        if moved.sites <= seen:
            continue
        seen |= moved.sites
        found.append(_finding(use, moved))
    return found


def _merged(seen: tuple[Used, Moved] | None, use: Used) -> Moved:
    """A use's moves; the copies of one statement (``finally`` bodies) are joined. A data
    attribute read is allowed after a release, not after a move."""
    moved = use.moved
    if moved is not None and not use.stream and any(s.readable for s in moved.sites):
        # a release that leaves it readable: only a read of its stream is a use after it
        moved = Moved(frozenset(s for s in moved.sites if not s.readable), moved.definite, moved.guards)
    if moved is None:
        moved = NOT_MOVED
    elif use.reading:
        # a consuming method of the program's own code leaves no attribute behind
        kept = frozenset(s for s in moved.sites if not s.release or (s.consumed and use.attribute))
        moved = Moved(kept, moved.definite)
    if seen is not None:
        moved = Moved(seen[1].sites | moved.sites, seen[1].definite and moved.definite)
    return moved


def _finding(use: Used, moved: Moved) -> Finding:
    position = (use.line, use.column)
    later = {site for site in moved.sites if site.position >= position}
    released = all(site.release for site in moved.sites)
    if later:
        message = messages.moved_in_previous_iteration(use.name, released)
    elif moved.definite:
        message = messages.used_after_move(use.name, released)
    else:
        message = messages.maybe_moved(use.name, released)
    notes = tuple(
        Note(
            site.line,
            site.column,
            messages.moved_here(use.name, site.how, site.release, site.through)
            + (", in a previous iteration of the loop" if site in later else ""),
        )
        for site in sorted(moved.sites, key=lambda s: (s.position, s.how, s.release))
    )
    return Finding(use.line, use.column, message, errorcodes.USE_AFTER_MOVE, notes)
