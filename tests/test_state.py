"""The state domain on hand-written operation sequences, without mypy (in the spirit of
Polonius's small fact programs): joins, moves, releases, borrows, leaks at exits, guards.

Names are plain strings here: the domain only needs hashable keys.
"""

from __future__ import annotations

import subprocess
import sys

from mypy_ownership.facts import (
    BorrowEscaped,
    BorrowMoved,
    Conflict,
    Leaked,
    MutThroughShared,
    Returned,
    Used,
)
from mypy_ownership.modes import Mode
from mypy_ownership.operations import (
    Acquire,
    AnyBorrowed,
    AnyHeld,
    Bind,
    Borrowed,
    BorrowedByWith,
    DropHeld,
    Either,
    EscapeBorrow,
    ForgetFlag,
    HandOver,
    Held,
    If,
    Leave,
    MethodCall,
    Move,
    MoveCaptured,
    MoveLoanOfCall,
    MutBorrow,
    Owned,
    Releasable,
    ReleaseLock,
    ReturnBorrow,
    SetFlag,
    Unbind,
    Use,
    ValueFresh,
    ValueLoanOfCall,
    ValueOfName,
    WithExit,
)
from mypy_ownership.state import (
    EMPTY,
    PIPES,
    Acquired,
    Condition,
    Escape,
    Flag,
    FlagTest,
    FlowState,
    Help,
    Loan,
    Moved,
    Obligation,
    exceptional,
    follow_test,
    fresh,
    join,
    mentions,
    settle_pending,
    with_escape,
)
from mypy_ownership.transfer import apply

HELP = Help("resource", "close", "open", True)


def acquired(name: str = "f", line: int = 1) -> Acquired:
    return Acquired(line, 0, name, HELP, ("close",))


def owing(name: str = "f", line: int = 1) -> Obligation:
    return Obligation(frozenset({acquired(name, line)}))


def use(name: str, line: int = 9, reading: bool = False) -> Use:
    return Use(name, name, ("use", name, line), name, line, 0, reading)


def move(name: str, line: int = 5, release: bool = False, again: bool = False) -> Move:
    return Move(name, name, ("move", name, line), name, line, 0, "by call to \"g\"", release, again)


def fresh_bind(name: str, line: int = 1, slot: int = 1) -> tuple[ValueFresh, Bind]:
    """``name = open(...)``: an owned value that owes a release."""
    return (
        ValueFresh(slot, True, owing(name, line)),
        Bind(name, name, slot, line, 0, "rebound", False, None, None, False, name),
    )


def plain_bind(name: str, line: int = 1) -> Bind:
    return Bind(name, name, None, line, 0, "rebound", False, None, None, False, name)


def run(ops: tuple, state: FlowState = EMPTY) -> tuple[FlowState, list]:  # type: ignore[type-arg]
    facts: list = []  # type: ignore[type-arg]
    return apply(ops, state, facts), facts


def leaks(facts: list) -> list[Leaked]:  # type: ignore[type-arg]
    return [f for f in facts if isinstance(f, Leaked)]


def uses(facts: list) -> list[Used]:  # type: ignore[type-arg]
    return [f for f in facts if isinstance(f, Used)]


# -- binding and owning ----------------------------------------------------------------------

def test_binding_a_fresh_resource_owns_it_and_owes_its_release() -> None:
    state, facts = run(fresh_bind("f"))
    assert state.owned == {"f"} and set(state.owes) == {"f"} and facts == []


def test_binding_an_unmanaged_value_owns_nothing() -> None:
    state, _ = run((plain_bind("x"),))
    assert state.holds_nothing()


def test_a_declared_own_name_owns_even_an_unmanaged_value() -> None:
    bind = Bind("x", "x", None, 1, 0, "rebound", True, None, None, False, "x")
    state, _ = run((bind,))
    assert state.owned == {"x"} and not state.owes


