"""Every case file under tests/cases, run through real mypy with the plugin in one batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness import CASES, Run, compare, expectations, run_mypy

CASE_FILES = sorted(p for p in CASES.rglob("*.py") if p.name != "__init__.py")


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Run:
    cache = tmp_path_factory.mktemp("cache")
    files = [os.path.relpath(p, CASES) for p in CASE_FILES]
    return run_mypy("--config-file", "mypy.ini", "--cache-dir", str(cache), *files, cwd=CASES)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: str(p.relative_to(CASES)))
def test_case(batch: Run, case: Path) -> None:
    name = os.path.normpath(os.path.relpath(case, CASES))
    actual = [d for d in batch.diagnostics if d.file == name]
    problems = compare(expectations(case, CASES), actual)
    assert not problems, "\n".join(problems)


def test_batch_ran_cleanly(batch: Run) -> None:
    assert "Traceback" not in batch.stdout + batch.stderr
    assert "INTERNAL ERROR" not in batch.stdout + batch.stderr
    known = {os.path.normpath(os.path.relpath(p, CASES)) for p in CASE_FILES}
    strays = [d for d in batch.diagnostics if d.file not in known]
    assert not strays, strays


def test_no_function_failed_to_analyse(batch: Run) -> None:
    stats = batch.stats
    assert batch.failures == []
    assert stats["failed"] == 0
    assert stats["modules"] == len(CASE_FILES)  # pkg/__init__.py: an ancestor mypy silences
    assert stats["functions"] > 50
