"""The case harness's own rules that a case file relies on (tests/harness.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import expectations

GUARDED = """\
import sys
if sys.version_info >= (3, 11):
    new = 1  # E: new
else:
    old = 2  # E: old
if sys.version_info < (3, 13):
    def before() -> None:
        pass  # N: before
if len(sys.argv) > 1:
    other = 3  # E: other
always = 4  # E: always
"""


@pytest.mark.parametrize("version, messages", [
    ("3.10", ["old", "before", "other", "always"]),
    ("3.11", ["new", "before", "other", "always"]),
    ("3.13", ["new", "other", "always"]),
    (None, ["new", "old", "before", "other", "always"]),
])
def test_expectations_on_lines_a_version_guard_skips_are_dropped(
    tmp_path: Path, version: str | None, messages: list[str]
) -> None:
    case = tmp_path / "guarded.py"
    case.write_text(GUARDED)
    assert [d.message for d in expectations(case, tmp_path, version)] == messages
