"""sqlalchemy (2.1, sqlalchemy/ext/asyncio/session.py): an AsyncSession owes
``await session.close()`` (session.py:1311, the async Session.close), which __aexit__
awaits (session.py:1378); async_sessionmaker.__call__ builds one for the caller.
"""

from typing import Any

from mypy_ownership import Own

class AsyncSession:
    @repeatable
    async def close(self: Own[AsyncSession]) -> None: ...
    async def __aexit__(self: Own[AsyncSession], *args: object) -> None: ...

class async_sessionmaker:
    def __call__(self, **local_kw: Any) -> Own[AsyncSession]: ...
