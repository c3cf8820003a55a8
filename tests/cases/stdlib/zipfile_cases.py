"""zipfile: archives must be closed; a file object handed to ZipFile stays the caller's."""

import zipfile


# silent ---------------------------------------------------------------------------------

def list_members(path: str) -> list[str]:
    with zipfile.ZipFile(path) as myzip:
        return myzip.namelist()


def add_and_read(path: str) -> bytes:
    # the documentation's example of ZipFile.open
    with zipfile.ZipFile(path, "a") as myzip:
        myzip.writestr("eggs.txt", "spam")
        with myzip.open("eggs.txt") as myfile:
            return myfile.read()


def write_archive(path: str, files: list[str]) -> None:
    archive = zipfile.ZipFile(path, mode="w", compression=zipfile.ZIP_DEFLATED)
    try:
        for name in files:
            archive.write(name)
    finally:
        archive.close()


def archive_in_an_open_file(path: str) -> None:
    # ZipFile(f) does not close f: the outer with does
    with open(path, "rb") as f:
        with zipfile.ZipFile(f) as archive:
            print(archive.namelist())
        print(f.tell())


def text_member(path: str) -> str:
    root = zipfile.Path(path)
    with (root / "README.txt").open(encoding="utf-8") as f:
        return f.read()


# leaks ----------------------------------------------------------------------------------

def read_member(path: str, name: str) -> bytes:
    archive = zipfile.ZipFile(path)  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with ZipFile(...) as archive:" or call "archive.close()"
    if name not in archive.namelist():
        raise KeyError(name)  # N: "archive" escapes here: raises at line 49 without releasing it
    data = archive.read(name)
    archive.close()
    return data


def zip_into_an_open_file(path: str) -> None:
    out = open(path, "wb")  # E: "out" is not released on every path  [resource-leak]  # N: help: use "with open(...) as out:" or call "out.close()"
    archive = zipfile.ZipFile(out, "w")
    archive.writestr("a.txt", "a")
    archive.close()  # N: "out" escapes here: the function ends without releasing it


def python_library(path: str, package: str) -> None:
    archive = zipfile.PyZipFile(path, "w")  # E: "archive" is not released on every path  [resource-leak]  # N: help: use "with PyZipFile(...) as archive:" or call "archive.close()"
    archive.writepy(package)  # N: "archive" escapes here: the function ends without releasing it


def text_member_left_open(path: str) -> str:
    f = (zipfile.Path(path) / "README.txt").open()  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    return f.read()  # N: "f" escapes here: returns at line 69 without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> bytes:
    archive = zipfile.ZipFile(path)
    names = archive.namelist()
    archive.close()  # N: "archive" was released here by close()
    print(archive.filename)  # an attribute: allowed
    return archive.read(names[0])  # E: "archive" used after release  [use-after-move]


def listed_after_the_block(path: str) -> None:
    with zipfile.ZipFile(path) as archive:  # N: "archive" was released here when the with block ended
        archive.testzip()
    archive.printdir()  # E: "archive" used after release  [use-after-move]
