"""The state domain of the ownership analysis: its values, its lattice and its join.

It imports nothing from mypy (the architecture test checks it): names are opaque hashable
keys (mypy's ``Var`` objects at run time), places are ``(line, column)``. What one
operation does to a state lives in ``operations.py``; which operations a program performs
lives in ``lowering.py``. See docs/design.md §11.4 for the lattice and why each part is there.
"""

# No ``from __future__ import annotations`` here: typing compiles every string annotation
# of a NamedTuple when the class is made, at each start of mypy.

from collections.abc import Callable, Hashable, Iterable
from typing import Final, NamedTuple

from mypy_ownership.modes import Mode

Name = Hashable  # a local variable (mypy's Var at run time)


class MoveSite(NamedTuple):
    line: int
    column: int
    how: str
    release: bool = False  # released (closed) rather than moved to another owner
    through: str = ""  # another name for the same object, through which it went
    consumed: bool = False  # by a releasing method of the program's own code (§2.6)
    readable: bool = False  # by a release after which only reading its stream is a use (§7.3)

    @property
    def position(self) -> tuple[int, int]:
        return (self.line, self.column)


Guards = frozenset[tuple[Name, object]]


class Moved(NamedTuple):
    sites: frozenset[MoveSite]
    definite: bool
    guards: Guards = frozenset()  # as Obligation.guards


NOT_MOVED: Final = Moved(frozenset(), False)


PIPES: Final = "pipes"


class Help(NamedTuple):
    """What a leak report suggests, as data (the leaks check words it for the name that
    holds the resource when it leaks).

    ``kind``: ``"resource"`` (``with``, or the releasing ``method``), ``"lock"`` (``with``,
    or ``method`` on every path), ``"release-in"`` (release the field in ``method``),
    ``"overwrite"`` (release a field's old value before assigning a new one), ``PIPES``
    (the pipes of a process, which a release marked so leaves open)."""

    kind: str
    method: str = ""
    callee: str | None = None  # the call the resource came from, for "with f(...) as x"
    context: bool = False  # leaving a with block releases it
    writer: bool = False  # a wrapper writing over a file it leaves open: its close() finishes the output
    asynchronous: bool = False  # released by ``async with`` (the class has only ``__aexit__``)
    # where it came from ``x.m(...)`` and ``x``'s class takes such a value back as ``Own``
    # (a pool's ``release(conn)``): that call, spelled ``x.release``
    give_back: str = ""
    kept_open: bool = False  # the subject of a with block whose __exit__ does not release it
    pipes: tuple[str, ...] = ()  # kind "pipes": the attributes still to close (proc.stdout)


class Acquired(NamedTuple):
    """Where a resource came into a name's care, and the help a leak report gives."""

    line: int
    column: int
    name: str
    help: Help
    releasing: tuple[str, ...] = ()  # its releasing methods, for receivers typed Any
    held: bool = False  # a field's resource, owed to the object: reported only if overwritten
    exhausts: bool = False  # reading it to the end releases it (an HTTP response)
    # owed only once a method that starts the obligation is called on it (a session that
    # has not sent yet holds no connection): not reported while so
    dormant: bool = False


class Escape(NamedTuple):
    """A way out through which an obligation left unpaid. A *pending* escape is an
    exception on its way: it counts only if the exception leaves the function."""

    line: int
    column: int
    what: str
    pending: bool = False
    exceptional: bool = False  # an exception leaves the function (a raise, a failing call)

    def settled(self) -> "Escape":
        return Escape(self.line, self.column, self.what, exceptional=self.exceptional) if self.pending else self


