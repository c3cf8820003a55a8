"""websockets (17.4, websockets/asyncio/client.py): ``await connect(uri)`` gives a
ClientConnection to close; ``async with connect(uri) as ws`` closes it.

- ``connect`` is a class (client.py:131): awaiting it runs the handshake and returns the
  ClientConnection (__await__, client.py:567); ``async with`` enters that connection and
  __aexit__ leaves it through the connection's own __aexit__, which closes it
  (client.py:573-589). So a ``connect(...)`` is taken as the connection it yields: one
  that is awaited owes the connection's close(), one that is a with subject is released
  by the block. ``async for ws in connect(...)`` (__aiter__, client.py:594) opens and
  closes one connection per step: a loop over it owes nothing (@exhausts on __aiter__).
- unix_connect() returns a ``connect`` (client.py:632).
"""

from typing import Any

from mypy_ownership import Own

class connect:
    async def __aexit__(self: Own[connect], *args: object) -> None: ...
    @exhausts
    def __aiter__(self) -> object: ...

def unix_connect(path: Any = ..., uri: str | None = ..., **kwargs: Any) -> Own[connect]: ...
