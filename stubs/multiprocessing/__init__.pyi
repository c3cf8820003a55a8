"""multiprocessing: the module-level factories are bound methods of the default context
(CPython Lib/multiprocessing/__init__.py copies every public attribute of
context._default_context into the module's globals), so they are listed here by the names
users write as well as on BaseContext (stubs/multiprocessing/context.pyi).

- Pool(): BaseContext.Pool (Lib/multiprocessing/context.py) returns a running
  multiprocessing.pool.Pool: the caller must close(), terminate() or leave a with block
  (stubs/multiprocessing/pool.pyi).
- Pipe(): BaseContext.Pipe calls multiprocessing.connection.Pipe, which returns two new
  Connection objects (socketpair or os.pipe on POSIX, named pipe handles on Windows): each
  must be closed (stubs/multiprocessing/connection.pyi).

Lock(), RLock(), Semaphore(), BoundedSemaphore() and Condition() need nothing here: their
results are multiprocessing.synchronize classes whose acquire/release are stubbed there.
"""

from mypy_ownership import Own

def Pool(processes: int | None = ..., initializer: object = ..., initargs: object = ..., maxtasksperchild: int | None = ...) -> Own[object]: ...
def Pipe(duplex: bool = ...) -> tuple[Own[object], Own[object]]: ...
