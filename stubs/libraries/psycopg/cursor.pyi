"""psycopg.cursor (psycopg 3.3, psycopg/cursor.py): a cursor is closed by close() or a with
block (50-59 __exit__ calls close()); close() again only resets it (61 -> _cursor_base.py
659 _close; _server_cursor.py:65 returns at once when closed): repeatable. Which cursors
are owed: stubs/libraries/psycopg/connection.pyi.
"""

from mypy_ownership import Own

class Cursor:
    @repeatable
    def close(self: Own[Cursor]) -> None: ...
    def __exit__(self: Own[Cursor], *args: object) -> None: ...
