"""redis (redis-py 8.2, redis/connection.py): a ConnectionPool owes close().

- ConnectionPool.close() (connection.py:4512) runs the pool's close handlers and then
  disconnect(); disconnect() (connection.py:4492) closes the socket of every connection,
  idle and (by default) in use. Both may be called again: the pool reconnects lazily,
  and a disconnected connection's disconnect() does nothing (repeatable).
- __exit__ calls close() (connection.py:4525). BlockingConnectionPool subclasses it.
- get_connection() hands out a connection that release() gives back (connection.py:4319,
  connection.py:4432); redis-py's own clients do this in ``finally`` blocks, and a
  connection is no resource of its own here: only the pool is.
"""

from mypy_ownership import Own

class ConnectionPool:
    @repeatable
    def close(self: Own[ConnectionPool]) -> None: ...
    @repeatable
    def disconnect(self: Own[ConnectionPool], inuse_connections: bool = ...) -> None: ...
    def __exit__(self: Own[ConnectionPool], *args: object) -> None: ...
