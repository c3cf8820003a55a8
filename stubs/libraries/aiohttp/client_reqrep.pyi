"""aiohttp.client_reqrep (aiohttp 3.14, aiohttp/client_reqrep.py): a ClientResponse holds
its connection until it is released, closed, or its body read to the end.

- client_reqrep.py:813 release() hands the connection back to the connector's pool,
  800 close() closes it; both set _closed and may be called again (repeatable).
  985-998 __aenter__ returns self, __aexit__ calls self.release(): an async with block
  releases it.
- 898 read() reads the whole payload, and the end of the payload releases the
  connection (783-794 _response_eof: self._release_connection()); text() (941) and
  json() (951) read through read(): with no argument each releases the response
  (@exhausts).
- 832 raise_for_status reads the status (releasing the response itself when it raises):
  valid after release.
"""

from mypy_ownership import Own

class ClientResponse:
    @repeatable
    def release(self: Own[ClientResponse]) -> object: ...
    @repeatable
    def close(self: Own[ClientResponse]) -> None: ...
    async def __aexit__(self: Own[ClientResponse], *args: object) -> None: ...
    @exhausts
    async def read(self) -> bytes: ...
    @exhausts
    async def text(self, encoding: object = ..., errors: object = ...) -> str: ...
    @exhausts
    async def json(self, *, encoding: object = ..., loads: object = ..., content_type: object = ...) -> object: ...
    @valid_after_release
    def raise_for_status(self) -> None: ...