class Obligation(NamedTuple):
    """What a name owes: the acquisitions it holds, and each one's ways out so far (kept
    per acquisition, so two bindings of one name do not share their notes).

    ``guards``: what tested locals are known to hold on every path where the obligation
    exists (see ``Flag``); a later ``if close:`` or ``if err is not None:`` cannot take the
    branch those values rule out, so ``if close: f.close()`` discharges it."""

    acquired: frozenset[Acquired]
    escapes: frozenset[tuple[Acquired, Escape]] = frozenset()
    guards: Guards = frozenset()

    def join(self, other: "Obligation") -> "Obligation":
        if self == other:
            return self
        return Obligation(
            self.acquired | other.acquired, self.escapes | other.escapes, self.guards & other.guards
        )

    def escapes_of(self, acquired: Acquired) -> frozenset[Escape]:
        return frozenset(e for a, e in self.escapes if a == acquired)

    def renamed(self, name: str) -> "Obligation":
        """Passed to a new name: the acquisition sites stay, the name in reports changes."""
        def rename(a: Acquired) -> Acquired:
            return a if a.name == name else a._replace(name=name)

        return self._replace(
            acquired=frozenset(rename(a) for a in self.acquired),
            escapes=frozenset((rename(a), e) for a, e in self.escapes),
        )

    def woken(self) -> "Obligation":
        """Its dormant acquisitions now owe their release (the object started to hold one)."""
        def wake(a: Acquired) -> Acquired:
            return a._replace(dormant=False) if a.dormant else a

        return self._replace(
            acquired=frozenset(map(wake, self.acquired)), escapes=frozenset((wake(a), e) for a, e in self.escapes),
        )

    def releasable_by(self, method: str) -> bool:
        return any(method in a.releasing for a in self.acquired)


class Loan(NamedTuple):
    """A name that only borrows its value: from which owners, and where the borrow began."""

    mode: Mode
    sources: frozenset[Name]
    line: int
    column: int
    how: str
    with_target: bool = False  # the target of a with block that releases its subject
    # a with target its __enter__ declares a borrow (-> Ref[...]): not the subject itself,
    # so releasing it is no release the block makes anyway
    lent_by_enter: bool = False


class Invalidation(NamedTuple):
    """An owner was moved, released or mutably borrowed while a borrow of it existed."""

    owner: str
    line: int
    column: int
    released: bool  # released rather than moved
    mutably: bool  # mutably borrowed rather than moved or released
    loan: Loan


# -- correlated conditions ----------------------------------------------------------------

class Flag:
    """What a branch teaches of a tested local or condition: the values it can hold are
    ``True``, ``False``, ``None`` (constants bound to a local), and these markers."""

    NOT_NONE: Final = "not-none"  # a value the type checker says is never None
    TRUTHY: Final = "truthy"  # learnt on the true edge of ``if x:`` (so not None either)
    FALSY: Final = "falsy"  # learnt on its false edge (None, False, 0, "" ...)


class Condition(NamedTuple):
    """A tested expression other than a plain local, by its structure (docs/design.md
    §2.10): the same condition tested again, over the same unchanged variables, has the
    same outcome. ``shape`` nests operators, attribute names, constants and names;
    ``names`` are the locals it reads and the ``(local, attribute)`` pairs it reads
    through: rebinding one, or storing into that attribute, forgets what was known of it.
    It plays the part a local's name plays for a flag (a key of ``FlowState.flags``)."""

    shape: Hashable
    names: frozenset[Hashable]


class FlagTest(NamedTuple):
    """One edge of a test of a local or a condition: ``x`` / ``not x`` (truthiness) or
    ``x is None`` / ``x is not None``; what the edge teaches, and which known values it
    rules out. ``name``: the local, or the ``Condition``."""

    name: Name
    truthiness: bool  # a truth test, else a None test
    on_true: bool  # the edge where the test holds (for a None test: where it is None)

    @property
    def learnt(self) -> object:
        if self.truthiness:
            return Flag.TRUTHY if self.on_true else Flag.FALSY
        return None if self.on_true else Flag.NOT_NONE

    def rules_out(self, value: object) -> bool:
        if self.truthiness and self.on_true:
            return value is False or value is None or value == Flag.FALSY
        if self.truthiness:
            return value is True or value == Flag.TRUTHY
        if self.on_true:  # the edge where it is None
            return value is not None and value != Flag.FALSY
        return value is None


def mentions(key: Name, name: Name) -> bool:
    """A flag's key is ``name``, or a condition that reads it (a local, or a
    ``(local, attribute)`` pair)."""
    return key == name or (type(key) is Condition and name in key.names)


def without(guards: Guards, name: Name) -> Guards:
    return frozenset(g for g in guards if not mentions(g[0], name))


