"""psycopg (3): a connection is released by close() or a with block (which closes it); a
cursor is owed only when named, a server-side cursor (stubs/libraries/psycopg/)."""

from typing import Any

import psycopg


# leaks --------------------------------------------------------------------------------------------

def connection_never_closed(dsn: str) -> list[Any]:
    conn = psycopg.connect(dsn)  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with connect(...) as conn:" or call "conn.close()"
    return conn.execute("select 1").fetchall()  # N: "conn" escapes here: returns at line 13 without releasing it


def classmethod_connection_never_closed(dsn: str) -> None:
    conn = psycopg.Connection.connect(dsn, autocommit=True)  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with connect(...) as conn:" or call "conn.close()"
    conn.execute("vacuum")  # N: "conn" escapes here: the function ends without releasing it


def server_cursor_never_closed(conn: psycopg.Connection[Any]) -> Any:
    cur = conn.cursor("big")  # E: "cur" is not released on every path  [resource-leak]  # N: help: use "with cursor(...) as cur:" or call "cur.close()"
    cur.execute("select * from t")
    return cur.fetchone()  # N: "cur" escapes here: returns at line 24 without releasing it


async def async_connection_never_closed(dsn: str) -> None:
    conn = await psycopg.AsyncConnection.connect(dsn)  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "async with conn:" or call "conn.close()"
    await conn.execute("select 1")  # N: "conn" escapes here: the function ends without releasing it


# use after release --------------------------------------------------------------------------------

def query_after_with(dsn: str) -> Any:
    with psycopg.connect(dsn) as conn:  # N: "conn" was released here when the with block ended
        conn.execute("insert into t values (1)")
    return conn.execute("select 1")  # E: "conn" used after release  [use-after-move]


def fetch_after_close(conn: psycopg.Connection[Any]) -> Any:
    cur = conn.cursor(name="rows")
    cur.execute("select 1")
    cur.close()  # N: "cur" was released here by close()
    return cur.fetchall()  # E: "cur" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def connection_in_with(dsn: str) -> list[Any]:
    with psycopg.connect(dsn) as conn:
        with conn.cursor() as cur:
            cur.execute("select 1")
            return cur.fetchall()


def client_cursor_left_open(conn: psycopg.Connection[Any]) -> Any:
    cur = conn.cursor()  # unnamed: its rows are in memory, nothing is owed
    cur.execute("select 1")
    return cur.fetchone()


def server_cursor_in_with(conn: psycopg.Connection[Any]) -> int:
    count = 0
    with conn.cursor("stream") as cur:
        cur.execute("select * from big")
        for _ in cur:
            count += 1
    return count


def connection_closed_twice(dsn: str) -> None:
    conn = psycopg.connect(dsn)
    try:
        conn.execute("select 1")
    finally:
        conn.close()
    conn.close()


async def async_connection_in_async_with(dsn: str) -> Any:
    async with await psycopg.AsyncConnection.connect(dsn) as conn:
        async with conn.cursor() as cur:
            await cur.execute("select 1")
            return await cur.fetchone()


async def async_server_cursor_closed(conn: psycopg.AsyncConnection[Any]) -> Any:
    cur = conn.cursor("big")
    try:
        await cur.execute("select * from t")
        return await cur.fetchmany(10)
    finally:
        await cur.close()


class Store:
    def __init__(self, dsn: str) -> None:
        self.conn = psycopg.connect(dsn)

    def close(self) -> None:
        self.conn.close()
