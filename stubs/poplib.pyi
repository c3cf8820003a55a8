"""poplib: a POP3 session owns its socket until quit() or close(); POP3 is not a context
manager.

- Lib/poplib.py POP3.__init__: connects (self._create_socket, then sock.makefile('rb')).
- Lib/poplib.py POP3.quit: sends QUIT then calls self.close().
- Lib/poplib.py POP3.close: closes self.file, shuts the socket down and closes it.
- Lib/poplib.py class POP3: no __enter__/__exit__ (a with block is a type error).
- After close(): getwelcome() returns the saved self.welcome.
POP3_SSL inherits quit/close from POP3.
"""

from mypy_ownership import Own

class POP3:
    def quit(self: Own[POP3]) -> bytes: ...
    @repeatable
    def close(self: Own[POP3]) -> None: ...
    @valid_after_release
    def getwelcome(self) -> bytes: ...
