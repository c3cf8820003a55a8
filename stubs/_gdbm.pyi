"""_gdbm (the implementation of dbm.gnu): a gdbm handle is released by close() or by
leaving a with block (Modules/_gdbmmodule.c: _gdbm_gdbm_close_impl calls gdbm_close();
gdbm__exit__ calls _gdbm_gdbm_close_impl). After close() operations raise _gdbm.error
(check_gdbmobject_open)."""

from mypy_ownership import Own

class _gdbm:
    @repeatable
    def close(self: Own[_gdbm]) -> None: ...
    def __exit__(self: Own[_gdbm], *args: object) -> None: ...
