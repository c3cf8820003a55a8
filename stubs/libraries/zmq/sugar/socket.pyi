"""pyzmq (27.3, zmq/sugar/socket.py): a Socket owes close().

- close(linger=None) (socket.py:247, backend zmq/backend/cython/_zmq.py:754) closes the
  libzmq socket; __exit__ calls close() (socket.py:219); __del__ closes it but warns
  "Unclosed socket" (socket.py:186). close() on a closed socket does nothing (the
  backend checks ``_closed``): repeatable. ``closed`` (_zmq.py:750) is true once closed.
"""

from mypy_ownership import Own

class Socket:
    @repeatable
    def close(self: Own[Socket], linger: int | None = ...) -> None: ...
    def __exit__(self: Own[Socket], *args: object) -> None: ...
    @property
    @released_when_true
    def closed(self) -> bool: ...
