"""psycopg2._psycopg (psycopg2 2.9): the connection and cursor types, compiled C (the wheel
holds no source); what follows is from their docstrings, read with
psycopg2.extensions.connection.close.__doc__ and the like, and from the types-psycopg2
stubs mypy reads them by (psycopg2-stubs/_psycopg.pyi:430 connection, 488 close, 492-512
cursor, 546-547 __enter__/__exit__; 93 cursor, 126 close, 160-161 __enter__/__exit__).

- connection.close: "Close the connection." connection.__exit__: "commit if no
  exception, else roll back" -- a with block ends a transaction and leaves the
  connection open (__exit__ on a Ref receiver): only close() releases it. Whether a
  second close() is harmless cannot be read from the wheel: it is not marked
  @repeatable.
- connection.cursor(name=None, ...) -- "new cursor"; given a name, the cursor is a
  server-side (named) cursor, which holds a cursor on the server until it is closed or
  its transaction ends; an unnamed cursor holds only the rows it fetched, in memory. So
  a cursor is owed only when a name is given (@owes_when(name=...)).
- cursor.close: "Close the cursor."; cursor.__exit__: "close the cursor": a with block
  releases it.
"""

from mypy_ownership import Own, Ref

class connection:
    def close(self: Own[connection]) -> None: ...
    def __exit__(self: Ref[connection], *args: object) -> None: ...
    @owes_when(name=...)
    def cursor(self, name: object = ..., cursor_factory: object = ..., withhold: object = ..., scrollable: object = ...) -> Own[object]: ...

class cursor:
    def close(self: Own[cursor]) -> None: ...
    def __exit__(self: Own[cursor], *args: object) -> None: ...
