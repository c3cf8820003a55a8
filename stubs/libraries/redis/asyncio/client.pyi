"""redis.asyncio (redis-py 8.2, redis/asyncio/client.py): an asyncio client owes aclose();
it warns "Unclosed client session" from __del__ when its connection is still open
(client.py:855).

- Redis.__init__ owns its pool exactly when none is passed (``auto_close_connection_pool
  = True`` at client.py:509, False at client.py:513): @wraps("connection_pool") as for
  the synchronous client. from_url() and from_pool() set it True (client.py:254,
  client.py:288).
- aclose() (client.py:869) gives the connection back and closes an owned pool; close() is
  its deprecated alias (client.py:890); both may be repeated. __aexit__ closes once the
  last ``async with`` on the client ends (client.py:844).
- PubSub.aclose() (client.py:1288), close() and reset() (its aliases, client.py:1352,
  client.py:1357) give its connection back; __aexit__ calls aclose() (client.py:1281).
- Pipeline (a Redis subclass, client.py:1983) holds a connection only while execute()
  runs: its aclose() and reset() are no releases here.
"""

from typing import Any

from mypy_ownership import Own

class Redis:
    @wraps("connection_pool")
    def __init__(self, *, host: str = ..., port: int = ..., db: Any = ..., password: Any = ..., socket_timeout: Any = ..., socket_connect_timeout: Any = ..., socket_keepalive: Any = ..., socket_keepalive_options: Any = ..., connection_pool: Any = ..., **kwargs: Any) -> None: ...
    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Own[Redis]: ...
    @classmethod
    def from_pool(cls, connection_pool: Any) -> Own[Redis]: ...
    @repeatable
    async def aclose(self: Own[Redis], close_connection_pool: bool | None = ...) -> None: ...
    @repeatable
    async def close(self: Own[Redis], close_connection_pool: bool | None = ...) -> None: ...
    async def __aexit__(self: Own[Redis], *args: object) -> None: ...
    def pubsub(self, **kwargs: Any) -> Own[PubSub]: ...

class PubSub:
    @repeatable
    async def aclose(self: Own[PubSub]) -> None: ...
    @repeatable
    async def close(self: Own[PubSub]) -> None: ...
    @repeatable
    async def reset(self: Own[PubSub]) -> None: ...
    async def __aexit__(self: Own[PubSub], *args: object) -> None: ...

class Pipeline:
    async def aclose(self) -> None: ...
    async def reset(self) -> None: ...
    async def __aexit__(self, *args: object) -> None: ...
