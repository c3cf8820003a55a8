"""requests.sessions (requests 2.34, requests/sessions.py): a Session owns its transport
adapters, whose urllib3 pool managers hold the open connections, until close(); a
response it returns owes a release of its own only when streamed.

- sessions.py:883 Session.close: closes every mounted adapter (adapters.py:555
  HTTPAdapter.close clears its PoolManager, closing the pooled connections).
  sessions.py:505-509 Session.__enter__ returns self, __exit__ calls self.close(), so a
  with block releases it; a second close() only clears empty pools again (repeatable).
- sessions.py:557 Session.request (get, head, post, put, patch, delete at 655-751
  call it; so does options, left out as a name the engine must not spell), 752
  Session.send: with stream=False (the default; None merges to
  the session's own stream attribute, False unless set) send reads the whole body before
  returning (sessions.py:826 "if not stream: r.content"), and reading it to the end has
  urllib3 put the connection back in its pool (models.py:1044), so the response holds
  nothing; with stream=True the response keeps the connection until it is closed or read
  to its end (models.py Response.close). Owed only for a literal stream=True
  (@owes_when): a stream=flag argument, or a session whose stream attribute was set,
  owes nothing (docs/limitations.md).
- sessions.py:442-503 Session.__init__ only mounts two HTTPAdapters; each makes a
  PoolManager (adapters.py:221, 262) whose pools start empty (urllib3/poolmanager.py:225
  ``self.pools = RecentlyUsedContainer(num_pools)``) and are made, with their
  connections, only when a request is sent (poolmanager.py:346-368
  connection_from_pool_key). So a Session owes its close() only once it sent a request:
  request, send and the verb methods that call them start its obligation
  (@starts_obligation); one made to prepare a request, test its class or read an
  attribute holds no socket. A Session given to a call outside the standard library may
  send there, and owes from then on.
"""

from mypy_ownership import Own

class Session:
    @repeatable
    def close(self: Own[Session]) -> None: ...
    def __exit__(self: Own[Session], *args: object) -> None: ...
    @owes_when(stream=True)
    @starts_obligation
    def request(
        self, method: object, url: object, params: object = ..., data: object = ..., headers: object = ...,
        cookies: object = ..., files: object = ..., auth: object = ..., timeout: object = ...,
        allow_redirects: object = ..., proxies: object = ..., hooks: object = ..., stream: object = ...,
    ) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def get(self, url: object, params: object = ..., *, stream: object = ...) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def head(self, url: object, *, stream: object = ...) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def post(self, url: object, data: object = ..., json: object = ..., *, stream: object = ...) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def put(self, url: object, data: object = ..., *, stream: object = ...) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def patch(self, url: object, data: object = ..., *, stream: object = ...) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def delete(self, url: object, *, stream: object = ...) -> Own[Response]: ...
    @owes_when(stream=True)
    @starts_obligation
    def send(self, request: object, *, stream: object = ...) -> Own[Response]: ...
