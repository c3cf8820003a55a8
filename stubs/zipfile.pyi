"""zipfile: a ZipFile must be closed; so must every member file it opens.

- ZipFile.close() writes the central directory in modes 'w', 'x' and 'a' and closes the
  file it opened itself; __exit__ calls self.close() (Lib/zipfile.py ZipFile.close,
  ZipFile.__exit__). A constructor is a resource, PyZipFile included (a subclass).
- ZipFile(file) with a file object does not close it: __init__ sets ``self._filePassed =
  1`` and ZipFile._fpclose closes fp only ``if not self._fileRefCnt and not
  self._filePassed``. So `file` is not taken (no Own): the caller still closes it, and
  the ZipFile owes its own close() only in the modes where close() writes the central
  directory (@wraps, @owes_when(mode="wxa")); given a path it opens its own file.
- ZipFile.open() returns a member file to close: for reading a ZipExtFile that holds a
  reference on the archive's file (``self._fileRefCnt += 1``; ZipExtFile.close ->
  _SharedFile.close -> ZipFile._fpclose), so the archive file stays open after
  ZipFile.close() until every member file is closed; for writing a _ZipWriteFile whose
  close() writes the member's header and clears ``_writing`` (Lib/zipfile.py
  _ZipWriteFile.close). Note: typeshed types ZipFile.open() as typing.IO[bytes], which no
  stub makes a resource, so this return is not checked until typing.IO is.
- zipfile.Path.open() returns ``self.root.open(...)`` (wrapped in io.TextIOWrapper in
  text mode, which closes what it wraps): a member file as above (Lib/zipfile.py
  Path.open).
"""

from typing import Any

from mypy_ownership import Own

class ZipFile:
    @wraps("file")
    @owes_when(mode="wxa")
    def __init__(self, file: Any, mode: str = ..., compression: int = ..., allowZip64: bool = ..., compresslevel: int | None = ..., *, strict_timestamps: bool = ...) -> None: ...
    @repeatable
    def close(self: Own[ZipFile]) -> None: ...
    def __exit__(self: Own[ZipFile], *args: object) -> None: ...
    def open(self, name: Any, mode: str = ..., pwd: bytes | None = ..., *, force_zip64: bool = ...) -> Own[object]: ...

class Path:
    def open(self, mode: str = ..., *args: Any, pwd: bytes | None = ..., **kwargs: Any) -> Own[object]: ...
