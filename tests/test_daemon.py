"""The plugin under the mypy daemon (docs/design.md §10, §12.18), in the style of mypy's
own fine-grained tests: a small project of several modules goes through a sequence of
edits, and after each one the daemon (``dmypy check``) must print what a cold ``mypy``
run prints, error for error, and exit with the same status.

Each step also names the ownership findings it must show, so that a step whose findings
both runs lost would not pass unnoticed. Files are compared one by one: the daemon keeps
the order in which files first reported errors, where a cold run follows the import
graph (mypy's own behaviour, with or without the plugin).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness import MYPY, ROOT

DMYPY = str(Path(MYPY).with_name("dmypy"))

CONFIG = """\
[mypy]
plugins = mypy_ownership.plugin
show_column_numbers = True
warn_unused_ignores = True
"""

CONNS = '''\
from mypy_ownership import Own, Ref


class Conn:
    def send(self, data: bytes) -> None: ...

    def close(self: Own["Conn"]) -> None: ...


def connect() -> Own[Conn]:
    return Conn()


def finish(conn: Own[Conn]) -> None:
    conn.close()
'''

APP = '''\
from conns import connect, finish


def main() -> None:
    conn = connect()
    conn.send(b"hello")
    finish(conn)
'''

FILES = '''\
def first_line(path: str) -> str:
    with open(path) as f:
        return f.readline()
'''

HANDLES = '''\
class Handle:
    def read(self) -> bytes:
        return b""
'''

HANDLES_CLOSING = '''\
from mypy_ownership import Own


class Handle:
    def read(self) -> bytes:
        return b""

    def close(self: Own["Handle"]) -> None: ...
'''

USES = '''\
from mypy_ownership import Own
from handles import Handle


def make() -> Own[Handle]:
    return Handle()


def use() -> None:
    handle = make()
    handle.read()
    count: int = "one"
'''


@dataclass
class Step:
    name: str
    write: dict[str, str] = field(default_factory=dict)
    delete: tuple[str, ...] = ()
    # (file, error code) of the ownership errors the step must show
    shows: set[tuple[str, str]] = field(default_factory=set)


STEPS = [
    Step("first check", {"conns.py": CONNS, "app.py": APP, "files.py": FILES,
                         "handles.py": HANDLES, "uses.py": USES}),
    Step("add a move", {"app.py": APP + '    conn.send(b"again")\n'},
         shows={("app.py", "use-after-move")}),
    # app.py is unchanged: the callee's new signature must reach it
    Step("the callee borrows instead", {"conns.py": CONNS.replace("finish(conn: Own[Conn])", "finish(conn: Ref[Conn])")
                                        .replace("    conn.close()\n", "    conn.send(b'bye')\n")},
         shows={("app.py", "resource-leak")}),
    Step("fix the leak", {"app.py": APP + '    conn.send(b"again")\n    conn.close()\n'}),
    Step("break it again", {"app.py": APP + '    conn.send(b"again")\n'},
         shows={("app.py", "resource-leak")}),
    # uses.py is unchanged and never names close(): the class's new member must reach it
    Step("a class becomes a resource", {"handles.py": HANDLES_CLOSING},
         shows={("app.py", "resource-leak"), ("uses.py", "resource-leak")}),
    Step("add a module", {"extra.py": "from conns import connect\n\n\ndef spare() -> None:\n    c = connect()\n"},
         shows={("app.py", "resource-leak"), ("uses.py", "resource-leak"), ("extra.py", "resource-leak")}),
    Step("a standard-library leak", {"files.py": FILES.replace("    with open(path) as f:\n        return",
                                                               "    f = open(path)\n    return")},
         shows={("app.py", "resource-leak"), ("uses.py", "resource-leak"), ("extra.py", "resource-leak"),
                ("files.py", "resource-leak")}),
    # a deletion re-checks no module of the others' findings by itself
    Step("delete a module", delete=("extra.py",),
         shows={("app.py", "resource-leak"), ("uses.py", "resource-leak"), ("files.py", "resource-leak")}),
    Step("the class is no resource again", {"handles.py": HANDLES},
         shows={("app.py", "resource-leak"), ("files.py", "resource-leak")}),
    # the daemon says which ignores are unused before the plugin reports: one is used,
    # the other is not (last but one: mypy's daemon forgets unused ignores of a file
    # that a later edit leaves alone, with or without the plugin)
    Step("ignore a finding in a changed module",
         {"files.py": FILES.replace("    with open(path) as f:\n        return",
                                    "    f = open(path)  # type: ignore[resource-leak]\n    return")
          + "\n\ndef size(path: str) -> int:\n    return len(path)  # type: ignore[resource-leak]\n"},
         shows={("app.py", "resource-leak")}),
    Step("no edit", shows={("app.py", "resource-leak")}),
]


@dataclass
class Project:
    root: Path
    env: dict[str, str]
    status: Path
    clock: float = 0.0

    def apply(self, step: Step) -> None:
        for name, text in step.write.items():
            path = self.root / name
            path.write_text(text)
            # a distinct modification time for every write: the daemon's file watcher
            # compares them first
            self.clock += 10
            os.utime(path, (self.clock, self.clock))
        for name in step.delete:
            (self.root / name).unlink()

    def sources(self) -> list[str]:
        return sorted(p.name for p in self.root.glob("*.py"))

    def dmypy(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([DMYPY, "--status-file", str(self.status), *args], cwd=self.root,
                              env=self.env, capture_output=True, text=True, timeout=300)

    def cold(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run([MYPY, "--config-file", "mypy.ini", "--no-incremental", "--cache-dir",
                               os.devnull, *self.sources()], cwd=self.root, env=self.env,
                              capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    root = tmp_path / "project"
    root.mkdir()
    (root / "mypy.ini").write_text(CONFIG)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MYPYPATH", None)
    found = Project(root, env, tmp_path / "dmypy.json", clock=os.stat(root).st_mtime - 10_000)
    started = found.dmypy("start", "--", "--config-file", "mypy.ini")
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        yield found
    finally:
        found.dmypy("stop")


def by_file(output: str) -> dict[str, list[str]]:
    """Each file's messages in order; the summary line under its own key."""
    files: dict[str, list[str]] = {}
    for line in output.splitlines():
        key = line.split(":", 1)[0] if ": error: " in line or ": note: " in line else "summary"
        files.setdefault(key, []).append(line)
    return files


