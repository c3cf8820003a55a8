"""Ownership operations: the steps of a program as the ownership analysis sees them.

``lowering.py`` turns every step of a function's CFG into a short sequence of these, in
Python's evaluation order; the analysis applies them. They are plain values and import
nothing from mypy: a name is an opaque key, ``key`` an opaque handle on the use's node.

Where an operation's effect depends on the state (a name moves only if it owns its
value; a borrowed name stored away is an escape, not a move), the operation carries both
outcomes (``If``) or decides itself, so that the lowering never looks at a state and is
computed once per step. ``transfer.py`` says what each operation does to a state.
See docs/design.md §11.3.
"""

# No ``from __future__ import annotations`` here: typing compiles every string annotation
# of a NamedTuple when the class is made, at each start of mypy.

from typing import NamedTuple, Union

from mypy_ownership.facts import Fact
from mypy_ownership.modes import Mode
from mypy_ownership.state import Acquired, Escape, FlowState, Loan, Name, Obligation

# -- conditions --------------------------------------------------------------------------------


class Borrowed(NamedTuple):
    name: Name

    def holds(self, s: FlowState) -> bool:
        return self.name in s.loans


class BorrowedByWith(NamedTuple):
    name: Name

    def holds(self, s: FlowState) -> bool:
        loan = s.loans.get(self.name)
        return loan is not None and loan.with_target


class Held(NamedTuple):
    name: Name

    def holds(self, s: FlowState) -> bool:
        return s.held(self.name)


class Owned(NamedTuple):
    name: Name

    def holds(self, s: FlowState) -> bool:
        return self.name in s.owned


class HoldsObject(NamedTuple):
    """It owes the release of an object, not only of a lock it took: storing the object
    elsewhere hands the first over; a lock stays held wherever the object goes."""

    name: Name

    def holds(self, s: FlowState) -> bool:
        owed = s.owes.get(self.name)
        return self.name in s.owned or (owed is not None and any(a.help.kind != "lock" for a in owed.acquired))


class AnyHeld(NamedTuple):
    names: tuple[Name, ...]

    def holds(self, s: FlowState) -> bool:
        return any(s.held(n) for n in self.names)


class AnyBorrowed(NamedTuple):
    names: tuple[Name, ...]

    def holds(self, s: FlowState) -> bool:
        return any(n in s.loans for n in self.names)


class Releasable(NamedTuple):
    """``holder.method`` would release what the holder holds (a bound method handed on)."""

    holder: Name
    method: str
    releases: bool  # the holder's type says so

    def holds(self, s: FlowState) -> bool:
        if not s.held(self.holder):
            return False
        owed = s.owes.get(self.holder)
        return self.releases or (owed is not None and owed.releasable_by(self.method))


Condition = Union[Borrowed, BorrowedByWith, Held, HoldsObject, Owned, AnyHeld, AnyBorrowed, Releasable]


# -- operations ------------------------------------------------------------------------------


class Use(NamedTuple):
    """A name evaluated (``reading``: only a data attribute of it is read)."""

    var: Name | None  # tracked owner, if any
    borrowed: Name | None  # the local, tracked or not (a borrow of a Copy value counts)
    key: object
    name: str
    line: int
    column: int
    reading: bool = False
    attribute: bool = False  # a data attribute read or stored (docs/design.md §2.6)


class Move(NamedTuple):
    """Moved to a new owner, or released (``release``). ``again``: a release that may be
    repeated (calling it after a release is a read, not a use after move)."""

    var: Name | None
    borrowed: Name | None
    key: object | None  # None: not a plain name (an owned field): no use is recorded
    name: str
    line: int
    column: int
    how: str
    release: bool = False
    again: bool = False
    owner: str = ""  # the owner's own name, for the borrows its move invalidates
    consumed: bool = False  # by a releasing method of the program's own code
    readable: bool = False  # a release that leaves the object readable (@leaves_readable)


