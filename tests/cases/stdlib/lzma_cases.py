"""lzma: lzma.open() and LZMAFile() must be closed; LZMAFile(fileobj) does not close it."""

import lzma


# silent: the documentation's examples ---------------------------------------------------

def read_xz(path: str) -> bytes:
    with lzma.open(path) as f:
        return f.read()


def write_xz(path: str, data: bytes) -> None:
    with lzma.open(path, "w") as f:
        f.write(data)


def append_to_an_open_file(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(b"header")
        with lzma.LZMAFile(f, "w") as lzf:
            lzf.write(data)
        f.write(b"trailer")


def text_mode(path: str) -> list[str]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        return f.readlines()


# leaks ----------------------------------------------------------------------------------

def write_without_close(path: str, data: bytes) -> None:
    f = lzma.open(path, "w")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    f.write(data)  # N: "f" escapes here: the function ends without releasing it


def raw_file_left_open(path: str, data: bytes) -> None:
    f = open(path, "wb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    lzf = lzma.LZMAFile(f, "w", preset=9)
    lzf.write(data)
    lzf.close()  # N: "f" escapes here: the function ends without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> bytes:
    lzf = lzma.LZMAFile(path)
    lzf.close()  # N: "lzf" was released here by close()
    return lzf.read()  # E: "lzf" used after release  [use-after-move]


def peek_after_the_block(path: str) -> bytes:
    with lzma.open(path) as f:  # N: "f" was released here when the with block ended
        data = f.read(10)
    return data + f.peek(1)  # E: "f" used after release  [use-after-move]
