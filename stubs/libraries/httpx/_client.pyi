"""httpx._client (httpx 0.29, httpx/_client.py): a client owns its transport, whose
connection pool holds the open connections, until it is closed; a response owes a release
only when sent with stream=True.

- _client.py:1263 Client.close closes the transport and every mounted one, once (a second
  call finds the state CLOSED: repeatable); _client.py:1293 __exit__ does the same
  through the transports' __exit__. AsyncClient: aclose (1978) and __aexit__ (2008), the
  same for the async transports.
- _client.py:879 Client.send(request, *, stream=False): without stream the body is read
  before send returns (919-921 "if not stream: response.read()", which closes the
  response once read: _models.py:876, 935-959), so the response holds nothing; with
  stream=True it keeps its connection until closed or read to its end
  (stubs/libraries/httpx/_models.pyi). AsyncClient.send (1594) likewise with aread().
  Owed only for a literal stream=True (@owes_when).
- _client.py:827 Client.stream is a @contextmanager: it sends with stream=True, yields the
  response and closes it in a finally (875-877); AsyncClient.stream (1542) likewise with
  aclose(). Its response is released when the with block ends; the call itself, never
  entered, has sent nothing.
"""

from mypy_ownership import Own

class Client:
    @repeatable
    def close(self: Own[Client]) -> None: ...
    def __exit__(self: Own[Client], *args: object) -> None: ...
    @owes_when(stream=True)
    def send(self, request: object, *, stream: object = ...) -> Own[Response]: ...

class AsyncClient:
    @repeatable
    async def aclose(self: Own[AsyncClient]) -> None: ...
    async def __aexit__(self: Own[AsyncClient], *args: object) -> None: ...
    @owes_when(stream=True)
    async def send(self, request: object, *, stream: object = ...) -> Own[Response]: ...
