"""h5py: an h5py.File owes close() (a with block closes it)."""

import h5py
import numpy as np


# silent ---------------------------------------------------------------------------------

def write_in_with(path: str) -> None:
    with h5py.File(path, "w") as f:
        f.create_dataset("x", data=np.zeros(3))


def keys_closed_in_finally(path: str) -> list[str]:
    f = h5py.File(path, "r")
    try:
        return list(f.keys())
    finally:
        f.close()


def file_returned(path: str) -> h5py.File:
    return h5py.File(path, "a")


# leaks ----------------------------------------------------------------------------------

def keys_never_closed(path: str) -> list[str]:
    f = h5py.File(path, "r")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with File(...) as f:" or call "f.close()"
    return list(f.keys())  # N: "f" escapes here: returns at line 30 without releasing it


def written_on_one_path(path: str, skip: bool) -> None:
    f = h5py.File(path, "w")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with File(...) as f:" or call "f.close()"
    if skip:
        return  # N: "f" escapes here: returns at line 36 without releasing it
    f.create_dataset("x", data=np.zeros(3))
    f.close()


# use after release -------------------------------------------------------------------------

def keys_after_close(path: str) -> list[str]:
    f = h5py.File(path, "r")
    f.close()  # N: "f" was released here by close()
    return list(f.keys())  # E: "f" used after release  [use-after-move]
