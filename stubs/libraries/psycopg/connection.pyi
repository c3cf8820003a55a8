"""psycopg.connection (psycopg 3.3, psycopg/connection.py): a Connection owns its
server connection until close(); a named cursor holds a server-side cursor until it is
closed.

- connection.py:82 Connection.connect (a classmethod) opens and returns a new
  connection. 187 close() returns at once on a closed connection (repeatable); 159-180
  __exit__ commits or rolls back and then closes it (unless it belongs to a pool, which
  gives connections out through its own context manager), so a with block releases it.
- connection.py:232-262 cursor(name): with a name, a ServerCursor (_server_cursor.py:65
  close() closes the server-side cursor, once); without one, a client-side Cursor whose
  results are already in memory and whose close() (cursor.py:61, _cursor_base.py:659)
  only resets it: it owes nothing. So a cursor is owed only when a name is given
  (@owes_when(name=...)); cursor.py:50-59 Cursor.__exit__ calls close(), so a with
  block releases either.
"""

from mypy_ownership import Own

class Connection:
    @repeatable
    def close(self: Own[Connection]) -> None: ...
    def __exit__(self: Own[Connection], *args: object) -> None: ...
    @classmethod
    def connect(cls, conninfo: object = ..., **kwargs: object) -> Own[Connection]: ...
    @owes_when(name=...)
    def cursor(self, name: object = ..., **kwargs: object) -> Own[object]: ...
