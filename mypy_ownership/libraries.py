"""The shipped stubs of third-party libraries (docs/design.md §7.4).

They live in ``stubs/libraries/<top-level import name>/``, a stub's module name being its
path below ``stubs/libraries``. They apply with no configuration wherever the library is
part of mypy's build, its own source included, and cost nothing where it is not: at start
only their file names are listed and their bytes hashed (mypy's cache key must not depend
on what the build imports); a library's files are parsed once the build holds its
top-level package. A user stub of the same module replaces the shipped one, and
``disable_library_stubs`` switches a library off.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Collection

from mypy_ownership.overlay import ModuleStub, read_stub
from mypy_ownership.stub_files import LIBRARIES, stubs_under


@functools.cache  # the shipped folder does not change within a run; config and loader both ask
def _library_files() -> dict[str, dict[str, str]]:
    """Library -> its stubs' module names and paths, by the first part of the name."""
    found: dict[str, dict[str, str]] = {}
    if os.path.isdir(LIBRARIES):
        for module, path in stubs_under(LIBRARIES).items():
            found.setdefault(module.partition(".")[0], {})[module] = path
    return found


def shipped_libraries() -> tuple[str, ...]:
    """The top-level import names the shipped library stubs cover."""
    return tuple(sorted(_library_files()))


class LibraryStubs:
    """The enabled libraries' stub files, read library by library when the build holds it."""

    def __init__(self, disabled: Collection[str] = (), overridden: Collection[str] = ()) -> None:
        self._unread = {
            library: {m: p for m, p in files.items() if m not in overridden}
            for library, files in sorted(_library_files().items()) if library not in disabled
        }
        self.paths = sorted(p for files in self._unread.values() for p in files.values())

    def update_digest(self, update: Callable[[bytes], object]) -> None:
        """The enabled stubs' bytes, whether or not their library is imported."""
        for path in self.paths:
            with open(path, "rb") as f:
                update(os.path.relpath(path, LIBRARIES).encode() + b"\0" + f.read() + b"\0")

    @property
    def pending(self) -> bool:
        return bool(self._unread)

    def take(self, in_build: Callable[[str], bool | None]) -> dict[str, ModuleStub]:
        """The stubs of every library the build now holds (``in_build(name)`` is not
        None), each read once."""
        return {
            module: read_stub(module, path, library)
            for library in [name for name in self._unread if in_build(name) is not None]
            for module, path in self._unread.pop(library).items()
        }
