"""multiprocessing: pools, pipes, connections and the process-shared locks, checked through
the ownership stubs (examples adapted from the multiprocessing documentation)."""

import multiprocessing
from multiprocessing import Pipe, Pool, Process
from multiprocessing.connection import Client, Connection, Listener
from multiprocessing.pool import ThreadPool
from multiprocessing.synchronize import Lock


def square(x: int) -> int:
    return x * x


# pools ---------------------------------------------------------------------------------------

def pool_with_block() -> list[int]:
    with Pool(5) as p:
        return p.map(square, [1, 2, 3])


def pool_closed_and_joined(numbers: list[int]) -> list[int]:
    pool = multiprocessing.Pool(processes=4)
    result = pool.map_async(square, numbers)
    pool.close()
    pool.join()
    return result.get(timeout=1)


def pool_terminated_on_error(numbers: list[int]) -> list[int]:
    pool = Pool()
    try:
        return pool.map(square, numbers)
    finally:
        pool.terminate()


def pool_never_closed(numbers: list[int]) -> list[int]:
    pool = Pool(4)  # E: "pool" is not released on every path  [resource-leak]  # N: help: use "with Pool(...) as pool:" or call "pool.close()"
    return pool.map(square, numbers)  # N: "pool" escapes here: returns at line 40 without releasing it


def pool_from_a_context(numbers: list[int], quick: bool) -> list[int]:
    ctx = multiprocessing.get_context("spawn")
    pool = ctx.Pool(2)  # E: "pool" is not released on every path  [resource-leak]  # N: help: use "with Pool(...) as pool:" or call "pool.close()"
    if quick:
        return []  # N: "pool" escapes here: returns at line 47 without releasing it
    with pool:
        return pool.map(square, numbers)


def map_after_close(numbers: list[int]) -> list[int]:
    pool = Pool(4)
    pool.close()  # N: "pool" was released here by close()
    pool.join()
    return pool.map(square, numbers)  # E: "pool" used after release  [use-after-move]


def thread_pool_after_with(numbers: list[int]) -> list[int]:
    with ThreadPool(4) as tp:  # N: "tp" was released here when the with block ended
        first = tp.map(square, numbers)
    tp.join()
    return first + tp.map(square, numbers)  # E: "tp" used after release  [use-after-move]


# pipes and connections -------------------------------------------------------------------------

def child(conn: Connection) -> None:
    conn.send([42, None, "hello"])
    conn.close()


def pipe_parent_end_leaks() -> object:
    parent_conn, child_conn = Pipe()  # E: "parent_conn" is not released on every path  [resource-leak]  # N: help: use "with parent_conn:" or call "parent_conn.close()"
    p = Process(target=child, args=(child_conn,))
    p.start()
    data = parent_conn.recv()
    p.join()
    return data  # N: "parent_conn" escapes here: returns at line 79 without releasing it


def pipe_both_ends_closed() -> object:
    reader, writer = multiprocessing.Pipe(duplex=False)
    with reader, writer:
        writer.send("ping")
        return reader.recv()


def recv_after_close() -> object:
    a, b = Pipe()
    a.send(1)
    a.close()  # N: "a" was released here by close()
    data = b.recv()
    b.close()
    return data, a.poll()  # E: "a" used after release  [use-after-move]


def listener_server(address: tuple[str, int]) -> None:
    with Listener(address, authkey=b"secret password") as listener:
        with listener.accept() as conn:
            print("connection accepted from", listener.last_accepted)
            conn.send([2.25, None, "junk", float])
            conn.send_bytes(b"hello")


def accepted_connection_leaks(address: tuple[str, int]) -> object:
    with Listener(address) as listener:
        conn = listener.accept()  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with accept(...) as conn:" or call "conn.close()"
        return conn.recv()  # N: "conn" escapes here: returns at line 109 without releasing it


def client(address: tuple[str, int]) -> object:
    with Client(address, authkey=b"secret password") as conn:
        return conn.recv()


def client_closed_on_one_branch(address: tuple[str, int], reply: bool) -> None:
    conn = Client(address)  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with Client(...) as conn:" or call "conn.close()"
    conn.send("hello")
    if reply:
        print(conn.recv())
        conn.close()
    print("sent")  # N: "conn" escapes here: the function ends without releasing it


# process-shared locks --------------------------------------------------------------------------

def printer(lock: Lock, i: int) -> None:
    lock.acquire()
    try:
        print("hello world", i)
    finally:
        lock.release()


def printer_with(lock: Lock, i: int) -> None:
    with lock:
        print("hello world", i)


def printer_forgets_on_error(lock: Lock, i: int) -> None:
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    if i < 0:
        raise ValueError(i)  # N: "lock" escapes here: raises at line 144 without releasing it
    print("hello world", i)
    lock.release()


def try_lock(i: int) -> bool:
    lock = multiprocessing.Lock()
    if not lock.acquire(False):
        return False
    print("got it", i)
    lock.release()
    return True


def semaphore_with_timeout(n: int) -> bool:
    sem = multiprocessing.BoundedSemaphore(n)
    if sem.acquire(timeout=0.5):
        sem.release()
        return True
    return False


def condition_wait(ready: list[int]) -> None:
    cond = multiprocessing.Condition()
    cond.acquire()  # E: "cond" is not released on every path  [resource-leak]  # N: help: use "with cond:" or call "cond.release()" on every path
    while not ready:
        if not cond.wait(timeout=1):
            return  # N: "cond" escapes here: returns at line 171 without releasing it
    cond.release()


def condition_with(ready: list[int]) -> None:
    cond = multiprocessing.Condition(multiprocessing.RLock())
    with cond:
        cond.wait_for(lambda: bool(ready))
        cond.notify_all()
