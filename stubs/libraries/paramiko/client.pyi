"""paramiko.client (paramiko 5.1, paramiko/client.py): an SSHClient owns its Transport,
and with it the socket and the transport's thread, until close().

- client.py:487 SSHClient.close closes the transport and the agent; a second call finds
  _transport None and returns (repeatable). Its own docstring: "Failure to explicitly
  close your client after use may lead to end-of-process hangs". SSHClient derives from
  util.py:284 ClosingContextManager, whose __exit__ calls self.close(): a with block
  releases it.
- client.py:590 open_sftp returns a new SFTPClient (transport.py:1138
  open_sftp_client -> SFTPClient.from_transport), a session of its own to close.
- client.py:560 invoke_shell returns a new Channel (transport.open_session()).
- client.py:598 get_transport returns the client's own transport: the client keeps it.
  exec_command (508) returns file objects over a new channel that the client's close()
  ends: nothing the caller must release.
"""

from mypy_ownership import Own

class SSHClient:
    @repeatable
    def close(self: Own[SSHClient]) -> None: ...
    def __exit__(self: Own[SSHClient], *args: object) -> None: ...
    def open_sftp(self) -> Own[SFTPClient]: ...
    def invoke_shell(self, *args: object, **kwargs: object) -> Own[Channel]: ...
