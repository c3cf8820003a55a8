"""pathlib: Path.open() opens the file, as open() does.

- Lib/pathlib.py Path.open: ``return io.open(self, mode, buffering, encoding, errors,
  newline)``: the caller gets an open file to close. read_text(), read_bytes(),
  write_text() and write_bytes() open and close the file themselves (``with
  self.open(...) as f``), so they carry no obligation; glob() and rglob() close their
  os.scandir() iterators with ``with`` (_WildcardSelector._select_from,
  _RecursiveWildcardSelector._iterate_directories).
"""

from mypy_ownership import Own

class Path:
    def open(self, mode: str = ..., buffering: int = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ...) -> Own[object]: ...
