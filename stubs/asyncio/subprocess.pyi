"""asyncio subprocesses: create_subprocess_exec() / create_subprocess_shell() start a child
and return a Process, which must be awaited with wait() or communicate() before it is
dropped.

- Lib/asyncio/subprocess.py create_subprocess_exec / create_subprocess_shell: start the
  child with loop.subprocess_exec / subprocess_shell and return
  Process(transport, protocol, loop).
- Lib/asyncio/subprocess.py Process.wait: awaits self._transport._wait(), which
  (Lib/asyncio/base_subprocess.py BaseSubprocessTransport._wait / _call_connection_lost)
  returns once the child has exited and every pipe is disconnected; the protocol then
  closes the transport (SubprocessStreamProtocol._maybe_close_transport).
- Lib/asyncio/subprocess.py Process.communicate: feeds and closes stdin, reads stdout and
  stderr to EOF (closing their pipe transports), then awaits self.wait().
- Lib/asyncio/base_subprocess.py BaseSubprocessTransport.__del__: a transport dropped
  unclosed warns "unclosed transport" (ResourceWarning) and close() kills a child still
  running.
- Valid after the release: wait() returns the saved returncode (_wait tests
  self._returncode first). Not valid: send_signal(), terminate(), kill() call
  _check_proc(), which raises ProcessLookupError once _call_connection_lost has set
  _proc to None.
"""

from typing import Any

from mypy_ownership import Own

async def create_subprocess_exec(program: object, *args: Any, stdin: Any = ..., stdout: Any = ..., stderr: Any = ..., limit: int = ..., **kwds: Any) -> Own[object]: ...
async def create_subprocess_shell(cmd: object, stdin: Any = ..., stdout: Any = ..., stderr: Any = ..., limit: int = ..., **kwds: Any) -> Own[object]: ...

class Process:
    @valid_after_release
    async def wait(self: Own[Process]) -> int: ...
    async def communicate(self: Own[Process], input: bytes | None = ...) -> tuple[bytes, bytes]: ...
