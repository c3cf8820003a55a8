"""contextlib: closing() and the exit stacks take over what is given to them and release it
when they are closed.

CPython Lib/contextlib.py (3.11):
- closing.__init__ stores the thing; closing.__exit__ calls self.thing.close(). closing()
  takes ownership of the thing, and leaving its with block releases it (and the thing,
  which its __enter__ returns as the with target).
- _BaseExitStack.enter_context(cm) calls type(cm).__enter__ and pushes cm's __exit__
  (_push_cm_exit); push(exit) pushes a context manager's __exit__ or an exit callback;
  callback(callback, /, *args, **kwds) pushes a wrapper that calls callback(*args, **kwds)
  (_create_cb_wrapper). Each hands its argument's release to the stack, so each takes it as
  Own (callback: the arguments of the later call).
- _BaseExitStack.pop_all() moves every pushed callback to a new stack of the same type and
  returns it: the caller must close the new stack. The old one is left empty but usable,
  so pop_all() does not release its receiver (it is called on the target of
  "with ExitStack() as stack", which only borrows).
- ExitStack.__exit__ unwinds the callbacks; ExitStack.close() calls
  self.__exit__(None, None, None): both release the stack.
- AsyncExitStack (same _BaseExitStack methods, plus enter_async_context, push_async_exit,
  push_async_callback) takes over likewise. Its release, aclose() and __aexit__, is not
  listed: the analysis does not follow "async with" through __aexit__, so marking it
  releasing would report every "async with AsyncExitStack() as stack" as a leak.
"""

from typing import Any

from mypy_ownership import Own

class closing:
    @takes_over
    def __init__(self, thing: Own[object]) -> None: ...
    def __exit__(self: Own[closing], *args: object) -> None: ...

class ExitStack:
    @takes_over
    def enter_context(self, cm: Own[object]) -> Any: ...
    @takes_over
    def push(self, exit: Own[object]) -> Any: ...
    @takes_over
    def callback(self, callback: object, /, *args: Own[object], **kwds: object) -> Any: ...
    def pop_all(self) -> Own[ExitStack]: ...
    @repeatable
    def close(self: Own[ExitStack]) -> None: ...
    def __exit__(self: Own[ExitStack], *args: object) -> None: ...

class AsyncExitStack:
    @takes_over
    def enter_context(self, cm: Own[object]) -> Any: ...
    @takes_over
    async def enter_async_context(self, cm: Own[object]) -> Any: ...
    @takes_over
    def push(self, exit: Own[object]) -> Any: ...
    @takes_over
    def push_async_exit(self, exit: Own[object]) -> Any: ...
    @takes_over
    def callback(self, callback: object, /, *args: Own[object], **kwds: object) -> Any: ...
    @takes_over
    def push_async_callback(self, callback: object, /, *args: Own[object], **kwds: object) -> Any: ...
