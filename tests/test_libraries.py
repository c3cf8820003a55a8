"""The shipped library stubs (docs/design.md §7.4, §9): read only once the build holds the
library, the same cache key whether or not it does, switched off one by one, replaced by a
user's stub of the same module, and counted as "library calls"."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from harness import ROOT, run_mypy
from mypy_ownership.config import ConfigError, load_options
from mypy_ownership.libraries import shipped_libraries
from mypy_ownership.overlay import Overlay, read_stub
from mypy_ownership.stub_files import LIBRARIES
from test_integration import config, write

SESSION = "requests.sessions"
USES_REQUESTS = '''\
import requests


def leaks() -> None:
    session = requests.Session()
    print(session.get("https://example.org").status_code)


def closes() -> None:
    other = requests.Session()
    other.close()
'''


def _never(module: str) -> None:
    return None


def _loaded(module: str) -> bool:
    return True


def test_the_layout_names_top_level_packages() -> None:
    libraries = shipped_libraries()
    assert "requests" in libraries
    assert all(Path(LIBRARIES, name).is_dir() for name in libraries)


def test_a_library_is_read_only_once_the_build_holds_it() -> None:
    overlay = Overlay.load([], True)
    before = overlay.digest()
    overlay.resolve(_never, lambda name: None, generation=1)
    assert SESSION not in overlay.modules
    assert overlay.digest() == before  # the cache key does not depend on the imports
    overlay.resolve(_loaded, lambda name: None, generation=2)
    assert overlay.modules[SESSION].library == "requests"
    assert overlay.digest() == before


def test_switched_off_libraries_are_never_read_and_change_the_key() -> None:
    on, off = Overlay.load([], True), Overlay.load([], True, ["requests"])
    off.resolve(_loaded, lambda name: None, generation=1)
    assert SESSION not in off.modules
    assert on.digest() != off.digest()


def test_a_user_stub_replaces_the_shipped_one(tmp_path: Path) -> None:
    write(tmp_path, {"requests/sessions.pyi": "class Session: ...\n"})
    overlay = Overlay.load([str(tmp_path)], True)
    overlay.resolve(_loaded, lambda name: None, generation=1)
    assert overlay.modules[SESSION].path == str(tmp_path / "requests" / "sessions.pyi")
    assert overlay.modules[SESSION].library == ""


@pytest.mark.parametrize(
    "name, text",
    [
        ("mypy.ini", "[mypy]\n[mypy_ownership]\ndisable_library_stubs = requests, requests\n"),
        ("pyproject.toml", '[tool.mypy_ownership]\ndisable_library_stubs = ["requests"]\n'),
    ],
)
def test_the_option_reads_ini_and_toml(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path, {name: text})
    options = load_options(str(tmp_path / name))
    assert options.disable_library_stubs == ("requests",)
    assert options.snapshot()["disable_library_stubs"] == ["requests"]


def test_an_unknown_library_is_a_configuration_error(tmp_path: Path) -> None:
    write(tmp_path, {"mypy.ini": "[mypy]\n[mypy_ownership]\ndisable_library_stubs = requests, reqeusts\n"})
    with pytest.raises(ConfigError) as raised:
        load_options(str(tmp_path / "mypy.ini"))
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'mypy.ini'}:3: error:")
    assert "reqeusts" in message and "known libraries: " in message and "requests" in message


@pytest.mark.parametrize(
    "section, reported",
    [
        ("", True),
        ("check_stdlib_resources = false\n", True),  # the standard library's switch only
        ("disable_library_stubs = requests\n", False),
    ],
)
def test_library_stubs_apply_with_no_configuration(tmp_path: Path, section: str, reported: bool) -> None:
    write(tmp_path, {"mypy.ini": config(section="report_stats = true\n" + section), "app.py": USES_REQUESTS})
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "app.py", cwd=tmp_path)
    assert ('"session" is not released on every path' in run.stdout) is reported, run.stdout
    # two constructors, a get() (a Session owes its close() once it sent), a close()
    assert run.stats["library_calls"] == (4 if reported else 0)
    assert run.stats["failed"] == 0


# -- the shipped library stubs themselves ---------------------------------------------------------

LIBRARY_CASES = ROOT / "tests" / "cases" / "libraries"
_CITATION = re.compile(r"\b[\w/-]+\.pyi?:\d+")


def _library_stubs() -> dict[str, list[Path]]:
    return {name: sorted(Path(LIBRARIES, name).rglob("*.pyi")) for name in shipped_libraries()}


@pytest.mark.parametrize("library", shipped_libraries())
def test_every_library_stub_parses_and_cites_its_source(library: str) -> None:
    for path in _library_stubs()[library]:
        module = ".".join(path.relative_to(LIBRARIES).with_suffix("").parts).removesuffix(".__init__")
        stub = read_stub(module, str(path), library)
        assert stub.functions or stub.classes, f"{path} declares nothing"
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        assert _CITATION.search(doc), f"{path}: the docstring cites no file:line of the library"


@pytest.mark.parametrize("library", shipped_libraries())
def test_every_library_has_cases_that_report_and_stay_silent(library: str) -> None:
    case = LIBRARY_CASES / f"{library}_cases.py"
    assert case.is_file(), f"no {case.name}"
    text = case.read_text()
    assert re.search(rf"^(import|from) {library}\b", text, re.M) and "# E:" in text
    blocks = re.split(r"\n(?:async )?def ", text)[1:]
    assert any("# E:" not in b and "# N:" not in b for b in blocks), f"{case.name}: no silent case"


def test_every_library_stub_name_resolves(tmp_path: Path) -> None:
    """The names the library stubs declare are the libraries' own, as mypy sees them with
    the test environment's types (docs/design.md §7.1)."""
    modules = sorted(m for files in _library_stubs().values() for m in (
        ".".join(p.relative_to(LIBRARIES).with_suffix("").parts).removesuffix(".__init__") for p in files))
    (tmp_path / "probe.py").write_text("".join(f"import {m}\n" for m in modules))
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = stub_probe_plugin\n")
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "probe.py", cwd=tmp_path,
                   env={"PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "plugins"), str(ROOT)])})
    assert "import-not-found" not in run.stdout and "import-untyped" not in run.stdout, run.stdout
    # the standard library's stubs the probe does not import are not loaded: only ours count
    problems = [
        line for line in run.stderr.splitlines()
        if line.startswith(("STUB-UN", "STUB-NOT")) and (LIBRARIES in line or line.split()[-1] in modules)
    ]
    assert "STUB-RESOLVED" in run.stderr, run.stdout + run.stderr
    assert not problems, "\n".join(problems)
