"""redis (redis-py 8.2, redis/lock.py): a Lock, from Redis.lock(), is held from a
successful acquire() until release(), as threading.Lock is.

- acquire(sleep=None, blocking=None, blocking_timeout=None, token=None) (lock.py:195)
  returns False ``if not blocking`` when the key is taken, and once ``blocking_timeout``
  has passed (lock.py:235-239); both default to what the lock was built with
  (``self.blocking``, ``self.blocking_timeout``, lock.py:224-227), which the acquire()
  call does not show: any call may fail (@fails_when()), and where its result is tested
  the failing branch owes nothing. Lock.__enter__ itself tests it (lock.py:172-178).
- release() (lock.py:270) deletes the key if the token is still ours; __enter__ acquires
  and raises LockError when it cannot (lock.py:172), __exit__ releases (lock.py:180).
"""

class Lock:
    @acquires
    @fails_when()
    def acquire(self, sleep: float | None = ..., blocking: bool | None = ..., blocking_timeout: float | None = ..., token: str | None = ...) -> bool: ...
    @releases_lock
    def release(self) -> None: ...
