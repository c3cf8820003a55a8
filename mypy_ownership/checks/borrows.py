"""The borrow checks (SPEC §4, §5), from the problems the shared flow records:

- ``move-from-borrow``: a borrowed name moved, released, returned as ``Own`` or bound to an
  ``Own`` name (rustc E0507), and an ``Own`` field moved outside a releasing method;
- ``borrow-escape``: a borrowed name stored where it may outlive the borrow (E0373, E0521);
- ``borrow-conflict``: ``Mut`` through a ``Ref`` (E0596), one owner lent as ``Mut`` with
  another borrow of it (E0499, E0502), an owner moved, released or mutably borrowed while a
  borrow of it is still used later (E0505, non-lexical: only if it is used again);
- ``missing-lifetime`` at a ``return``: a reference to what dies with the function (E0515).
"""

from __future__ import annotations

from mypy_ownership import errorcodes, messages
from mypy_ownership.checks.flow import BorrowProblem, flow_of
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.unit import Unit

_CODES = {
    "move-from-borrow": errorcodes.MOVE_FROM_BORROW,
    "borrow-escape": errorcodes.BORROW_ESCAPE,
    "borrow-conflict": errorcodes.BORROW_CONFLICT,
    "missing-lifetime": errorcodes.MISSING_LIFETIME,
}


def check(unit: Unit) -> list[Finding]:
    flow = flow_of(unit)
    if flow is None:
        return []
    found = [_field_move(unit, member, callee) for member, callee in flow.field_moves]
    seen: set[tuple[str, int, int, str]] = set()
    for problem in flow.borrow_problems:
        key = (problem.code, problem.line, problem.column, problem.name)
        if key not in seen:
            seen.add(key)
            found.append(_finding(problem))
    return found


def _finding(p: BorrowProblem) -> Finding:
    notes: list[Note] = []
    loan = p.loan
    if p.code == "move-from-borrow":
        assert loan is not None
        message = messages.cannot_move_borrowed(p.name, loan.how, p.detail)
        notes.append(Note(loan.line, loan.column, messages.borrowed_here(p.name, loan.how)))
    elif p.code == "borrow-escape":
        assert loan is not None
        message = messages.borrow_escapes(p.name, p.detail)
        notes.append(Note(loan.line, loan.column, messages.borrowed_here(p.name, loan.how)))
    elif p.code == "borrow-conflict" and p.later is not None:
        assert loan is not None
        message = messages.cannot_while_borrowed(p.name, p.detail)
        notes.append(Note(loan.line, loan.column, messages.borrow_created(p.name, loan.how)))
        notes.append(Note(p.later[0], p.later[1], messages.borrow_used_later()))
    elif p.code == "borrow-conflict" and loan is not None:
        message = messages.shared_borrow_used_mutably(p.name, p.detail)
        notes.append(Note(loan.line, loan.column, messages.borrowed_here(p.name, loan.how)))
    elif p.code == "borrow-conflict":
        message = messages.lent_twice(p.name, p.detail)
    else:
        message = messages.returns_local_reference(p.name, p.detail)
        notes.append(Note(p.line, p.column, messages.missing_lifetime_help()))
    return Finding(p.line, p.column, message, _CODES[p.code], tuple(notes))


def _field_move(unit: Unit, member: object, callee: str) -> Finding:
    owner = unit.func.info.name if unit.func is not None and getattr(unit.func, "info", None) else "the class"
    line, column = getattr(member, "line", 0), getattr(member, "column", 0)
    name = getattr(member, "name", "?")
    return Finding(
        line, column, messages.moved_out_of_field(f"self.{name}", callee),
        errorcodes.MOVE_FROM_BORROW, (Note(line, column, messages.field_move_help(owner)),),
    )
