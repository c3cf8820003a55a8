"""httpx._models (httpx 0.29, httpx/_models.py): a streamed Response holds its connection
until it is closed or its body is read to the end.

- _models.py:961 close() closes the stream, releasing the connection, once
  (is_closed: repeatable); aclose (1065) likewise for an async stream.
- _models.py:935-959 iter_raw closes the response after its last chunk; iter_bytes
  (884), iter_text (907) and iter_lines (926) read through it, so a for loop over any of
  them that runs out releases the response (@exhausts_in_loop); the async aiter_* (982-
  1063) likewise through aiter_raw and aclose().
- _models.py:876 read() and 974 aread() join iter_bytes()/aiter_bytes() to the end, so
  they release it (@exhausts). json() (831) reads .content, which raises ResponseNotRead
  on an unread stream: it releases nothing.
- raise_for_status (794) reads the status and request only: valid after close().
"""

from mypy_ownership import Own

class Response:
    @repeatable
    def close(self: Own[Response]) -> None: ...
    @repeatable
    async def aclose(self: Own[Response]) -> None: ...
    @exhausts
    def read(self) -> bytes: ...
    @exhausts
    async def aread(self) -> bytes: ...
    @exhausts_in_loop
    def iter_bytes(self, chunk_size: object = ...) -> object: ...
    @exhausts_in_loop
    def iter_text(self, chunk_size: object = ...) -> object: ...
    @exhausts_in_loop
    def iter_lines(self) -> object: ...
    @exhausts_in_loop
    def iter_raw(self, chunk_size: object = ...) -> object: ...
    @exhausts_in_loop
    def aiter_bytes(self, chunk_size: object = ...) -> object: ...
    @exhausts_in_loop
    def aiter_text(self, chunk_size: object = ...) -> object: ...
    @exhausts_in_loop
    def aiter_lines(self) -> object: ...
    @exhausts_in_loop
    def aiter_raw(self, chunk_size: object = ...) -> object: ...
    @valid_after_release
    def raise_for_status(self) -> object: ...
