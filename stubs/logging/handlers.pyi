"""logging.handlers: the handlers that hold a socket release it in close().

CPython Lib/logging/handlers.py (3.11):
- SocketHandler creates its socket on the first send (createSocket/makeSocket) and close()
  closes it (self.sock.close()) before Handler.close(); send() recreates the socket when
  self.sock is None, so emitting after close() opens a socket nobody closes.
  DatagramHandler(SocketHandler) inherits close().
- SysLogHandler.__init__ calls createSocket(), which opens a UNIX or UDP/TCP socket;
  close() closes self.socket; emit() calls createSocket() again when the socket is gone.
- WatchedFileHandler, RotatingFileHandler and TimedRotatingFileHandler derive from
  logging.FileHandler, whose close() is stubbed in stubs/logging/__init__.pyi.
- Not listed: MemoryHandler.close() only drops its target without closing it (the target
  stays its owner's), QueueHandler holds a queue, SMTPHandler and HTTPHandler make a new
  connection inside each emit() and keep none, NTEventLogHandler holds no handle of its
  own.
"""

from mypy_ownership import Own

class SocketHandler:
    @repeatable
    def close(self: Own[SocketHandler]) -> None: ...

class SysLogHandler:
    @repeatable
    def close(self: Own[SysLogHandler]) -> None: ...
