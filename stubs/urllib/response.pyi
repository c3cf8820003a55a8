"""urllib.response: the response classes wrap a file object and close it.

CPython Lib/urllib/response.py: addbase.__init__(fp) passes ``fp`` to
tempfile._TemporaryFileWrapper.__init__, which keeps it as ``self.file`` and closes it in
close() (Lib/tempfile.py _TemporaryFileWrapper.close calls self._closer.close(), which
calls ``self.file.close()``); addbase.__exit__ calls self.close(). addclosehook, addinfo
and addinfourl call addbase.__init__(fp). The wrapper takes the file over
(docs/design.md §2.5): ``addinfourl(open(p, "rb"), headers, url)`` is not a leak."""

from mypy_ownership import Own

class addbase:
    @takes_over
    def __init__(self, fp: Own[object]) -> None: ...

class addclosehook:
    @takes_over
    def __init__(self, fp: Own[object], closehook: object, *hookargs: object) -> None: ...

class addinfo:
    @takes_over
    def __init__(self, fp: Own[object], headers: object) -> None: ...

class addinfourl:
    @takes_over
    def __init__(self, fp: Own[object], headers: object, url: str, code: int | None = ...) -> None: ...
