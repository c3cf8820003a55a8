"""dbm.dumb: dbm.dumb.open() returns a _Database that must be closed.

- Lib/dbm/dumb.py open: ``return _Database(file, mode, flag=flag)``. _Database.close()
  commits the index to the .dir file (``self._commit()``) and drops the handles;
  __exit__ calls self.close(); afterwards operations raise dbm.dumb.error "DBM object has
  already been closed" (_Database.close, __exit__, _verify_open).
"""

from typing import Any

from mypy_ownership import Own

class _Database:
    @repeatable
    def close(self: Own[_Database]) -> None: ...
    def __exit__(self: Own[_Database], *args: object) -> None: ...

def open(file: Any, flag: str = ..., mode: int = ...) -> Own[_Database]: ...
