"""Facts: what applying ownership operations reveals, for the checks to report.

Each check family reads its own kinds of facts and decides what, if anything, to report
(docs/design.md §11.6). Plain values; no mypy import.
"""

# No ``from __future__ import annotations`` here: typing compiles every string annotation
# of a NamedTuple when the class is made, at each start of mypy.

from typing import NamedTuple, Union

from mypy_ownership.state import Acquired, Escape, Invalidation, Loan, Moved, Name


class Used(NamedTuple):
    key: object  # the use's node: copies of one statement (finally bodies) are merged by it
    name: str
    var: Name
    moved: Moved | None
    reading: bool  # a data-attribute read: allowed after a release, not after a move
    line: int
    column: int
    attribute: bool = False  # of a data attribute (reading): not after a consuming method
    stream: bool = False  # reads the object's stream: a use even after a release that leaves it readable


class Conflict(NamedTuple):
    """A borrow used after its owner was moved, released or mutably borrowed."""

    invalidation: Invalidation
    line: int
    column: int
    later: str = ""  # how it is used, where no name is read (by a call, by a loop)


class BorrowMoved(NamedTuple):
    line: int
    column: int
    name: str
    detail: str
    loan: Loan


class BorrowEscaped(NamedTuple):
    line: int
    column: int
    name: str
    where: str
    loan: Loan


class MutThroughShared(NamedTuple):
    line: int
    column: int
    name: str
    detail: str
    loan: Loan


class LentTwice(NamedTuple):
    line: int
    column: int
    name: str
    detail: str


class Returned(NamedTuple):
    """A borrow returned: the checks decide from the function's declared return."""

    line: int
    column: int
    name: str
    loan: Loan


class ReturnedOwned(NamedTuple):
    """A local owner returned as a reference (it dies with the function)."""

    line: int
    column: int
    name: str


class Leaked(NamedTuple):
    acquired: Acquired
    escapes: frozenset[Escape]


class Discarded(NamedTuple):
    """A resource no name holds: discarded, only lent to a call, or iterated over."""

    acquired: Acquired
    callee: str
    kept_open: bool = False  # the subject of a with block that does not release it
    why: str = ""  # what happened to it, when it was not simply discarded
    exits: tuple[tuple[int, int, str], ...] = ()  # where a loop may stop before its end
    lent: bool = False  # passed to a call (the help says to pass a name)


class FieldMoved(NamedTuple):
    line: int
    column: int
    field: str
    callee: str


Fact = Union[
    Used, Conflict, BorrowMoved, BorrowEscaped, MutThroughShared, LentTwice, Returned,
    ReturnedOwned, Leaked, Discarded, FieldMoved,
]
