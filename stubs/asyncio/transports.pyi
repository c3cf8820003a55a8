"""asyncio transports: close() releases a transport; abort() of a write transport too.

- Lib/asyncio/unix_events.py _UnixReadPipeTransport.close: `if not self._closing:
  self._close(None)`, which schedules _call_connection_lost (closes the pipe). Calling
  it again does nothing: repeatable.
- Lib/asyncio/unix_events.py _UnixWritePipeTransport.close: write_eof(), which closes
  the pipe once the buffer is flushed; abort(): _close(None) at once.
- Lib/asyncio/selector_events.py _SelectorTransport.close / abort close the socket the
  same way (abort through _force_close).
- Valid after the release: is_closing() returns self._closing; get_extra_info() reads
  the saved self._extra.
- A subclass of ReadTransport or WriteTransport (asyncio.Transport included) constructed
  in user code is a resource too; one deriving from BaseTransport alone only where it
  overrides close().
- Only the transports that a stub's call hands out are owned (connect_read_pipe,
  connect_write_pipe in events.pyi); a transport given to a protocol's connection_made
  is a parameter and owes nothing there.
"""

from typing import Any

from mypy_ownership import Own

class BaseTransport:
    """BaseTransport.close() raises NotImplementedError (Lib/asyncio/transports.py): the
    base holds nothing, and a subclass is a resource where it overrides close() or the
    stubs name it (ReadTransport, WriteTransport: what the loop's pipe calls hand out)."""
    @repeatable
    @release_if_overridden
    def close(self: Own[BaseTransport]) -> None: ...
    @valid_after_release
    def is_closing(self) -> bool: ...
    @valid_after_release
    def get_extra_info(self, name: str, default: Any = ...) -> Any: ...

class ReadTransport:
    @repeatable
    def close(self: Own[ReadTransport]) -> None: ...

class WriteTransport:
    @repeatable
    def close(self: Own[WriteTransport]) -> None: ...
    def abort(self: Own[WriteTransport]) -> None: ...
