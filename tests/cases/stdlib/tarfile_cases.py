"""tarfile: archives from tarfile.open() or TarFile() must be closed; a fileobj passed in
is not closed by the archive."""

import tarfile


# silent ---------------------------------------------------------------------------------

def extract_all(path: str, dest: str) -> None:
    # the documentation's example
    with tarfile.open(path) as tar:
        tar.extractall(dest, filter="data")


def make_archive(path: str, names: list[str]) -> None:
    tar = tarfile.open(path, "w:gz")
    try:
        for name in names:
            tar.add(name)
    finally:
        tar.close()


def read_member(path: str, member: str) -> bytes:
    with tarfile.open(path, "r:*") as tar:
        f = tar.extractfile(member)
        return f.read() if f is not None else b""


def archive_from_an_open_file(path: str) -> list[str]:
    with open(path, "rb") as raw:
        with tarfile.open(fileobj=raw, mode="r:gz") as tar:
            names = tar.getnames()
        raw.seek(0)
    return names


# leaks ----------------------------------------------------------------------------------

def python_sources(path: str) -> list[str]:
    tar = tarfile.open(path, "r:gz")  # E: "tar" is not released on every path  [resource-leak]  # N: help: use "with open(...) as tar:" or call "tar.close()"
    members = tar.getmembers()
    if not members:
        raise ValueError("empty archive")  # N: "tar" escapes here: raises at line 44 without releasing it
    tar.close()
    return [m.name for m in members if m.name.endswith(".py")]


def fileobj_is_not_closed(path: str) -> None:
    raw = open(path, "rb")  # E: "raw" is not released on every path  [resource-leak]  # N: help: use "with open(...) as raw:" or call "raw.close()"
    with tarfile.open(fileobj=raw) as tar:
        tar.list()  # N: "raw" escapes here: the function ends without releasing it


def constructor_left_open(path: str) -> list[str]:
    tar = tarfile.TarFile(path)  # E: "tar" is not released on every path  [resource-leak]  # N: help: use "with TarFile(...) as tar:" or call "tar.close()"
    return tar.getnames()  # N: "tar" escapes here: returns at line 57 without releasing it


# use after release -----------------------------------------------------------------------

def names_after_close(path: str) -> list[str]:
    tar = tarfile.open(path)
    tar.close()  # N: "tar" was released here by close()
    return tar.getnames()  # E: "tar" used after release  [use-after-move]


def add_after_the_block(path: str, name: str) -> None:
    with tarfile.open(path, "w") as tar:  # N: "tar" was released here when the with block ended
        tar.add(name)
    tar.add(name + ".bak")  # E: "tar" used after release  [use-after-move]
