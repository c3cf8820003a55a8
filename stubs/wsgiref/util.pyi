"""wsgiref.util.FileWrapper(filelike) is returned to a WSGI server, which iterates it and
then calls its close(): CPython Lib/wsgiref/util.py FileWrapper.__init__ keeps
``self.filelike`` and sets ``self.close = filelike.close``; the server calls
``self.result.close()`` when the response ends (Lib/wsgiref/handlers.py
BaseHandler.close). The wrapper takes the file over (docs/design.md §2.5)."""

from mypy_ownership import Own

class FileWrapper:
    @takes_over
    def __init__(self, filelike: Own[object], blksize: int = ...) -> None: ...
