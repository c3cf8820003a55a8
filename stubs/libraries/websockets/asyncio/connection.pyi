"""websockets (17.4, websockets/asyncio/connection.py): an asyncio Connection owes
``await close()``, which "performs the closing handshake" and waits for the TCP connection
to end (connection.py:621); __aexit__ awaits close() (connection.py:213); a second close()
returns at once (repeatable).
"""

from mypy_ownership import Own

class Connection:
    @repeatable
    async def close(self: Own[Connection], code: int = ..., reason: str = ...) -> None: ...
    async def __aexit__(self: Own[Connection], *args: object) -> None: ...
