"""smtplib: an SMTP session owns its socket until quit(), close() or the end of a with
block.

- Lib/smtplib.py SMTP.close: closes self.file and self.sock.
- Lib/smtplib.py SMTP.quit: sends QUIT (docmd) then calls self.close().
- Lib/smtplib.py SMTP.__exit__: sends QUIT, then self.close() in a finally block.
- Lib/smtplib.py SMTP.__init__: connects when a host is given (self.connect(host, port));
  SMTP() without one owns nothing yet, but close() on it is harmless.
- Lib/smtplib.py SMTP.starttls / SMTP_SSL._get_socket: wrap the session's own socket;
  nothing is handed to the caller. SMTP_SSL and LMTP inherit close/quit/__exit__.
"""

from mypy_ownership import Own

class SMTP:
    @repeatable
    def close(self: Own[SMTP]) -> None: ...
    def quit(self: Own[SMTP]) -> object: ...
    def __exit__(self: Own[SMTP], *args: object) -> None: ...
