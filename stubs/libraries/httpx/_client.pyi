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
- A client opens no connection until it sends: __init__ makes its transport
  (_client.py:688 _init_transport), an HTTPTransport whose httpcore pool
  (_transports/default.py:156 httpcore.ConnectionPool; AsyncConnectionPool at 300) starts
  with no connection (httpcore/_sync/connection_pool.py:120 ``self._connections = []``)
  and opens them as requests come. So a client owes its close() only once it sends:
  request (771; async 1485), stream (828), send (879; async 1594) and the verbs
  (get 1036, head, post, put, patch, delete; async 1751-1949) start its obligation
  (@starts_obligation), as requests' Session.
"""

from mypy_ownership import Own

class Client:
    @repeatable
    def close(self: Own[Client]) -> None: ...
    def __exit__(self: Own[Client], *args: object) -> None: ...
    @owes_when(stream=True)
    @starts_obligation
    def send(self, request: object, *, stream: object = ...) -> Own[Response]: ...
    @starts_obligation
    def request(self, method: object, url: object) -> object: ...
    @starts_obligation
    def stream(self, method: object, url: object) -> object: ...
    @starts_obligation
    def get(self, url: object) -> object: ...
    @starts_obligation
    def head(self, url: object) -> object: ...
    @starts_obligation
    def post(self, url: object) -> object: ...
    @starts_obligation
    def put(self, url: object) -> object: ...
    @starts_obligation
    def patch(self, url: object) -> object: ...
    @starts_obligation
    def delete(self, url: object) -> object: ...

class AsyncClient:
    @repeatable
    async def aclose(self: Own[AsyncClient]) -> None: ...
    async def __aexit__(self: Own[AsyncClient], *args: object) -> None: ...
    @owes_when(stream=True)
    @starts_obligation
    async def send(self, request: object, *, stream: object = ...) -> Own[Response]: ...
    @starts_obligation
    async def request(self, method: object, url: object) -> object: ...
    @starts_obligation
    def stream(self, method: object, url: object) -> object: ...
    @starts_obligation
    async def get(self, url: object) -> object: ...
    @starts_obligation
    async def head(self, url: object) -> object: ...
    @starts_obligation
    async def post(self, url: object) -> object: ...
    @starts_obligation
    async def put(self, url: object) -> object: ...
    @starts_obligation
    async def patch(self, url: object) -> object: ...
    @starts_obligation
    async def delete(self, url: object) -> object: ...
