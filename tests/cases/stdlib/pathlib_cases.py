"""pathlib: Path.open() returns a file to close, as open() does."""

from pathlib import Path


# silent: the documentation's examples ---------------------------------------------------

def first_line(p: Path) -> str:
    with p.open() as f:
        return f.readline()


def read_whole(p: Path) -> str:
    return p.read_text()  # opens and closes the file itself


def append(p: Path, text: str) -> None:
    f = p.open("a", encoding="utf-8")
    try:
        f.write(text)
    finally:
        f.close()


def copy_bytes(src: Path, dst: Path) -> None:
    with src.open("rb") as fin, dst.open("wb") as fout:
        fout.write(fin.read())


# leaks ----------------------------------------------------------------------------------

def header(p: Path) -> str:
    f = p.open()  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    line = f.readline()
    if not line.startswith("#"):
        return ""  # N: "f" escapes here: returns at line 36 without releasing it
    f.close()
    return line


def read_config(directory: Path) -> str:
    return (directory / "setup.cfg").open().read()  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


# use after release -----------------------------------------------------------------------

def write_after_close(p: Path) -> None:
    f = p.open("w")
    f.write("a")
    f.close()  # N: "f" was released here by close()
    f.write("b")  # E: "f" used after release  [use-after-move]


def read_after_the_block(p: Path) -> bytes:
    with p.open("rb") as f:  # N: "f" was released here when the with block ended
        head = f.read(4)
    return head + f.read()  # E: "f" used after release  [use-after-move]
