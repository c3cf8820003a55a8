"""tarfile: an archive opened with tarfile.open() or TarFile(...) must be closed.

- TarFile.close() writes the end-of-archive blocks in modes 'a', 'w', 'x' and closes the
  file object unless it was passed in (Lib/tarfile.py TarFile.close: ``if not
  self._extfileobj: self.fileobj.close()``). __exit__ closes too: close() on success, and
  on an exception it closes the file object (unless passed in) and sets ``self.closed =
  True`` without writing the end blocks (TarFile.__exit__). Operations after close raise
  OSError "TarFile is closed" (TarFile._check).
- tarfile.open is TarFile.open (Lib/tarfile.py: ``open = TarFile.open``), a classmethod
  that returns a new TarFile (through taropen/gzopen/bz2open/xzopen or cls(...)).
- A fileobj passed in is not closed: TarFile.__init__ sets ``self._extfileobj = True``
  when fileobj is given; for compressed modes gzopen/bz2open/xzopen wrap it in
  GzipFile/BZ2File/LZMAFile, which close only what they opened themselves, and set
  ``t._extfileobj = False`` so that only the wrapper is closed. So `fileobj` is not taken
  (no Own): the caller still closes it. Over a file object
  it owes its own close() only when writing (@wraps, @owes_when(mode="wxa")): close()
  then writes the end of the output.
- extractfile() returns an ExFileObject (io.BufferedReader over _FileInFile) whose close()
  only marks it closed (_FileInFile.close: ``self.closed = True``): it holds no handle of
  its own, so it is not declared here.
"""

from typing import Any

from mypy_ownership import Own

class TarFile:
    @wraps("fileobj")
    @owes_when(mode="wxa")
    def __init__(self, name: Any = ..., mode: str = ..., fileobj: Any = ..., **kwargs: Any) -> None: ...
    @repeatable
    def close(self: Own[TarFile]) -> None: ...
    def __exit__(self: Own[TarFile], *args: object) -> None: ...
    @classmethod
    @wraps("fileobj")
    @owes_when(mode="wxa")
    def open(cls, name: Any = ..., mode: str = ..., fileobj: Any = ..., bufsize: int = ..., **kwargs: Any) -> Own[TarFile]: ...
    @classmethod
    def taropen(cls, name: Any, mode: str = ..., fileobj: Any = ..., **kwargs: Any) -> Own[TarFile]: ...
    @classmethod
    def gzopen(cls, name: Any, mode: str = ..., fileobj: Any = ..., compresslevel: int = ..., **kwargs: Any) -> Own[TarFile]: ...
    @classmethod
    def bz2open(cls, name: Any, mode: str = ..., fileobj: Any = ..., compresslevel: int = ..., **kwargs: Any) -> Own[TarFile]: ...
    @classmethod
    def xzopen(cls, name: Any, mode: str = ..., fileobj: Any = ..., preset: int | None = ..., **kwargs: Any) -> Own[TarFile]: ...

@wraps("fileobj")
@owes_when(mode="wxa")
def open(name: Any = ..., mode: str = ..., fileobj: Any = ..., bufsize: int = ..., **kwargs: Any) -> Own[TarFile]: ...
