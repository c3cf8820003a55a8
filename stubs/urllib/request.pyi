"""urllib.request: urlopen() and OpenerDirector.open() return an open response
(http.client.HTTPResponse for http/https, urllib.response.addinfourl otherwise) that must
be closed by close() or by leaving a with block.

- Lib/urllib/request.py urlopen -> OpenerDirector.open -> AbstractHTTPHandler.do_open:
  sends "Connection: close", returns r = h.getresponse() after closing h.sock and
  setting h.sock = None, so the response's fp (sock.makefile, Lib/http/client.py
  HTTPResponse.__init__) is the only reference left to the socket; on a failed request
  do_open closes the connection itself and raises.
- Lib/urllib/request.py FileHandler.open_local_file, DataHandler.data_open,
  FTPHandler.ftp_open: return addinfourl(...) over an open file, a BytesIO or an FTP
  data stream; Lib/urllib/response.py addbase (a tempfile._TemporaryFileWrapper):
  __exit__ calls self.close(), which closes the wrapped file.
- For an http or https URL the response is an HTTPResponse, which reading to its end
  closes (stubs/http/client.pyi); for other schemes it is not: so the result is released
  by read() or a for loop run out only when the URL is known to start with "http"
  (@exhausted_when).
- Checker note, not a CPython fact: typeshed types the result of both functions as Any,
  so the response is a resource released by any release the stubs mark @repeatable
  (close()) or by leaving a with block.
"""

from mypy_ownership import Own

@exhausted_when(url="http")
def urlopen(url: object, data: object = ..., timeout: float | None = ..., *, context: object = ...) -> Own[object]: ...

class OpenerDirector:
    @exhausted_when(fullurl="http")
    def open(self, fullurl: object, data: object = ..., timeout: float | None = ...) -> Own[object]: ...
