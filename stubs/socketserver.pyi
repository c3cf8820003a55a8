"""socketserver: a server owns its listening socket until server_close() or the end of a
with block; shutdown() only stops serve_forever() and releases nothing.

- Lib/socketserver.py BaseServer.__exit__: calls self.server_close().
- Lib/socketserver.py TCPServer.__init__: creates self.socket and binds/listens it
  (on failure it calls server_close() itself and re-raises); TCPServer.server_close:
  self.socket.close(). ThreadingMixIn.server_close / ForkingMixIn.server_close call
  super().server_close() and then join the threads / collect the children.
- Lib/socketserver.py BaseServer.shutdown: sets the flag serve_forever() polls and waits
  for it to stop; the socket stays open.
- Lib/socketserver.py TCPServer.get_request: returns self.socket.accept(), a new
  connected socket owned by the caller; UDPServer.get_request returns
  ((data, self.socket), addr) -- the server's own socket, not a new one.
- Lib/socketserver.py TCPServer.shutdown_request / close_request: shut the request
  socket down and close it: they take it over.
- Lib/socketserver.py BaseServer.process_request: finish_request(), then
  shutdown_request(request); ThreadingMixIn.process_request hands the request to a thread
  whose process_request_thread ends with shutdown_request(request); ForkingMixIn
  .process_request closes it in the parent (close_request) and shuts it down in the
  child: process_request takes the request over. finish_request and verify_request only
  use it (the handler class does not close the request socket).
- After server_close(): fileno() returns self.socket.fileno(), -1 for a closed socket.
"""

from typing import Any

from mypy_ownership import Own

class BaseServer:
    def server_close(self: Own[BaseServer]) -> None: ...
    def __exit__(self: Own[BaseServer], *args: object) -> None: ...
    def process_request(self, request: Own[object], client_address: Any) -> None: ...
    def shutdown_request(self, request: Own[object]) -> None: ...
    def close_request(self, request: Own[object]) -> None: ...

class TCPServer:
    def get_request(self) -> tuple[Own[object], Any]: ...
    @valid_after_release
    def fileno(self) -> int: ...

class UDPServer:
    def get_request(self) -> tuple[Any, Any]: ...