def ownership_errors(output: str) -> set[tuple[str, str]]:
    codes = ("use-after-move", "resource-leak", "move-from-borrow", "borrow-escape", "borrow-conflict")
    found = set()
    for line in output.splitlines():
        code = line.rsplit("[", 1)[-1].rstrip("]")
        if ": error: " in line and code in codes:
            found.add((line.split(":", 1)[0], code))
    return found


def test_the_daemon_reports_what_a_cold_run_reports_after_every_edit(project: Project) -> None:
    for step in STEPS:
        project.apply(step)
        daemon = project.dmypy("check", *project.sources())
        cold = project.cold()
        context = f"step {step.name!r}\n-- daemon:\n{daemon.stdout}{daemon.stderr}-- cold:\n{cold.stdout}{cold.stderr}"
        assert "Traceback" not in daemon.stdout + daemon.stderr, context
        assert by_file(daemon.stdout) == by_file(cold.stdout), context
        assert daemon.returncode == cold.returncode, context
        assert ownership_errors(cold.stdout) == step.shows, context


def test_a_clean_file_exits_zero_on_every_run(project: Project) -> None:
    """The issue's reproduction: exit 1 from the second run on, while printing "Success"
    (the plugin's note, which the daemon's later runs count as a message)."""
    (project.root / "a.py").write_text("def f() -> int:\n    return 1\n")
    for _ in range(3):
        run = project.dmypy("check", "a.py")
        assert (run.returncode, run.stdout) == (0, "Success: no issues found in 1 source file\n")


# -- the facts about mypy's daemon the design rests on (docs/design.md §12.18) --------------

