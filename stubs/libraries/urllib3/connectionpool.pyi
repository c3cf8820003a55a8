"""urllib3.connectionpool (urllib3 2.8): a connection pool holds its HTTP connections until
close().

- connectionpool.py:564 HTTPConnectionPool.close closes every pooled connection and
  disables the pool; a second call finds self.pool None and returns (repeatable).
  connectionpool.py:98-109 ConnectionPool.__enter__ returns self, __exit__ calls
  self.close(), so a with block releases it.
- connectionpool.py:1140 connection_from_url returns a new HTTP(S)ConnectionPool: the
  caller's to close.
"""

from mypy_ownership import Own

class ConnectionPool:
    @repeatable
    def close(self: Own[ConnectionPool]) -> None: ...
    def __exit__(self: Own[ConnectionPool], *args: object) -> object: ...

def connection_from_url(url: object, **kw: object) -> Own[object]: ...
