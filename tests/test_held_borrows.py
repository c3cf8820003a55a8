"""Borrows that no name holds (docs/design.md §4.3), on hand-written operations: a
reference an argument returned, held until the call runs, and a for loop's iterator;
and the borrows a moved closure ends."""

from __future__ import annotations

from mypy_ownership.facts import Conflict
from mypy_ownership.modes import Mode
from mypy_ownership.operations import HoldBorrow, MoveCaptured, Move, MutBorrow, Operation, Use, UseHeld
from mypy_ownership.state import EMPTY, FlowState, Loan, join
from mypy_ownership.transfer import apply

OWNED = FlowState(frozenset({"a"}), {}, {})


def run(ops: tuple[Operation, ...], state: FlowState = OWNED) -> tuple[FlowState, list[object]]:
    facts: list[object] = []
    return apply(ops, state, facts), facts  # type: ignore[arg-type]


def conflicts(facts: list[object]) -> list[object]:
    return [f for f in facts if isinstance(f, Conflict)]


def moved(name: str, line: int = 3) -> Move:
    return Move(name, name, ("move", name), name, line, 0, 'by call to "archive"', owner=name)


HOLD = HoldBorrow("temp", Mode.REF, ("a",), 2, 8, 'by call to "peek"')
AT_CALL = UseHeld("temp", 2, 0, 'the borrow is used later by the call to "archive"', True)


def test_a_held_reference_conflicts_with_a_later_move_of_its_owner() -> None:
    state, facts = run((HOLD, moved("a", 2), AT_CALL))
    [conflict] = conflicts(facts)
    assert isinstance(conflict, Conflict) and conflict.invalidation.owner == "a"
    assert conflict.later.startswith("the borrow is used later by the call")
    assert "temp" not in state.loans and "temp" not in state.invalid  # it ended with the call


def test_a_held_reference_untouched_until_the_call_is_silent() -> None:
    state, facts = run((HOLD, AT_CALL, moved("a", 3)))
    assert conflicts(facts) == [] and "temp" not in state.loans


def test_holding_a_borrowed_name_keeps_its_very_borrow() -> None:
    named = Loan(Mode.REF, frozenset({"a"}), 1, 4, 'by call to "items"')
    start = FlowState(frozenset({"a"}), {}, {}, {"pending": named})
    state, _ = run((HoldBorrow("loop", Mode.REF, ("pending",), 2, 15, "by the for loop over it"),), start)
    assert state.loans["loop"] == named


def test_a_loop_s_borrow_mutated_on_one_path_conflicts_at_the_next_pass() -> None:
    """Round the back edge: the pass that mutated joins the one that did not."""
    held, _ = run((HoldBorrow("loop", Mode.REF, ("a",), 2, 15, "by the for loop over it"),))
    mutated, _ = run((MutBorrow("a", 4, 8, "a", "called Mut method", "a"),), held)
    _, facts = run((UseHeld("loop", 2, 4, "the loop's next iteration"),), join(held, mutated))
    assert [type(f) for f in facts] == [Conflict]


def test_a_loop_left_by_break_keeps_no_borrow_to_report() -> None:
    """An invalidation without the borrow (dropped at a join) is not reported."""
    held, _ = run((HoldBorrow("loop", Mode.REF, ("a",), 2, 15, "by the for loop over it"),))
    mutated, _ = run((MutBorrow("a", 4, 8, "a", "called Mut method", "a"),), held)
    ended, _ = run((UseHeld("loop", 2, 4, "", True),), held)
    _, facts = run((UseHeld("loop", 2, 4, "the loop's next iteration"),), join(ended, mutated))
    assert facts == []


def test_a_moved_closure_ends_the_borrows_of_its_owned_captures() -> None:
    start = FlowState(frozenset({"a"}), {}, {}, {"view": Loan(Mode.REF, frozenset({"a"}), 1, 0, "by call")})
    state, facts = run(
        (MoveCaptured(("a",), 3, 4, "by capture in a lambda", ("a",)), Use(None, "view", "k", "view", 4, 0)), start
    )
    [conflict] = facts
    assert isinstance(conflict, Conflict) and (conflict.invalidation.line, conflict.line) == (3, 4)
    assert "a" in state.moved


def test_nothing_held_nothing_used() -> None:
    state, facts = run((UseHeld("temp", 2, 0, "", True),), EMPTY)
    assert facts == [] and state.holds_nothing()
