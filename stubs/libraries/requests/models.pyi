"""requests.models (requests 2.34, requests/models.py): a Response holds its connection
(the urllib3 response in .raw) until it is closed or its body is read to the end.

- models.py:1169 Response.close: closes .raw unless the content was consumed and calls
  raw.release_conn(), putting the connection back in its pool; models.py:810-814
  __enter__ returns self and __exit__ calls self.close(), so a with block releases it.
  A second close() only releases an already released connection again (repeatable).
- models.py:933-954 iter_content's generator streams .raw to its end, and urllib3 hands
  the connection back once the body is read (urllib3/response.py:974-976: release_conn()
  when the original response is closed); iter_lines (976-) reads through iter_content.
  So a for loop over either that runs out releases the response (@exhausts_in_loop), as
  does one over the response itself (models.py:855 __iter__ is iter_content(128)).
- models.py:1087 json() reads self.content (1031-1044: the whole body through
  iter_content), so json() with no argument releases it (@exhausts); reading the
  .content or .text property does too, which a stub cannot say (docs/limitations.md).
- models.py:1140 raise_for_status reads only the status and reason, valid after close().
- models.py:763-779 Response.__init__ sets ``self.raw = None``: a response built by its
  constructor (a placeholder, a cached response, a test double; a subclass's own
  __init__ too) has no connection. Only the adapter's build_response (adapters.py:376,
  386 ``response.raw = resp``) gives one a connection, and a session hands that response
  to its caller, owed as Session.request says. So the constructor owes nothing
  (@owes_nothing_when() naming no argument).
- models.py:1169-1180 close() closes .raw (unless the content was consumed) and gives the
  connection back; the fields it read stay: status_code, headers, url, reason, and
  ``_content`` once consumed (models.py:1031-1044 content returns it). So after close()
  the response is still readable, passed on, kept or returned; only reading its stream
  again (json(), iter_content, iter_lines, iteration) is a use after release
  (@leaves_readable on close and __exit__). A response that owes nothing (not streamed:
  Session.send read it whole) is so readable after a with block over it.
"""

from mypy_ownership import Own

class Response:
    @owes_nothing_when()
    def __init__(self) -> None: ...
    @repeatable
    @leaves_readable
    def close(self: Own[Response]) -> None: ...
    @leaves_readable
    def __exit__(self: Own[Response], *args: object) -> None: ...
    @exhausts
    def __iter__(self) -> object: ...
    @exhausts_in_loop
    def iter_content(self, chunk_size: object = ..., decode_unicode: object = ...) -> object: ...
    @exhausts_in_loop
    def iter_lines(self, chunk_size: object = ..., decode_unicode: object = ..., delimiter: object = ...) -> object: ...
    @exhausts
    def json(self) -> object: ...
    @valid_after_release
    def raise_for_status(self) -> None: ...
