"""multiprocessing.synchronize: the process-shared locks, semaphores and conditions.

A successful acquire() must be matched by release() on every path; ``with`` does both.
``multiprocessing.Lock()``, ``RLock()``, ``Semaphore()``, ``BoundedSemaphore()`` and
``Condition()`` (typeshed: multiprocessing/context.pyi, BaseContext) return the classes below.

CPython Lib/multiprocessing/synchronize.py:
- SemLock._make_methods: acquire and release are those of the wrapped
  _multiprocessing.SemLock, implemented in C (Modules/_multiprocessing/semaphore.c):
  acquire(block=True, timeout=None) returns False when block is false or the timeout
  expires (checked by running 3.11.7 on a held multiprocessing.Lock()); SemLock.__enter__
  and __exit__ call the wrapped SemLock's __enter__ (acquire) and __exit__ (release).
- The first parameter is named block, not blocking (as in threading): acquire(False) and
  acquire(timeout=...) are recognised as acquisitions that may fail; acquire(block=False)
  is not yet (the analysis looks for the keyword blocking=).
- Lock, RLock, Semaphore and BoundedSemaphore derive from SemLock (BoundedSemaphore from
  Semaphore): the methods below are found along their MRO.
- Condition._make_methods: acquire and release are those of its lock (an RLock when none is
  given); Condition.__enter__/__exit__ delegate to the lock's.
"""

class SemLock:
    @acquires
    @fails_when(block=False, timeout=...)
    def acquire(self, block: bool = ..., timeout: float | None = ...) -> bool: ...
    @releases_lock
    def release(self) -> None: ...

class Condition:
    @acquires
    @fails_when(block=False, timeout=...)
    def acquire(self, block: bool = ..., timeout: float | None = ...) -> bool: ...
    @releases_lock
    def release(self) -> None: ...
