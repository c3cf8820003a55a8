"""Releasing through a borrow is a move from a borrow (docs/design.md §4.1): an ``Own`` field
of a ``Ref`` receiver belongs to a borrowed owner, and the target of a ``with`` whose
``__enter__`` returns ``Ref[...]`` is a part the subject lends, not the subject itself. The
target of a standard-library resource's ``with`` is the resource itself (its ``__enter__``
returns it), and closing it inside the block stays allowed."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Output:
    def write(self, text: str) -> None: ...

    def close(self: Own[Output]) -> None: ...


class Report:
    out: Own[Output]

    def __init__(self) -> None:
        self.out = Output()

    def abandon(self: Ref[Report]) -> None:  # N: "self.out" is borrowed here (a field of a Ref receiver)
        """A Ref receiver may not close what its object owns."""
        self.out.close()  # E: "self.out" is only borrowed (a field of a Ref receiver) and cannot be released by close()  [move-from-borrow]

    def hand_off(self: Ref[Report]) -> None:
        """Moving the field out is the same mistake (reported as a move out of a field)."""
        keep(self.out)  # E: Cannot move "self.out" into "keep": an owned field can be moved out only by a releasing method of its class  [move-from-borrow]  # N: help: do it in a method that takes "self: Own[Report]", or pass a borrow

    def emit(self: Ref[Report], text: str) -> None:
        """Writing through the field is reading the borrow."""
        self.out.write(text)

    def rotate(self: Mut[Report]) -> None:
        """A Mut receiver may close its field and put a new one in its place."""
        self.out.close()
        self.out = Output()

    def close(self: Own[Report]) -> None:
        """The releasing method owns the object, and its fields."""
        self.out.close()

    def __enter__(self: Ref[Report]) -> Ref[Output]:
        return self.out

    def __exit__(self: Own[Report], *args: object) -> None:
        self.out.close()


def keep(out: Own[Output]) -> None:
    out.close()


def closing_the_lent_target() -> None:
    """``__enter__`` lends the report's output: closing it releases through a borrow."""
    with Report() as out:  # N: "out" is borrowed here (as the target of a with block)
        out.close()  # E: "out" is only borrowed (as the target of a with block) and cannot be released by close()  [move-from-borrow]


def writing_to_the_lent_target() -> None:
    """Using the lent target inside the block is what it is for."""
    with Report() as out:
        out.write("done")


def closing_a_file_inside_its_with(path: str) -> None:
    """A file's ``__enter__`` returns the file: closing it early is harmless."""
    with open(path) as f:
        f.read()
        f.close()


def closing_the_subject_itself() -> None:
    """A user class whose ``__enter__`` returns itself (not a Ref) keeps the same leniency."""
    with Plain() as p:
        p.close()


class Plain:
    def close(self: Own[Plain]) -> None: ...

    def __enter__(self) -> Plain:
        return self

    def __exit__(self: Own[Plain], *args: object) -> None: ...
