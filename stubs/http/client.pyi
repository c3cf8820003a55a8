"""http.client: a connection owns its socket until close(); getresponse() hands the caller
a response, a binary stream to close like any other.

- Lib/http/client.py HTTPConnection.close: closes self.sock and the response it still
  tracks (self.__response). HTTPConnection has no __enter__/__exit__: only close()
  releases it. (request() after close() reconnects when auto_open is set -- a reuse the
  checker reports as use after release.)
- Lib/http/client.py HTTPResponse.__init__: self.fp = sock.makefile("rb"), a second
  reference that keeps the socket's descriptor open (Lib/socket.py _io_refs) until the
  response is closed; HTTPConnection.getresponse closes the connection itself when the
  response says the connection will close ("this effectively passes the connection to
  the response"), so the response then is the only owner of the socket.
- Lib/http/client.py class HTTPResponse(io.BufferedIOBase): close() and leaving a with
  block (IOBase.__exit__) release it; reading to the end of the body also closes it:
  read() with no amount, and readline() at the end (each calls self._close_conn()), so
  read() and a for loop over it that runs out release it (@exhausts).
- After close(): isclosed(), getheader(), getheaders(), info(), geturl(), getcode() only
  read saved fields (fp is not needed); fileno() returns self.fp.fileno(), which fails once
  fp is None, so it is not valid after release (unlike io.IOBase.fileno in stubs/io.pyi).
"""

from mypy_ownership import Own

class HTTPConnection:
    @repeatable
    def close(self: Own[HTTPConnection]) -> None: ...
    def getresponse(self) -> Own[HTTPResponse]: ...

class HTTPResponse:
    @exhausts
    def read(self, amt: int | None = ...) -> bytes: ...
    @exhausts
    def __iter__(self) -> object: ...
    @repeatable
    def close(self: Own[HTTPResponse]) -> None: ...
    def __exit__(self: Own[HTTPResponse], *args: object) -> None: ...
    def fileno(self) -> int: ...
    @valid_after_release
    def isclosed(self) -> bool: ...
    @valid_after_release
    def getheader(self, name: str, default: object = ...) -> object: ...
    @valid_after_release
    def getheaders(self) -> object: ...
    @valid_after_release
    def info(self) -> object: ...
    @valid_after_release
    def geturl(self) -> object: ...
    @valid_after_release
    def getcode(self) -> object: ...
