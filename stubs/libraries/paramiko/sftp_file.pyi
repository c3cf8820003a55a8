"""paramiko.sftp_file (paramiko 5.1, paramiko/sftp_file.py): an SFTPFile holds a remote
file handle until close().

- sftp_file.py:78 close() sends CMD_CLOSE once (84-91: "We allow double-close without
  signaling an error": repeatable); 75 __del__ closes asynchronously at garbage
  collection only. file.py:31 BufferedFile derives from util.py:284
  ClosingContextManager, whose __exit__ calls close(): a with block releases it.
"""

from mypy_ownership import Own

class SFTPFile:
    @repeatable
    def close(self: Own[SFTPFile]) -> None: ...
    def __exit__(self: Own[SFTPFile], *args: object) -> None: ...
