"""Copy the input into a temporary workspace, process it there, copy the result out."""

from __future__ import annotations

import shutil
from pathlib import Path

from mypy_ownership import Own, Ref

from app.workspace import Workspace, cleanup, describe


def transform(data: bytes) -> bytes:
    return data.upper()


def process(source: Path, target: Path) -> None:
    workspace = Workspace.create("skylight")
    staged = workspace.path("input")
    shutil.copyfile(source, staged)
    staged.write_bytes(transform(staged.read_bytes()))
    cleanup(workspace)
    # Bug: the workspace was handed to cleanup() above, which deleted it.
    shutil.copyfile(workspace.path("input"), target)


def process_fixed(source: Path, target: Path) -> None:
    workspace = Workspace.create("skylight")
    staged = workspace.path("input")
    shutil.copyfile(source, staged)
    staged.write_bytes(transform(staged.read_bytes()))
    shutil.copyfile(staged, target)
    print(describe(workspace))  # a Ref parameter only borrows: still ours
    cleanup(workspace)


def label(workspace: Ref[Workspace]) -> Ref[str]:
    """Fine: the result borrows from the workspace the caller lent us."""
    return describe(workspace)


def default_label() -> Ref[str]:
    """Bug: a borrowed result with nothing to borrow from (rustc's E0106)."""
    return "workspace"


def retry(workspace: Own[Workspace], attempts: int) -> None:
    for _ in range(attempts):
        # Bug: the first iteration gives the workspace away; the second has none.
        cleanup(workspace)
