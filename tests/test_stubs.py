"""The shipped ownership stubs: they parse, and every name they declare is a real symbol."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness import ROOT, run_mypy
from mypy_ownership.overlay import StubError, read_stub, stub_files

SHIPPED = ROOT / "stubs"


def test_every_shipped_stub_parses() -> None:
    files = stub_files([], shipped=True)
    assert files
    for module, path in files.items():
        stub = read_stub(module, path)
        assert stub.functions or stub.classes, f"{path} declares nothing"


def test_every_stub_name_resolves_to_a_typeshed_symbol(tmp_path: Path) -> None:
    modules = sorted(stub_files([], shipped=True))
    imports = "".join(f"import {m}\n" for m in modules if m != "builtins")
    (tmp_path / "probe.py").write_text(imports)
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = stub_probe_plugin\n")
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "probe.py", cwd=tmp_path,
                   env={"PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "plugins"), str(ROOT)])})
    problems = [line for line in run.stderr.splitlines() if line.startswith("STUB-UN") or line.startswith("STUB-NOT")]
    assert "STUB-RESOLVED" in run.stderr, run.stdout + run.stderr
    assert not problems, "\n".join(problems)


def test_a_malformed_stub_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "thing.pyi"
    bad.write_text("from mypy_ownership import Own\n\nx = 1\n")
    with pytest.raises(StubError, match=r"thing.pyi:3: error: only imports, functions and classes"):
        read_stub("thing", str(bad))
    bad.write_text("def f(\n")
    with pytest.raises(StubError, match=r"thing.pyi:1: error: invalid syntax"):
        read_stub("thing", str(bad))
