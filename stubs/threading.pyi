"""threading: acquire() that succeeds must be matched by release() on every path; with
does both. acquire(blocking=False) or with a timeout may fail: then nothing is owed.

CPython Lib/threading.py (3.11):
- Lock is _thread.allocate_lock, implemented in C (Modules/_threadmodule.c):
  acquire(blocking=True, timeout=-1) returns False when it could not take the lock without
  blocking or within the timeout (checked by running 3.11.7: acquire(False) and
  acquire(timeout=0.01) on a held lock return False); its __exit__ releases it.
- RLock() is a factory returning _thread.RLock (or the Python _RLock): acquire() as above,
  __enter__ = acquire, __exit__ calls release(); each acquire needs its own release.
- Condition.__init__ exports its lock's acquire and release as its own (an RLock when no
  lock is given); __enter__/__exit__ call the lock's __enter__/__exit__.
- Semaphore.acquire(blocking=True, timeout=None) returns False when not blocking and the
  counter is zero, or when the timeout expires; __enter__ = acquire; __exit__ calls
  release().
- BoundedSemaphore(Semaphore) inherits acquire and overrides release only to raise
  ValueError when released more often than acquired: Semaphore's entries cover it along the
  MRO (typeshed declares it a subclass of Semaphore too).
- Thread.__init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
  daemon=None) stores self._target = target, self._args = args, self._kwargs = kwargs
  (lines 856, 893-896); run() calls self._target(*self._args, **self._kwargs) later, in
  the new thread (line 982): the thread keeps them beyond the call (@keeps).
- Timer.__init__(self, interval, function, args=None, kwargs=None) stores self.function,
  self.args, self.kwargs (lines 1386-1391); run() calls self.function(*self.args,
  **self.kwargs) once the interval has passed (line 1401).
"""

class Lock:
    @acquires
    @fails_when(blocking=False, timeout=...)
    def acquire(self, blocking: bool = ..., timeout: float = ...) -> bool: ...
    @releases_lock
    def release(self) -> None: ...

class RLock:
    @acquires
    @fails_when(blocking=False, timeout=...)
    def acquire(self, blocking: bool = ..., timeout: float = ...) -> bool: ...
    @releases_lock
    def release(self) -> None: ...

class Condition:
    @acquires
    @fails_when(blocking=False, timeout=...)
    def acquire(self, blocking: bool = ..., timeout: float = ...) -> bool: ...
    @releases_lock
    def release(self) -> None: ...

class Semaphore:
    @acquires
    @fails_when(blocking=False, timeout=...)
    def acquire(self, blocking: bool = ..., timeout: float | None = ...) -> bool: ...
    @releases_lock
    def release(self, n: int = ...) -> None: ...

class Thread:
    @keeps("target", "args", "kwargs")
    def __init__(self, group: object = ..., target: object = ..., name: object = ..., args: object = ..., kwargs: object = ..., *, daemon: object = ...) -> None: ...

class Timer:
    @keeps("function", "args", "kwargs")
    def __init__(self, interval: object, function: object, args: object = ..., kwargs: object = ...) -> None: ...
