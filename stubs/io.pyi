"""io: every stream is closed by close() or by leaving a with block; closing a wrapper
(TextIOWrapper, BufferedReader, ...) closes the stream it wraps (CPython Modules/_io:
buffered close() and textiowrapper close() call close() on the raw/buffer object), so a
wrapper is a second view of the wrapped object (@view_of): one obligation, released
through either; over an in-memory buffer it owes nothing. `closed` is true only once the
stream is closed (@released_when_true; Lib/_pyio.py, the Python twin of Modules/_io:
IOBase.closed returns the flag close() sets, the buffered and text wrappers return their
raw or buffer object's `closed`; GzipFile, BZ2File and LZMAFile, io.BufferedIOBase
subclasses, answer `fileobj is None` / `_mode == _MODE_CLOSED`, set by their close())."""

from mypy_ownership import Own

class IOBase:
    @repeatable
    def close(self: Own[IOBase]) -> None: ...
    def __exit__(self: Own[IOBase], *args: object) -> None: ...
    @valid_after_release
    def fileno(self) -> int: ...
    @valid_after_release
    def isatty(self) -> bool: ...
    @property
    @released_when_true
    def closed(self) -> bool: ...

class BufferedReader:
    @view_of("raw")
    def __init__(self, raw: object, buffer_size: int = ...) -> None: ...

class BufferedWriter:
    @view_of("raw")
    def __init__(self, raw: object, buffer_size: int = ...) -> None: ...

class BufferedRandom:
    @view_of("raw")
    def __init__(self, raw: object, buffer_size: int = ...) -> None: ...

class TextIOWrapper:
    @view_of("buffer")
    def __init__(self, buffer: object, encoding: str | None = ..., errors: str | None = ..., newline: str | None = ..., line_buffering: bool = ..., write_through: bool = ...) -> None: ...
    def detach(self: Own[TextIOWrapper]) -> Own[object]: ...

def open(file: object, mode: str = ..., buffering: int = ..., encoding: str | None = ..., errors: str | None = ..., newline: str | None = ..., closefd: bool = ..., opener: object = ...) -> Own[object]: ...

class StringIO:
    """In memory: close() frees the buffer only; not a resource to release."""
    def close(self) -> None: ...
    def __exit__(self, *args: object) -> None: ...

class BytesIO:
    """In memory: close() frees the buffer only; not a resource to release."""
    def close(self) -> None: ...
    def __exit__(self, *args: object) -> None: ...
