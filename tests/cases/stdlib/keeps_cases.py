"""Callables the standard library keeps beyond the call (``@keeps`` in the stubs:
``threading.Timer``, ``asyncio`` loops' callbacks, futures' done callbacks,
``Executor.map``): a borrow given to them, or captured by a closure given to them, is
``borrow-escape``; an owner given to them is handed over; plain values are fine."""

from __future__ import annotations

import asyncio
import socket
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from mypy_ownership import Ref


class Meter:
    def __init__(self) -> None:
        self.count = 0

    def read(self: Ref[Meter]) -> int:
        return self.count


# report ---------------------------------------------------------------------------------------

def timer_keeps_its_function(meter: Ref[Meter]) -> None:  # N: "meter" is borrowed here (a Ref parameter)
    """The timer calls ``meter.read`` after the interval, from another thread."""
    threading.Timer(1.0, meter.read).start()  # E: Borrowed "meter" may outlive its borrow: kept by "Timer" beyond the call  [borrow-escape]


async def loop_keeps_its_callbacks(meter: Ref[Meter]) -> None:  # N: "meter" is borrowed here (a Ref parameter)  # N: "meter" is borrowed here (a Ref parameter)  # N: "meter" is borrowed here (a Ref parameter)
    """``call_soon``, ``call_later`` and ``run_in_executor`` run what they are given later."""
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: print(meter.read()))  # E: Borrowed "meter" may outlive its borrow: captured by a closure kept by "call_soon" beyond the call  [borrow-escape]
    loop.call_later(1.0, print, meter)  # E: Borrowed "meter" may outlive its borrow: kept by "call_later" beyond the call  [borrow-escape]
    await loop.run_in_executor(None, meter.read)  # E: Borrowed "meter" may outlive its borrow: kept by "run_in_executor" beyond the call  [borrow-escape]


def done_callback_is_kept(meter: Ref[Meter], future: Future[int]) -> None:  # N: "meter" is borrowed here (a Ref parameter)
    """The callback runs when the future completes."""
    future.add_done_callback(lambda f: print(meter.read()))  # E: Borrowed "meter" may outlive its borrow: captured by a closure kept by "add_done_callback" beyond the call  [borrow-escape]


def executor_map_keeps_its_function(meter: Ref[Meter], pool: ThreadPoolExecutor) -> None:  # N: "meter" is borrowed here (a Ref parameter)
    """``map`` submits the function to the workers at once."""
    pool.map(lambda n: n + meter.read(), range(3))  # E: Borrowed "meter" may outlive its borrow: captured by a closure kept by "map" beyond the call  [borrow-escape]


# stay silent ----------------------------------------------------------------------------------

async def loop_given_plain_values(meter: Ref[Meter]) -> None:
    """What is kept holds no borrow: a constant, a value read now."""
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "tick")
    loop.call_later(1.0, print, meter.read())


def executor_map_reads_its_iterables_now(items: Ref[list[int]], pool: ThreadPoolExecutor) -> None:
    """The iterables are read during the call; only the function is kept."""
    pool.map(str, items)


def connection_handed_to_a_thread(server: socket.socket) -> None:
    """The accepted connection goes to the thread with ``args``: handed over, no leak."""
    conn, _ = server.accept()
    threading.Thread(target=print, args=(conn,)).start()


def bound_release_scheduled(path: str) -> None:
    """``f.close`` scheduled on a timer: the timer releases the file later."""
    f = open(path)
    threading.Timer(5.0, f.close).start()
