"""multiprocessing.context: a context's factories (``get_context("spawn").Pool()``).

CPython Lib/multiprocessing/context.py, BaseContext:
- Pool() returns ``multiprocessing.pool.Pool(..., context=self.get_context())``: a running
  pool the caller must close(), terminate() or leave a with block.
- Pipe() returns ``multiprocessing.connection.Pipe(duplex)``: two new connections, each to
  be closed.
"""

from mypy_ownership import Own

class BaseContext:
    def Pool(self, processes: int | None = ..., initializer: object = ..., initargs: object = ..., maxtasksperchild: int | None = ...) -> Own[object]: ...
    def Pipe(self, duplex: bool = ...) -> tuple[Own[object], Own[object]]: ...
