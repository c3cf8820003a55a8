"""shelve: a shelf must be closed; closing it closes the database it wraps.

- Shelf.close() writes back the cache (``self.sync()``, which matters with
  writeback=True: entries are only stored then), closes the wrapped mapping
  (``self.dict.close()``, an AttributeError being ignored for a plain dict) and replaces it
  with a _ClosedDict whose every operation raises ValueError "invalid operation on closed
  shelf"; __exit__ calls self.close() (Lib/shelve.py Shelf.close, Shelf.__exit__).
- Shelf(dict) and BsdDbShelf(dict) therefore take their mapping: it is closed with the
  shelf (Own). A dbm handle passed in is released by closing the shelf.
- DbfilenameShelf(filename) opens its own database (``dbm.open(filename, flag)``) and
  shelve.open() returns ``DbfilenameShelf(filename, flag, protocol, writeback)``
  (Lib/shelve.py DbfilenameShelf.__init__, open): the filename is not taken.
"""

from typing import Any

from mypy_ownership import Own

class Shelf:
    def __init__(self, dict: Own[object], protocol: int | None = ..., writeback: bool = ..., keyencoding: str = ...) -> None: ...
    @repeatable
    def close(self: Own[Shelf]) -> None: ...
    def __exit__(self: Own[Shelf], *args: object) -> None: ...

class DbfilenameShelf:
    def __init__(self, filename: Any, flag: str = ..., protocol: int | None = ..., writeback: bool = ...) -> None: ...

def open(filename: Any, flag: str = ..., protocol: int | None = ..., writeback: bool = ...) -> Own[Shelf]: ...
