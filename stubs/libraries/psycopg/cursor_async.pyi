"""psycopg.cursor_async (psycopg 3.3, psycopg/cursor_async.py): an AsyncCursor is closed by
close() (61, through _cursor_base.py:659 _close: repeatable) or an async with block
(53-59 __aexit__ awaits close()).
"""

from mypy_ownership import Own

class AsyncCursor:
    @repeatable
    async def close(self: Own[AsyncCursor]) -> None: ...
    async def __aexit__(self: Own[AsyncCursor], *args: object) -> None: ...
