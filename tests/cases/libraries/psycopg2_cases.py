"""psycopg2: a connection is released by close() only (a with block ends a transaction
and leaves it open); a cursor is owed only when named, a server-side cursor
(stubs/libraries/psycopg2/)."""

from typing import Any

import psycopg2
import psycopg2.extensions
import psycopg2.extras


# leaks --------------------------------------------------------------------------------------------

def connection_never_closed(dsn: str) -> list[tuple[Any, ...]]:
    conn = psycopg2.connect(dsn)  # E: "conn" is not released on every path  [resource-leak]  # N: help: call "conn.close()" on every path
    cur = conn.cursor()
    cur.execute("select 1")
    return cur.fetchall()  # N: "conn" escapes here: returns at line 18 without releasing it


def with_block_does_not_close(dsn: str) -> None:
    with psycopg2.connect(dsn) as conn:  # E: "conn" is not released on every path  [resource-leak]  # N: help: call "conn.close()" on every path
        with conn.cursor() as cur:
            cur.execute("insert into t values (1)")  # N: "conn" escapes here: the function ends without releasing it


def named_cursor_never_closed(conn: psycopg2.extensions.connection) -> Any:
    cur = conn.cursor("big", cursor_factory=psycopg2.extras.DictCursor)  # E: "cur" is not released on every path  [resource-leak]  # N: help: use "with cursor(...) as cur:" or call "cur.close()"
    cur.execute("select * from t")
    return cur.fetchmany(100)  # N: "cur" escapes here: returns at line 30 without releasing it


# use after release --------------------------------------------------------------------------------

def query_after_close(dsn: str) -> None:
    conn = psycopg2.connect(dsn)
    conn.close()  # N: "conn" was released here by close()
    conn.cursor().execute("select 1")  # E: "conn" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def transaction_then_close(dsn: str) -> None:
    conn = psycopg2.connect(dsn)
    try:
        with conn:
            with conn.cursor() as cur:
                cur.execute("insert into t values (1)")
    finally:
        conn.close()


def client_cursor_left_open(conn: psycopg2.extensions.connection) -> Any:
    cur = conn.cursor()  # unnamed: its rows are in memory, nothing is owed
    cur.execute("select 1")
    return cur.fetchone()


def named_cursor_in_with(conn: psycopg2.extensions.connection) -> int:
    total = 0
    with conn.cursor(name="stream") as cur:
        cur.itersize = 1000
        cur.execute("select n from big")
        for row in cur:
            total += row[0]
    return total


def name_unknown(conn: psycopg2.extensions.connection, name: str | None) -> Any:
    cur = conn.cursor(name)  # not a literal: precision first
    cur.execute("select 1")
    return cur.fetchone()


class Db:
    def __init__(self, dsn: str) -> None:
        self.conn = psycopg2.connect(dsn)

    def close(self) -> None:
        self.conn.close()
