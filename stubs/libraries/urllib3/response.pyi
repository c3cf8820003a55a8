"""urllib3.response (urllib3 2.8): a response made with preload_content=False holds its
connection until it is released back to the pool, closed, or read to its end.

- response.py:810 HTTPResponse.release_conn puts the connection back in its pool (a
  second call finds self._connection None: repeatable); 1309 close() closes the body and
  the connection; 817 drain_conn() reads the rest of the body, and reading to the end
  releases the connection (the _error_catcher finally, 974-976: release_conn() once the
  original response is closed). BaseHTTPResponse (467) derives from io.IOBase, whose
  __exit__ calls close(): a with block releases it.
- 1083 read() with no amount reads to the end (@exhausts); so do json() (535, through
  .data, 835: self.read(cache_content=True)) and __iter__ (1511, lines through stream()).
  1262 stream() reads chunk by chunk until the body ends: a for loop over it that runs
  out releases the response (@exhausts_in_loop).
- getheaders, getheader, info, geturl (698-708) read saved fields: valid after release.
- drain_conn() reads the rest of the body and gives the connection back, leaving the
  response's status and headers in place: urllib3's own retry code passes a drained
  response on to Retry.sleep_for_retry (connectionpool.py:939-940). So it discharges what
  the response owes without ending it (@exhausts), as reading it to the end does;
  release_conn() hands the connection back with the body unread (a later read() would
  read another request's connection) and close() closes it: both end the response.
- Neither takes what the response read: its status, headers and a cached body (835-843
  ``data`` returns ``self._body`` once read with cache_content=True) stay readable, and
  the response may be passed on (an error built from it, minio's S3Error.fromxml). Only
  reading its stream again (read, json, stream, iteration) is a use after release
  (@leaves_readable on release_conn, close and __exit__).
"""

from mypy_ownership import Own

class BaseHTTPResponse:
    @repeatable
    @leaves_readable
    def release_conn(self: Own[BaseHTTPResponse]) -> None: ...
    @repeatable
    @leaves_readable
    def close(self: Own[BaseHTTPResponse]) -> None: ...
    @exhausts
    def drain_conn(self) -> None: ...
    @leaves_readable
    def __exit__(self: Own[BaseHTTPResponse], *args: object) -> None: ...
    @exhausts
    def read(self, amt: object = ..., decode_content: object = ..., cache_content: object = ...) -> bytes: ...
    @exhausts
    def json(self) -> object: ...
    @exhausts
    def __iter__(self) -> object: ...
    @exhausts_in_loop
    def stream(self, amt: object = ..., decode_content: object = ...) -> object: ...
    @valid_after_release
    def getheaders(self) -> object: ...
    @valid_after_release
    def getheader(self, name: object, default: object = ...) -> object: ...
    @valid_after_release
    def info(self) -> object: ...
    @valid_after_release
    def geturl(self) -> object: ...
