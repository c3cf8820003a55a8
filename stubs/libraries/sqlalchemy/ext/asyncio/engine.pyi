"""sqlalchemy (2.1, sqlalchemy/ext/asyncio/engine.py): an AsyncConnection from
AsyncEngine.connect() owes ``await conn.close()``.

- AsyncEngine.connect() returns an AsyncConnection (engine.py:1090) that takes a pool
  connection when awaited (``__await__`` runs start(), engine.py:905) or entered;
  close() (engine.py:485) closes the sync Connection it proxies, and __aexit__ awaits it
  (engine.py:914).
"""

from mypy_ownership import Own

class AsyncConnection:
    @repeatable
    async def close(self: Own[AsyncConnection]) -> None: ...
    async def __aexit__(self: Own[AsyncConnection], *args: object) -> None: ...

class AsyncEngine:
    def connect(self) -> Own[AsyncConnection]: ...
