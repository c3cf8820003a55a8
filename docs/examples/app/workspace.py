"""A scratch directory that must be cleaned up: the article's `TempDir`, in Python."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mypy_ownership import Own, Ref


class Workspace:
    """Owns a temporary directory; `cleanup()` deletes it and ends the workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def create(cls, prefix: str) -> Own[Workspace]:
        return cls(Path(tempfile.mkdtemp(prefix=prefix)))

    def path(self: Ref[Workspace], name: str) -> Path:
        return self.root / name


def cleanup(workspace: Own[Workspace]) -> None:
    """Takes the workspace: nobody may use it afterwards."""
    shutil.rmtree(workspace.root, ignore_errors=True)


def describe(workspace: Ref[Workspace]) -> str:
    return f"workspace at {workspace.root}"
