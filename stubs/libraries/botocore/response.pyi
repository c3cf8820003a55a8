"""botocore (1.44, botocore/response.py): a StreamingBody, the ``Body`` of an S3
get_object() response and of every other streaming operation, owes close() unless it is
read to its end.

- StreamingBody(raw_stream, content_length) wraps the urllib3 response the HTTP layer
  made with ``preload_content=False`` (response.py:54); close() closes it
  (response.py:190, ``self._raw_stream.close()``), and so does leaving a ``with`` block
  (__exit__, response.py:145). Closing it closes what it wraps: a second view of
  ``raw_stream`` (@view_of), so one over an in-memory buffer owes nothing.
- read() with no size "read[s] all data" (response.py:92) and the urllib3 response then
  gives its connection back to the pool (urllib3 HTTPResponse.read, ``release_conn``):
  @exhausts. Iterating over it to the end reads chunks until an empty one
  (__iter__ -> iter_chunks, response.py:131, response.py:165): @exhausts on __iter__.
- A second close() closes a closed urllib3 response, which does nothing (repeatable).
"""

from mypy_ownership import Own

class StreamingBody:
    @view_of("raw_stream")
    def __init__(self, raw_stream: object, content_length: object) -> None: ...
    @repeatable
    def close(self: Own[StreamingBody]) -> None: ...
    def __exit__(self: Own[StreamingBody], *args: object) -> None: ...
    @exhausts
    def read(self, amt: int | None = ...) -> bytes: ...
    @exhausts
    def __iter__(self) -> object: ...
