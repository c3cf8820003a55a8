"""dbm.gnu: dbm.gnu.open() returns a gdbm handle that must be closed.

- Lib/dbm/gnu.py is ``from _gdbm import *``: open() is _gdbm.open, which returns a gdbm
  object; its close() calls gdbm_close() and its __exit__ calls the same
  _gdbm_gdbm_close_impl (Modules/_gdbmmodule.c). typeshed names that type _gdbm._gdbm
  (type_check_only), made a resource by stubs/_gdbm.pyi.
"""

from typing import Any

from mypy_ownership import Own

def open(filename: Any, flags: str = ..., mode: int = ...) -> Own[object]: ...
