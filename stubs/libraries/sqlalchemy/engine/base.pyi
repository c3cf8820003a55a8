"""sqlalchemy (2.1, sqlalchemy/engine/base.py): a Connection from Engine.connect() owes
close(), which gives its DBAPI connection back to the pool.

- Engine.connect() returns ``self._connection_cls(self)`` (base.py:3256), a Connection
  that checks a DBAPI connection out of the pool; Connection.close() (base.py:1275) rolls
  back what is open and returns it: "the Connection is permanently in a closed state".
  __exit__ calls close() (base.py:268). A second close() finds ``_dbapi_connection`` None
  and does nothing (repeatable).
- Connection.closed (base.py:585) is true once closed (@released_when_true).
- Engine.raw_connection() hands out the pool's proxied DBAPI connection, whose close()
  returns it to the pool (pool/base.pyi).
- Engine.begin() is a ``contextlib.contextmanager`` (base.py:3219) that closes the
  connection itself; the Engine is no resource here: dispose() only empties its pool, and
  engines live for the program.
"""

from typing import Any

from mypy_ownership import Own

class Connection:
    @repeatable
    def close(self: Own[Connection]) -> None: ...
    def __exit__(self: Own[Connection], *args: object) -> None: ...
    @property
    @released_when_true
    def closed(self) -> bool: ...

class Engine:
    def connect(self) -> Own[Connection]: ...
    def raw_connection(self) -> Own[object]: ...
