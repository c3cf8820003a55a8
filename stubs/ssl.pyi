"""ssl: SSLContext.wrap_socket takes over the socket it wraps and returns an SSLSocket that
must be closed in its place.

- Lib/ssl.py SSLContext.wrap_socket -> SSLSocket._create: the new SSLSocket is built on
  the same file descriptor (fileno=sock.fileno()) and then calls sock.detach(), so the
  original socket no longer owns the descriptor (its fileno() is -1 afterwards): it is
  moved into the SSLSocket. On the argument checks that raise before detach() (e.g.
  check_hostname without server_hostname) the caller keeps the socket; the stub moves it
  at the call regardless.
- Lib/ssl.py class SSLSocket(socket): close(), detach() and leaving a with block
  (socket.__exit__ calls close()) release it, inherited from socket.socket, whose stub
  (stubs/socket.pyi) declares them; SSLSocket._real_close drops the SSL object, then
  closes the descriptor.
- Lib/ssl.py SSLSocket.accept: wraps the accepted socket with
  self.context.wrap_socket(newsock, server_side=True) and returns it: an owned socket, as
  socket.accept (stubs/socket.pyi) declares along the MRO.
- Not encoded: SSLSocket.unwrap() returns self._sslobj.shutdown(), which is the SSLSocket
  itself (_create passes `self` to context._wrap_socket; checked at run time:
  `ssock.unwrap() is ssock`), so it hands over no new ownership. The module-level
  ssl.wrap_socket() exists only before 3.12 and is left out so that the stub resolves on
  every supported version.
"""

from mypy_ownership import Own

class SSLContext:
    def wrap_socket(self, sock: Own[object], server_side: bool = ..., do_handshake_on_connect: bool = ..., suppress_ragged_eofs: bool = ..., server_hostname: str | bytes | None = ..., session: object = ...) -> Own[object]: ...
