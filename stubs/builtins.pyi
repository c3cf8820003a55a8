"""builtins: open() hands the caller a file it must close (io.IOBase releases it).

Given a descriptor with closefd=False, the file owns nothing: FileIO.close() leaves the
descriptor open (Modules/_io/fileio.c _io_FileIO_close_impl calls internal_close only
``if (self->closefd)``; Lib/_pyio.py FileIO.close: ``if self._closefd: os.close(self._fd)``),
and its finalizer warns only for a file that would close it (fileio_dealloc_warn:
``if (self->fd >= 0 && self->closefd)``; _pyio FileIO.__del__ likewise)."""

from mypy_ownership import Own

@owes_nothing_when(closefd=False)
def open(file: object, mode: str = ..., buffering: int = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ..., closefd: bool = ..., opener: object = ...) -> Own[object]: ...
