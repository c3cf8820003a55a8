"""aiohttp.client_ws (aiohttp 3.14, aiohttp/client_ws.py): a ClientWebSocketResponse holds
its connection until the websocket is closed.

- client_ws.py:332 close() sends the close frame and closes the connection; a closed
  websocket returns False at once (342-343: repeatable). 570-580 __aenter__ returns
  self, __aexit__ awaits self.close(): an async with block releases it.
"""

from mypy_ownership import Own

class ClientWebSocketResponse:
    @repeatable
    async def close(self: Own[ClientWebSocketResponse], *, code: object = ..., message: object = ...) -> bool: ...
    async def __aexit__(self: Own[ClientWebSocketResponse], *args: object) -> None: ...