def guarded_by(guards: Guards, name: Name) -> bool:
    return any(mentions(g[0], name) for g in guards)


def fresh(obligation: Obligation, before: frozenset[Acquired]) -> bool:
    """Every acquisition it stands for made a new object in the unit: none was owed at its
    entry (a parameter's, a field's), none is a lock (taken on an object that existed).
    Such an object is not identical to any object that existed before it."""
    return all(a.help.kind != "lock" and a not in before for a in obligation.acquired)


# -- the state -------------------------------------------------------------------------------

_NO_LOANS: Final[dict[Name, Loan]] = {}
_NO_INVALID: Final[dict[Name, Invalidation]] = {}
_NO_FLAGS: Final[dict[Name, object]] = {}


class FlowState:
    """Immutable: owners, moves, obligations and borrows at one program point.

    - ``owned``: names that own their value;
    - ``moved``: names moved or released, with where and whether on every path;
    - ``owes``: names holding a resource not yet released, with where it came from;
    - ``loans``: names that only borrow, and from which owners;
    - ``invalid``: borrows whose owner was since moved, released or mutably borrowed;
    - ``flags``: what tested locals are known to hold here (correlated conditions)."""

    __slots__ = ("owned", "moved", "owes", "loans", "invalid", "flags")

    def __init__(
        self,
        owned: frozenset[Name],
        moved: dict[Name, Moved],
        owes: dict[Name, Obligation],
        loans: dict[Name, Loan] = _NO_LOANS,
        invalid: dict[Name, Invalidation] = _NO_INVALID,
        flags: dict[Name, object] = _NO_FLAGS,
    ) -> None:
        self.owned = owned
        self.moved = moved
        self.owes = owes
        self.loans = loans
        self.invalid = invalid
        self.flags = flags

    def replace(self, **changes: object) -> "FlowState":
        fields: dict[str, object] = {
            "owned": self.owned, "moved": self.moved, "owes": self.owes, "loans": self.loans,
            "invalid": self.invalid, "flags": self.flags,
        }
        fields.update(changes)
        return FlowState(**fields)  # type: ignore[arg-type]

    def holds_nothing(self) -> bool:
        """Flags aside: nothing owned, moved, owed or borrowed."""
        return not (self.owned or self.moved or self.owes or self.loans or self.invalid)

    def holds_any(self, names: frozenset[Name]) -> bool:
        """Whether the state says anything of one of ``names`` (a loan's owners included)."""
        if not names:
            return False
        if self.owned and not names.isdisjoint(self.owned):
            return True
        for held in (self.moved, self.owes, self.loans, self.invalid, self.flags):
            if held and not names.isdisjoint(held):
                return True
        return any(not names.isdisjoint(loan.sources) for loan in self.loans.values())

    def held(self, name: Name) -> bool:
        """It owns its value or owes a release."""
        return name in self.owned or name in self.owes

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True  # the solver compares a join with its operand: often the same state
        return (
            isinstance(other, FlowState)
            and self.owned == other.owned
            and self.moved == other.moved
            and self.owes == other.owes
            and self.loans == other.loans
            and self.invalid == other.invalid
            and self.flags == other.flags
        )

    __hash__ = None  # type: ignore[assignment]


EMPTY: Final = FlowState(frozenset(), {}, {})


def join(a: FlowState, b: FlowState) -> FlowState:
    """Owned on every path; moved on some path (definite if on all); owed on some path;
    borrowed on every path; flags known alike on every path."""
    if a is b:
        return a
    moved: dict[Name, Moved] = {}
    for name in a.moved.keys() | b.moved.keys():
        left, right = a.moved.get(name), b.moved.get(name)
        if left is None or right is None:
            only = left or right
            assert only is not None
            moved[name] = Moved(only.sites, False, only.guards)
        elif left == right:
            moved[name] = left
        else:
            moved[name] = Moved(
                left.sites | right.sites, left.definite and right.definite, left.guards & right.guards
            )
    owes = dict(a.owes)
    for name, obligation in b.owes.items():
        mine = owes.get(name)
        owes[name] = obligation if mine is None else mine.join(obligation)
    loans = a.loans if a.loans == b.loans else _join_loans(a.loans, b.loans)
    invalid = a.invalid if a.invalid == b.invalid else {**b.invalid, **a.invalid}
    flags = a.flags if a.flags == b.flags else {
        name: value for name, value in a.flags.items() if name in b.flags and b.flags[name] is value
    }
    return FlowState(a.owned & b.owned, moved, owes, loans, invalid, flags)


