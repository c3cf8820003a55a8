"""pika (1.4, pika/adapters/blocking_connection.py): a BlockingConnection owes close(); its
channels live and die with it.

- BlockingConnection(parameters) connects to the broker in __init__; close()
  (blocking_connection.py:835) closes every channel still open ("Close channels that
  remain opened") and then the connection. A second close() raises
  ConnectionWrongStateError ("called on closed connection"): not repeatable. __exit__
  closes it ``if self.is_open`` (blocking_connection.py:391). ``is_closed`` is true once
  it is closed (@released_when_true). ``is_open`` (964, connection.py:1426: the state is
  CONNECTION_OPEN) is false once it is closed, by close() or by the broker, and close()
  itself (849: "if not self.is_open: ... raise ConnectionWrongStateError") and __exit__
  take a connection that is not open to owe nothing more (@released_when_false): so does
  ``if connection.is_open: connection.close()``.
- channel() (blocking_connection.py:928) opens a BlockingChannel on the connection; the
  connection's close() closes it, so a channel owes nothing of its own: it is borrowed
  from the connection (``-> Ref``), and BlockingChannel.close() (line 1601) is no
  release here. Using a channel after its connection is closed is reported.
"""

from mypy_ownership import Own, Ref

class BlockingConnection:
    def close(self: Own[BlockingConnection], reply_code: int = ..., reply_text: str = ...) -> None: ...
    def __exit__(self: Own[BlockingConnection], *args: object) -> None: ...
    @property
    @released_when_true
    def is_closed(self) -> bool: ...
    @property
    @released_when_false
    def is_open(self) -> bool: ...
    def channel(self: Ref[BlockingConnection], channel_number: int | None = ...) -> Ref[object]: ...