def test_rebinding_an_owing_name_leaks_the_old_resource_there() -> None:
    state, facts = run(fresh_bind("f", 1) + fresh_bind("f", 3, slot=2))
    [leak] = leaks(facts)
    assert leak.acquired.line == 1 and {e.what for e in leak.escapes} == {"rebound at line 3"}
    assert {a.line for a in state.owes["f"].acquired} == {3}


def test_an_owner_assigned_to_another_name_moves_with_its_obligation() -> None:
    ops = fresh_bind("f") + (
        ValueOfName(2, "f", "f", "k", "f", 2, 0, "by assignment to \"g\""),
        Bind("g", "g", 2, 2, 0, "rebound", False, None, None, False, "g"),
    )
    state, _ = run(ops)
    assert state.owned == {"g"} and set(state.owes) == {"g"}
    assert [a.name for a in state.owes["g"].acquired] == ["g"]  # reported under its new name
    assert state.moved["f"].definite


def test_an_unmanaged_name_assigned_is_only_read() -> None:
    ops = (ValueOfName(1, "x", "x", "k", "x", 2, 0, "by assignment"), plain_bind("y"))
    state, facts = run(ops)
    assert state.holds_nothing() and [u.var for u in uses(facts)] == ["x"]


def test_del_of_an_owing_name_leaks_it() -> None:
    _, facts = run(fresh_bind("f") + (Unbind("f", "f", 4, 0),))
    [leak] = leaks(facts)
    assert {e.what for e in leak.escapes} == {"deleted at line 4"}


# -- moves and uses ----------------------------------------------------------------------------

def test_a_use_after_a_move_sees_the_move() -> None:
    _, facts = run(fresh_bind("f") + (move("f"), use("f")))
    moving, seen = uses(facts)  # the move itself reads the name first
    assert moving.moved is None
    assert seen.moved is not None and seen.moved.definite
    assert [s.line for s in seen.moved.sites] == [5]


def test_a_move_discharges_the_obligation() -> None:
    state, facts = run(fresh_bind("f") + (move("f"), Leave(Escape(6, 0, "returns at line 6"))))
    assert not state.owes and not leaks(facts)


def test_a_release_is_recorded_as_such() -> None:
    state, _ = run(fresh_bind("f") + (move("f", release=True),))
    [site] = state.moved["f"].sites
    assert site.release


def test_a_method_call_releases_when_the_resource_owes_that_method() -> None:
    call = MethodCall("f", "f", "k", "f", 3, 0, "close", False, "by close()", True, False)
    state, _ = run(fresh_bind("f") + (call,))
    assert "f" in state.moved and not state.owes


def test_a_method_call_that_releases_nothing_is_a_use() -> None:
    call = MethodCall("f", "f", "k", "f", 3, 0, "read", False, "by read()", False, False)
    state, facts = run(fresh_bind("f") + (call,))
    assert "f" in state.owes and len(uses(facts)) == 1


def _process_with_a_pipe() -> tuple[ValueFresh, Bind]:
    """``proc = Popen(cmd, stdout=PIPE)``: the child to reap, and its pipe to close."""
    pipe = Acquired(1, 0, "proc", Help(PIPES, "communicate", "Popen", True, pipes=("stdout",)), ("communicate",))
    process = Acquired(1, 0, "proc", Help("resource", "wait", "Popen", True), ("wait", "communicate"))
    return (
        ValueFresh(1, False, Obligation(frozenset({process, pipe})), known=True),
        Bind("proc", "proc", 1, 1, 0, "rebound", False, None, None, False, "proc"),
    )


def test_a_release_that_leaves_the_pipes_owes_only_the_pipes_and_is_a_use() -> None:
    wait = MethodCall("proc", "proc", "k", "proc", 3, 0, "wait", True, "by wait()", True, True, "proc", True)
    state, facts = run(_process_with_a_pipe() + (wait,))
    assert "proc" not in state.moved and [u.moved for u in uses(facts)] == [None]
    [pipe] = state.owes["proc"].acquired
    assert pipe.help.pipes == ("stdout",)
    again, _ = run((wait,), state)  # waiting again: still only the pipe
    assert again.owes == state.owes and "proc" not in again.moved


