"""Wrappers follow what their close() does (docs/design.md §2.4, §7.3): a view that closes
what it wraps (@view_of: TextIOWrapper, BufferedReader) is one more name for the wrapped
object; a wrapper that leaves a file object open (@wraps: ZipFile, GzipFile, tarfile,
wave) owes its own close only when writing; given a path it opens a file of its own."""

import gzip
import io
import sys
import tarfile
import typing
import wave
import zipfile


# views: one object, one obligation ------------------------------------------------------------

def view_over_bytes_owes_nothing() -> str:
    buffer = io.BytesIO()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8")
    wrapper.write("x")
    wrapper.flush()
    buffer.seek(0)  # the buffer stays usable: nothing moved into the wrapper
    return buffer.read().decode()


def view_over_stdout_owes_nothing() -> None:
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    out.write("x")


def closing_the_view_closes_the_file(path: str) -> str:
    raw = open(path, "rb")
    text = io.TextIOWrapper(raw)
    data = text.read()
    text.close()
    return data


def closing_the_file_is_enough(path: str) -> str:
    raw = open(path, "rb")
    buffered = io.BufferedReader(raw)
    data = buffered.read().decode()
    raw.close()
    return data


def neither_is_closed(path: str) -> str:
    raw = open(path, "rb")  # E: "raw" is not released on every path  [resource-leak]  # N: help: use "with open(...) as raw:" or call "raw.close()"
    text = io.TextIOWrapper(raw)
    return text.read()  # N: "raw" escapes here: returns at line 50 without releasing it


def file_used_after_its_view_closed(path: str) -> bytes:
    raw = open(path, "rb")
    text = io.TextIOWrapper(raw)
    text.close()  # N: "raw" was released here by close(), through "text" (the same object)
    return raw.read()  # E: "raw" used after release  [use-after-move]


def view_over_a_fresh_file(path: str) -> str:
    text = io.TextIOWrapper(open(path, "rb"))  # E: "text" is not released on every path  [resource-leak]  # N: help: use "with TextIOWrapper(...) as text:" or call "text.close()"
    return text.read()  # N: "text" escapes here: returns at line 62 without releasing it


# wrappers over a file object they leave open ----------------------------------------------------

def zip_reader_owes_nothing(f: io.BufferedReader) -> list[str]:
    archive = zipfile.ZipFile(f)
    return archive.namelist()


def zip_writer_must_be_closed(f: io.BufferedWriter) -> None:
    archive = zipfile.ZipFile(f, "w")  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with ZipFile(...) as archive:" or call "archive.close()": closing it writes the end of its output
    archive.writestr("name", "data")  # N: "archive" escapes here: the function ends without releasing it


def zip_reader_over_a_file_it_does_not_close(path: str) -> list[str]:
    f = open(path, "rb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    archive = zipfile.ZipFile(f)
    names = archive.namelist()
    archive.close()
    return names  # N: "f" escapes here: returns at line 82 without releasing it


def zip_over_a_path_opens_its_own(path: str) -> list[str]:
    archive = zipfile.ZipFile(path)  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with ZipFile(...) as archive:" or call "archive.close()"
    return archive.namelist()  # N: "archive" escapes here: returns at line 87 without releasing it


def gzip_reader_over_bytes(data: bytes) -> bytes:
    g = gzip.GzipFile(mode="r", fileobj=io.BytesIO(data))
    return g.read()


def gzip_writer_over_bytes(buffer: io.BytesIO) -> None:
    g = gzip.GzipFile(mode="wb", fileobj=buffer)  # E: "g" is not released on every path  [resource-leak]  # N: help: use "with GzipFile(...) as g:" or call "g.close()": closing it writes the end of its output
    g.write(b"x")  # N: "g" escapes here: the function ends without releasing it


def gzip_open_of_a_file_object(f: io.BufferedReader) -> bytes:
    g = gzip.open(f)
    return g.read()


def tar_stream_reader(f: io.BufferedReader) -> list[str]:
    archive = tarfile.open(fileobj=f, mode="r|*")
    return archive.getnames()


def tar_writer_over_a_file_object(f: io.BufferedWriter) -> None:
    archive = tarfile.open(fileobj=f, mode="w")  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with open(...) as archive:" or call "archive.close()": closing it writes the end of its output
    archive.add("x")  # N: "archive" escapes here: the function ends without releasing it


def wave_reader_over_a_file_object(f: io.BufferedReader) -> int:
    w = wave.open(f, "r")
    return w.getnchannels()


def rebound_to_its_own_view(path: str, text: bool) -> typing.IO[typing.Any]:
    stream: typing.IO[typing.Any] = open(path, "rb")
    if text:
        stream = io.TextIOWrapper(stream)  # one object under the same name: no leak
    return stream


def view_returned_takes_the_file_along(path: str) -> io.TextIOWrapper:
    raw = open(path, "rb")
    return io.TextIOWrapper(raw)


# io subclasses: the io bases hold nothing; an override of close() releases something --------------

class ListStream(io.BufferedIOBase):
    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True


class SocketStream(io.RawIOBase):
    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def close(self) -> None:
        self.chunks.clear()
        super().close()


def list_stream_holds_nothing() -> None:
    stream = ListStream()
    stream.write(b"x")


def bare_base_holds_nothing() -> None:
    stream = io.BufferedIOBase()
    stream.writable()


def overriding_close_makes_a_resource(chunks: list[bytes]) -> None:
    stream = SocketStream(chunks)  # E: "stream" is not released on every path  [resource-leak]  # N: help: use "with SocketStream(...) as stream:" or call "stream.close()"
    stream.readable()  # N: "stream" escapes here: the function ends without releasing it


def tar_writer_abandoned_on_an_error(f: io.BufferedWriter, names: list[str]) -> None:
    """A writer's close only finishes its output: an exception abandons the output anyway."""
    archive = tarfile.open(fileobj=f, mode="w")
    if not names:
        raise ValueError("nothing to archive")
    for name in names:
        archive.add(name)
    archive.close()


def tar_writer_abandoned_on_a_return(f: io.BufferedWriter, names: list[str]) -> None:
    """A return leaves the output unfinished for good: reported, on that path only."""
    archive = tarfile.open(fileobj=f, mode="w")  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with open(...) as archive:" or call "archive.close()": closing it writes the end of its output
    if not names:
        raise ValueError("nothing to archive")
    if len(names) > 100:
        return  # N: "archive" escapes here: returns at line 182 without releasing it
    for name in names:
        archive.add(name)
    archive.close()
