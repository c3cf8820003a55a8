"""gzip: gzip.open() and GzipFile() must be closed; GzipFile(fileobj=f) does not close f."""

import gzip
import shutil


# silent: the documentation's examples ---------------------------------------------------

def read_compressed(path: str) -> bytes:
    with gzip.open(path, "rb") as f:
        return f.read()


def write_compressed(path: str, content: bytes) -> None:
    with gzip.open(path, "wb") as f:
        f.write(content)


def compress_existing(src: str, dst: str) -> None:
    with open(src, "rb") as f_in, gzip.open(dst, "wb") as f_out:
        shutil.copyfileobj(f_in, f_out)


def text_lines(path: str) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.readlines()


def gzip_inside_an_open_file(path: str, content: bytes) -> None:
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb") as gz:
            gz.write(content)
        raw.write(b"")


# leaks ----------------------------------------------------------------------------------

def write_without_close(path: str, content: bytes) -> None:
    f = gzip.open(path, "wb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    f.write(content)  # N: "f" escapes here: the function ends without releasing it


def wrapper_does_not_close_the_file(path: str, content: bytes) -> None:
    raw = open(path, "wb")  # E: "raw" is not released on every path  [resource-leak]  # N: help: use "with open(...) as raw:" or call "raw.close()"
    gz = gzip.GzipFile(fileobj=raw, mode="wb")
    gz.write(content)
    gz.close()  # N: "raw" escapes here: the function ends without releasing it


def header_only(path: str) -> bytes:
    gz = gzip.GzipFile(path)  # E: "gz" is not released on every path  [resource-leak]  # N: help: use "with GzipFile(...) as gz:" or call "gz.close()"
    return gz.peek(10)  # N: "gz" escapes here: returns at line 52 without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> str:
    f = gzip.open(path, "rt")
    f.close()  # N: "f" was released here by close()
    return f.read()  # E: "f" used after release  [use-after-move]


def write_after_the_block(path: str) -> None:
    with gzip.GzipFile(path, "wb") as gz:  # N: "gz" was released here when the with block ended
        gz.write(b"a")
    gz.write(b"b")  # E: "gz" used after release  [use-after-move]
