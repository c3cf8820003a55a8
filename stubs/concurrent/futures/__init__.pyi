"""concurrent.futures: an executor owns worker threads or processes until shutdown().

CPython Lib/concurrent/futures/ (3.11):
- _base.py Executor.shutdown: "Clean-up the resources associated with the Executor. It is
  safe to call this method several times. Otherwise, no other methods can be called after
  this one." shutdown() releases the executor.
- _base.py Executor.__exit__ calls self.shutdown(wait=True): leaving a with block releases.
- thread.py ThreadPoolExecutor.submit and process.py ProcessPoolExecutor.submit raise
  RuntimeError("cannot schedule new futures after shutdown") once shut down (map() submits
  through submit()): using the executor after the release is an error.
- Both keep their workers until shutdown (thread.py and process.py only wake them from a
  weakref callback when the executor is garbage-collected, or join them at interpreter exit
  through threading._register_atexit(_python_exit)): an executor never shut down is a leak.
- submit(fn, /, *args, **kwargs) stores args in a _WorkItem that a worker later runs as
  fn(*args, **kwargs) (thread.py _WorkItem.run; process.py pickles them into a call item):
  the positional arguments are handed to the worker, so submit takes them as Own
  (docs/design.md §2.5).
  ThreadPoolExecutor and ProcessPoolExecutor derive from Executor (thread.py, process.py):
  these entries are found along their MRO.
- The same _WorkItem keeps fn as well as its arguments until a worker runs it: submit
  keeps fn, *args and **kwargs beyond the call (@keeps).
- _base.py Executor.map(fn, *iterables, ...) submits fn with each tuple of items at once
  (fs = [self.submit(fn, *args) for args in zip(*iterables)]): fn is kept; the iterables
  are read during the call.
- _base.py Future.add_done_callback(fn) appends fn to self._done_callbacks, called when
  the future completes.
"""

from typing import Any

from mypy_ownership import Own

class Executor:
    @takes_over
    @keeps("fn", "args", "kwargs")
    def submit(self, fn: object, /, *args: Own[object], **kwargs: object) -> Any: ...
    def shutdown(self: Own[Executor], wait: bool = ..., *, cancel_futures: bool = ...) -> None: ...
    def __exit__(self: Own[Executor], *args: object) -> None: ...
    @keeps("fn")
    def map(self, fn: object, *iterables: object, timeout: object = ..., chunksize: int = ...) -> Any: ...

class Future:
    @keeps("fn")
    def add_done_callback(self, fn: object) -> None: ...
