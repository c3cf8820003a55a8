"""The borrow checks, from the facts of the unit's ownership flow (``flow.py``):

- ``move-from-borrow``: a borrowed name moved, released, returned as ``Own`` or bound to an
  ``Own`` name (rustc E0507), and an ``Own`` field moved outside a releasing method;
- ``borrow-escape``: a borrowed name stored where it may outlive the borrow, or returned
  from a function whose return is not a reference (E0373, E0521);
- ``borrow-conflict``: ``Mut`` through a ``Ref`` (E0596), one owner lent as ``Mut`` with
  another borrow of it (E0499, E0502), an owner moved, released or mutably borrowed while a
  borrow of it is still used later (E0505, non-lexical: only if it is used again).

See docs/design.md §5.
"""

from __future__ import annotations

from mypy.nodes import FUNC_NO_INFO, FuncDef

from mypy_ownership import errorcodes, messages
from mypy_ownership.diagnostics import Finding, Note
from mypy_ownership.facts import (
    BorrowEscaped,
    BorrowMoved,
    Conflict,
    FieldMoved,
    LentTwice,
    MutThroughShared,
    Returned,
)
from mypy_ownership.flow import flow_of
from mypy_ownership.modes import Mode
from mypy_ownership.signatures import returned_mode
from mypy_ownership.state import Loan
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    flow = flow_of(unit)
    if flow is None:
        return []
    returned = returned_mode(unit.func)
    found = [_field_move(unit, f) for f in flow.facts if type(f) is FieldMoved]
    seen: set[tuple[str, int, int, str]] = set()
    for fact in flow.facts:
        finding = _finding(fact, returned)
        if finding is None:
            continue
        key = (finding.code.code, finding.line, finding.column, _name(fact))
        if key not in seen:
            seen.add(key)
            found.append(finding)
    return found


def _name(fact: object) -> str:
    if isinstance(fact, Conflict):
        return fact.invalidation.owner
    name = getattr(fact, "name", "")
    return name if isinstance(name, str) else ""


def _finding(fact: object, returned: Mode | None) -> Finding | None:
    kind = type(fact)
    if kind is BorrowMoved:
        assert isinstance(fact, BorrowMoved)
        return _moved(fact.line, fact.column, fact.name, fact.detail, fact.loan)
    if kind is BorrowEscaped:
        assert isinstance(fact, BorrowEscaped)
        return _escaped(fact.line, fact.column, fact.name, fact.where, fact.loan)
    if kind is Returned:
        assert isinstance(fact, Returned)
        if returned is Mode.OWN:
            return _moved(fact.line, fact.column, fact.name, "returned as Own[...]", fact.loan)
        if returned is None:
            where = "returned from a function whose return is not Ref or Mut"
            return _escaped(fact.line, fact.column, fact.name, where, fact.loan)
        return None  # a reference returned as a reference: lifetimes.py
    if kind is Conflict:
        assert isinstance(fact, Conflict)
        broken, loan = fact.invalidation, fact.invalidation.loan
        return Finding(
            broken.line, broken.column, messages.cannot_while_borrowed(broken.owner, broken.released, broken.mutably),
            errorcodes.BORROW_CONFLICT,
            (
                Note(loan.line, loan.column, messages.borrow_created(broken.owner, loan.how)),
                Note(fact.line, fact.column, fact.later or messages.borrow_used_later()),
            ),
        )
    if kind is MutThroughShared:
        assert isinstance(fact, MutThroughShared)
        return Finding(
            fact.line, fact.column, messages.shared_borrow_used_mutably(fact.name, fact.detail),
            errorcodes.BORROW_CONFLICT,
            (Note(fact.loan.line, fact.loan.column, messages.borrowed_here(fact.name, fact.loan.how)),),
        )
    if kind is LentTwice:
        assert isinstance(fact, LentTwice)
        return Finding(fact.line, fact.column, messages.lent_twice(fact.name, fact.detail), errorcodes.BORROW_CONFLICT)
    return None


def _moved(line: int, column: int, name: str, detail: str, loan: Loan) -> Finding:
    return Finding(
        line, column, messages.cannot_move_borrowed(name, loan.how, detail), errorcodes.MOVE_FROM_BORROW,
        (Note(loan.line, loan.column, messages.borrowed_here(name, loan.how)),),
    )


def _escaped(line: int, column: int, name: str, where: str, loan: Loan) -> Finding:
    return Finding(
        line, column, messages.borrow_escapes(name, where), errorcodes.BORROW_ESCAPE,
        (Note(loan.line, loan.column, messages.borrowed_here(name, loan.how)),),
    )


def _field_move(unit: Unit, fact: FieldMoved) -> Finding:
    func = unit.func
    owner = func.info.name if isinstance(func, FuncDef) and func.info is not FUNC_NO_INFO else "the class"
    return Finding(
        fact.line, fact.column, messages.moved_out_of_field(f"self.{fact.field}", fact.callee),
        errorcodes.MOVE_FROM_BORROW, (Note(fact.line, fact.column, messages.field_move_help(owner)),),
    )
