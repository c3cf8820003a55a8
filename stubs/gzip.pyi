"""gzip: gzip.open() and GzipFile(...) return a stream that must be closed.

- GzipFile is an io.BufferedIOBase (Lib/gzip.py: ``class GzipFile(_compression.BaseStream)``,
  Lib/_compression.py: ``class BaseStream(io.BufferedIOBase)``), so close() and with
  release it as for every io stream. GzipFile.close() writes the trailer (CRC and size) in
  write mode, so an unclosed writer leaves a truncated .gz file.
- GzipFile does NOT close a file object passed in: __init__ opens a file itself only
  ``if fileobj is None`` (``fileobj = self.myfileobj = builtins.open(...)``), and close()
  closes only ``self.myfileobj``. So `fileobj` is not taken (no Own): the caller still
  closes it. Over a file object
  it owes its own close() only when writing (@wraps, @owes_when(mode="wxa")): close()
  then writes the end of the output.
- gzip.open(filename) builds ``GzipFile(filename, gz_mode, compresslevel)`` for a path and
  ``GzipFile(None, gz_mode, compresslevel, filename)`` for a file object (not closed, as
  above); in text mode it returns ``io.TextIOWrapper(binary_file, ...)``, which closes the
  GzipFile when closed (Lib/gzip.py open).
"""

from typing import Any

from mypy_ownership import Own

class GzipFile:
    @wraps("fileobj")
    @owes_when(mode="wxa")
    def __init__(self, filename: Any = ..., mode: str | None = ..., compresslevel: int = ..., fileobj: Any = ..., mtime: float | None = ...) -> None: ...
    @repeatable
    def close(self: Own[GzipFile]) -> None: ...

@wraps("filename")
@owes_when(mode="wxa")
def open(filename: Any, mode: str = ..., compresslevel: int = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ...) -> Own[object]: ...
