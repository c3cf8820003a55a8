"""pymysql.connections (PyMySQL 1.2, pymysql/connections.py): a Connection owns its socket
from construction (pymysql.connect is the class itself: __init__.py:136 "Connect =
connect = Connection = connections.Connection") until close().

- connections.py:427 close() sends COM_QUIT and closes the socket; on a closed
  connection it raises err.Error("Already closed") (not repeatable). 380-385 __enter__
  returns self and __exit__ calls self.close(): a with block releases it.
- connections.py:375-378: with ``defer_connect=True`` __init__ sets ``self._sock = None``
  and connects only when connect() is called: such a connection owns nothing yet
  (@owes_nothing_when(defer_connect=True)).
- Cursors (connections.py:572 cursor()) are not described: a buffered cursor holds only
  rows in memory, and cursors.py:52 close() just reads what is left.
"""

from typing import Any

from mypy_ownership import Own

class Connection:
    @owes_nothing_when(defer_connect=True)
    def __init__(self, *, defer_connect: bool = ..., **kwargs: Any) -> None: ...
    def close(self: Own[Connection]) -> None: ...
    def __exit__(self: Own[Connection], *args: object) -> None: ...
