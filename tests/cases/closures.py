"""Closures (docs/design.md §2.2, §4.2): a lambda or nested function passed to an ``Own``
parameter takes the owners it captures with it, which ends their borrows; a closure, a
bound method or a value given to a parameter that keeps it beyond the call (``@keeps``:
``threading.Thread(target=...)``, ``Executor.submit``) may not carry a borrow. A closure
given to a call that only calls it (``sorted(key=...)``, ``map``) borrows nothing past it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from mypy_ownership import Own, Ref


class Stack:
    def __init__(self) -> None:
        self.items: list[int] = []

    def peek(self: Ref[Stack]) -> Ref[list[int]]:
        return self.items

    def size(self: Ref[Stack]) -> int:
        return len(self.items)


def schedule(callback: Own[Callable[[], None]]) -> None: ...


# report ---------------------------------------------------------------------------------------

def lambda_moves_what_a_borrow_still_needs() -> None:
    """The lambda moves ``a`` into ``schedule`` while ``view`` still borrows it."""
    a: Own[Stack] = Stack()
    view = a.peek()  # N: borrow of "a" created here by call to "peek"
    schedule(lambda: print(a.size()))  # E: Cannot move "a" while a borrow of it is still used  [borrow-conflict]
    print(view)  # N: the borrow is used here, later


def nested_function_moves_what_a_borrow_still_needs() -> None:
    """The same with a nested function given by name."""
    a: Own[Stack] = Stack()
    view = a.peek()  # N: borrow of "a" created here by call to "peek"

    def report() -> None:
        print(a.size())

    schedule(report)  # E: Cannot move "a" while a borrow of it is still used  [borrow-conflict]
    print(view)  # N: the borrow is used here, later


def closure_over_a_borrow_given_to_a_thread(stack: Ref[Stack]) -> None:  # N: "stack" is borrowed here (a Ref parameter)
    """The thread runs the lambda after this function may have returned."""
    worker = threading.Thread(target=lambda: print(stack.size()))  # E: Borrowed "stack" may outlive its borrow: captured by a closure kept by "Thread" beyond the call  [borrow-escape]
    worker.start()


def bound_method_of_a_borrow_given_to_a_thread(stack: Ref[Stack]) -> None:  # N: "stack" is borrowed here (a Ref parameter)
    """``stack.size`` is a bound method: it carries ``stack`` into the thread."""
    threading.Thread(target=stack.size).start()  # E: Borrowed "stack" may outlive its borrow: kept by "Thread" beyond the call  [borrow-escape]


def borrow_among_a_thread_s_arguments(stack: Ref[Stack]) -> None:  # N: "stack" is borrowed here (a Ref parameter)
    """``args`` is kept by the thread as well as ``target``."""
    threading.Thread(target=print, args=(stack,)).start()  # E: Borrowed "stack" may outlive its borrow: kept by "Thread" beyond the call  [borrow-escape]


def closure_over_a_borrow_given_to_an_executor(stack: Ref[Stack], pool: ThreadPoolExecutor) -> None:  # N: "stack" is borrowed here (a Ref parameter)  # N: "stack" is borrowed here (a Ref parameter)
    """``submit`` keeps its function and its arguments until a worker runs them."""
    pool.submit(lambda: print(stack.size()))  # E: Borrowed "stack" may outlive its borrow: captured by a closure kept by "submit" beyond the call  [borrow-escape]
    pool.submit(print, stack)  # E: Borrowed "stack" may outlive its borrow: kept by "submit" beyond the call  [borrow-escape]


# stay silent ----------------------------------------------------------------------------------

def lambda_moved_after_the_borrow_ends() -> None:
    """The borrow's last use comes before the lambda moves ``a``."""
    a: Own[Stack] = Stack()
    view = a.peek()
    print(view)
    schedule(lambda: print(a.size()))


def closure_given_to_calls_that_only_call_it(stack: Ref[Stack], numbers: list[int]) -> list[int]:
    """``sorted`` and ``map`` call the lambda during the call and keep nothing."""
    ordered = sorted(numbers, key=lambda n: n - stack.size())
    return list(map(lambda n: n + stack.size(), ordered))


def thread_given_no_borrow(stack: Ref[Stack], count: int) -> None:
    """The thread keeps only a plain value; the borrow is read here."""
    threading.Thread(target=print, args=(count, stack.size()), name="printer").start()


def closure_over_a_plain_local_given_to_a_thread(count: int) -> None:
    """Nothing borrowed is captured."""
    totals = [count]
    threading.Thread(target=lambda: print(totals)).start()


def closure_over_an_owner_given_to_a_thread(path: str) -> None:
    """An owned file captured by the target goes with the thread (handed over, no leak)."""
    f = open(path)
    threading.Thread(target=lambda: f.close()).start()
