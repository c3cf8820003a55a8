"""selectors: a selector owns an OS handle (epoll, kqueue, /dev/poll) and must be closed by
close() or by leaving a with block.

- Lib/selectors.py BaseSelector.__exit__: calls self.close().
- Lib/selectors.py EpollSelector.close / DevpollSelector.close / KqueueSelector.close:
  close the underlying OS object (self._selector.close()), then
  _BaseSelectorImpl.close clears the registrations and sets _map to None, so get_key() and
  select() after close() fail; fileno() after close() raises too (closed epoll object).
- Lib/selectors.py _BaseSelectorImpl.register: stores the file object in a SelectorKey;
  the selector never closes what is registered (close() only clears the map), so
  register() does not take ownership.
- Lib/selectors.py SelectSelector and PollSelector hold no OS handle: SelectSelector keeps
  Python sets for select.select(), PollSelector a select.poll() object (which has no fd
  and no close()); their close() only clears the map (_BaseSelectorImpl.close,
  _PollLikeSelector has no close of its own, self._selector being a poll object). So they
  are not resources: leaving one unclosed leaks nothing (Lib/socket.py chooses
  PollSelector/SelectSelector in _sendfile_use_send for that reason).
DefaultSelector is a platform alias of one of these classes; all inherit from
BaseSelector, where the stub declares the releasing methods.
"""

from mypy_ownership import Own

class BaseSelector:
    @repeatable
    def close(self: Own[BaseSelector]) -> None: ...
    def __exit__(self: Own[BaseSelector], *args: object) -> None: ...

class SelectSelector:
    """Holds no OS handle: close() only forgets the registrations."""
    def close(self) -> None: ...
    def __exit__(self, *args: object) -> None: ...

class PollSelector:
    """Holds no OS handle (a select.poll() object has no fd): close() only forgets."""
    def close(self) -> None: ...
    def __exit__(self, *args: object) -> None: ...