def test_a_release_that_closes_the_pipes_settles_both() -> None:
    communicate = MethodCall("proc", "proc", "k", "proc", 3, 0, "communicate", True, "by communicate()", False, False, "proc")
    state, facts = run(_process_with_a_pipe() + (communicate, Leave(Escape(4, 0, "returns at line 4"))))
    assert "proc" in state.moved and not state.owes and not leaks(facts)


def test_hand_over_stops_tracking_without_a_move() -> None:
    state, _ = run(fresh_bind("f") + (HandOver("f", "k", "f", 2, 0),))
    assert state.holds_nothing()


def test_captured_owners_move_with_a_moved_closure_but_only_owners() -> None:
    state, _ = run(fresh_bind("f") + (MoveCaptured(("f", "x"), 3, 0, "by capture"),))
    assert set(state.moved) == {"f"}


def test_drop_held_forgets_captured_owners() -> None:
    state, _ = run(fresh_bind("f") + (DropHeld(("f",)),))
    assert state.holds_nothing()


# -- joins --------------------------------------------------------------------------------------

def test_a_move_on_one_path_is_a_maybe_move_after_the_join() -> None:
    start, _ = run(fresh_bind("f"))
    moved, _ = run((move("f"),), start)
    joined = join(moved, start)
    assert not joined.moved["f"].definite and "f" not in joined.owned


def test_a_move_on_every_path_stays_definite() -> None:
    start, _ = run(fresh_bind("f"))
    a, _ = run((move("f", 4),), start)
    b, _ = run((move("f", 6),), start)
    joined = join(a, b)
    assert joined.moved["f"].definite and {s.line for s in joined.moved["f"].sites} == {4, 6}


def test_an_obligation_on_some_path_is_owed_after_the_join() -> None:
    start, _ = run(fresh_bind("f"))
    released, _ = run((move("f", release=True),), start)
    assert set(join(released, start).owes) == {"f"}


def test_joining_equal_states_gives_the_same_state() -> None:
    start, _ = run(fresh_bind("f"))
    assert join(start, start) is start


def test_either_joins_both_ways() -> None:
    state, _ = run(fresh_bind("f") + (Either((), (move("f"),)),))
    assert not state.moved["f"].definite and "f" in state.owes


# -- exits ----------------------------------------------------------------------------------------

def test_leave_adds_the_exit_to_every_obligation() -> None:
    state, _ = run(fresh_bind("f") + (Leave(Escape(7, 0, "returns at line 7")),))
    assert {e.what for e in state.owes["f"].escapes_of(acquired())} == {"returns at line 7"}


def test_falling_off_the_end_adds_an_exit_only_where_there_is_none() -> None:
    state, _ = run(fresh_bind("f") + (Leave(Escape(7, 0, "returns at line 7")),))
    ended = with_escape(state, Escape(9, 0, "the function ends"), only_if_none=True)
    assert {e.line for e in ended.owes["f"].escapes_of(acquired())} == {7}


def test_a_pending_exception_counts_once_it_leaves_the_function() -> None:
    start, _ = run(fresh_bind("f"))
    pending = with_escape(start, Escape(3, 0, "an exception leaves the function", True))
    settled = settle_pending(pending)
    assert all(not e.pending for e in settled.owes["f"].escapes_of(acquired()))


def test_a_raising_step_keeps_what_it_released_gone() -> None:
    before, _ = run(fresh_bind("f") + fresh_bind("g", 2, slot=2))
    after, _ = run((move("f", release=True),), before)
    assert set(exceptional(before, after).owes) == {"g"}


# -- borrows --------------------------------------------------------------------------------------

def loaned(name: str, sources: frozenset[str] = frozenset(), with_target: bool = False) -> FlowState:
    loan = Loan(Mode.REF, sources, 1, 0, "a Ref parameter", with_target)
    return FlowState(frozenset(), {}, {}, {name: loan})


