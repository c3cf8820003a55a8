"""pyzmq (27.3, zmq/sugar/context.py): a Context owes term() or destroy(); each socket it
makes owes close() (zmq/sugar/socket.pyi).

- Context() creates a libzmq context; term() (context.py:243, backend
  zmq/backend/cython/_zmq.py:587) terminates it and blocks until every socket made in it
  is closed; destroy() (context.py:289) closes those sockets and then terminates it;
  __exit__ calls destroy() (context.py:163). __del__ destroys it too but warns "Unclosed
  context" (context.py:118). Both may be called again on a closed context (``closed``,
  @released_when_true; the backend's term() of a closed context returns).
- Context.instance() (context.py:207) returns the process-wide context, created once and
  kept by the class (``cls._instance``): the caller owes nothing for it. shadow() wraps a
  context another object owns.
- socket(socket_type) (context.py:324) creates a Socket in the context: the caller closes
  it (@released_when_true on its ``closed`` too). zmq.asyncio.Context subclasses this one
  (zmq/asyncio.py:167), so its sockets are covered along the MRO.
"""

from typing import Any

from mypy_ownership import Own

class Context:
    @repeatable
    def term(self: Own[Context]) -> None: ...
    @repeatable
    def destroy(self: Own[Context], linger: int | None = ...) -> None: ...
    def __exit__(self: Own[Context], *args: object) -> None: ...
    @property
    @released_when_true
    def closed(self) -> bool: ...
    @classmethod
    def instance(cls, io_threads: int = ...) -> Any: ...
    def socket(self, socket_type: int, socket_class: Any = ..., **kwargs: Any) -> Own[object]: ...
