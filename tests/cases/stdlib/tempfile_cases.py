"""tempfile: temporary files must be closed and temporary directories cleaned up."""

import os
import tempfile


# the documentation's examples: silent --------------------------------------------------

def scratch_roundtrip(data: bytes) -> bytes:
    with tempfile.TemporaryFile() as fp:
        fp.write(data)
        fp.seek(0)
        return fp.read()


def named_scratch(text: str) -> str:
    with tempfile.NamedTemporaryFile(mode="w", suffix=".txt") as tmp:
        tmp.write(text)
        tmp.flush()
        return tmp.name


def work_in_a_directory() -> list[str]:
    with tempfile.TemporaryDirectory() as tmpdir:
        with open(os.path.join(tmpdir, "notes.txt"), "w") as f:
            f.write("x")
        names = os.listdir(tmpdir)
    print("removed", tmpdir)  # the path is only a string: still readable after the block
    return names


def spooled_in_memory(data: bytes) -> bytes:
    with tempfile.SpooledTemporaryFile(max_size=1024) as sp:
        sp.write(data)
        sp.seek(0)
        return sp.read()


def directory_cleaned_in_finally() -> str:
    tmp = tempfile.TemporaryDirectory()
    try:
        return os.path.join(tmp.name, "out")
    finally:
        tmp.cleanup()


# leaks ----------------------------------------------------------------------------------

def keep_named_file(data: bytes, keep: bool) -> str:
    tmp = tempfile.NamedTemporaryFile(delete=False)  # E: "tmp" is not released on every path  [resource-leak]  # N: help: use "with NamedTemporaryFile(...) as tmp:" or call "tmp.close()"
    tmp.write(data)
    if keep:
        return tmp.name  # N: "tmp" escapes here: returns at line 53 without releasing it
    tmp.close()
    return ""


def directory_never_cleaned() -> str:
    tmp = tempfile.TemporaryDirectory()  # E: "tmp" is not released on every path  [resource-leak]  # N: help: use "with TemporaryDirectory(...) as tmp:" or call "tmp.cleanup()"
    return tmp.name  # N: "tmp" escapes here: returns at line 60 without releasing it


def spooled_not_closed(data: bytes) -> None:
    sp = tempfile.SpooledTemporaryFile(max_size=10)  # E: "sp" is not released on every path  [resource-leak]  # N: help: use "with SpooledTemporaryFile(...) as sp:" or call "sp.close()"
    sp.write(data)
    sp.rollover()  # N: "sp" escapes here: the function ends without releasing it


# use after release -----------------------------------------------------------------------

def write_after_close(data: bytes) -> None:
    fp = tempfile.TemporaryFile()
    fp.write(data)
    fp.close()  # N: "fp" was released here by close()
    fp.write(data)  # E: "fp" used after release  [use-after-move]


def named_used_after_the_block(text: str) -> None:
    with tempfile.NamedTemporaryFile("w+") as tmp:  # N: "tmp" was released here when the with block ended
        tmp.write(text)
    print(tmp.name)  # reading an attribute is allowed
    tmp.seek(0)  # E: "tmp" used after release  [use-after-move]


def spooled_after_close() -> None:
    sp = tempfile.SpooledTemporaryFile()
    sp.close()  # N: "sp" was released here by close()
    sp.write(b"x")  # E: "sp" used after release  [use-after-move]

