"""Every case file under tests/cases*/, run through real mypy with the plugin, one batch per
folder (each folder has its own mypy.ini: tests/cases_leak_on_exception turns that option on)
and per Python version of ``harness.PYTHON_VERSIONS`` (a case states a version dependence
with a ``sys.version_info`` guard, see harness.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness import PYTHON_VERSIONS, ROOT, Run, compare, expectations, run_mypy

ROOTS = sorted(p.parent for p in (ROOT / "tests").glob("cases*/mypy.ini"))
CASE_FILES = [
    (root, path)
    for root in ROOTS
    for path in sorted(root.rglob("*.py"))
    if path.name != "__init__.py"
]
_batches: dict[tuple[Path, str], Run] = {}


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> object:
    def run(root: Path, version: str) -> Run:
        if (root, version) not in _batches:
            cache = tmp_path_factory.mktemp("cache")
            files = [os.path.relpath(p, root) for r, p in CASE_FILES if r == root]
            _batches[root, version] = run_mypy(
                "--config-file", "mypy.ini", "--cache-dir", str(cache), "--python-version", version,
                *files, cwd=root,
            )
        return _batches[root, version]

    return run


@pytest.mark.parametrize(
    "root, case", CASE_FILES, ids=lambda p: str(p.relative_to(ROOT / "tests"))
)
def test_case(batch, root: Path, case: Path) -> None:  # type: ignore[no-untyped-def]
    name = os.path.normpath(os.path.relpath(case, root))
    problems = []
    for version in PYTHON_VERSIONS:
        actual = [d for d in batch(root, version).diagnostics if d.file == name]
        problems += [f"[Python {version}] {p}" for p in compare(expectations(case, root, version), actual)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("version", PYTHON_VERSIONS)
@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_batch_ran_cleanly(batch, root: Path, version: str) -> None:  # type: ignore[no-untyped-def]
    run = batch(root, version)
    assert "Traceback" not in run.stdout + run.stderr
    assert "INTERNAL ERROR" not in run.stdout + run.stderr
    known = {os.path.normpath(os.path.relpath(p, root)) for r, p in CASE_FILES if r == root}
    strays = [d for d in run.diagnostics if d.file not in known]
    assert not strays, strays


@pytest.mark.parametrize("version", PYTHON_VERSIONS)
@pytest.mark.parametrize("root", ROOTS, ids=lambda p: p.name)
def test_no_function_failed_to_analyse(batch, root: Path, version: str) -> None:  # type: ignore[no-untyped-def]
    run = batch(root, version)
    stats = run.stats
    assert run.failures == []
    assert stats["failed"] == 0
    cases = [p for r, p in CASE_FILES if r == root]
    assert stats["modules"] == len(cases)  # pkg/__init__.py: an ancestor mypy silences
    assert stats["functions"] >= 3 * len(cases)
