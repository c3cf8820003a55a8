"""h5py (3.16, h5py/_hl/files.py): an h5py.File owes close().

- File(name, mode) opens the HDF5 file (files.py:371); close() (files.py:611) closes every
  object still open in it and then the file id, which flushes what was written; a second
  close() finds ``self.id.valid`` false and does nothing (repeatable). __exit__ closes it
  ``if self.id`` (files.py:636).
- Given a Python file object (``hasattr(name, 'read') and hasattr(name, 'seek')``,
  files.py:520) it reads and writes through the 'fileobj' driver and never closes that
  object: the caller still closes it (@wraps("name")), and the File owes its own close()
  where it writes (a mode holding "w", "a", "x", "+" or "-", @owes_when), as a reader over
  a caller's file holds only HDF5 ids.
"""

from typing import Any

from mypy_ownership import Own

class File:
    @wraps("name")
    @owes_when(mode="wax+-")
    def __init__(self, name: Any, mode: str = ..., driver: Any = ..., **kwds: Any) -> None: ...
    @repeatable
    def close(self: Own[File]) -> None: ...
    def __exit__(self: Own[File], *args: object) -> None: ...
