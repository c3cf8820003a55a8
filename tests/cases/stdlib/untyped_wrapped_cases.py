"""A wrapper given a value of unknown type (``Any``) takes it for a path and owns the file
it opens, unless the function uses that value as a file object: it calls a method on it
that the wrapper's file parameter types have and its path types lack (docs/design.md §7.3,
``@wraps``)."""

import wave
import zipfile
from typing import Any


def header_of_a_file(f: Any) -> int | None:
    """sndhdr's shape: the caller's file, rewound, then read as a wave."""
    f.seek(0)
    try:
        w = wave.open(f, "r")
    except (EOFError, wave.Error):
        return None
    return w.getframerate()


def members_of_a_file(archive: Any) -> list[str]:
    archive.seek(0)
    z = zipfile.ZipFile(archive)
    return z.namelist()


def header_of_a_path(p: Any) -> int | None:
    """endswith() is a str method: still a path, so the reader owns its file."""
    if p.endswith(".wav"):
        w = wave.open(p, "r")  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with open(...) as w:" or call "w.close()"
        return w.getframerate()  # N: "w" escapes here: returns at line 31 without releasing it
    return None


def members_of_an_untyped_value(archive: Any) -> list[str]:
    """Nothing says what it is: a path, as before."""
    z = zipfile.ZipFile(archive)  # E: "z" is not released on every path  [resource-leak]  # N: help: use "with ZipFile(...) as z:" or call "z.close()"
    return z.namelist()  # N: "z" escapes here: returns at line 38 without releasing it
