"""sqlite3: a connection must be closed with close(); its with block commits or rolls back
but does not close (CPython Modules/_sqlite/connection.c: __exit__ calls commit() or
rollback() only). A cursor is closed by close() too."""

from mypy_ownership import Own, Ref

class Connection:
    @repeatable
    def close(self: Own[Connection]) -> None: ...
    def __exit__(self: Ref[Connection], *args: object) -> None: ...

class Cursor:
    @repeatable
    def close(self: Own[Cursor]) -> None: ...

def connect(database: object, *args: object, **kwargs: object) -> Own[Connection]: ...
