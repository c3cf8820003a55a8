"""asyncio streams: open_connection() returns (reader, writer); the writer owns the
transport and must be closed (close(), then optionally await wait_closed()); the reader
has nothing to release.

- Lib/asyncio/streams.py open_connection / open_unix_connection: create the transport
  with loop.create_connection / create_unix_connection and return
  (reader, StreamWriter(transport, protocol, reader, loop)).
- Lib/asyncio/streams.py StreamWriter.close: return self._transport.close().
  StreamWriter.__del__ warns "unclosed <StreamWriter ...>" (ResourceWarning) and closes
  the transport when it is not closing yet.
- Lib/asyncio/streams.py class StreamReader: no close(); it only buffers what the
  protocol feeds it, so the reader item of the result is not owned.
- Valid after close(): wait_closed() (awaits the protocol's close waiter: meant to follow
  close()), is_closing() and get_extra_info() (read the transport's state and saved
  extra info).
- Lib/asyncio/streams.py class StreamWriter has no __aenter__/__aexit__ in 3.11.
- open_unix_connection exists only where socket.AF_UNIX does (typeshed: not on win32).
- Checker limitation, not a CPython fact: `reader, writer = await open_connection(...)`
  does not yet bind the writer as an owner (the awaited result's tuple type is not looked
  into), so a writer never closed is not reported; close() followed by a use is.
"""

from typing import Any

from mypy_ownership import Own

async def open_connection(host: object = ..., port: object = ..., *, limit: int = ..., **kwds: Any) -> tuple[Any, Own[object]]: ...
async def open_unix_connection(path: object = ..., *, limit: int = ..., **kwds: Any) -> tuple[Any, Own[object]]: ...

class StreamWriter:
    @repeatable
    def close(self: Own[StreamWriter]) -> None: ...
    @valid_after_release
    async def wait_closed(self) -> None: ...
    @valid_after_release
    def is_closing(self) -> bool: ...
    @valid_after_release
    def get_extra_info(self, name: str, default: Any = ...) -> Any: ...
