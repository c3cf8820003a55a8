"""bz2: bz2.open() and BZ2File(...) return a stream that must be closed.

- BZ2File is an io.BufferedIOBase (Lib/bz2.py: ``class BZ2File(_compression.BaseStream)``,
  Lib/_compression.py: ``class BaseStream(io.BufferedIOBase)``): close() and with release
  it. BZ2File.close() flushes the compressor in write mode (``self._fp.write(
  self._compressor.flush())``), so an unclosed writer leaves a truncated file.
- BZ2File does NOT close a file object passed in: it opens and owns a file only for a
  path (``self._fp = _builtin_open(filename, mode); self._closefp = True``) and close()
  closes ``self._fp`` only ``if self._closefp`` (Lib/bz2.py BZ2File.__init__, close). So
  `filename` is not taken (no Own): a file object passed in is still the caller's to close. Over a file object
  it owes its own close() only when writing (@wraps, @owes_when(mode="wxa")): close()
  then writes the end of the output.
- bz2.open() returns ``BZ2File(filename, bz_mode, compresslevel=...)``, wrapped in
  ``io.TextIOWrapper(binary_file, ...)`` in text mode, which closes it (Lib/bz2.py open).
"""

from typing import Any

from mypy_ownership import Own

class BZ2File:
    @wraps("filename")
    @owes_when(mode="wxa")
    def __init__(self, filename: Any, mode: str = ..., *, compresslevel: int = ...) -> None: ...
    @repeatable
    def close(self: Own[BZ2File]) -> None: ...

@wraps("filename")
@owes_when(mode="wxa")
def open(filename: Any, mode: str = ..., compresslevel: int = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ...) -> Own[object]: ...