class MethodCall(NamedTuple):
    """A method called on a local: a release when its type says so or when the resource
    the name owes is released by that method (receivers typed ``Any``)."""

    var: Name
    borrowed: Name | None
    key: object | None
    name: str
    line: int
    column: int
    method: str
    releases: bool
    how: str
    again: bool
    valid_after_release: bool
    owner: str = ""
    leaves_pipes: bool = False  # reaps a process, leaving its pipes owed (docs/design.md §2.3)
    consumes: bool = False  # a releasing method of the program's own code
    readable: bool = False  # a release that leaves the object readable (@leaves_readable)
    reads_stream: bool = False  # reads the object's stream (@exhausts, @exhausts_in_loop)


class HandOver(NamedTuple):
    """Given somewhere the analysis does not follow: used, and no longer tracked."""

    var: Name
    key: object | None
    name: str
    line: int
    column: int


class DropHeld(NamedTuple):
    """Closures' captures handed to a callee: no longer tracked."""

    names: tuple[Name, ...]


class MoveCaptured(NamedTuple):
    """A closure moved or stored takes the owned names it captures with it."""

    names: tuple[Name, ...]  # in report order
    line: int
    column: int
    how: str
    owners: tuple[str, ...] = ()  # their spelling, for the borrows the move ends


class MutBorrow(NamedTuple):
    """Lent as ``Mut``: through a ``Ref`` it is an error; an owner's older borrows end."""

    var: Name
    line: int
    column: int
    name: str
    detail: str
    owner: str = ""


class Report(NamedTuple):
    """A fact decided without the state (``LentTwice``, ``FieldMoved``, ``Discarded``)."""

    fact: Fact


class EscapeBorrow(NamedTuple):
    """A borrowed name stored where it may outlive the borrow."""

    borrowed: Name
    line: int
    column: int
    name: str
    where: str


class EscapeCaptures(NamedTuple):
    """A closure escaping with borrowed captures: one escape for each."""

    names: tuple[tuple[Name, str], ...]  # in report order, with their spelling
    line: int
    column: int
    where: str


class MoveBorrow(NamedTuple):
    """A borrowed name moved or released (the with block's subject, a returned Own)."""

    borrowed: Name
    line: int
    column: int
    name: str
    detail: str


class ReturnBorrow(NamedTuple):
    borrowed: Name
    line: int
    column: int
    name: str


class ReturnLoanOfCall(NamedTuple):
    """A call returning a reference, returned: it borrows from what it was lent."""

    mode: Mode
    lent: tuple[Name, ...]
    line: int
    column: int
    how: str


class MoveLoanOfCall(NamedTuple):
    """A call returning a reference, consumed on the spot (``holder.view().consume()``):
    a move from what it borrows."""

    mode: Mode
    lent: tuple[Name, ...]
    line: int
    column: int
    how: str
    name: str
    detail: str


class HoldBorrow(NamedTuple):
    """A borrow held by something no name stands for (``holder``): a reference an argument
    returned, until the call runs; a for loop's iterator, while the loop runs. It borrows
    what ``lent`` own, or what they borrow (one borrowed name: its very borrow)."""

    holder: Name
    mode: Mode
    lent: tuple[Name, ...]
    line: int
    column: int
    how: str


class UseHeld(NamedTuple):
    """A borrow used where no name is read: by the call it was given to, or by a loop's
    next iteration (``later`` words it). ``end``: a held borrow that ends here."""

    borrowed: Name
    line: int
    column: int
    later: str
    end: bool = False


class ValueOfName(NamedTuple):
    """The value of a name about to be bound elsewhere: an owner moves it (and its
    obligation) to the new name; a borrow passes the borrow on; anything else is read."""

    slot: int
    var: Name | None
    borrowed: Name | None
    key: object | None
    name: str
    line: int
    column: int
    how: str
    owner: str = ""


class ValueViewOf(NamedTuple):
    """A wrapper that is a second view of what ``var`` holds (``TextIOWrapper(b)``): it
    owes what ``var`` owes, as one more name for the object (docs/design.md §2.4)."""

    slot: int
    var: Name


class Exhaust(NamedTuple):
    """``var`` was read to its end (``read()``, a for loop run out): what it owes is
    discharged when its type says so (``by_type``) or its acquisition does (an HTTP
    response from ``urlopen("https://...")``)."""

    var: Name
    by_type: bool


