"""tempfile: temporary files and directories the caller must close or clean up.

- TemporaryFile() returns an open file (Lib/tempfile.py TemporaryFile: ``_io.open(dir,
  mode, ..., opener=opener)`` on POSIX; on other systems TemporaryFile is
  NamedTemporaryFile). Closing it closes and frees the file (it is already unlinked).
- NamedTemporaryFile() returns a _TemporaryFileWrapper (Lib/tempfile.py
  NamedTemporaryFile: ``return _TemporaryFileWrapper(file, name, delete)``) whose close()
  closes the file and, with delete=True, removes it (_TemporaryFileWrapper.close ->
  _TemporaryFileCloser.close: ``self.file.close()`` then ``unlink(self.name)``); its
  __exit__ calls self.close() after the file's own __exit__.
- SpooledTemporaryFile: close() and __exit__ both call ``self._file.close()``
  (Lib/tempfile.py SpooledTemporaryFile.close/__exit__); __del__ warns "Unclosed file".
- TemporaryDirectory: cleanup() removes the directory; __exit__ calls self.cleanup()
  (Lib/tempfile.py TemporaryDirectory.__exit__/cleanup); a directory never cleaned up is
  removed by a weakref finalizer that emits ResourceWarning "Implicitly cleaning up"
  (TemporaryDirectory.__init__/_cleanup). Its __enter__ returns the path (a str), which
  stays an ordinary string after the block.
- mkstemp() returns (fd, path) with fd an int and mkdtemp() a str: the analysis does not
  follow ints or strings, so they carry no obligation here.
"""

from typing import Any

from mypy_ownership import Own

def TemporaryFile(*args: Any, **kwargs: Any) -> Own[object]: ...
def NamedTemporaryFile(*args: Any, **kwargs: Any) -> Own[object]: ...

class _TemporaryFileWrapper:
    @repeatable
    def close(self: Own[_TemporaryFileWrapper]) -> None: ...
    def __exit__(self: Own[_TemporaryFileWrapper], *args: object) -> None: ...

class SpooledTemporaryFile:
    @repeatable
    def close(self: Own[SpooledTemporaryFile]) -> None: ...
    def __exit__(self: Own[SpooledTemporaryFile], *args: object) -> None: ...

class TemporaryDirectory:
    def cleanup(self: Own[TemporaryDirectory]) -> None: ...
    def __exit__(self: Own[TemporaryDirectory], *args: object) -> None: ...
