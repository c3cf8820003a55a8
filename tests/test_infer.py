"""The ``mypy-ownership infer`` command (docs/design.md §13): the rewriting of proposals
into sources, the command's output, statuses and soundness check, and the proposals the
engine makes on a small project.

Tests of the rewriting and of the command's own logic give the proposals by hand (a driver
replaces ``inference.proposals`` in the command's process), so that they test the command
whatever the engine proposes; the last tests run the real engine end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import mypy.build  # noqa: F401  (first: mypy's modules import cleanly in this order only)
import pytest

from harness import run_mypy
from mypy_ownership.infer_rewrite import annotate
from mypy_ownership.inference import Proposal

ROOT = Path(__file__).resolve().parents[1]
CONFIG = "[mypy]\nplugins = mypy_ownership.plugin\nshow_error_codes = True\n"

# replaces the engine by the proposals given as JSON (module name -> proposals' fields)
FAKE_ENGINE = """
import json, sys
import mypy.build  # mypy's own modules import in this order only
from mypy_ownership import inference
spec = json.loads(sys.argv[1])
def proposals(module, summaries, types):
    return [inference.Proposal(module.fullname, module.path, **p) for p in spec.get(module.fullname, [])]
inference.proposals = proposals
from mypy_ownership.infer_cli import main
sys.exit(main(sys.argv[2:]))
"""
WITHOUT_LIBCST = """
import sys
sys.modules["libcst"] = None  # what an environment without it gives an import
from mypy_ownership.infer_cli import main
sys.exit(main(sys.argv[1:]))
"""


def proposal(function: str, place: str, mode: str = "Own", type_text: str = "", line: int = 1, cls: str = "") -> Proposal:
    return Proposal("m", "m.py", line, function, cls, place, mode, type_text, "")


def spec(function: str, place: str, mode: str = "Own", type_text: str = "", line: int = 1, cls: str = "") -> dict[str, object]:
    return {"line": line, "function": function, "cls": cls, "place": place, "mode": mode, "type_text": type_text, "source": ""}


def infer(cwd: Path, *args: str, engine: dict[str, list[dict[str, object]]] | None = None,
          script: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    env.pop("MYPYPATH", None)
    if script is not None:
        command = [sys.executable, "-c", script, *args]
    elif engine is not None:
        command = [sys.executable, "-c", FAKE_ENGINE, json.dumps(engine), *args]
    else:
        command = [sys.executable, "-m", "mypy_ownership", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def project(tmp_path: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    (tmp_path / "mypy.ini").write_text(config, encoding="utf-8")
    return tmp_path


# -- the rewriting ------------------------------------------------------------------------------

HOLDER = '''\
"""A module."""
from typing import IO  # kept
import subprocess


def open_log(path):  # a factory
    return open(path, "a")


def take(
    f: IO[str],  # the file
    n=3,
) -> None:
    f.close()


class Holder:
    out: IO[str]

    def __init__(self, path: str) -> None:
        self.proc = subprocess.Popen(["x"])   # started here
        self.f = open(path)

    def close(self):
        self.f.close()
'''


def test_rewrite_wraps_adds_and_keeps_comments() -> None:
    outcome = annotate(HOLDER, [
        proposal("open_log", "return", type_text="IO[str]", line=6),
        proposal("take", "param:f", line=10),
        proposal("", "field:out", cls="Holder", line=18),
        proposal("", "field:proc", cls="Holder", type_text="subprocess.Popen[bytes]", line=21),
        proposal("Holder.close", "receiver", cls="Holder", line=24),
    ], "m")
    assert outcome.source == '''\
"""A module."""
from typing import IO  # kept
import subprocess
from mypy_ownership import Own


def open_log(path) -> Own[IO[str]]:  # a factory
    return open(path, "a")


def take(
    f: Own[IO[str]],  # the file
    n=3,
) -> None:
    f.close()


class Holder:
    out: Own[IO[str]]

    def __init__(self, path: str) -> None:
        self.proc: Own[subprocess.Popen[bytes]] = subprocess.Popen(["x"])   # started here
        self.f = open(path)

    def close(self: Own["Holder"]):
        self.f.close()
'''
    assert len(outcome.applied) == 5 and not outcome.skipped


def test_rewrite_twice_changes_nothing() -> None:
    proposals = [
        proposal("open_log", "return", type_text="IO[str]", line=6),
        proposal("take", "param:f", line=10),
        proposal("Holder.close", "receiver", cls="Holder", line=24),
    ]
    once = annotate(HOLDER, proposals, "m")
    twice = annotate(once.source, proposals, "m")
    assert twice.source == once.source
    assert len(twice.already) == 3 and not twice.applied


def test_rewrite_skips_what_it_cannot_write_and_keeps_other_modes() -> None:
    source = "from mypy_ownership import Ref\n\ndef f(a, b: Ref[int]):\n    return a\n"
    outcome = annotate(source, [
        proposal("f", "return", line=3),  # no annotation to wrap, no type
        proposal("f", "param:a", type_text="Unheard", line=3),  # a name the module cannot see
        proposal("f", "param:b", mode="Own", line=3),  # the code says Ref: explicit wins
        proposal("g", "return", type_text="int"),
    ], "m")
    assert outcome.source == source
    assert [reason for _, reason in outcome.skipped] == [
        "type unknown", "type 'Unheard' not visible in the module", "annotated Ref", "no such function",
    ]


@pytest.mark.parametrize(("before", "after"), [
    ("from mypy_ownership import Ref  # words\n", "from mypy_ownership import Ref, Own  # words\n"),
    ("from mypy_ownership import (\n    Ref,\n)\n", "from mypy_ownership import (\n    Ref, Own,\n)\n"),
    ('"""Doc."""\nfrom __future__ import annotations\n', '"""Doc."""\nfrom __future__ import annotations\nfrom mypy_ownership import Own\n'),
])
def test_rewrite_merges_the_import_line(before: str, after: str) -> None:
    outcome = annotate(before + "\ndef f(x: int):\n    pass\n", [proposal("f", "param:x", line=4)], "m")
    assert outcome.source.split("\ndef f")[0] == after


def test_rewrite_quotes_a_class_not_yet_defined_and_imports_a_module() -> None:
    source = "class C:\n    def m(self) -> None:\n        pass\n\n\ndef make():\n    return C()\n\n\ndef g(x):\n    pass\n"
    outcome = annotate(source, [
        proposal("C.m", "receiver", cls="C", line=2), proposal("make", "return", type_text="m.C", line=6),
        proposal("g", "param:x", type_text="io.BytesIO", line=10),
    ], "m")
    assert 'def m(self: Own["C"]) -> None:' in outcome.source
    assert "def make() -> Own[C]:" in outcome.source  # defined above: needs no quotes
    assert "def g(x: Own[io.BytesIO]):" in outcome.source
    assert outcome.source.startswith("import io\nfrom mypy_ownership import Own\n\n\nclass C:\n")
    future = annotate("from __future__ import annotations\n" + source, [proposal("C.m", "receiver", cls="C", line=3)], "m")
    assert "def m(self: Own[C]) -> None:" in future.source


# -- the command --------------------------------------------------------------------------------

FACTORIES = {
    "mod.py": '''
        class Box:
            items: list[str]


        def opener(path: str):
            return open(path)


        def aliasing(path: str) -> str:
            f = opener(path)
            g = f
            data = f.read()  # Python's aliasing: after -> Own[...] a Rust move
            g.close()
            return data


        def writer(path: str):  # writes
            return open(path, "w")
    ''',
}
WRITER = {"mod": [spec("writer", "return", type_text="typing.TextIO", line=17)]}


def test_diff_by_default_and_nothing_written(tmp_path: Path) -> None:
    root = project(tmp_path, FACTORIES)
    before = (root / "mod.py").read_text()
    done = infer(root, "infer", "mod.py", "--config-file", "mypy.ini", engine=WRITER)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("--- a/mod.py\n+++ b/mod.py\n")
    assert "-def writer(path: str):  # writes\n+def writer(path: str) -> Own[typing.TextIO]:  # writes\n" in done.stdout
    assert "+from mypy_ownership import Own\n" in done.stdout and "+import typing\n" in done.stdout
    assert (root / "mod.py").read_text() == before
    assert "1 annotations in 1 files" in done.stderr


def test_write_applies_and_a_second_run_proposes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path, FACTORIES)
    done = infer(root, "infer", "--write", "mod.py", "--config-file", "mypy.ini", engine=WRITER)
    assert done.returncode == 0 and done.stdout == "", done.stderr
    assert "def writer(path: str) -> Own[typing.TextIO]:  # writes" in (root / "mod.py").read_text()
    again = infer(root, "infer", "mod.py", "--config-file", "mypy.ini", engine=WRITER)
    assert again.returncode == 0 and again.stdout == "", again.stderr


def test_proposals_that_add_errors_are_dropped(tmp_path: Path) -> None:
    """-> Own[...] turns the aliasing caller's known owner into a declared one, whose
    aliasing is a move (use-after-move); Ref on a class attribute is an annotation error;
    the writer's annotation adds nothing and stays."""
    root = project(tmp_path, FACTORIES, config="[mypy]\nshow_error_codes = True\n")  # the plugin added
    engine = {"mod": [
        spec("opener", "return", type_text="typing.TextIO", line=5),
        spec("", "field:items", mode="Ref", cls="Box", line=2),
        *WRITER["mod"],
    ]}
    done = infer(root, "infer", "--write", "mod.py", "--config-file", "mypy.ini", engine=engine)
    assert done.returncode == 0, done.stderr
    assert "dropped mod.py: opener return, for mod.py:12: use-after-move" in done.stderr
    assert "dropped mod.py: Box field:items, for mod.py:2: ownership-annotation" in done.stderr
    text = (root / "mod.py").read_text()
    assert "def opener(path: str):" in text and "items: list[str]" in text
    assert "-> Own[typing.TextIO]:  # writes" in text


