"""os: the functions that hand the caller an open resource.

- fdopen() returns an open file object that must be closed (Lib/os.py fdopen: ``return
  io.open(fd, mode, buffering, encoding, *args, **kwargs)``; closing it closes fd, since
  io.open's closefd defaults to True). The fd itself is an int, which the analysis cannot
  follow, so os.open()/os.close() pairs are not checked. With closefd=False (passed on to
  io.open) the file owns nothing (see builtins.pyi).
- scandir() returns an iterator holding an open directory handle: close() and leaving a
  with block close it (Modules/posixmodule.c ScandirIterator_close and ScandirIterator_exit
  both call ScandirIterator_closedir; ScandirIterator_finalize emits a ResourceWarning
  when it was never closed). Exhausting it also closes it (ScandirIterator_iternext calls
  ScandirIterator_closedir at the end): a for loop that runs out releases it (@exhausts on
  __iter__), but one left by break, return or an exception does not. After close()
  iteration silently yields nothing.
- _exit() ends the process at once (Modules/posixmodule.c os__exit_impl calls _exit(2)),
  and abort() kills it with SIGABRT without calling a Python handler: neither returns nor
  raises, so no exception from them reaches a handler (@ends_process).
- popen() returns a proxy whose close() closes the pipe and waits for the child, and whose
  __exit__ calls close() (Lib/os.py popen/_wrap_close.close, _wrap_close.__exit__).
"""

from typing import Any

from mypy_ownership import Own

@ends_process
def _exit(status: int) -> None: ...
@ends_process
def abort() -> None: ...
@owes_nothing_when(closefd=False)
def fdopen(fd: int, mode: str = ..., buffering: int = ..., encoding: str | None = ..., *args: Any, closefd: bool = ..., **kwargs: Any) -> Own[object]: ...
def scandir(path: Any = ...) -> Own[object]: ...
def popen(cmd: str, mode: str = ..., buffering: int = ...) -> Own[object]: ...

class _ScandirIterator:
    @exhausts
    def __iter__(self) -> Any: ...
    @repeatable
    def close(self: Own[_ScandirIterator]) -> None: ...
    def __exit__(self: Own[_ScandirIterator], *args: object) -> None: ...

class _wrap_close:
    @repeatable
    def close(self: Own[_wrap_close]) -> int | None: ...
    def __exit__(self: Own[_wrap_close], *args: object) -> None: ...
