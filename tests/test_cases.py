"""Every case file under tests/cases*/, run through real mypy with the plugin, one batch per
folder (each folder has its own mypy.ini: tests/cases_leak_on_exception turns that option on)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness import ROOT, Run, compare, expectations, run_mypy

ROOTS = sorted(p.parent for p in (ROOT / "tests").glob("cases*/mypy.ini"))
CASE_FILES = [
    (root, path)
    for root in ROOTS
    for path in sorted(root.rglob("*.py"))
    if path.name != "__init__.py"
]
_batches: dict[Path, Run] = {}


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> object:
    def run(root: Path) -> Run:
        if root not in _batches:
            cache = tmp_path_factory.mktemp("cache")
            files = [os.path.relpath(p, root) for r, p in CASE_FILES if r == root]
            _batches[root] = run_mypy(
                "--config-file", "mypy.ini", "--cache-dir", str(cache), *files, cwd=root
            )
        return _batches[root]

    return run


@pytest.mark.parametrize(
    "root, case", CASE_FILES, ids=lambda p: str(p.relative_to(ROOT / "tests"))
)
def test_case(batch, root: Path, case: Path) -> None:  # type: ignore[no-untyped-def]
    name = os.path.normpath(os.path.relpath(case, root))
    actual = [d for d in batch(root).diagnostics if d.file == name]
    problems = compare(expectations(case, root), actual)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_batch_ran_cleanly(batch, root: Path) -> None:  # type: ignore[no-untyped-def]
    run = batch(root)
    assert "Traceback" not in run.stdout + run.stderr
    assert "INTERNAL ERROR" not in run.stdout + run.stderr
    known = {os.path.normpath(os.path.relpath(p, root)) for r, p in CASE_FILES if r == root}
    strays = [d for d in run.diagnostics if d.file not in known]
    assert not strays, strays


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_no_function_failed_to_analyse(batch, root: Path) -> None:  # type: ignore[no-untyped-def]
    run = batch(root)
    stats = run.stats
    assert run.failures == []
    assert stats["failed"] == 0
    cases = [p for r, p in CASE_FILES if r == root]
    assert stats["modules"] == len(cases)  # pkg/__init__.py: an ancestor mypy silences
    assert stats["functions"] >= 3 * len(cases)
