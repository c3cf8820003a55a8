"""Where ownership stubs are found (docs/design.md §7.1, §7.4): the shipped folder, its
language-level and third-party library subfolders, and the user's directories; a stub's
module name is its path below the folder it was found in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Final

_PACKAGE: Final = os.path.dirname(os.path.abspath(__file__))
# Installed: the package carries stubs/ as mypy_ownership/stubs; in a source checkout
# (editable install, tests) they are the repository's top-level stubs/.
SHIPPED: Final = next(
    (d for d in (os.path.join(_PACKAGE, "stubs"), os.path.join(os.path.dirname(_PACKAGE), "stubs"))
     if os.path.isdir(d)),
    os.path.join(_PACKAGE, "stubs"),
)
# Entries of the language itself (container insertion), read whatever the configuration:
# moves of declared owners depend on them.
LANGUAGE: Final = os.path.join(SHIPPED, "_language")
# Third-party libraries' stubs, one folder per top-level import name, read only once the
# build holds that package (``libraries.py``, docs/design.md §7.4)
LIBRARIES: Final = os.path.join(SHIPPED, "libraries")


class StubError(Exception):
    """A malformed stub, worded as ``file:line: error: ...``."""


def stub_files(user_dirs: Iterable[str], shipped: bool) -> dict[str, str]:
    """Module name -> stub path; user directories override the shipped stubs by name. The
    language-level stubs (``LANGUAGE``) are not among them: they are always read."""
    found: dict[str, str] = {}
    dirs = ([SHIPPED] if shipped else []) + list(user_dirs)
    for directory in dirs:
        if not os.path.isdir(directory):
            raise StubError(f"{directory}: error: ownership stub directory not found")
        found.update(stubs_under(directory))
    return found


def stubs_under(directory: str) -> dict[str, str]:
    """Module name -> stub path below ``directory``, the shipped subfolders left out."""
    found: dict[str, str] = {}
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if os.path.join(root, d) not in (LANGUAGE, LIBRARIES))
        for name in sorted(files):
            if name.endswith(".pyi"):
                path = os.path.join(root, name)
                module = os.path.relpath(path, directory)[: -len(".pyi")]
                found[module.replace(os.sep, ".").removesuffix(".__init__")] = path
    return found
