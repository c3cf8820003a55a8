"""redis: a client owning its pool, a pool, a pub/sub owe close(); a Lock is held from a
successful acquire() until release(); a client over a caller's pool owes nothing."""

import redis
import redis.asyncio as aioredis
from redis import ConnectionPool, Redis
from redis.lock import Lock


# silent: the documentation's forms -------------------------------------------------------

def with_client() -> bytes | None:
    with Redis(host="localhost") as r:
        value = r.get("key")
        return value if isinstance(value, bytes) else None


def closed_in_finally() -> None:
    r = redis.Redis(host="localhost", port=6379, db=0)
    try:
        r.set("foo", "bar")
    finally:
        r.close()


def over_a_callers_pool(pool: ConnectionPool) -> None:
    r = Redis(connection_pool=pool)
    r.set("foo", "bar")


def pool_closed_after_its_clients() -> None:
    pool = ConnectionPool(host="localhost")
    r = Redis(connection_pool=pool)
    r.set("foo", "bar")
    pool.disconnect()


def pubsub_in_with(r: Redis) -> None:
    with r.pubsub() as p:
        p.subscribe("channel")
        p.get_message(timeout=1.0)


def pipeline_holds_nothing(r: Redis) -> None:
    pipe = r.pipeline()
    pipe.set("a", 1)
    pipe.incr("b")
    pipe.execute()


def lock_with(r: Redis) -> None:
    with r.lock("resource"):
        r.incr("counter")


def lock_try_acquire(r: Redis) -> None:
    lock = Lock(r, "resource", timeout=10)
    if not lock.acquire(blocking=False):
        return
    try:
        r.incr("counter")
    finally:
        lock.release()


def client_returned() -> Redis:
    return Redis.from_url("redis://localhost:6379/0")


async def async_client_closed() -> None:
    r = aioredis.Redis()
    try:
        await r.ping()
    finally:
        await r.aclose()


async def async_with() -> None:
    async with aioredis.Redis.from_url("redis://localhost") as r:
        await r.get("key")


# leaks ----------------------------------------------------------------------------------

def client_never_closed() -> None:
    r = redis.Redis(host="localhost")  # E: "r" is not released on every path  [resource-leak]  # N: help: use "with Redis(...) as r:" or call "r.close()"
    r.set("foo", "bar")  # N: "r" escapes here: the function ends without releasing it


def from_url_never_closed(url: str) -> bool:
    r = Redis.from_url(url)  # E: "r" is not released on every path  [resource-leak]  # N: help: use "with from_url(...) as r:" or call "r.close()"
    return bool(r.ping())  # N: "r" escapes here: returns at line 92 without releasing it


def pool_never_closed() -> None:
    pool = ConnectionPool(host="localhost")  # E: "pool" is not released on every path  [resource-leak]  # N: help: use "with ConnectionPool(...) as pool:" or call "pool.close()"
    r = Redis(connection_pool=pool)
    r.set("foo", "bar")  # N: "pool" escapes here: the function ends without releasing it


def pubsub_never_closed(r: Redis) -> object:
    p = r.pubsub()  # E: "p" is not released on every path  [resource-leak]  # N: help: use "with pubsub(...) as p:" or call "p.close()"
    p.subscribe("channel")
    return p.get_message(timeout=1.0)  # N: "p" escapes here: returns at line 104 without releasing it


def lock_left_held(r: Redis, skip: bool) -> None:
    lock = Lock(r, "resource")
    lock.acquire()  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
    if skip:
        return  # N: "lock" escapes here: returns at line 111 without releasing it
    lock.release()


async def async_client_never_closed() -> None:
    r = aioredis.Redis()  # E: "r" is not released on every path  [resource-leak]  # N: help: use "async with Redis(...) as r:" or call "r.close()"
    await r.ping()  # N: "r" escapes here: the function ends without releasing it


# use after release -------------------------------------------------------------------------

def pubsub_after_close(r: Redis) -> None:
    p = r.pubsub()
    p.close()  # N: "p" was released here by close()
    p.subscribe("channel")  # E: "p" used after release  [use-after-move]


# a lock may fail to be taken by any acquire(): it may have been built not to block --------

def lock_not_taken_owes_nothing(r: Redis) -> bool:
    lock = Lock(r, "resource", blocking_timeout=5)
    if not lock.acquire():
        return False
    lock.release()
    return True


def lock_taken_and_kept(r: Redis, skip: bool) -> None:
    lock = Lock(r, "resource", blocking=False)
    if lock.acquire():  # E: "lock" is not released on every path  [resource-leak]  # N: help: use "with lock:" or call "lock.release()" on every path
        if skip:
            return  # N: "lock" escapes here: returns at line 142 without releasing it
        lock.release()
