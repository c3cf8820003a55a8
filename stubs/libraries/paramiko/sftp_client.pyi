"""paramiko.sftp_client (paramiko 5.1, paramiko/sftp_client.py): an SFTPClient is a
session over its own channel, open until close(); a remote file it opens is open until
closed.

- sftp_client.py:188 SFTPClient.close closes its channel (self.sock.close(), a Channel:
  repeatable as Channel.close is). SFTPClient derives from util.py:284
  ClosingContextManager: a with block releases it.
- sftp_client.py:141 from_transport (a classmethod) opens a session and returns a new
  SFTPClient over it.
- sftp_client.py:326 open (and its alias file, 385) returns a new SFTPFile over a remote
  handle (382); sftp_file.py:78 SFTPFile.close closes the handle once (91 "We allow
  double-close": repeatable); file.py:31 BufferedFile derives from ClosingContextManager,
  so a with block releases it.
"""

from mypy_ownership import Own

class SFTPClient:
    @repeatable
    def close(self: Own[SFTPClient]) -> None: ...
    def __exit__(self: Own[SFTPClient], *args: object) -> None: ...
    @classmethod
    def from_transport(cls, t: object, window_size: object = ..., max_packet_size: object = ...) -> Own[SFTPClient]: ...
    def open(self, filename: object, mode: object = ..., bufsize: object = ...) -> Own[SFTPFile]: ...
    def file(self, filename: object, mode: object = ..., bufsize: object = ...) -> Own[SFTPFile]: ...
