"""The shipped ownership stubs: they parse, and every name they declare is a real symbol."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from harness import ROOT, run_mypy
from mypy_ownership.overlay import LANGUAGE, Overlay, StubError, merged, read_stub, stub_files
from mypy_ownership.prefilter import stubs_can_start
from mypy_ownership.signatures import Mode

SHIPPED = ROOT / "stubs"


def test_every_shipped_stub_parses() -> None:
    files = stub_files([], shipped=True)
    assert files
    for module, path in files.items():
        stub = read_stub(module, path)
        assert stub.functions or stub.classes, f"{path} declares nothing"


def test_every_stub_name_resolves_to_a_typeshed_symbol(tmp_path: Path) -> None:
    # the language-level stubs too: they are read whatever the options say (docs/design.md §7.3)
    modules = sorted(set(stub_files([], shipped=True)) | set(stub_files([LANGUAGE], shipped=False)))
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


def test_a_standard_library_stub_is_read_once_the_build_holds_its_module() -> None:
    overlay = Overlay.load([], True)
    before = overlay.digest()
    assert "socket" not in overlay.modules
    overlay.resolve(lambda module: None, lambda name: None, generation=1)
    assert "socket" not in overlay.modules
    overlay.resolve(lambda module: True if module in ("socket", "builtins") else None, lambda name: None, generation=2)
    assert overlay.modules["socket"].path == stub_files([], shipped=True)["socket"]
    assert "ssl" not in overlay.modules
    assert overlay.digest() == before  # the cache key does not depend on what was read
    # a module with language-level entries too gets both, as when read at start
    language = read_stub("builtins", str(Path(LANGUAGE, "builtins.pyi")))
    expected = merged(read_stub("builtins", stub_files([], shipped=True)["builtins"]), language)
    assert overlay.modules["builtins"] == expected


def test_a_malformed_user_stub_stops_the_run_at_start(tmp_path: Path) -> None:
    (tmp_path / "thing.pyi").write_text("x = 1\n")
    with pytest.raises(StubError, match=r"thing.pyi:1: error: only imports, functions and classes"):
        Overlay.load([str(tmp_path)], True)


def test_whether_a_stub_can_start_anything_does_not_wait_for_the_build() -> None:
    assert stubs_can_start(Overlay.load([], True))
    assert not stubs_can_start(Overlay.load([], False))  # the language-level entries alone


@pytest.mark.parametrize("source, error", [
    pytest.param(
        "class Client:\n    @valid_after_release\n    @retries\n    def close(self) -> None: ...\n",
        'thing.pyi:3: error: unknown decorator "retries" in ownership stub', id="unknown-decorator",
    ),
    pytest.param(
        "@takes_over(1)\ndef closing(thing: Own[object]) -> None: ...\n",
        'thing.pyi:1: error: decorator "takes_over" takes no arguments in ownership stub', id="decorator-arguments",
    ),
    pytest.param(
        "def connect(\n    dsn: str,\n) -> Own[Client, int]: ...\n",
        "thing.pyi:3: error: Own[...] takes exactly one type argument, got 2 (in an ownership stub)", id="arity",
    ),
    pytest.param(
        "def connect(\n    client: Own[Ref[Client]],\n) -> None: ...\n",
        "thing.pyi:2: error: Own[Ref[...]] nests two ownership modes; use one of them (in an ownership stub)",
        id="nested",
    ),
    pytest.param(
        "def pair() -> tuple[Own[Client], Mut[Ref[Client]]]: ...\n",
        "thing.pyi:1: error: Mut[Ref[...]] nests two ownership modes; use one of them (in an ownership stub)",
        id="nested-in-a-tuple",
    ),
    pytest.param(
        "from mypy_ownership import Ref\nfrom mypy_ownership import Own as O\n\ndef connect() -> O[Client]: ...\n",
        'thing.pyi:2: error: an ownership stub spells "Own" as it is named: import it without "as O"',
        id="renamed-import",
    ),
])
def test_a_misused_stub_entry_is_an_error_at_its_own_line(tmp_path: Path, source: str, error: str) -> None:
    bad = tmp_path / "thing.pyi"
    bad.write_text(source)
    with pytest.raises(StubError) as raised:
        read_stub("thing", str(bad))
    assert str(raised.value) == f"{tmp_path / error}"


def test_stub_spellings_that_are_read(tmp_path: Path) -> None:
    """A module alias, an import under its own name and an alias of another module's name
    are fine; a mode inside another type is not a nested mode."""
    good = tmp_path / "thing.pyi"
    good.write_text(
        "import mypy_ownership as mo\nfrom mypy_ownership import Own as Own\nfrom typing import Any as A\n\n"
        "def connect(a: A) -> mo.Own[Client]: ...\n"
        "def pair() -> tuple[Own[Client], list[Ref[Client]]]: ...\n"
    )
    stub = read_stub("thing", str(good))
    assert stub.functions["connect"].returns is Mode.OWN
    assert stub.functions["pair"].returns_items == (Mode.OWN, None)

VENDOR = '''\
class Connection:
    def query(self, sql: str) -> list[str]:
        return []

    def close(self) -> None: ...


def connect(dsn: str) -> Connection:
    return Connection()
'''

APP = '''\
import vendorlib


def report(dsn: str) -> list[str]:
    conn = vendorlib.connect(dsn)
    return conn.query("select 1")
'''

VENDOR_STUB = '''\
from mypy_ownership import Own

class Connection:
    def close(self: Own[Connection]) -> None: ...

def connect(dsn: str) -> Own[Connection]: ...
'''


def _project(tmp_path: Path, stub: str | None = VENDOR_STUB, extra: str = "") -> Path:
    (tmp_path / "vendorlib.py").write_text(VENDOR)
    (tmp_path / "app.py").write_text(APP)
    if stub is not None:
        (tmp_path / "ownership_stubs").mkdir(exist_ok=True)
        (tmp_path / "ownership_stubs" / "vendorlib.pyi").write_text(stub)
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nplugins = mypy_ownership.plugin\n\n[mypy_ownership]\nstubs = ownership_stubs\n" + extra
    )
    return tmp_path


def _leaks(run_stdout: str) -> list[str]:
    return [line for line in run_stdout.splitlines() if "[resource-leak]" in line]


def test_user_stub_directory_makes_a_third_party_call_owned(tmp_path: Path) -> None:
    project = _project(tmp_path)
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "app.py", cwd=project)
    assert _leaks(run.stdout) == ['app.py:5: error: "conn" is not released on every path  [resource-leak]']


def test_a_fresh_resource_given_to_a_third_party_callable(tmp_path: Path) -> None:
    """docs/design.md §2.5: a callable a stub describes borrows a resource created in its
    argument (reported); one no stub describes is taken to keep it (silent)."""
    project = _project(tmp_path, VENDOR_STUB + "\ndef load(stream: object) -> object: ...\n")
    (project / "vendorlib.py").write_text(
        VENDOR + "\n\ndef load(stream: object) -> object:\n    return stream\n"
        "\n\ndef keep(stream: object) -> object:\n    return stream\n"
    )
    (project / "reads.py").write_text(
        "import vendorlib\n\n\ndef a(p: str) -> object:\n    return vendorlib.load(open(p))\n"
        "\n\ndef b(p: str) -> object:\n    return vendorlib.keep(open(p))\n"
    )
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "reads.py", cwd=project)
    assert _leaks(run.stdout) == [
        'reads.py:5: error: The resource returned by "open" is discarded without being released  [resource-leak]'
    ]


def test_user_stub_overrides_a_shipped_stub_by_module_name(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "ownership_stubs" / "socket.pyi").write_text("def gethostname() -> str: ...\n")
    (project / "sock.py").write_text(
        "import socket\n\ndef f(host: str) -> None:\n    s = socket.create_connection((host, 80))\n    s.send(b'')\n"
    )
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "sock.py", cwd=project)
    assert _leaks(run.stdout) == []  # the user's socket stub replaced the shipped one
    (project / "ownership_stubs" / "socket.pyi").unlink()
    shipped = run_mypy("--config-file", "mypy.ini", "--no-incremental", "sock.py", cwd=project)
    assert len(_leaks(shipped.stdout)) == 1


def test_editing_a_user_stub_invalidates_the_cache(tmp_path: Path) -> None:
    project = _project(tmp_path)
    args = ("--config-file", "mypy.ini", "--cache-dir", ".cache", "app.py")
    first = run_mypy(*args, cwd=project)
    assert len(_leaks(first.stdout)) == 1
    stub = project / "ownership_stubs" / "vendorlib.pyi"
    stub.write_text(VENDOR_STUB.replace("-> Own[Connection]", "-> Connection"))
    second = run_mypy(*args, cwd=project)
    assert _leaks(second.stdout) == []
    stub.write_text(VENDOR_STUB)
    third = run_mypy(*args, cwd=project)
    assert _leaks(third.stdout) == _leaks(first.stdout)


def test_a_malformed_user_stub_stops_the_run_with_file_and_line(tmp_path: Path) -> None:
    project = _project(tmp_path, stub="from mypy_ownership import Own\n\ndef connect(dsn: str) -> Own: ...\n")
    run = run_mypy("--config-file", "mypy.ini", "app.py", cwd=project)
    assert run.returncode == 2
    assert "vendorlib.pyi:3: error: Own needs a type argument in an ownership stub" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_a_missing_stub_directory_is_a_clear_error(tmp_path: Path) -> None:
    project = _project(tmp_path, stub=None)
    run = run_mypy("--config-file", "mypy.ini", "app.py", cwd=project)
    assert run.returncode == 2
    assert "ownership_stubs: error: ownership stub directory not found" in run.stderr


# docs/design.md §7.4: the standard-library modules the shipped stubs must cover, with the
# stub module holding their ownership API (a package's API may live in its submodules).
SPEC_MODULES = {
    "open/io": ["builtins", "io"],
    "os.fdopen/os.scandir": ["os"],
    "socket": ["socket"],
    "ssl": ["ssl"],
    "selectors": ["selectors"],
    "tempfile": ["tempfile"],
    "threading": ["threading"],
    "multiprocessing locks": ["multiprocessing.synchronize"],
    "subprocess.Popen": ["subprocess"],
    "sqlite3": ["sqlite3"],
    "zipfile": ["zipfile"],
    "tarfile": ["tarfile"],
    "gzip": ["gzip"],
    "bz2": ["bz2"],
    "lzma": ["lzma"],
    "shelve": ["shelve"],
    "dbm": ["dbm"],
    "mmap": ["mmap"],
    "mailbox": ["mailbox"],
    "http.client": ["http.client"],
    "urllib.request.urlopen": ["urllib.request"],
    "ftplib": ["ftplib"],
    "smtplib": ["smtplib"],
    "imaplib": ["imaplib"],
    "poplib": ["poplib"],
    "socketserver": ["socketserver"],
    "wave": ["wave"],
    "fileinput": ["fileinput"],
    "logging file handlers": ["logging", "logging.handlers"],
    "concurrent.futures executors": ["concurrent.futures"],
    "multiprocessing.Pool": ["multiprocessing.pool"],
    "asyncio streams and subprocesses": ["asyncio.streams", "asyncio.subprocess"],
    "asyncio pipe transports": ["asyncio.events", "asyncio.transports"],
    "contextlib.closing/ExitStack": ["contextlib"],
    "pathlib.Path.open": ["pathlib"],
}
CASES_DIR = ROOT / "tests" / "cases" / "stdlib"


def _ownership_members(module: str, path: str) -> int:
    stub = read_stub(module, path)
    count = sum(1 for f in stub.functions.values() if f.returns or f.returns_items or any(f.params.values()))
    for cls in stub.classes.values():
        count += sum(
            1 for m in cls.methods.values()
            if m.receiver is not None or m.returns or m.returns_items or m.markers or any(m.params.values())
        )
    return count


@pytest.mark.parametrize("topic", sorted(SPEC_MODULES))
def test_spec_module_has_a_stub_with_ownership_api(topic: str) -> None:
    files = stub_files([], shipped=True)
    for module in SPEC_MODULES[topic]:
        assert module in files, f"{topic}: no ownership stub for {module}"
        assert _ownership_members(module, files[module]) >= 1, f"{topic}: {module} declares nothing with ownership"


def _uses(text: str, module: str) -> bool:
    """The case file imports the module; builtins are never imported, so their use is a call
    of the builtin ``open`` (not a method or another module's ``open``)."""
    if module == "builtins":
        return re.search(r"(?<![\w.])open\(", text) is not None
    return re.search(rf"^\s*(?:import|from) {re.escape(module)}\b", text, re.MULTILINE) is not None


@pytest.mark.parametrize("topic", sorted(SPEC_MODULES))
def test_spec_module_has_cases_that_report_and_cases_that_stay_silent(topic: str) -> None:
    """Some case file imports the module, expects a report, and has silent functions."""
    top = {m.split(".")[0] for m in SPEC_MODULES[topic]}
    found = []
    for case in CASES_DIR.glob("*.py"):
        text = case.read_text()
        if any(_uses(text, t) for t in top) and "# E:" in text and "def " in text:
            found.append(case.name)
    assert found, f"{topic}: no case file imports {sorted(top)} and expects a report"
    silent_functions = 0
    for name in found:
        blocks = re.split(r"\n(?:async )?def ", (CASES_DIR / name).read_text())
        silent_functions += sum(1 for b in blocks[1:] if "# E:" not in b and "# N:" not in b)
    assert silent_functions, f"{topic}: no silent case"
