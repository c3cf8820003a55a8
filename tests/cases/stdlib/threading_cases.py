"""threading: locks, conditions and semaphores, checked through the ownership stubs (examples
adapted from the threading documentation). A successful acquire() owes a release() on every
path; ``with`` does both; acquire(blocking=False) or with a timeout may fail."""

import threading
from threading import BoundedSemaphore, Condition, Lock, RLock, Semaphore


# Lock ------------------------------------------------------------------------------------------

counter_lock = threading.Lock()


def increment(counts: dict[str, int], key: str) -> None:
    counter_lock.acquire()
    try:
        counts[key] = counts.get(key, 0) + 1
    finally:
        counter_lock.release()


def increment_with(lock: Lock, counts: dict[str, int], key: str) -> None:
    with lock:
        counts[key] = counts.get(key, 0) + 1


def increment_unless_missing(lock: Lock, counts: dict[str, int], key: str) -> None:
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    if key not in counts:
        raise KeyError(key)  # N: "lock" escapes here: raises at line 30 without releasing it
    counts[key] += 1
    lock.release()


def try_increment(lock: Lock, counts: dict[str, int], key: str) -> bool:
    if not lock.acquire(blocking=False):
        return False
    try:
        counts[key] = counts.get(key, 0) + 1
    finally:
        lock.release()
    return True


def increment_within(lock: Lock, counts: dict[str, int], key: str) -> bool:
    if lock.acquire(timeout=0.1):
        counts[key] = counts.get(key, 0) + 1
        lock.release()
        return True
    return False


def local_lock_forgotten(items: list[int]) -> int:
    lock = threading.Lock()
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    for item in items:
        if item < 0:
            return item  # N: "lock" escapes here: returns at line 58 without releasing it
    lock.release()
    return 0


# RLock -----------------------------------------------------------------------------------------

def reentrant(lock: RLock, depth: int) -> None:
    with lock:
        if depth:
            reentrant(lock, depth - 1)


def reentrant_released_in_one_branch(depth: int) -> None:
    lock = RLock()
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    if depth > 0:
        lock.release()
    print(depth)  # N: "lock" escapes here: the function ends without releasing it


# Condition -------------------------------------------------------------------------------------

def consume(cv: Condition, items: list[int]) -> int:
    with cv:
        while not items:
            cv.wait()
        return items.pop()


def produce(cv: Condition, items: list[int], item: int) -> None:
    with cv:
        items.append(item)
        cv.notify()


def consume_with_timeout(cv: Condition, items: list[int]) -> int | None:
    cv.acquire()  # E: "cv" is not released on every path  [resource-leak]  # N: help: use "with cv:" or call "cv.release()" on every path
    if not cv.wait_for(lambda: bool(items), timeout=1.0):
        return None  # N: "cv" escapes here: returns at line 97 without releasing it
    item = items.pop()
    cv.release()
    return item


# Semaphore and BoundedSemaphore ----------------------------------------------------------------

max_connections = 5
pool_sema = BoundedSemaphore(value=max_connections)


def with_connection(path: str) -> str:
    with pool_sema:
        conn = open(path)
        try:
            return conn.read()
        finally:
            conn.close()


def bounded_forgotten(sema: BoundedSemaphore, path: str) -> str:
    sema.acquire()  # E: "sema" is not released on every path  [resource-leak]  # N: help: use "with sema:" or call "sema.release()" on every path
    with open(path) as conn:
        return conn.read()  # N: "sema" escapes here: returns at line 121 without releasing it


def semaphore_try(sema: Semaphore) -> bool:
    if sema.acquire(blocking=False):
        sema.release()
        return True
    return False


# a resource used under a lock ------------------------------------------------------------------

def append_line(lock: Lock, path: str, line: str) -> None:
    log = open(path, "a")
    with lock:
        log.write(line)
        log.close()  # N: "log" was released here by close()
    log.flush()  # E: "log" used after release  [use-after-move]


def append_line_correct(lock: Lock, path: str, line: str) -> None:
    with lock, open(path, "a") as log:
        log.write(line)


def waiter_handed_to_the_notifier(waiters: list[threading.Lock]) -> bool:
    # Condition.wait's protocol: the held waiter goes into a list, another thread releases it
    waiter = threading.Lock()
    waiter.acquire()  # E: "waiter" is not released on every path  [resource-leak]  # N: help: use "with waiter:" or call "waiter.release()" on every path
    waiters.append(waiter)
    got = waiter.acquire(True, 1.0)
    return got  # N: "waiter" escapes here: returns at line 152 without releasing it
