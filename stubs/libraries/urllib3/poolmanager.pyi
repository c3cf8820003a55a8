"""urllib3.poolmanager (urllib3 2.8): a PoolManager keeps a connection pool per host
until clear().

- poolmanager.py:283 clear() empties its store of pools; each dropped pool closes its
  pooled connections (connectionpool.py:232-240: a weakref.finalize runs
  _close_pool_connections when the pool goes). poolmanager.py:232-243 __enter__ returns
  self, __exit__ calls clear(), so a with block releases it. clear() again finds nothing
  to drop (repeatable). ProxyManager (513) inherits both.
- connection_from_host/_url/_context (292-372) hand out pools the manager keeps: the
  caller owes nothing for them.
"""

from mypy_ownership import Own

class PoolManager:
    @repeatable
    def clear(self: Own[PoolManager]) -> None: ...
    def __exit__(self: Own[PoolManager], *args: object) -> object: ...