def test_blame_by_a_call_falls_on_the_function_of_the_messages_module_first(tmp_path: Path) -> None:
    """The use-after-move names no function: the ``opener`` whose result the name was bound
    to is blamed, the one of its module, not another module's function of the same name."""
    files = {**FACTORIES, "other.py": """
        def opener(path: str):
            return open(path)
    """}
    root = project(tmp_path, files)
    engine = {
        "mod": [spec("opener", "return", type_text="typing.TextIO", line=5)],
        "other": [spec("opener", "return", type_text="typing.TextIO", line=1)],
    }
    done = infer(root, "infer", "--write", "mod.py", "other.py", "--config-file", "mypy.ini", engine=engine)
    assert done.returncode == 0, done.stderr
    assert "dropped mod.py: opener return, for mod.py:12: use-after-move" in done.stderr
    assert "dropped other.py" not in done.stderr
    assert "def opener(path: str) -> Own[typing.TextIO]:" in (root / "other.py").read_text()
    assert "def opener(path: str):" in (root / "mod.py").read_text()


@pytest.mark.parametrize(("args", "message"), [
    ((), "the following arguments are required: PATH"),
    (("missing.py",), "no such file or directory: missing.py"),
    (("broken.py",), "mypy stopped"),
])
def test_usage_and_failures_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    root = project(tmp_path, {"broken.py": "def f(:\n"})
    done = infer(root, "infer", *args, "--config-file", "mypy.ini") if args else infer(root, "infer")
    assert done.returncode == 2
    assert message in done.stderr


