"""ftplib: an FTP session owns its control connection (a socket and a file made from it)
until quit(), close() or the end of a with block; transfercmd()/ntransfercmd()/makeport()
hand the caller a new socket to close.

- Lib/ftplib.py FTP.close: closes self.file and self.sock. FTP.quit: sends QUIT
  (voidcmd) then calls self.close(). FTP.__exit__: quit() if still connected, then
  close() in a finally block.
- Lib/ftplib.py FTP.__init__: connects (self.connect(host)) when a host is given; an
  FTP() made without one owns nothing yet, but close() on it is harmless, so every FTP
  instance is treated as owned.
- Lib/ftplib.py FTP.ntransfercmd: returns (conn, size) where conn is a data socket from
  socket.create_connection (passive) or sock.accept() (active); the caller must close it
  (retrbinary/retrlines/storbinary do, with "with self.transfercmd(...) as conn").
  FTP.transfercmd returns ntransfercmd(...)[0]; FTP_TLS.ntransfercmd wraps conn in TLS
  and returns it the same way. FTP.makeport returns a new listening socket
  (socket.create_server).
- After close(): getwelcome() returns the saved self.welcome.
FTP_TLS inherits all of these from FTP.
"""

from typing import Any

from mypy_ownership import Own

class FTP:
    @repeatable
    def close(self: Own[FTP]) -> None: ...
    def quit(self: Own[FTP]) -> str: ...
    def __exit__(self: Own[FTP], *args: object) -> None: ...
    def ntransfercmd(self, cmd: str, rest: int | str | None = ...) -> tuple[Own[object], Any]: ...
    def transfercmd(self, cmd: str, rest: int | str | None = ...) -> Own[object]: ...
    def makeport(self) -> Own[object]: ...
    @valid_after_release
    def getwelcome(self) -> str: ...
