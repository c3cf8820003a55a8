"""multiprocessing.connection: connections and listeners own an OS handle (a socket, a pipe
file descriptor, or a Windows pipe handle) until close().

CPython Lib/multiprocessing/connection.py:
- _ConnectionBase.close() closes the handle (self._close()) and sets _handle to None;
  __exit__ calls self.close(). Connection and PipeConnection derive from _ConnectionBase.
- After close(), send/recv/poll/fileno call _check_closed(), which raises
  OSError("handle is closed"): none of them is valid after the release.
- Pipe(duplex=True) returns two new connections (c1, c2): socket.socketpair() or os.pipe()
  on POSIX, CreateNamedPipe/CreateFile handles on Windows.
- Client(address, ...) returns a new connection (SocketClient or PipeClient).
- Listener.close() closes the bound socket or pipe listener (and unlinks an AF_UNIX
  address); __exit__ calls self.close(). Listener.accept() returns a new connection, and
  raises OSError("listener is closed") after close().
"""

from typing import Any

from mypy_ownership import Own

class _ConnectionBase:
    @repeatable
    def close(self: Own[_ConnectionBase]) -> None: ...
    def __exit__(self: Own[_ConnectionBase], *args: object) -> None: ...

class Listener:
    @repeatable
    def close(self: Own[Listener]) -> None: ...
    def __exit__(self: Own[Listener], *args: object) -> None: ...
    def accept(self) -> Own[object]: ...

def Client(address: Any, family: str | None = ..., authkey: bytes | None = ...) -> Own[object]: ...
def Pipe(duplex: bool = ...) -> tuple[Own[object], Own[object]]: ...
