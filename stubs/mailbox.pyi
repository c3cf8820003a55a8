"""mailbox: a mailbox must be closed; so must the message file get_file() returns.

- Mailbox.close() is the documented "Flush the mailbox, unlock it if necessary, and close
  any open files" (Lib/mailbox.py Mailbox.close, abstract). The single-file mailboxes
  (mbox, MMDF, Babyl) open their file in the constructor (_singlefileMailbox.__init__:
  ``f = open(self._path, 'rb+')``) and close it only in close() (``self.flush()``, unlock,
  ``self._file.close()``), so unsaved changes are lost without it; MH.close() unlocks;
  Maildir.close() has nothing to do, but the contract is the same for every subclass.
  Mailbox has no __enter__/__exit__ in 3.11 (added in 3.15), so close() is the only
  release. After close() a single-file mailbox raises ValueError ("seek of closed file").
- get_file() returns a file-like object to close (the documentation: "This file should be
  closed once it is no longer needed"): Maildir and MH return
  ``_ProxyFile(open(path, 'rb'))``, whose close() closes that file; mbox/MMDF return a
  _PartialFile over the mailbox's file, whose close() only drops its reference; Babyl
  returns an io.BytesIO (Lib/mailbox.py Maildir.get_file, MH.get_file,
  _mboxMMDF.get_file, Babyl.get_file, _ProxyFile.close, _PartialFile.close).
  _ProxyFile.__exit__ calls close(). typeshed types the base method's result as the
  protocol _GetFileReturn.
- typeshed re-declares close() on Maildir, _singlefileMailbox (the base of mbox, MMDF and
  Babyl) and MH, and get_file() on Maildir, _mboxMMDF, MH and Babyl; the nearest
  declaration along the MRO decides, so each is declared here again.
- lock()/unlock() are not declared: a mailbox is both a resource (close) and a lock, and
  the analysis keeps one obligation per name.
"""

from typing import Any

from mypy_ownership import Own

class Mailbox:
    @repeatable
    def close(self: Own[Mailbox]) -> None: ...
    def get_file(self, key: str, *args: Any) -> Own[object]: ...

class Maildir:
    @repeatable
    def close(self: Own[Maildir]) -> None: ...
    def get_file(self, key: str) -> Own[object]: ...

class _singlefileMailbox:
    @repeatable
    def close(self: Own[_singlefileMailbox]) -> None: ...

class _mboxMMDF:
    def get_file(self, key: str, from_: bool = ...) -> Own[object]: ...

class MH:
    @repeatable
    def close(self: Own[MH]) -> None: ...
    def get_file(self, key: str) -> Own[object]: ...

class Babyl:
    def get_file(self, key: str) -> Own[object]: ...

class _ProxyFile:
    @repeatable
    def close(self: Own[_ProxyFile]) -> None: ...
    def __exit__(self: Own[_ProxyFile], *args: object) -> None: ...

class _GetFileReturn:
    @repeatable
    def close(self: Own[_GetFileReturn]) -> object: ...
    def __exit__(self: Own[_GetFileReturn], *args: object) -> None: ...
