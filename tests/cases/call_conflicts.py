"""Conflicts inside one call (docs/design.md §4.3): the arguments are evaluated in order and
every borrow given to the call stays live until the callee runs (rustc E0505, E0502), so a
later argument may not move, release or mutably borrow what an earlier one borrows. A
borrow that ends before the call (a length, an item copied out) leaves the owner free."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Stack:
    def __init__(self) -> None:
        self.items: list[int] = []

    def peek(self: Ref[Stack]) -> Ref[list[int]]:
        return self.items

    def size(self: Ref[Stack]) -> int:
        return len(self.items)

    def push(self: Mut[Stack], item: int) -> None:
        self.items.append(item)

    def absorb(self: Mut[Stack], view: Ref[list[int]]) -> None:
        self.items.extend(view)


def archive(view: Ref[list[int]], stack: Own[Stack]) -> None: ...
def refill(view: Ref[list[int]], stack: Mut[Stack]) -> None: ...
def compare(first: Ref[list[int]], second: Ref[list[int]]) -> bool:
    return first == second
def describe(view: Ref[list[int]], stack: Ref[Stack]) -> str:
    return f"{view} of {stack.size()}"
def consume(stack: Own[Stack]) -> int:
    return 0


# report ---------------------------------------------------------------------------------------

def moved_by_a_later_argument() -> None:
    """The reference ``a.peek()`` returned is still held when ``a`` is moved into the call."""
    a = Stack()
    archive(a.peek(), a)  # E: Cannot move "a" while a borrow of it is still used  [borrow-conflict]  # N: borrow of "a" created here by call to "peek"  # N: the borrow is used later by the call to "archive"


def named_borrow_given_with_its_owner() -> None:
    """A borrow kept in a name is used by the call too, after its owner was moved."""
    a = Stack()
    view = a.peek()  # N: borrow of "a" created here by call to "peek"
    archive(view, a)  # E: Cannot move "a" while a borrow of it is still used  [borrow-conflict]  # N: the borrow is used later by the call to "archive"


def mutably_lent_by_a_later_argument() -> None:
    """A Mut parameter borrows exclusively while the other argument still reads ``a``."""
    a = Stack()
    refill(a.peek(), a)  # E: Cannot mutably borrow "a" while a borrow of it is still used  [borrow-conflict]  # N: borrow of "a" created here by call to "peek"  # N: the borrow is used later by the call to "refill"


def reference_given_to_a_mut_method_of_its_owner() -> None:
    """The receiver's Mut borrow takes effect when the call runs, after its argument
    borrowed the same owner: ``v.push(v.last())`` in Rust."""
    a = Stack()
    a.absorb(a.peek())  # E: Cannot mutably borrow "a" while a borrow of it is still used  [borrow-conflict]  # N: borrow of "a" created here by call to "peek"  # N: the borrow is used later by the call to "absorb"


def moved_by_a_nested_call() -> None:
    """``consume(a)`` runs while ``print`` still holds the reference it was given first."""
    a = Stack()
    print(a.peek(), consume(a))  # E: Cannot move "a" while a borrow of it is still used  [borrow-conflict]  # N: borrow of "a" created here by call to "peek"  # N: the borrow is used later by the call to "print"


# stay silent ----------------------------------------------------------------------------------

def borrow_ends_before_the_mutation() -> None:
    """``len(...)`` and ``size()`` return plain values: no borrow reaches ``push``."""
    v = Stack()
    v.push(v.size())
    v.push(len(v.peek()))


def item_copied_out_of_the_reference() -> None:
    """Indexing the reference copies an int out; the reference is gone before the call."""
    v = Stack()
    v.push(v.peek()[0])


def shared_borrows_together() -> None:
    """Two shared borrows of one owner in one call do not conflict."""
    a = Stack()
    print(compare(a.peek(), a.peek()), describe(a.peek(), a))


def borrow_of_another_owner() -> None:
    """The reference borrows ``b``; moving ``a`` beside it is fine."""
    a, b = Stack(), Stack()
    archive(b.peek(), a)
    b.push(1)


def borrow_used_up_before_the_owner_moves() -> None:
    """The named borrow's last use is a call before the one that moves its owner."""
    a = Stack()
    view = a.peek()
    print(view)
    archive(Stack().peek(), a)