class Wake(NamedTuple):
    """``var``'s object starts to owe what it owes while dormant: a method that starts the
    obligation was called on it, or it was given to a call that may call one."""

    var: Name


class ValueLoanOfCall(NamedTuple):
    slot: int
    mode: Mode
    lent: tuple[Name, ...]
    line: int
    column: int
    how: str


class BeginValue(NamedTuple):
    """A value starts being evaluated: the borrow the last value inside it carries (a
    walrus, ``x = (y := r)``) is what ``ValueFresh(inherit=True)`` passes on."""


class ValueFresh(NamedTuple):
    """A new value: owned (a call returning ``Own``, a resource constructed) or not.
    ``inherit``: it carries the borrow of the last value evaluated inside it. ``known``: a
    resource only the stubs make known, owed but not owned (docs/design.md §2.4)."""

    slot: int
    owned: bool
    obligation: Obligation | None = None
    inherit: bool = False
    known: bool = False


class Bind(NamedTuple):
    """A name (or owned field) bound to the value in ``slot`` (None: an unmanaged value)."""

    var: Name | None  # tracked target
    borrowed: Name | None  # the target as a local of any type
    slot: int | None
    line: int
    column: int
    verb: str  # "rebound" / "overwritten", for a leak of the old value
    declared_own: bool  # the target is declared Own[...]
    obligation: Obligation | None  # what an owned value of the target's type owes
    field: Acquired | None  # an Own field of the method's class: what it holds
    member: bool
    name: str
    with_loan: bool = False  # the value's borrow passes to the target
    loan: Loan | None = None  # a borrow bound by the step itself (a with target)
    forget_flag: bool = False


class Unbind(NamedTuple):
    """``del name``."""

    var: Name | None
    borrowed: Name | None
    line: int
    column: int
    forget_flag: bool = False


class ForgetFlag(NamedTuple):
    name: Name


class OwedWhileNone(NamedTuple):
    """``status = proc.poll()``: ``var`` owes its release only where ``flag`` is None (a
    later ``if status is not None:`` takes the obligation off that edge)."""

    var: Name
    flag: Name


class SetFlag(NamedTuple):
    name: Name
    value: object


class Acquire(NamedTuple):
    """A lock taken: the name owes its release (a second acquire: the first one stands)."""

    var: Name
    acquired: Acquired


class ReleaseLock(NamedTuple):
    var: Name


class Leave(NamedTuple):
    """The function is left here: whatever is still owed escapes."""

    escape: Escape


class WithExit(NamedTuple):
    """A ``with`` item's block ended: a releasing ``__exit__`` releases its subject and
    target; the target's borrow ends."""

    target_borrowed: Name | None
    subject_borrowed: Name | None
    subject: Name | None
    names: tuple[Name, ...]  # subject and target, when tracked
    releases: bool  # the subject's type releases on exit
    unknown_type: bool  # no resource type known: it releases if the subject owes something
    line: int
    column: int
    how: str


class Either(NamedTuple):
    """One of two ways (``and``/``or``, a conditional expression, a comprehension that
    runs or not): both are taken from the same state and joined."""

    first: tuple["Operation", ...]
    second: tuple["Operation", ...]


class If(NamedTuple):
    """An operation whose outcome depends on the state at that point."""

    condition: Condition
    then: tuple["Operation", ...]
    otherwise: tuple["Operation", ...] = ()


Operation = Union[
    Use, Move, MethodCall, HandOver, DropHeld, MoveCaptured, MutBorrow, Report, EscapeBorrow,
    EscapeCaptures, MoveBorrow, ReturnBorrow, ReturnLoanOfCall, MoveLoanOfCall, HoldBorrow, UseHeld, ValueOfName,
    ValueViewOf, ValueLoanOfCall, Exhaust, Wake, OwedWhileNone,
    BeginValue, ValueFresh, Bind, Unbind, ForgetFlag, SetFlag, Acquire, ReleaseLock, Leave, WithExit,
    Either, If,
]
