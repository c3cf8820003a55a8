"""sqlalchemy (2.1, sqlalchemy/pool/base.py): the DBAPI connection Engine.raw_connection()
hands out owes close(), which "releases the proxied connection back to the connection
pool" (PoolProxiedConnection.close, base.py:1183; _ConnectionFairy.close checks it in when
its counter drops to zero, base.py:1608).
"""

from mypy_ownership import Own

class PoolProxiedConnection:
    def close(self: Own[PoolProxiedConnection]) -> None: ...
    def __exit__(self: Own[PoolProxiedConnection], *args: object) -> None: ...
