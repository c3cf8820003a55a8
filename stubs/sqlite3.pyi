"""sqlite3: a connection must be closed with close(); its with block commits or rolls back
but does not close (CPython Modules/_sqlite/connection.c: __exit__ calls commit() or
rollback() only). A cursor is closed by close() too.

Checked locally on 3.11: Connection.__exit__.__doc__ is "If there was any exception, a
rollback takes place; otherwise we commit." and __enter__.__doc__ "Returns itself" (so
`with sqlite3.connect(p) as conn:` binds the connection, still open after the block);
Lib/test/test_sqlite3/test_dbapi.py SerializeTests.test_serialize_deserialize runs two
`with cx:` blocks on one connection and uses it after each, and its memory_database()
helper wraps connect() in contextlib.closing() to close it."""

from mypy_ownership import Own, Ref

class Connection:
    @repeatable
    def close(self: Own[Connection]) -> None: ...
    def __exit__(self: Ref[Connection], *args: object) -> None: ...

class Cursor:
    @repeatable
    def close(self: Own[Cursor]) -> None: ...

def connect(database: object, *args: object, **kwargs: object) -> Own[Connection]: ...
