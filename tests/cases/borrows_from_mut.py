"""Borrows taken from a Mut parameter (docs/design.md §4.3): a reference derived from what a
Mut parameter lends is invalidated by a later mutable borrow of that parameter, as it is
for a local owner or an Own parameter (rustc E0502)."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Buffer:
    def __init__(self) -> None:
        self.items: list[int] = []

    def view(self: Ref[Buffer]) -> Ref[list[int]]:
        return self.items

    def append(self: Mut[Buffer], item: int) -> None:
        self.items.append(item)

    def last_slot(self: Mut[Buffer]) -> Ref[list[int]]:
        return self.items

    def size(self: Ref[Buffer]) -> int:
        return len(self.items)

    def refill(self: Mut[Buffer]) -> int:
        """A Mut receiver is a Mut parameter: its view dies with the next mutation."""
        view = self.view()  # N: borrow of "self" created here by call to "view"
        self.append(1)  # E: Cannot mutably borrow "self" while a borrow of it is still used  [borrow-conflict]
        return len(view)  # N: the borrow is used here, later

    def refill_in_order(self: Mut[Buffer]) -> int:
        """The view's last use comes before the mutation: nothing overlaps."""
        view = self.view()
        count = len(view)
        self.append(count)
        return self.size()


def grow(buffer: Mut[Buffer]) -> None:
    buffer.append(0)


def local_owner() -> None:
    """The reference case: a local owner, viewed then mutated while the view lives."""
    buffer = Buffer()
    view = buffer.view()  # N: borrow of "buffer" created here by call to "view"
    buffer.append(1)  # E: Cannot mutably borrow "buffer" while a borrow of it is still used  [borrow-conflict]
    print(view)  # N: the borrow is used here, later


def own_parameter(buffer: Own[Buffer]) -> None:
    """An Own parameter behaves as the local owner."""
    view = buffer.view()  # N: borrow of "buffer" created here by call to "view"
    buffer.append(1)  # E: Cannot mutably borrow "buffer" while a borrow of it is still used  [borrow-conflict]
    print(view)  # N: the borrow is used here, later


def mut_parameter(buffer: Mut[Buffer]) -> None:
    """A Mut parameter lends what it holds: the view conflicts with the mutation."""
    view = buffer.view()  # N: borrow of "buffer" created here by call to "view"
    buffer.append(1)  # E: Cannot mutably borrow "buffer" while a borrow of it is still used  [borrow-conflict]
    print(view)  # N: the borrow is used here, later


def mut_parameter_passed_as_mut(buffer: Mut[Buffer]) -> None:
    """Lending the Mut parameter on as Mut is a mutable borrow too."""
    view = buffer.view()  # N: borrow of "buffer" created here by call to "view"
    grow(buffer)  # E: Cannot mutably borrow "buffer" while a borrow of it is still used  [borrow-conflict]
    print(view)  # N: the borrow is used here, later


def mut_receiver_result(buffer: Mut[Buffer]) -> None:
    """A Ref returned by a method that takes its receiver as Mut borrows the receiver."""
    slot = buffer.last_slot()  # N: borrow of "buffer" created here by call to "last_slot"
    buffer.append(1)  # E: Cannot mutably borrow "buffer" while a borrow of it is still used  [borrow-conflict]
    print(slot)  # N: the borrow is used here, later


def mut_receiver_result_of_a_local() -> None:
    """The same from a local owner."""
    buffer = Buffer()
    slot = buffer.last_slot()  # N: borrow of "buffer" created here by call to "last_slot"
    buffer.append(1)  # E: Cannot mutably borrow "buffer" while a borrow of it is still used  [borrow-conflict]
    print(slot)  # N: the borrow is used here, later


def view_used_before_mutation(buffer: Mut[Buffer]) -> None:
    """Non-lexical: the view is dead when the mutation comes."""
    view = buffer.view()
    print(view)
    buffer.append(1)


def view_taken_again_after_mutation(buffer: Mut[Buffer]) -> None:
    """A fresh view after the mutation borrows anew."""
    view = buffer.view()
    print(view)
    buffer.append(1)
    view = buffer.view()
    print(view)


def shared_reads_between(buffer: Mut[Buffer]) -> None:
    """Reading through a Ref method while the view lives is a shared borrow: no conflict."""
    view = buffer.view()
    print(buffer.size(), view)


def ref_parameter_views(buffer: Ref[Buffer]) -> None:
    """Two views of a Ref parameter are two shared borrows."""
    first = buffer.view()
    second = buffer.view()
    print(first, second)


def two_mut_parameters(a: Mut[Buffer], b: Mut[Buffer]) -> None:
    """A view of one Mut parameter is untouched by mutating the other."""
    view = a.view()
    b.append(1)
    print(view)
