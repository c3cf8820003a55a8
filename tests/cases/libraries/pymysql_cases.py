"""pymysql: a connection is released by close() or a with block; pymysql.connect is an
alias of the class (stubs/libraries/pymysql/)."""

from typing import Any

import pymysql
import pymysql.cursors


# leaks --------------------------------------------------------------------------------------------

def connection_never_closed(host: str) -> Any:
    conn = pymysql.connect(host=host, user="app", database="db")  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with connect(...) as conn:" or call "conn.close()"
    with conn.cursor() as cur:
        cur.execute("select 1")
        return cur.fetchone()  # N: "conn" escapes here: returns at line 16 without releasing it


def closed_on_one_path(host: str, dry_run: bool) -> None:
    conn = pymysql.connections.Connection(host=host)  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with Connection(...) as conn:" or call "conn.close()"
    if dry_run:
        return  # N: "conn" escapes here: returns at line 22 without releasing it
    conn.commit()
    conn.close()


# use after release --------------------------------------------------------------------------------

def query_after_with(host: str) -> Any:
    with pymysql.connect(host=host) as conn:  # N: "conn" was released here when the with block ended
        conn.ping()
    return conn.cursor()  # E: "conn" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def connection_in_with(host: str) -> tuple[Any, ...]:
    with pymysql.connect(host=host, cursorclass=pymysql.cursors.DictCursor) as conn:
        with conn.cursor() as cur:
            cur.execute("select 1")
            return cur.fetchall()


def connection_closed_in_finally(host: str) -> None:
    conn = pymysql.connect(host=host)
    try:
        cur = conn.cursor()  # a buffered cursor: nothing is owed
        cur.execute("delete from t")
        conn.commit()
    finally:
        conn.close()


class Repository:
    def __init__(self, host: str) -> None:
        self.conn = pymysql.connect(host=host)

    def close(self) -> None:
        self.conn.close()


def deferred_connection_owns_no_socket_yet(host: str) -> pymysql.Connection[Any]:
    conn = pymysql.Connection(host=host, defer_connect=True)
    conn.autocommit_mode = True
    return conn


def deferred_connection_never_connected() -> None:
    conn = pymysql.Connection(defer_connect=True)
    print(conn.host)
