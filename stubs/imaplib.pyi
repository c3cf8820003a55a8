"""imaplib: an IMAP4 session owns its connection until logout(), shutdown() or the end of a
with block. IMAP4.close() is NOT a release: it closes the selected mailbox.

- Lib/imaplib.py IMAP4.__init__: always opens the connection (self.open(host, port,
  timeout)), IMAP4_SSL through a wrapped socket, IMAP4_stream through a subprocess.Popen.
- Lib/imaplib.py IMAP4.logout: sets state LOGOUT, sends LOGOUT, then self.shutdown().
- Lib/imaplib.py IMAP4.shutdown: closes self.file and closes self.sock;
  IMAP4_stream.shutdown closes both pipes and waits for the process.
- Lib/imaplib.py IMAP4.__exit__: returns if state is already LOGOUT, else logout().
- Lib/imaplib.py IMAP4.close: sends CLOSE (the mailbox) and sets state AUTH; the
  connection stays open, so close() is an ordinary method here.
- Lib/imaplib.py IMAP4.socket: returns self.sock, still owned by the session (a borrow).
"""

from mypy_ownership import Own

class IMAP4:
    def logout(self: Own[IMAP4]) -> object: ...
    def shutdown(self: Own[IMAP4]) -> None: ...
    def __exit__(self: Own[IMAP4], *args: object) -> None: ...
