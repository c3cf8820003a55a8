"""A fresh resource as the subject of a with block whose __exit__ does not release it
(sqlite3.Connection, a user class whose __exit__ takes self as Ref): the block leaves it
open, so the with target owes its release from the with line on (docs/design.md §2.3)."""

import sqlite3
from contextlib import closing
from typing import Any

from mypy_ownership import Own, Ref


class Session:
    """Released by close(); leaving a with block only ends the current transaction."""

    def close(self: Own["Session"]) -> None: ...

    def __enter__(self: Ref["Session"]) -> Ref["Session"]:
        return self

    def __exit__(self: Ref["Session"], *args: object) -> None: ...


class Batch:
    """Its with block hands out a plain value, not the batch itself."""

    def close(self: Own["Batch"]) -> None: ...

    def __enter__(self) -> int:
        return 0

    def __exit__(self: Ref["Batch"], *args: object) -> None: ...


class Scoped:
    """Leaving its with block closes it."""

    def close(self: Own["Scoped"]) -> None: ...

    def __enter__(self) -> "Scoped":
        return self

    def __exit__(self: Own["Scoped"], *args: object) -> None: ...


def _close_quietly(conn: sqlite3.Connection) -> None:
    conn.close()


# leaks ------------------------------------------------------------------------------------

def connect_as_target(path: str) -> None:
    """The with block commits; nothing closes the connection."""
    with sqlite3.connect(path) as conn:  # E: "conn" is not released on every path  [resource-leak]  # N: help: its with block does not release it: call "conn.close()" after the block, or wrap it in "contextlib.closing(...)"
        conn.execute("create table t (x)")  # N: "conn" escapes here: the function ends without releasing it


def connect_without_target(path: str) -> None:
    """No name holds the connection: it is lost where the with block starts."""
    with sqlite3.connect(path):  # E: The resource returned by "connect" is not released by its with block  [resource-leak]  # N: help: its with block does not release it: bind it ("as name") and call close() after the block, or wrap it in "contextlib.closing(...)"
        pass


def closed_on_one_branch(path: str, keep: bool) -> None:
    """Closed after the block on one path only."""
    with sqlite3.connect(path) as conn:  # E: "conn" is not released on every path  [resource-leak]  # N: help: its with block does not release it: call "conn.close()" after the block, or wrap it in "contextlib.closing(...)"
        conn.execute("create table t (x)")
    if keep:
        return  # N: "conn" escapes here: returns at line 68 without releasing it
    conn.close()


def user_session(path: str) -> None:
    """A user class whose __exit__ borrows and whose close() releases."""
    with Session() as session:  # E: "session" is not released on every path  [resource-leak]  # N: help: its with block does not release it: call "session.close()" after the block, or wrap it in "contextlib.closing(...)"
        print(session)  # N: "session" escapes here: the function ends without releasing it


def user_batch_target_is_another_value() -> None:
    """The target is what __enter__ returns, not the batch: nothing can close it."""
    with Batch() as count:  # E: The resource returned by "Batch" is not released by its with block  [resource-leak]  # N: help: its with block does not release it: bind it ("as name") and call close() after the block, or wrap it in "contextlib.closing(...)"
        print(count)


# silent -----------------------------------------------------------------------------------

def wrapped_in_closing(path: str) -> None:
    """closing() closes the connection when the block ends."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("create table t (x)")


def closed_after_the_block(path: str) -> None:
    """The block commits, close() after it closes."""
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    conn.close()


def closed_in_finally(path: str) -> None:
    """The connection is closed whatever the block does."""
    try:
        with sqlite3.connect(path) as conn:
            conn.execute("create table t (x)")
    finally:
        conn.close()


def closed_by_a_helper(path: str) -> None:
    """A function of the module that closes its parameter releases it (its summary)."""
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    _close_quietly(conn)


def returned_to_the_caller(path: str) -> sqlite3.Connection:
    """The caller gets the connection, and its release."""
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    return conn


def kept_in_a_pool(path: str, pool: list[sqlite3.Connection]) -> None:
    """Put into a container: handed over (docs/design.md §2.5)."""
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    pool.append(conn)


def named_connection_closed(path: str) -> None:
    """The long-standing form: a named connection, its with block, then close()."""
    db = sqlite3.connect(path)
    with db:
        db.execute("create table t (x)")
    db.close()


def session_closed_after(path: str) -> None:
    """A user class closed after its with block."""
    with Session() as session:
        print(session)
    session.close()


def scoped_releases_itself() -> None:
    """A user class whose __exit__ takes self as Own: the block releases it."""
    with Scoped() as scoped:
        print(scoped)


def file_as_subject(path: str) -> str:
    """A file's with block closes it."""
    with open(path) as f:
        return f.read()


def untyped_connection(factory: Any) -> None:
    """A subject typed Any is not followed."""
    with factory() as conn:
        conn.execute("create table t (x)")


def optional_target_declared_before(path: str) -> None:
    """A target declared Optional is still the connection, closed after the block."""
    conn: sqlite3.Connection | None = None
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    conn.close()
