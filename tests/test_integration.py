"""The plugin inside real mypy runs: cache, parallel workers, contained failures,
configuration, error codes, unsupported environments."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from harness import CASES, ROOT, Run, run_mypy
from mypy_ownership import MUT, OWN, REF, Mut, Own, Ref

CASE_FILES = sorted(
    os.path.relpath(p, CASES) for p in CASES.rglob("*.py") if p.name != "__init__.py"
)  # the default configuration's cases

MOVE = '''\
from mypy_ownership import Own


class Conn:
    def send(self, data: bytes) -> None: ...


def consume(conn: Own[Conn]) -> None: ...


def f(conn: Own[Conn]) -> None:
    consume(conn)
    conn.send(b"")
'''


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def config(extra_mypy: str = "", section: str = "") -> str:
    text = "[mypy]\nplugins = mypy_ownership.plugin\nshow_column_numbers = True\n" + extra_mypy
    if section:
        text += "\n[mypy_ownership]\n" + section
    return text


def ownership_lines(run: Run) -> list[str]:
    return [line for line in run.stdout.splitlines() if ": note: " in line or ": error: " in line]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CASES, tmp_path / "cases")
    return tmp_path / "cases"


def test_warm_cache_reports_what_a_cold_run_reports(project: Path) -> None:
    args = ("--config-file", "mypy.ini", "--cache-dir", ".cache", *CASE_FILES)
    cold = run_mypy(*args, cwd=project)
    warm = run_mypy(*args, cwd=project)
    assert ownership_lines(cold) and ownership_lines(warm) == ownership_lines(cold)
    assert "no module was analysed in this process" in warm.stderr


def test_stale_module_reached_only_through_a_user_alias(project: Path) -> None:
    """docs/design.md §12.4: on a warm run the only stale module fires no call hook of ours."""
    args = ("--config-file", "mypy.ini", "--cache-dir", ".cache", "pkg/uses_alias.py", "pkg/aliases.py")
    cold = run_mypy(*args, cwd=project)
    target = project / "pkg" / "uses_alias.py"
    target.write_text(target.read_text() + "\n\ndef g() -> None:\n    pass\n")
    warm = run_mypy(*args, cwd=project)
    assert warm.stats["modules"] == 1
    assert ownership_lines(warm) == ownership_lines(cold)
    assert any("used after move" in line for line in ownership_lines(warm))


def test_markers_of_a_cached_module_warm_as_cold(project: Path) -> None:
    """docs/design.md §12.20: with the module that defines the releasing methods loaded
    from the cache, a stale module that calls them reports what the cold run did."""
    args = ("--config-file", "mypy.ini", "--cache-dir", ".cache", "pkg/release_uses.py", "pkg/release_classes.py")
    cold = run_mypy(*args, cwd=project)
    target = project / "pkg" / "release_uses.py"
    target.write_text(target.read_text() + "\n\ndef g() -> None:\n    pass\n")
    warm = run_mypy(*args, cwd=project)
    assert warm.stats["modules"] == 1
    assert ownership_lines(warm) == ownership_lines(cold)
    assert sum("used after release" in line for line in ownership_lines(warm)) == 1


def test_parallel_workers_report_what_a_serial_run_reports(project: Path) -> None:
    serial = run_mypy("--config-file", "mypy.ini", "--no-incremental", *CASE_FILES, cwd=project)
    parallel = run_mypy(
        "--config-file", "mypy.ini", "--cache-dir", ".cache-n2", "-n", "2", *CASE_FILES, cwd=project
    )
    assert sorted(ownership_lines(parallel)) == sorted(ownership_lines(serial))
    assert len(ownership_lines(serial)) > 20


def test_a_failing_check_is_contained_and_counted(tmp_path: Path) -> None:
    write(tmp_path, {
        "mypy.ini": "[mypy]\nplugins = failing_plugin\n[mypy_ownership]\nreport_stats = true\n",
        "m.py": MOVE + "\n\ndef explode_here(conn: Own[Conn]) -> None:\n"
        "    consume(conn)\n    conn.send(b'')\n",
    })
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "m.py", cwd=tmp_path,
                   env={"PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "plugins"), str(ROOT)])})
    out = run.stdout + run.stderr
    assert "Traceback" not in out and "INTERNAL ERROR" not in out
    assert run.returncode == 1
    assert run.stats["failed"] == 1
    assert len(run.failures) == 1 and "explode_here" in run.failures[0]
    assert "injected failure" in run.failures[0]
    errors = [line for line in ownership_lines(run) if ": error: " in line]
    assert errors == ['m.py:13: error: "conn" used after move  [use-after-move]']


@pytest.mark.parametrize("stdlib", [True, False])
def test_container_insertion_moves_whatever_the_stdlib_setting(tmp_path: Path, stdlib: bool) -> None:
    """The language-level stubs (stubs/_language) are read even without the stdlib ones:
    moving an owner into a list depends on them; an unmanaged value stays usable."""
    source = (
        "from mypy_ownership import Own\n\n\nclass Conn: ...\n\n\n"
        "def keep(conn: Own[Conn], plain: Conn) -> None:\n"
        "    pool: list[Conn] = []\n"
        "    pool.append(conn)\n"
        "    pool.append(plain)\n"
        "    print(plain)\n"
        "    print(conn)\n"
    )
    section = f"report_stats = true\ncheck_stdlib_resources = {str(stdlib).lower()}\n"
    write(tmp_path, {"mypy.ini": config(section=section), "app.py": source})
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "app.py", cwd=tmp_path)
    assert run.stats["failed"] == 0
    assert ownership_lines(run) == [
        'app.py:9:17: note: "conn" was moved here by call to "append"',
        'app.py:12:11: error: "conn" used after move  [use-after-move]',
    ]


@pytest.mark.parametrize("stdlib", [True, False])
def test_code_that_uses_none_of_it_gets_no_error(tmp_path: Path, stdlib: bool) -> None:
    """With the stdlib stubs every module may use a resource (open()), so it is analysed;
    without them, a module that cannot see Own/Ref/Mut is skipped whole."""
    text = (CASES / "silent_plain.py").read_text().replace("from mypy_ownership import Own\n", "")
    text = text[: text.index("def keep(")]
    section = f"report_stats = true\ncheck_stdlib_resources = {str(stdlib).lower()}\n"
    write(tmp_path, {"mypy.ini": config(section=section), "plain.py": text})
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "plain.py", cwd=tmp_path)
    assert run.returncode == 0, run.stdout
    assert run.stats["failed"] == 0
    if stdlib:
        assert run.stats["modules"] >= 1  # looked at; no function holds a stub-covered call
    else:
        assert run.stats["skipped"] >= 1 and run.stats["modules"] == 0


@pytest.mark.parametrize(
    "setting, reported",
    [
        ("", True),
        ("disable_error_code = use-after-move\n", False),
        ("disable_error_code = use-after-move\nenable_error_code = use-after-move\n", True),
    ],
)
def test_error_codes_obey_mypy_configuration(tmp_path: Path, setting: str, reported: bool) -> None:
    write(tmp_path, {"mypy.ini": config(setting), "m.py": MOVE})
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "m.py", cwd=tmp_path)
    assert "Invalid error code" not in run.stdout + run.stderr
    assert ("used after move" in run.stdout) is reported
    assert ('was moved here' in run.stdout) is reported


def test_per_module_ignore_errors_and_silent_imports_are_not_analysed(tmp_path: Path) -> None:
    """docs/design.md §12.5: reporting into such modules crashes mypy; they must be skipped."""
    write(tmp_path, {
        "mypy.ini": config("\n[mypy-quiet]\nignore_errors = True\n[mypy-silent]\nfollow_imports = silent\n",
                           "report_stats = true\n"),
        "quiet.py": MOVE,
        "silent.py": MOVE,
        "main.py": "import silent\nimport quiet\n",
    })
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "main.py", "quiet.py", cwd=tmp_path)
    assert "INTERNAL ERROR" not in run.stdout + run.stderr
    assert run.returncode == 0, run.stdout
    assert run.stats["modules"] == 1


def test_configuration_errors_name_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, {"mypy.ini": config(section="report_stats = true\nleak_on_exceptions = true\n"), "m.py": ""})
    run = run_mypy("--config-file", "mypy.ini", "m.py", cwd=tmp_path)
    assert run.returncode == 2
    assert 'mypy.ini:7: error: unknown option "leak_on_exceptions"' in run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    write(tmp_path, {
        "pyproject.toml": '[tool.mypy]\nplugins = ["mypy_ownership.plugin"]\n\n'
        '[tool.mypy_ownership]\nreport_stats = "perhaps"\n',
        "m.py": "",
    })
    run = run_mypy("--config-file", "pyproject.toml", "m.py", cwd=tmp_path)
    assert run.returncode == 2
    assert 'pyproject.toml:5: error: "report_stats" must be true or false' in run.stderr


def test_old_mypy_gets_one_clear_error(tmp_path: Path) -> None:
    code = "from mypy_ownership.plugin import plugin; plugin('2.3.1')"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "mypy 2.3.1 is not supported; the plugin needs mypy >= 2.4" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_vocabulary_at_run_time() -> None:
    def f(a: Own[int], b: Ref[str], c: Mut[list[int]]) -> Own[bytes]:
        return b""

    hints = typing.get_type_hints(f, include_extras=True)
    assert hints["a"].__metadata__ == (OWN,) and hints["a"].__origin__ is int
    assert hints["b"].__metadata__ == (REF,)
    assert hints["c"].__metadata__ == (MUT,)
    assert hints["return"].__metadata__ == (OWN,)
    assert typing.get_type_hints(f)["a"] is int


def test_error_codes_share_one_category() -> None:
    from mypy.errorcodes import error_codes

    from mypy_ownership.errorcodes import ALL_CODES, CATEGORY

    names = {code.code for code in ALL_CODES}
    assert names == {
        "use-after-move", "resource-leak", "move-from-borrow", "borrow-escape",
        "borrow-conflict", "missing-lifetime", "ownership-annotation",
    }
    assert all(error_codes[name].category == CATEGORY for name in names)


def test_example_project_shows_real_diagnostics() -> None:
    run = run_mypy("--config-file", "docs/examples/mypy.ini", "--no-incremental",
                   "docs/examples/app", cwd=ROOT)
    assert run.returncode == 1
    codes = {line.rsplit("[", 1)[-1] for line in ownership_lines(run) if ": error: " in line}
    assert {"use-after-move]", "missing-lifetime]", "resource-leak]"} <= codes
    for path in (ROOT / "docs" / "examples" / "app").glob("*.py"):
        assert f"{path.name}:" not in run.stderr


def test_report_stats_keeps_the_teardown_cheap(tmp_path: Path) -> None:
    """``report_stats`` must turn mypy's fast exit off (it would skip the summary), and the
    summary then freezes mypy's heap out of the collector, so that the interpreter's
    teardown does not free it object by object (issue 17: 4 to 19 s on large runs)."""
    import atexit
    import gc

    from mypy.options import Options

    from mypy_ownership.plugin import OwnershipPlugin

    write(tmp_path, {"mypy.ini": config(section="report_stats = true\n")})
    options = Options()
    options.config_file = str(tmp_path / "mypy.ini")
    assert options.fast_exit
    plugin = OwnershipPlugin(options)
    atexit.unregister(plugin._print_stats)  # this process is pytest's, not mypy's
    assert not options.fast_exit
    before = gc.get_freeze_count()
    try:
        plugin._print_stats()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
    options = Options()
    write(tmp_path, {"mypy.ini": config(section="report_stats = false\n")})
    options.config_file = str(tmp_path / "mypy.ini")
    OwnershipPlugin(options)
    assert options.fast_exit  # off: mypy's own fast exit stays


def _parsed_modules(run: Run) -> set[str]:
    return set(re.findall(r"Parsing \S+ \(([\w.]+)\)", run.stderr))


def test_no_module_joins_the_build_for_the_plugin(tmp_path: Path) -> None:
    """The plugin costs mypy no extra module (docs/design.md §7.4, §11.8): a build that
    acquires nothing and imports no library the stubs cover parses exactly the modules the
    same build parses without the plugin (no stub overlay or library stub adds one)."""
    write(tmp_path, {
        "app.py": "import json\nimport re\n\n\ndef parse(text: str) -> object:\n"
                  "    return json.loads(re.sub('x', 'y', text))\n",
        "plain.ini": "[mypy]\n",
        "with.ini": config(section="report_stats = true"),
    })
    found = {}
    for name in ("plain", "with"):
        run = run_mypy("--config-file", f"{name}.ini", "--no-incremental", "--cache-dir", f".cache-{name}", "-v",
                       "app.py", cwd=tmp_path)
        assert run.returncode == 0, run.stdout + run.stderr[-3000:]
        found[name] = _parsed_modules(run)
    assert "app" in found["plain"] and "json" in found["plain"]
    assert found["with"] == found["plain"], sorted(found["with"] ^ found["plain"])