PROBED_A = '''\
class C1:
    def read(self) -> int:
        return 1


class C2:
    def read(self) -> int:
        return 1


def make1() -> C1:
    return C1()


def make2() -> C2:
    return C2()


def f(x: int) -> int:
    return x
'''

PROBED_B = '''\
from a import f, make1, make2


def g() -> None:
    one = make1()
    two = make2()


def h() -> int:
    return f(1)
'''


def probe_session(tmp_path: Path, mode: str, edits: list[str]) -> list[tuple[list[str], str]]:
    """Run the probe plugin (tests/plugins/daemon_probe_plugin.py) under the daemon over
    a.py and b.py; after the first check and after each edit of a.py, the modules the
    hook ran for and the daemon's output."""
    project = Project(tmp_path / "p", dict(os.environ), tmp_path / "dmypy.json")
    project.root.mkdir()
    log = tmp_path / "hooks.log"
    project.env.update(PROBE_LOG=str(log), PROBE_MODE=mode,
                       PYTHONPATH=os.pathsep.join([str(ROOT / "tests" / "plugins"), str(ROOT)]))
    project.env.pop("MYPYPATH", None)
    (project.root / "mypy.ini").write_text("[mypy]\nplugins = daemon_probe_plugin\n")
    project.clock = os.stat(project.root).st_mtime - 10_000
    project.apply(Step("start", {"a.py": PROBED_A, "b.py": PROBED_B}))
    seen = []
    try:
        for text in [PROBED_A, *edits]:
            project.apply(Step("edit", {"a.py": text}))
            log.write_text("")
            run = project.dmypy("run", "--", "--config-file", "mypy.ini", "a.py", "b.py")
            assert "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
            seen.append((sorted(line.split()[1] for line in log.read_text().splitlines()), run.stdout))
    finally:
        project.dmypy("stop")
    return seen


SIGNATURE = PROBED_A.replace("def f(x: int)", "def f(x: object)").replace("    return x\n", "    return 1\n")
MEMBER_2 = SIGNATURE.replace("class C2:\n", "class C2:\n    def close(self) -> None: ...\n\n")
MEMBER_1 = MEMBER_2.replace("class C1:\n", "class C1:\n    def close(self) -> None: ...\n\n")


def test_an_update_runs_the_hook_only_for_the_module_that_changed(tmp_path: Path) -> None:
    """b uses f, whose signature changes: mypy re-checks b's target h without the hook;
    and the update first empties every file's errors, so what the hook reported in b in
    the first build is gone."""
    (first, first_out), (update, update_out) = probe_session(tmp_path, "", [SIGNATURE])
    assert first == ["a", "b"] and "b.py:1: error: probe error" in first_out
    assert update == ["a"]
    assert "probe error" not in update_out


def test_a_module_marked_like_a_cache_skeleton_is_rechecked_whole(tmp_path: Path) -> None:
    """With is_cache_skeleton set on b's tree, the same change re-checks b whole, hook
    included; a member added to a class b only gets instances of reaches b through no
    dependency of mypy's own (C2), and through one the plugin declares (C1)."""
    seen = probe_session(tmp_path, "whole deps", [SIGNATURE, MEMBER_2, MEMBER_1])
    assert [hooks for hooks, _ in seen] == [["a", "b"], ["a", "b"], ["a"], ["a", "b"]]


def test_later_runs_of_the_daemon_count_notes_as_failures(tmp_path: Path) -> None:
    """Why a note of the plugin's own (there was one, saying the checks did not run)
    made every later run exit 1: a run that re-checks nothing returns the previous
    messages, and its status is 1 whenever there are any, notes included (the first run,
    and mypy, count errors only). So the plugin reports no note without its error."""
    project = Project(tmp_path / "p", dict(os.environ), tmp_path / "dmypy.json")
    project.root.mkdir()
    (project.root / "a.py").write_text("reveal_type(1)\n")
    try:
        statuses = [project.dmypy("run", "--", "a.py").returncode for _ in range(2)]
    finally:
        project.dmypy("stop")
    assert statuses == [0, 1]
