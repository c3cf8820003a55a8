"""dbm.ndbm: dbm.ndbm.open() returns a ndbm handle that must be closed.

- Lib/dbm/ndbm.py is ``from _dbm import *``: open() is _dbm.open, which returns a dbm
  object; its close() calls dbm_close() and its __exit__ calls close()
  (Modules/_dbmmodule.c _dbm_dbm_close_impl, dbm__exit__). typeshed names that type
  _dbm._dbm (type_check_only), made a resource by stubs/_dbm.pyi.
"""

from typing import Any

from mypy_ownership import Own

def open(filename: Any, flags: str = ..., mode: int = ...) -> Own[object]: ...
