"""_dbm (the implementation of dbm.ndbm): a ndbm handle is released by close() or by
leaving a with block (Modules/_dbmmodule.c: _dbm_dbm_close_impl calls dbm_close();
dbm__exit__ calls close()). After close() operations raise _dbm.error
(check_dbmobject_open)."""

from mypy_ownership import Own

class _dbm:
    @repeatable
    def close(self: Own[_dbm]) -> None: ...
    def __exit__(self: Own[_dbm], *args: object) -> None: ...
