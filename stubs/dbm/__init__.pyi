"""dbm: dbm.open() returns a database handle that must be closed.

- dbm.open() returns ``mod.open(file, flag, mode)`` of the back end it picks
  (Lib/dbm/__init__.py open): dbm.gnu, dbm.ndbm or dbm.dumb. Every back end closes on
  close() and on leaving a with block: Lib/dbm/dumb.py _Database.close/__exit__,
  Modules/_gdbmmodule.c _gdbm_gdbm_close_impl/gdbm__exit__, Modules/_dbmmodule.c
  _dbm_dbm_close_impl/dbm__exit__ (which calls close). After close() every operation
  raises dbm.error (dumb: "DBM object has already been closed", _verify_open).
- typeshed types the result as dbm._Database, a type_check_only class with close() and
  __exit__: that is the class this stub makes a resource.
"""

from typing import Any

from mypy_ownership import Own

class _Database:
    @repeatable
    def close(self: Own[_Database]) -> None: ...
    def __exit__(self: Own[_Database], *args: object) -> None: ...

def open(file: Any, flag: str = ..., mode: int = ...) -> Own[_Database]: ...
