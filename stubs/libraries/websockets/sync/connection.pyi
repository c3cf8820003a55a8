"""websockets (17.4, websockets/sync/connection.py): a Connection (client or server side)
owes close(), which "performs the closing handshake" and closes the socket
(connection.py:593); __exit__ calls close() (connection.py:228); a second close() finds
the connection closed and returns (repeatable).
"""

from mypy_ownership import Own

class Connection:
    @repeatable
    def close(self: Own[Connection], code: int = ..., reason: str = ...) -> None: ...
    def __exit__(self: Own[Connection], *args: object) -> None: ...
