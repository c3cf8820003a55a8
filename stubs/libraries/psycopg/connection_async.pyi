"""psycopg.connection_async (psycopg 3.3, psycopg/connection_async.py): the asynchronous
Connection, released as the synchronous one is (stubs/libraries/psycopg/connection.pyi).

- connection_async.py:86 AsyncConnection.connect (an async classmethod) returns a new
  connection; 210 close() returns at once on a closed connection (repeatable); 182-207
  __aexit__ commits or rolls back and then awaits close(): an async with block releases
  it.
- connection_async.py:255 cursor(name): a named cursor is an AsyncServerCursor
  (_server_cursor_async.py:64 close()), owed; an unnamed one is not (@owes_when).
"""

from mypy_ownership import Own

class AsyncConnection:
    @repeatable
    async def close(self: Own[AsyncConnection]) -> None: ...
    async def __aexit__(self: Own[AsyncConnection], *args: object) -> None: ...
    @classmethod
    async def connect(cls, conninfo: object = ..., **kwargs: object) -> Own[AsyncConnection]: ...
    @owes_when(name=...)
    def cursor(self, name: object = ..., **kwargs: object) -> Own[object]: ...
