"""lzma: lzma.open() and LZMAFile(...) return a stream that must be closed.

- LZMAFile is an io.BufferedIOBase (Lib/lzma.py: ``class LZMAFile(_compression.BaseStream)``,
  Lib/_compression.py: ``class BaseStream(io.BufferedIOBase)``): close() and with release
  it. LZMAFile.close() flushes the compressor in write mode (``self._fp.write(
  self._compressor.flush())``), so an unclosed writer leaves a truncated file.
- LZMAFile does NOT close a file object passed in: it opens and owns a file only for a
  path (``self._fp = builtins.open(filename, mode); self._closefp = True``) and close()
  closes ``self._fp`` only ``if self._closefp`` (Lib/lzma.py LZMAFile.__init__, close).
  So `filename` is not taken (no Own): a file object passed in is still the caller's. Over a file object
  it owes its own close() only when writing (@wraps, @owes_when(mode="wxa")): close()
  then writes the end of the output.
- lzma.open() returns ``LZMAFile(filename, lz_mode, ...)``, wrapped in
  ``io.TextIOWrapper(binary_file, ...)`` in text mode, which closes it (Lib/lzma.py open).
"""

from typing import Any

from mypy_ownership import Own

class LZMAFile:
    @wraps("filename")
    @owes_when(mode="wxa")
    def __init__(self, filename: Any = ..., mode: str = ..., *, format: int | None = ..., check: int = ..., preset: int | None = ..., filters: Any = ...) -> None: ...
    @repeatable
    def close(self: Own[LZMAFile]) -> None: ...

@wraps("filename")
@owes_when(mode="wxa")
def open(filename: Any, mode: str = ..., *, format: int | None = ..., check: int = ..., preset: int | None = ..., filters: Any = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ...) -> Own[object]: ...