def test_missing_libcst_says_how_to_install_it(tmp_path: Path) -> None:
    root = project(tmp_path, FACTORIES)
    done = infer(root, "infer", "mod.py", script=WITHOUT_LIBCST)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "mypy-ownership infer needs libcst to rewrite sources: pip install 'mypy-ownership[infer]'"
    )


def test_the_channel_stays_out_of_the_cache_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The plugin reads MYPY_OWNERSHIP_INFER_OUTPUT at start, and mypy's cache key (the
    plugin's config data) is the same with it as without it."""
    from mypy.options import Options

    from mypy_ownership.plugin import INFER_OUTPUT_VARIABLE, OwnershipPlugin

    monkeypatch.delenv(INFER_OUTPUT_VARIABLE, raising=False)
    plain = OwnershipPlugin(Options())
    monkeypatch.setenv(INFER_OUTPUT_VARIABLE, str(tmp_path / "proposals.jsonl"))
    inferring = OwnershipPlugin(Options())
    assert plain._infer_output is None and inferring._infer_output == str(tmp_path / "proposals.jsonl")
    assert inferring._config_data == plain._config_data


def test_the_plugin_never_imports_the_command() -> None:
    """libcst stays the command's dependency: nothing the plugin imports reaches it."""
    code = (
        "import sys, mypy.build, mypy_ownership.plugin, mypy_ownership.analysis, mypy_ownership.inference;"
        " print(sorted(m for m in sys.modules if m.startswith(('libcst', 'mypy_ownership.infer_'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.stdout.strip() == "[]", done.stderr


# -- the recovery measure -----------------------------------------------------------------------

def test_recovery_measure_counts_a_perfect_engine_as_perfect() -> None:
    """The script's stripping and reading, checked against the rewriting: proposing back
    exactly what was stripped restores every place with its mode, and nothing else."""
    from infer_recovery import places

    for name in ("resources.py", "lifetimes.py", "consuming_receivers.py"):
        original = (ROOT / "tests" / "cases" / name).read_text(encoding="utf-8")
        stripped, modes, removed = places(original, strip=True)
        assert removed and all(mode != "Ref" or key[1] == "return" for key, mode in removed.items())
        back = [
            Proposal("m", name, 0, "" if place.startswith("field:") else where,
                     where if place.startswith("field:") else where.rpartition(".")[0], place, mode, "", "")
            for (where, place), mode in removed.items()
        ]
        outcome = annotate(stripped, back, "m")
        assert not outcome.skipped
        assert places(outcome.source)[1] == modes


# -- the real engine, end to end ----------------------------------------------------------------

TWO_MODULES = {
    "helpers.py": """
        import subprocess


        def open_log(path):  # the log file
            return open(path, "a")


        def start(cmd: list[str]):
            return subprocess.Popen(cmd, stdout=subprocess.PIPE)


        class Journal:
            def __init__(self, path: str) -> None:
                self.out = open(path, "a")

            def close(self) -> None:
                self.out.close()
    """,
    "main.py": """
        from helpers import Journal, open_log, start


        def run(path: str) -> None:
            log = open_log(path)
            log.write("x")
            proc = start(["ls"])
            journal = Journal(path)
    """,
}


def test_factories_of_one_module_leak_in_the_other_once_annotated(tmp_path: Path) -> None:
    root = project(tmp_path, TWO_MODULES)
    before = run_mypy("--config-file", "mypy.ini", "--no-incremental", "helpers.py", "main.py", cwd=root)
    assert "error" not in before.stdout, before.stdout
    done = infer(root, "infer", "--write", "--config-file", "mypy.ini", "helpers.py", "main.py")
    assert done.returncode == 0, done.stderr
    helpers = (root / "helpers.py").read_text()
    assert "def open_log(path) -> Own[io.TextIOWrapper]:  # the log file" in helpers
    assert "def start(cmd: list[str]) -> Own[subprocess.Popen[bytes]]:" in helpers
    assert "self.out: Own[io.TextIOWrapper] = open(path, \"a\")" in helpers
    assert 'def close(self: Own["Journal"]) -> None:' in helpers
    assert helpers.startswith("import subprocess\nimport io\nfrom mypy_ownership import Own\n")
    after = run_mypy("--config-file", "mypy.ini", "--no-incremental", "helpers.py", "main.py", cwd=root)
    leaks = sorted(line for line in after.stdout.splitlines() if "[resource-leak]" in line)
    assert leaks == [
        'main.py:5: error: "log" is not released on every path  [resource-leak]',
        'main.py:7: error: "proc" is not released on every path  [resource-leak]',
        'main.py:8: error: "journal" is not released on every path  [resource-leak]',
    ]
    again = infer(root, "infer", "--config-file", "mypy.ini", "helpers.py", "main.py")
    assert again.returncode == 0 and again.stdout == "", again.stderr


def test_recovery_of_the_adopting_page_example() -> None:
    """The recovery script on its smallest unit: the docs example whose annotations the
    adopting page says infer writes, stripped and inferred back."""
    from infer_recovery import recover, units

    unit = next(u for u in units() if u.name == "docs/adopting.md example adopting")
    figures, report = recover(unit)
    assert len(figures.originals) == 3, report
    assert figures.recovered == list(figures.originals) and not figures.wrong, report


def test_a_class_made_a_resource_is_blamed_where_another_module_moves_its_instance(tmp_path: Path) -> None:
    """Owned fields and a releasing receiver make every ``Worker`` a resource, so the
    caller's ``self.workers[pid] = worker`` moves it and the hook's use after it is a
    use after move: those proposals are to blame (by the class's name, bound above the
    error), the factory beside them is not, and the rounds go on without them."""
    root = project(tmp_path, {
        "workers.py": """
            def open_log(path: str):
                return open(path, "a")


            class Worker:
                def __init__(self, path: str) -> None:
                    self.out = open(path, "a")

                def close(self) -> None:
                    self.out.close()
        """,
        "arbiter.py": """
            from workers import Worker


            class Arbiter:
                def __init__(self) -> None:
                    self.workers: dict[int, Worker] = {}

                def spawn(self, pid: int, hook) -> None:
                    worker = Worker("x")
                    self.workers[pid] = worker
                    hook(self, worker)
        """,
    })
    done = infer(root, "infer", "--write", "--config-file", "mypy.ini", "workers.py", "arbiter.py")
    assert done.returncode == 0, done.stderr
    assert "nothing to blame" not in done.stderr
    assert "dropped workers.py: Worker field:out, for arbiter.py:11: use-after-move" in done.stderr
    assert "dropped workers.py: Worker.close receiver, for arbiter.py:11: use-after-move" in done.stderr
    text = (root / "workers.py").read_text()
    assert "def open_log(path: str) -> Own[io.TextIOWrapper]:" in text
    assert "self.out = open(path, \"a\")" in text and "def close(self) -> None:" in text
