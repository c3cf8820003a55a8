"""mmap: a memory map must be closed; it duplicates the file descriptor, so the file it
came from must be closed too."""

import mmap


# silent: the documentation's examples ---------------------------------------------------

def first_line(path: str) -> bytes:
    with open(path, "r+b") as f:
        mm = mmap.mmap(f.fileno(), 0)
        line = mm.readline()
        mm.close()
    return line


def patch_header(path: str) -> None:
    with open(path, "r+b") as f:
        with mmap.mmap(f.fileno(), 0) as mm:
            mm[0:5] = b"HELLO"
            mm.flush()


def map_outlives_the_file(path: str) -> bytes:
    # the map keeps its own descriptor: the file may be closed first
    with open(path, "rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        return mm[:16]
    finally:
        mm.close()


def anonymous_shared_memory(size: int) -> bytes:
    with mmap.mmap(-1, size) as mm:
        mm.write(b"Hello world!")
        mm.seek(0)
        return mm.read(5)


# leaks ----------------------------------------------------------------------------------

def find_marker(path: str, marker: bytes) -> int:
    with open(path, "rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)  # E: "mm" is not released on every path  [resource-leak]  # N: help: use "with mmap(...) as mm:" or call "mm.close()"
    return mm.find(marker)  # N: "mm" escapes here: returns at line 46 without releasing it


def file_left_open(path: str) -> bytes:
    f = open(path, "rb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        return mm[:4]  # N: "f" escapes here: returns at line 52 without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> bytes:
    with open(path, "rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    mm.close()  # N: "mm" was released here by close()
    print(mm.closed)  # an attribute: allowed
    return mm.read(4)  # E: "mm" used after release  [use-after-move]


def size_after_the_block(path: str) -> int:
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:  # N: "mm" was released here when the with block ended
        mm.readline()
    return mm.size()  # E: "mm" used after release  [use-after-move]


def zero_copy_view(fd: int) -> memoryview:
    """A memoryview keeps the map it exports alive: the view takes it over."""
    return memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))


def copied_out(fd: int) -> bytes:
    """bytes() copies the map and lets it go: nothing closes it."""
    return bytes(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))  # E: The resource returned by "mmap" is discarded without being released  [resource-leak]  # N: "bytes" only borrows it: nothing releases it  # N: help: use "with mmap(...) as f:" and pass "f"
