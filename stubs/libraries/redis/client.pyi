"""redis (redis-py 8.2, redis/client.py): a client owes close() when it owns its pool, a
pub/sub owes close() for the connection it holds.

- Redis.__init__ makes a ConnectionPool of its own when none is passed and then sets
  ``self.auto_close_connection_pool = True`` (client.py:588); given ``connection_pool``
  it sets it False (client.py:590), and close() (client.py:869) closes the pool only
  ``if self.auto_close_connection_pool``. So a client over a caller's pool leaves the
  pool open and owes nothing of its own (@wraps("connection_pool")); built without one
  it owns its pool's sockets. Redis.from_url() and Redis.from_pool() build the pool and
  set ``auto_close_connection_pool = True`` (client.py:283, client.py:316): the caller
  owns it all.
- close() releases ``self.connection`` to the pool and closes an owned pool; it checks
  each attribute, so a second call does nothing (repeatable). __exit__ calls close()
  (client.py:860).
- Redis.pubsub() returns a PubSub holding a connection taken from the pool on its first
  subscribe; PubSub.close() and reset() disconnect it and give it back (client.py:1275,
  client.py:1300), and __exit__ calls reset() (client.py:1263).
- Redis.pipeline() returns a Pipeline, a subclass of Redis, that takes a connection only
  while execute() runs and gives it back in its ``finally`` (Pipeline.reset,
  client.py:2017): a pipeline owes nothing between commands, so Pipeline.close() and
  reset() are not releases here, and the Redis entries do not apply to it along its MRO.
- Redis.lock() returns a redis.lock.Lock (redis/lock.pyi).
"""

from typing import Any

from mypy_ownership import Own

class Redis:
    @wraps("connection_pool")
    def __init__(self, host: str = ..., port: int = ..., db: int = ..., password: Any = ..., socket_timeout: Any = ..., socket_connect_timeout: Any = ..., socket_read_size: int = ..., socket_keepalive: Any = ..., socket_keepalive_options: Any = ..., connection_pool: Any = ..., *args: Any, **kwargs: Any) -> None: ...
    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Own[Redis]: ...
    @classmethod
    def from_pool(cls, connection_pool: Any) -> Own[Redis]: ...
    @repeatable
    def close(self: Own[Redis]) -> None: ...
    def __exit__(self: Own[Redis], *args: object) -> None: ...
    def pubsub(self, **kwargs: Any) -> Own[PubSub]: ...

class PubSub:
    @repeatable
    def close(self: Own[PubSub]) -> None: ...
    @repeatable
    def reset(self: Own[PubSub]) -> None: ...
    def __exit__(self: Own[PubSub], *args: object) -> None: ...

class Pipeline:
    def close(self) -> None: ...
    def reset(self) -> None: ...
    def __exit__(self, *args: object) -> None: ...