def test_moving_a_borrow_is_reported_and_changes_nothing() -> None:
    state, facts = run((move("r"),), loaned("r"))
    assert [type(f) for f in facts if not isinstance(f, Used)] == [BorrowMoved]
    assert "r" not in state.moved


def test_releasing_a_with_target_inside_its_block_is_a_release() -> None:
    state, facts = run((move("f", release=True),), loaned("f", with_target=True))
    assert "f" in state.moved and not [f for f in facts if isinstance(f, BorrowMoved)]


def test_an_escaping_borrow_is_reported_with_its_loan() -> None:
    ops = (If(Borrowed("r"), (EscapeBorrow("r", 3, 0, "r", "stored in an attribute"),)),)
    _, facts = run(ops, loaned("r"))
    [escaped] = facts
    assert isinstance(escaped, BorrowEscaped) and escaped.loan.how == "a Ref parameter"


def test_moving_an_owner_invalidates_its_borrows_and_a_later_use_conflicts() -> None:
    start = FlowState(frozenset({"o"}), {}, {}, {"r": Loan(Mode.REF, frozenset({"o"}), 2, 0, "by call")})
    state, facts = run((move("o", 3), use("r", 4)), start)
    [conflict] = [f for f in facts if isinstance(f, Conflict)]
    assert conflict.invalidation.owner == "o" and (conflict.line, conflict.column) == (4, 0)
    assert "r" in state.invalid


def test_rebinding_a_borrow_forgets_its_invalidation() -> None:
    start = FlowState(frozenset({"o"}), {}, {}, {"r": Loan(Mode.REF, frozenset({"o"}), 2, 0, "by call")})
    state, _ = run((move("o", 3), plain_bind("r", 5)), start)
    assert "r" not in state.invalid and "r" not in state.loans


def test_mut_through_a_ref_is_reported() -> None:
    _, facts = run((MutBorrow("r", 3, 0, "r", "passed it as Mut"),), loaned("r"))
    assert [type(f) for f in facts] == [MutThroughShared]


def test_a_returned_borrow_is_a_fact_for_the_checks_to_judge() -> None:
    _, facts = run((If(Borrowed("r"), (ReturnBorrow("r", 3, 0, "r"),)),), loaned("r"))
    assert [type(f) for f in facts] == [Returned]


def test_a_view_of_a_mut_parameter_is_invalidated_by_mutating_the_parameter() -> None:
    """A parameter borrows from nothing of the unit: a view of it borrows from it, and a Mut
    borrow of it ends the view (issue 14, shape 12)."""
    start = FlowState(frozenset(), {}, {}, {"p": Loan(Mode.MUT, frozenset(), 1, 0, "a Mut parameter")})
    view = (ValueLoanOfCall(1, Mode.REF, ("p",), 2, 0, "by call"), Bind(None, "v", 1, 2, 0, "rebound", False, None, None, False, "v", True))
    state, facts = run((*view, MutBorrow("p", 3, 0, "p", "called Mut method"), use("v", 4)), start)
    assert state.loans["v"].sources == frozenset({"p"})
    [conflict] = [f for f in facts if isinstance(f, Conflict)]
    assert conflict.invalidation.mutably and (conflict.line, conflict.column) == (4, 0)


def test_consuming_a_returned_reference_is_a_move_from_a_borrow() -> None:
    _, facts = run((MoveLoanOfCall(Mode.REF, ("o",), 3, 0, "by call", "o.view()", "released by f()"),))
    [moved] = facts
    assert isinstance(moved, BorrowMoved) and moved.loan.sources == frozenset({"o"})


def test_the_target_an_enter_lends_is_not_released_by_closing_it() -> None:
    """Closing a with target is harmless only when it is the subject itself."""
    loan = Loan(Mode.REF, frozenset({"cm"}), 2, 0, "as the target", True, True)
    state, facts = run((move("f", 3, release=True),), FlowState(frozenset(), {}, {}, {"f": loan}))
    assert [type(f) for f in facts if not isinstance(f, Used)] == [BorrowMoved] and "f" not in state.moved


