"""bz2: bz2.open() and BZ2File() must be closed; BZ2File(fileobj) does not close it."""

import bz2


# silent ---------------------------------------------------------------------------------

def roundtrip(path: str, data: bytes) -> bytes:
    # the documentation's example
    with bz2.open(path, "wb") as f:
        f.write(data)
    with bz2.open(path, "rb") as f:
        return f.read()


def text_mode(path: str) -> str:
    with bz2.open(path, "rt", encoding="utf-8") as f:
        return f.read()


def over_an_open_file(path: str) -> bytes:
    with open(path, "rb") as raw, bz2.BZ2File(raw) as f:
        return f.read()


def closed_in_finally(path: str, data: bytes) -> None:
    f = bz2.BZ2File(path, "w", compresslevel=9)
    try:
        f.write(data)
    finally:
        f.close()


# leaks ----------------------------------------------------------------------------------

def truncated_output(path: str, chunks: list[bytes]) -> None:
    f = bz2.BZ2File(path, "w")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with BZ2File(...) as f:" or call "f.close()"
    for chunk in chunks:
        if not chunk:
            return  # N: "f" escapes here: returns at line 40 without releasing it
        f.write(chunk)
    f.close()


def file_object_stays_open(path: str) -> bytes:
    raw = open(path, "rb")  # E: "raw" is not released on every path  [resource-leak]  # N: help: use "with open(...) as raw:" or call "raw.close()"
    with bz2.BZ2File(raw) as f:
        return f.read()  # N: "raw" escapes here: returns at line 48 without releasing it


def open_without_close(path: str) -> bytes:
    f = bz2.open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    return f.read()  # N: "f" escapes here: returns at line 53 without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> bytes:
    f = bz2.BZ2File(path)
    f.close()  # N: "f" was released here by close()
    return f.read()  # E: "f" used after release  [use-after-move]
