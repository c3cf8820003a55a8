"""paramiko.channel (paramiko 5.1, paramiko/channel.py): a Channel is one session over a
Transport, open until close().

- channel.py:645 Channel.close closes the pipe and sends the close message once (a
  closed or inactive channel returns early: repeatable). Channel derives from util.py:284
  ClosingContextManager: a with block releases it. channel.py:136 __del__ only closes at
  garbage collection, which the docstring of close() mentions as a fallback.
- recv_exit_status (377), exit_status_ready (362) and get_transport (516) read saved
  state: valid after close().
"""

from mypy_ownership import Own

class Channel:
    @repeatable
    def close(self: Own[Channel]) -> None: ...
    def __exit__(self: Own[Channel], *args: object) -> None: ...
    @valid_after_release
    def recv_exit_status(self) -> int: ...
    @valid_after_release
    def exit_status_ready(self) -> bool: ...
    @valid_after_release
    def get_transport(self) -> object: ...
