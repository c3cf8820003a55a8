"""codecs: the stream readers and writers wrap a stream and close it.

CPython Lib/codecs.py: StreamWriter, StreamReader, StreamReaderWriter and StreamRecoder keep
``self.stream``; their close() is the stream's, reached through __getattr__
(``return getattr(self.stream, name)``), and their __exit__ calls ``self.stream.close()``.
EncodedFile(file, ...) returns a StreamRecoder over ``file``. Each takes the stream over
(docs/design.md §2.5): ``codecs.StreamReaderWriter(open(p, "rb"), R, W)`` is not a leak."""

from mypy_ownership import Own

class StreamWriter:
    @takes_over
    def __init__(self, stream: Own[object], errors: str = ...) -> None: ...

class StreamReader:
    @takes_over
    def __init__(self, stream: Own[object], errors: str = ...) -> None: ...

class StreamReaderWriter:
    @takes_over
    def __init__(self, stream: Own[object], Reader: object, Writer: object, errors: str = ...) -> None: ...

class StreamRecoder:
    @takes_over
    def __init__(self, stream: Own[object], encode: object, decode: object, Reader: object, Writer: object, errors: str = ...) -> None: ...

@takes_over
def EncodedFile(file: Own[object], data_encoding: str, file_encoding: str | None = ..., errors: str = ...) -> object: ...