def _join_loans(a: dict[Name, Loan], b: dict[Name, Loan]) -> dict[Name, Loan]:
    """Borrowed on every path; a borrow's owners are those of any path."""
    loans = {}
    for name, loan in a.items():
        other = b.get(name)
        if other is not None:
            loans[name] = loan if loan == other else loan._replace(sources=loan.sources | other.sources)
    return loans


def with_escape(state: FlowState, escape: Escape, only_if_none: bool = False) -> FlowState:
    """Every obligation escapes through ``escape``; a normal exit settles pending exceptions
    (the exception was handled, and this is the way the path leaves). ``only_if_none``: only
    acquisitions that have no way out yet get this one (the end of the function)."""
    owes = {}
    for name, ob in state.owes.items():
        kept = frozenset((a, e) for a, e in ob.escapes if not e.pending or escape.pending)
        added = frozenset(
            (a, escape) for a in ob.acquired
            if not (only_if_none and any(k[0] == a for k in kept))
        )
        owes[name] = ob._replace(escapes=kept | added)
    return state.replace(owes=owes)


def settle_pending(state: FlowState) -> FlowState:
    """An exception that reached the function's raise exit did leave it."""
    owes = {
        name: ob._replace(escapes=frozenset((a, e.settled()) for a, e in ob.escapes))
        for name, ob in state.owes.items()
    }
    return state.replace(owes=owes)


def without_obligations(state: FlowState, names: Iterable[Name]) -> FlowState:
    dropped = [n for n in names if n in state.owes]
    if not dropped:
        return state
    owes = dict(state.owes)
    for name in dropped:
        del owes[name]
    return state.replace(owes=owes)


def not_released(state: FlowState, name: Name) -> FlowState:
    """``name`` is known not to be released here (the false edge of ``f.closed``): the
    releases that reached it did not happen on this path; its moves still did."""
    moved = state.moved.get(name)
    if moved is None or not any(site.release for site in moved.sites):
        return state
    sites = frozenset(site for site in moved.sites if not site.release)
    changed = dict(state.moved)
    if sites:
        changed[name] = moved._replace(sites=sites)
    else:
        del changed[name]
    return state.replace(moved=changed)


def follow_test(state: FlowState, test: FlagTest) -> FlowState:
    """An edge of ``if flag:`` / ``if err is not None:``: an obligation or a move whose
    paths all gave the name a value this edge rules out does not take it; past the edge the
    name is known to hold what the edge teaches."""
    name = test.name

    def takes_edge(guards: Guards) -> bool:
        return not any(g[0] == name and test.rules_out(g[1]) for g in guards)

    owes = {n: ob for n, ob in state.owes.items() if takes_edge(ob.guards)}
    moved = {n: m for n, m in state.moved.items() if takes_edge(m.guards)}
    flags = state.flags if name in state.flags else {**state.flags, name: test.learnt}
    if len(owes) == len(state.owes) and len(moved) == len(state.moved) and flags is state.flags:
        return state
    return state.replace(owes=owes, moved=moved, flags=flags)


def exceptional(before: FlowState, after: FlowState) -> FlowState:
    """A step raised: it acquired nothing, but what it released or handed on is gone."""
    if not before.owes:
        return before
    owes = {name: ob for name, ob in before.owes.items() if name in after.owes}
    return before.replace(owes=owes)


def forget(state: FlowState, keep: Callable[[Name], bool]) -> FlowState:
    """Drop moves and ownership of names ``keep(name)`` says no later step reads."""
    moved = {n: m for n, m in state.moved.items() if keep(n)}
    owned = frozenset(n for n in state.owned if keep(n))
    if len(moved) == len(state.moved) and len(owned) == len(state.owned):
        return state
    return state.replace(owned=owned, moved=moved)
