"""websockets (17.4, websockets/sync/client.py): a client connection owes close().

- connect(uri, ...) opens the socket, runs the opening handshake and returns the
  ClientConnection (client.py:655, ``return connection`` at client.py:821); unix_connect()
  does the same over a Unix socket (client.py:852). Given ``legacy=False`` it returns a
  ``reconnect`` instead (the overload at client.py:618), an iterator that opens and closes
  a connection per step and holds none itself: then nothing is owed
  (@owes_nothing_when(legacy=False)).
- ClientConnection.close() runs the closing handshake and closes the socket
  (websockets/sync/connection.py:593); __exit__ calls close() (connection.py:228). Closing a
  closed connection does nothing (the protocol's state is CLOSED: repeatable).
"""

from typing import Any

from mypy_ownership import Own

@owes_nothing_when(legacy=False)
def connect(uri: str, *, sock: Any = ..., legacy: Any = ..., **kwargs: Any) -> Own[object]: ...
@owes_nothing_when(legacy=False)
def unix_connect(path: Any = ..., uri: str | None = ..., *, legacy: Any = ..., **kwargs: Any) -> Own[object]: ...