def test_with_exit_releases_the_subject_and_ends_the_targets_borrow() -> None:
    start, _ = run(fresh_bind("cm"))
    start = start.replace(loans={"f": Loan(Mode.REF, frozenset({"cm"}), 2, 0, "as the target", True)})
    state, _ = run((WithExit("f", "cm", "cm", ("cm",), True, False, 3, 0, "by the with block"),), start)
    assert "f" not in state.loans and state.moved["cm"].sites and not state.owes


# -- conditions ------------------------------------------------------------------------------------

def test_conditions_read_the_state() -> None:
    state, _ = run(fresh_bind("f"))
    assert Held("f").holds(state) and Owned("f").holds(state) and AnyHeld(("x", "f")).holds(state)
    assert not Borrowed("f").holds(state) and not AnyBorrowed(("f",)).holds(state)
    assert Releasable("f", "close", False).holds(state) and not Releasable("f", "read", False).holds(state)
    assert BorrowedByWith("t").holds(loaned("t", with_target=True)) and not BorrowedByWith("t").holds(loaned("t"))


def test_if_takes_the_branch_the_state_decides() -> None:
    ops = (If(Owned("x"), (move("x"),), (use("x"),)),)
    owned = FlowState(frozenset({"x"}), {}, {})
    assert "x" in run(ops, owned)[0].moved
    assert "x" not in run(ops)[0].moved


# -- locks --------------------------------------------------------------------------------------

def test_an_acquired_lock_is_owed_until_released() -> None:
    lock = Acquired(2, 0, "lock", Help("lock", "release"))
    state, _ = run((Acquire("lock", lock),))
    assert set(state.owes) == {"lock"} and not state.owned
    assert not run((ReleaseLock("lock"),), state)[0].owes


def test_acquiring_twice_keeps_the_first_obligation() -> None:
    first, second = Acquired(2, 0, "lock", Help("lock")), Acquired(3, 0, "lock", Help("lock"))
    state, _ = run((Acquire("lock", first), Acquire("lock", second)))
    assert state.owes["lock"].acquired == {first}


# -- correlated flags -----------------------------------------------------------------------------

def test_an_obligation_made_under_a_flag_does_not_take_the_branch_it_rules_out() -> None:
    state, _ = run((SetFlag("close", True),) + fresh_bind("f"))
    skipped = follow_test(state, FlagTest("close", True, False))  # the false edge of `if close:`
    assert not skipped.owes
    assert follow_test(state, FlagTest("close", True, True)).owes


def test_a_flag_set_after_the_acquisition_guards_it_too() -> None:
    state, _ = run(fresh_bind("f") + (SetFlag("close", False),))
    assert not follow_test(state, FlagTest("close", True, True)).owes


def test_rebinding_a_flag_forgets_what_it_guarded() -> None:
    state, _ = run((SetFlag("close", True),) + fresh_bind("f") + (ForgetFlag("close"),))
    assert "close" not in state.flags
    assert follow_test(state, FlagTest("close", True, False)).owes


def test_a_none_test_learns_and_rules_out() -> None:
    state, _ = run((SetFlag("err", None),) + fresh_bind("f"))
    assert not follow_test(state, FlagTest("err", False, False)).owes  # `err is not None`
    learnt = follow_test(EMPTY, FlagTest("err", False, False))
    assert learnt.flags == {"err": Flag.NOT_NONE}


def test_flags_survive_a_join_only_where_both_paths_agree() -> None:
    a = FlowState(frozenset(), {}, {}, flags={"x": True, "y": None})
    b = FlowState(frozenset(), {}, {}, flags={"x": True, "y": False})
    assert join(a, b).flags == {"x": True}


def test_guards_of_a_move_on_one_path_are_dropped_at_the_join() -> None:
    start, _ = run((SetFlag("go", True),) + fresh_bind("f"))
    moved, _ = run((move("f"),), start)
    other = start.replace(flags={"go": False})
    joined = join(moved, other)
    assert joined.moved["f"] == Moved(moved.moved["f"].sites, False, moved.moved["f"].guards)


