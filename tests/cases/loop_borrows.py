"""A borrow kept alive by a loop (docs/design.md §4.3): a for loop's iterator borrows what
it iterates for as long as the loop runs, and asks it for the next item after every pass
of the body. Moving, releasing or mutably borrowing the owner in a body that goes round
again is a conflict (rustc E0502 on ``for x in v.iter() { v.push(..) }``); doing it after
the loop, or on a pass that leaves the loop, is fine."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Queue:
    def __init__(self) -> None:
        self.jobs: list[int] = []

    def items(self: Ref[Queue]) -> Ref[list[int]]:
        return self.jobs

    def push(self: Mut[Queue], job: int) -> None:
        self.jobs.append(job)


def drain(queue: Own[Queue]) -> None: ...


# report ---------------------------------------------------------------------------------------

def mutated_while_a_named_borrow_is_iterated() -> None:
    """``pending`` borrows ``queue``; the loop reads it again after each ``push``."""
    queue = Queue()
    pending = queue.items()  # N: borrow of "queue" created here by call to "items"
    for job in pending:  # N: the borrow is used later, by the loop's next iteration
        queue.push(job + 1)  # E: Cannot mutably borrow "queue" while a borrow of it is still used  [borrow-conflict]


def mutated_while_a_returned_reference_is_iterated() -> None:
    """No name holds the reference: the loop's iterator does."""
    queue = Queue()
    for job in queue.items():  # N: borrow of "queue" created here by call to "items"  # N: the borrow is used later, by the loop's next iteration
        queue.push(job + 1)  # E: Cannot mutably borrow "queue" while a borrow of it is still used  [borrow-conflict]


def moved_on_some_pass_that_goes_on(limit: int) -> None:
    """The move happens on one pass only, but the loop goes round again after it (and may
    move ``queue`` a second time)."""
    queue = Queue()
    for job in queue.items():  # N: borrow of "queue" created here by call to "items"  # N: the borrow is used later, by the loop's next iteration
        if job > limit:
            drain(queue)  # E: Cannot move "queue" while a borrow of it is still used  [borrow-conflict]  # E: "queue" used after move: moved in a previous iteration of the loop  [use-after-move]  # N: "queue" was moved here by call to "drain", in a previous iteration of the loop


def file_closed_inside_its_own_loop(path: str) -> list[str]:
    """Closing the file the loop reads, and going round again: the next line is read
    from a closed file (ValueError)."""
    lines = []
    f = open(path)
    for line in f:  # N: borrow of "f" created here by the for loop over it  # N: the borrow is used later, by the loop's next iteration
        if not line.strip():
            f.close()  # E: Cannot release "f" while a borrow of it is still used  [borrow-conflict]
        lines.append(line)
    f.close()
    return lines


# stay silent ----------------------------------------------------------------------------------

def mutated_after_the_loop() -> None:
    """The borrow's last use is the loop's end; the mutation comes after it."""
    queue = Queue()
    pending = queue.items()
    for job in pending:
        print(job)
    queue.push(1)


def mutated_then_the_loop_is_left() -> None:
    """``break`` right after the mutation: the iterator is never asked again."""
    queue = Queue()
    for job in queue.items():
        if job < 0:
            queue.push(0)
            break


def iterating_a_copy() -> None:
    """``list(...)`` copies the items; the loop iterates the copy, not a borrow."""
    queue = Queue()
    for job in list(queue.items()):
        queue.push(job + 1)


def moved_then_returned() -> None:
    """The owner moves on a pass that leaves the function."""
    queue = Queue()
    for job in queue.items():
        if job < 0:
            drain(queue)
            return
    drain(queue)


def file_closed_then_left(path: str) -> str:
    """Closing the file and leaving the loop at once is the usual early exit."""
    f = open(path)
    for line in f:
        if line.startswith("#"):
            f.close()
            return line
    f.close()
    return ""
