"""dbm: dbm.open() (and each back end's open()) returns a handle that must be closed."""

import dbm
import dbm.dumb
import dbm.gnu
import dbm.ndbm


# silent ---------------------------------------------------------------------------------

def cache_value(path: str, key: str, value: str) -> None:
    # the documentation's example
    with dbm.open(path, "c") as db:
        db[key] = value
        db.get(key, b"")


def lookup(path: str, key: bytes) -> bytes | None:
    db = dbm.open(path, "r")
    try:
        return db.get(key)
    finally:
        db.close()


def dumb_database(path: str) -> int:
    with dbm.dumb.open(path) as db:
        db[b"k"] = b"v"
        return len(db)


def gnu_database(path: str) -> None:
    db = dbm.gnu.open(path, "c")
    try:
        db[b"k"] = b"v"
        db.sync()
    finally:
        db.close()


# leaks ----------------------------------------------------------------------------------

def count_keys(path: str) -> int:
    db = dbm.open(path, "r")  # E: "db" is not released on every path  [resource-leak]  # N: help: use "with open(...) as db:" or call "db.close()"
    if b"version" not in db:
        return 0  # N: "db" escapes here: returns at line 46 without releasing it
    n = len(db)
    db.close()
    return n


def dumb_left_open(path: str) -> None:
    db = dbm.dumb.open(path, "c")  # E: "db" is not released on every path  [resource-leak]  # N: help: use "with open(...) as db:" or call "db.close()"
    db[b"k"] = b"v"  # N: "db" escapes here: the function ends without releasing it


def ndbm_left_open(path: str) -> bytes | None:
    db = dbm.ndbm.open(path, "r")  # E: "db" is not released on every path  [resource-leak]  # N: help: use "with open(...) as db:" or call "db.close()"
    return db.get(b"k")  # N: "db" escapes here: returns at line 59 without releasing it


# use after release -----------------------------------------------------------------------

def store_after_close(path: str) -> None:
    db = dbm.open(path, "c")
    db[b"a"] = b"1"
    db.close()  # N: "db" was released here by close()
    db[b"b"] = b"2"  # E: "db" used after release  [use-after-move]


def keys_after_the_block(path: str) -> list[str | bytes]:
    with dbm.dumb.open(path) as db:  # N: "db" was released here when the with block ended
        db[b"k"] = b"v"
    return list(db.keys())  # E: "db" used after release  [use-after-move]


def gnu_keys_after_the_block(path: str) -> bytes | None:
    with dbm.gnu.open(path, "c") as db:  # N: "db" was released here when the with block ended
        db[b"k"] = b"v"
    return db.firstkey()  # E: "db" used after release  [use-after-move]