# -- conditions (docs/design.md §2.10) -------------------------------------------------------------

# `path == "-"`, as the lowering keys it: its shape, and what it reads
SAME = Condition(("cmp", ("==",), ("path", ("StrExpr", "-"))), frozenset({"path"}))
# `self.verbose`: reads self, and self's attribute verbose
VERBOSE = Condition(("attr", "self", "verbose"), frozenset({"self", ("self", "verbose")}))


def test_a_condition_is_one_key_wherever_it_is_built() -> None:
    again = Condition(("cmp", ("==",), ("path", ("StrExpr", "-"))), frozenset({"path"}))
    assert again == SAME and hash(again) == hash(SAME)
    assert mentions(SAME, "path") and not mentions(SAME, "other")
    assert mentions(VERBOSE, ("self", "verbose")) and not mentions(VERBOSE, ("self", "log"))
    assert mentions("path", "path") and not mentions("path", "self")


def test_an_acquisition_under_a_condition_does_not_take_its_other_edge() -> None:
    # if path != "-": f = open(path)   (the true edge of `path != "-"` is the false edge of `path == "-"`)
    learnt = follow_test(EMPTY, FlagTest(SAME, True, False))
    assert learnt.flags == {SAME: Flag.FALSY}
    state, _ = run(fresh_bind("f"), learnt)
    assert state.owes["f"].guards == {(SAME, Flag.FALSY)}
    joined = join(state, follow_test(EMPTY, FlagTest(SAME, True, True)))  # the else branch
    assert SAME not in joined.flags and "f" in joined.owes
    # if path != "-": f.close()   -- its false edge is where `path == "-"` holds: no f there
    assert not follow_test(joined, FlagTest(SAME, True, True)).owes
    assert follow_test(joined, FlagTest(SAME, True, False)).owes


def test_rebinding_a_name_forgets_every_condition_that_reads_it() -> None:
    learnt = follow_test(EMPTY, FlagTest(SAME, True, False))
    state, _ = run(fresh_bind("f") + (ForgetFlag("path"),), learnt)
    assert not state.flags and not state.owes["f"].guards
    assert follow_test(state, FlagTest(SAME, True, True)).owes  # no longer ruled out


def test_a_store_into_an_attribute_forgets_the_conditions_that_read_it() -> None:
    learnt = follow_test(EMPTY, FlagTest(VERBOSE, True, True))
    state, _ = run(fresh_bind("f") + (ForgetFlag(("self", "log")),), learnt)
    assert state.owes["f"].guards == {(VERBOSE, Flag.TRUTHY)}  # another attribute: kept
    state, _ = run((ForgetFlag(("self", "verbose")),), state)
    assert not state.flags and not state.owes["f"].guards


def test_a_name_is_only_forgotten_with_the_conditions_on_it() -> None:
    learnt = follow_test(follow_test(EMPTY, FlagTest(SAME, True, True)), FlagTest("close", True, True))
    state, _ = run((ForgetFlag("close"),), learnt)
    assert state.flags == {SAME: Flag.TRUTHY}


def test_what_is_owed_from_the_entry_or_a_lock_is_not_fresh() -> None:
    entry = acquired("p", line=1)
    made = acquired("f", line=5)
    lock = Acquired(7, 0, "lock", Help("lock", "release"))
    assert fresh(Obligation(frozenset({made})), frozenset({entry}))
    assert not fresh(Obligation(frozenset({made, entry})), frozenset({entry}))
    assert not fresh(Obligation(frozenset({lock})), frozenset())


def test_the_domain_imports_no_mypy() -> None:
    code = (
        "import sys\n"
        "import mypy_ownership.state, mypy_ownership.operations, mypy_ownership.transfer,"
        " mypy_ownership.facts, mypy_ownership.modes\n"
        "assert not [m for m in sys.modules if m == 'mypy' or m.startswith('mypy.')], sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
