"""shelve: a shelf must be closed; closing it closes the database it wraps."""

import dbm
import pathlib
import shelve
import sys


# silent ---------------------------------------------------------------------------------

def remember(path: str, key: str, value: object) -> None:
    with shelve.open(path) as db:
        db[key] = value


def recall(path: str, key: str) -> object:
    d = shelve.open(path, flag="r")
    try:
        return d[key] if key in d else None
    finally:
        d.close()


def shelf_over_a_dbm_handle(path: str) -> list[str]:
    # the shelf takes the handle: closing the shelf closes it (typeshed wants a
    # MutableMapping[bytes, bytes]; a dbm handle's keys are str | bytes)
    handle = dbm.open(path, "c")
    shelf: shelve.Shelf[int] = shelve.Shelf(handle)  # type: ignore[arg-type]
    shelf["n"] = 1
    keys = list(shelf.keys())
    shelf.close()
    return keys


if sys.version_info >= (3, 11):  # typeshed takes a path-like file name from 3.11 on

    def filename_shelf(path: pathlib.Path) -> None:
        # the file name is not taken by the shelf: the path stays usable
        d: shelve.DbfilenameShelf[list[int]] = shelve.DbfilenameShelf(path, writeback=True)
        with d:
            d["x"] = [1]
        print(path.with_suffix(".db"))


# leaks ----------------------------------------------------------------------------------

def writeback_never_written(path: str) -> None:
    # the documentation's example: with writeback=True changes reach the file on close()
    d = shelve.open(path, writeback=True)  # E: "d" is not released on every path  [resource-leak]  # N: help: use "with open(...) as d:" or call "d.close()"
    temp = d["xx"]
    temp.append(5)  # N: "d" escapes here: the function ends without releasing it


def handle_given_to_a_shelf_left_open(path: str) -> None:
    handle = dbm.open(path, "c")
    shelf: shelve.Shelf[str] = shelve.Shelf(  # E: "shelf" is not released on every path  [resource-leak]  # N: help: use "with Shelf(...) as shelf:" or call "shelf.close()"
        handle,  # type: ignore[arg-type]
    )
    shelf["k"] = "v"  # N: "shelf" escapes here: the function ends without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> object:
    d = shelve.open(path)
    d.close()  # N: "d" was released here by close()
    return d.get("key")  # E: "d" used after release  [use-after-move]

