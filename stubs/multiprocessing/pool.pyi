"""multiprocessing.pool: a Pool (and a ThreadPool, its subclass) runs worker processes or
threads and handler threads until it is closed or terminated.

CPython Lib/multiprocessing/pool.py, class Pool:
- close() moves the state from RUN to CLOSE (workers exit once the queued tasks are done);
  terminate() moves it to TERMINATE and stops the workers at once: each ends the pool's
  running life, so both release it.
- __exit__ calls self.terminate(): leaving a with block releases the pool.
- __del__ warns "unclosed running multiprocessing pool" (ResourceWarning) while the state is
  still RUN: a pool never closed nor terminated is a leak.
- apply/map/imap/starmap/... call _check_running(), which raises ValueError("Pool not
  running") once the state is not RUN: using the pool after the release is an error.
- join() raises ValueError("Pool is still running") in state RUN and is meant to follow
  close() or terminate(): it stays valid after the release.
- ThreadPool(Pool) inherits all of this.
"""

from mypy_ownership import Own

class Pool:
    @repeatable
    def close(self: Own[Pool]) -> None: ...
    def terminate(self: Own[Pool]) -> None: ...
    def __exit__(self: Own[Pool], *args: object) -> None: ...
    @valid_after_release
    def join(self) -> None: ...
