"""The documentation builds strictly, and every code example in it is what the tool does.

Conventions of the Markdown pages under ``docs/`` and of ``README.md`` (``docs/examples/``
is a sample project, not part of the site, and is not read here):

- A ```` ```python ```` fence is an example module. Its file name is the fence's title
  (```` ```python title="app.py" ````), ``example.py`` without one. A title ending in
  ``.pyi`` makes it an ownership stub; a title with a folder puts it in that folder (both
  only inside a group, below).
- A ```` ```text ```` fence is what mypy prints for the ``python`` fence before it (prose
  may stand between them, another fence may not), with the file name the title shows and
  without mypy's closing summary line (``Found 2 errors ...`` / ``Success: ...``). A
  ``python`` fence with no ``text`` fence must make mypy print nothing for its file.
- An ```` ```ini ```` or ```` ```toml ```` fence titled ``mypy.ini``, ``setup.cfg`` or
  ``pyproject.toml`` is a configuration file. Standing alone, it must enable the plugin:
  mypy run with it on a module with a use after move must report that error.
- ``<!-- example: NAME -->`` ... ``<!-- /example -->`` makes the fences between them one
  example: its files are written side by side, its configuration file (if any) replaces
  the default one, and one mypy run checks all its modules.
- ```` ```rust ```` (the article's code) and ```` ```console ```` (shell commands) fences
  are prose. Any other fence fails the test: every example is checked.

Every ``python`` fence outside a group is checked with ``DEFAULT_CONFIG``, all of them in
one mypy run (one module per fence, named after its page, renamed back to its title when
the outputs are compared); each group and each standalone configuration gets a run of its
own, and the runs go in parallel.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mypy_ownership.errorcodes import ALL_CODES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXCLUDED = DOCS / "examples"
# The console script, not `python -m mypy`: -m puts the working directory on sys.path, and
# mypy then takes the examples' modules for installed ones and silences them.
MYPY = str(Path(sys.executable).with_name("mypy"))
DEFAULT_CONFIG = "[mypy]\nplugins = mypy_ownership.plugin\nshow_column_numbers = True\n"
CONFIG_NAMES = ("mypy.ini", "setup.cfg", "pyproject.toml")
PROSE = ("rust", "console")  # quoted Rust, shell commands: the only fences not run
# What a standalone configuration is checked on: the plugin must report its use after move.
PROBE = """\
from mypy_ownership import Own


def consume(data: Own[bytearray]) -> None: ...


def twice(data: Own[bytearray]) -> None:
    consume(data)
    consume(data)
"""
PROBE_REPORT = '"data" used after move  [use-after-move]'
SUMMARY = re.compile(r"^(Found \d+ errors? in \d+ files?|Success: no issues found)")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})(?P<info>[^`]*)$")
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')
_GROUP_START = re.compile(r"^\s*<!--\s*example:\s*(?P<name>[\w.-]+)\s*-->\s*$")
_GROUP_END = re.compile(r"^\s*<!--\s*/example\s*-->\s*$")


@dataclass
class Fence:
    page: str  # relative to the repository
    line: int  # of the opening fence, 1-based
    lang: str
    title: str | None
    text: str
    group: str | None = None
    expected: str | None = None  # the text fence after a python fence

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass
class Example:
    """What one mypy run checks."""

    name: str
    files: dict[str, str] = field(default_factory=dict)  # written path -> text
    config_name: str = "mypy.ini"
    config: str = DEFAULT_CONFIG
    expected: dict[str, tuple[str, Fence]] = field(default_factory=dict)  # path -> output
    shown_as: dict[str, str] = field(default_factory=dict)  # written path -> title shown
    probe: bool = False  # a standalone configuration, checked on PROBE


def pages() -> list[Path]:
    """The site's pages, and the README: the first example a new user runs."""
    return [ROOT / "README.md", *sorted(p for p in DOCS.rglob("*.md") if EXCLUDED not in p.parents)]


def fences(page: Path) -> list[Fence]:
    """The fences of a page in order, each ``text`` fence attached to its ``python`` fence."""
    rel = page.relative_to(ROOT).as_posix()
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Fence] = []
    group: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := _GROUP_START.match(line):
            assert group is None, f"{rel}:{i + 1}: example {group!r} is not closed"
            group = m["name"]
        elif _GROUP_END.match(line):
            assert group is not None, f"{rel}:{i + 1}: <!-- /example --> without a start"
            group = None
        elif m := _FENCE.match(line):
            indent, ticks, info = m["indent"], m["ticks"], m["info"].strip()
            closing = re.compile(rf"^{re.escape(indent)}{ticks}\s*$")
            body: list[str] = []
            j = i + 1
            while j < len(lines) and not closing.match(lines[j]):
                body.append(lines[j].removeprefix(indent))
                j += 1
            assert j < len(lines), f"{rel}:{i + 1}: fence not closed"
            title = t["title"] if (t := _TITLE.search(info)) else None
            text = "".join(f"{b}\n" for b in body)
            fence = Fence(rel, i + 1, info.split()[0] if info else "", title, text, group)
            previous = found[-1] if found else None
            if fence.lang == "text":
                assert (
                    previous is not None and previous.lang == "python"
                    and previous.expected is None and previous.group == group
                    and not (previous.title or "").endswith(".pyi")
                ), f"{fence.where}: a text fence must follow the python fence whose output it shows"
                previous.expected = text
            else:
                found.append(fence)
            i = j
        i += 1
    assert group is None, f"{rel}: example {group!r} is not closed"
    return found


def _is_config(fence: Fence) -> bool:
    return fence.lang in ("ini", "toml") and fence.title in CONFIG_NAMES


def examples() -> list[Example]:
    """The mypy runs that check every example of every page."""
    batch = Example("the ungrouped python fences")
    grouped: dict[tuple[str, str], Example] = {}
    alone: list[Example] = []
    counters: dict[str, int] = defaultdict(int)
    for page in pages():
        for fence in fences(page):
            if fence.lang in PROSE:
                continue
            assert fence.lang == "python" or _is_config(fence), (
                f"{fence.where}: a ```{fence.lang} fence that no test checks (see this module's"
                " docstring for the kinds of fences)"
            )
            if fence.group is not None:
                key = (fence.page, fence.group)
                example = grouped.setdefault(key, Example(f"{fence.page} example {fence.group}"))
                if _is_config(fence):
                    assert example.config is DEFAULT_CONFIG, f"{fence.where}: a second configuration"
                    example.config_name, example.config = fence.title or "", fence.text
                    continue
                path = fence.title or "example.py"
                assert path not in example.files, f"{fence.where}: {path} twice in one example"
                example.files[path] = fence.text
                if path.endswith(".py"):
                    example.expected[path] = (fence.expected or "", fence)
            elif _is_config(fence):
                example = Example(fence.where, config_name=fence.title or "", config=fence.text)
                example.files["probe.py"] = PROBE
                example.probe = True
                alone.append(example)
            else:
                title = fence.title or "example.py"
                assert title.endswith(".py") and "/" not in title, (
                    f"{fence.where}: a stub or a file in a folder belongs in an <!-- example: --> group"
                )
                stem = re.sub(r"\W", "_", fence.page.removesuffix(".md"))
                counters[stem] += 1
                path = f"{stem}_{counters[stem]}.py"
                batch.files[path] = fence.text
                batch.expected[path] = (fence.expected or "", fence)
                batch.shown_as[path] = title
    return [batch, *grouped.values(), *alone]


@dataclass
class Run:
    example: Example
    returncode: int
    stdout: str
    stderr: str

    def outputs(self) -> tuple[dict[str, str], list[str]]:
        """mypy's lines per module, named as the page shows it; and lines of no module."""
        per_file: dict[str, str] = defaultdict(str)
        stray = []
        modules = sorted((p for p in self.example.files if p.endswith(".py")), key=len, reverse=True)
        for line in self.stdout.splitlines():
            if SUMMARY.match(line):
                continue
            path = next((p for p in modules if line.startswith(p + ":")), None)
            if path is None:
                stray.append(line)
            else:
                per_file[path] += self.example.shown_as.get(path, path) + line[len(path):] + "\n"
        return per_file, stray


def run_all(workdir: Path) -> list[Run]:
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    env["PYTHONPATH"] = str(ROOT)
    started = []
    for number, example in enumerate(examples()):
        where = workdir / f"run{number}"
        for path, text in {**example.files, example.config_name: example.config}.items():
            (where / path).parent.mkdir(parents=True, exist_ok=True)
            (where / path).write_text(text, encoding="utf-8")
        modules = sorted(p for p in example.files if p.endswith(".py"))
        command = [MYPY, "--no-incremental", "--config-file", example.config_name, *modules]
        proc = subprocess.Popen(
            command, cwd=where, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        started.append((example, proc))
    runs = []
    for example, proc in started:
        stdout, stderr = proc.communicate(timeout=600)
        runs.append(Run(example, proc.returncode, stdout, stderr))
    return runs


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[Run]:
    return run_all(tmp_path_factory.mktemp("docs-examples"))


def test_every_example_prints_what_the_docs_show(runs: list[Run]) -> None:
    problems = []
    checked = 0
    for run in runs:
        got, stray = run.outputs()
        if run.stderr.strip() or stray or run.returncode not in (0, 1):
            problems.append(
                f"{run.example.name}: mypy exited {run.returncode}\n"
                + _indent("\n".join([*stray, *run.stderr.splitlines()]))
            )
        if run.example.probe:
            checked += 1
            if PROBE_REPORT not in got.get("probe.py", ""):
                problems.append(f"{run.example.name}: this configuration does not run the plugin")
            continue
        for path, (want, fence) in run.example.expected.items():
            checked += 1
            have = got.get(path, "")
            if have != want:
                problems.append(
                    f"{fence.where}: the page shows\n{_indent(want)}but mypy prints\n{_indent(have)}"
                )
    assert not problems, "\n".join(problems)
    assert checked


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines()) or "    (nothing)\n"


def test_every_error_code_has_a_page_with_its_output() -> None:
    index = (DOCS / "errors" / "index.md").read_text(encoding="utf-8")
    for code in ALL_CODES:
        page = DOCS / "errors" / f"{code.code}.md"
        assert page.is_file(), f"no page for [{code.code}]"
        assert page.read_text(encoding="utf-8").startswith(f"# {code.code}\n"), (
            f"{page}: the title must be the code"
        )
        assert f"({code.code}.md)" in index, f"docs/errors/index.md does not link {page.name}"
        fixed = [f for f in fences(page) if f.lang == "python" and f.expected is None]
        assert any(f"[{code.code}]" in (f.expected or "") for f in fences(page)), (
            f"{page}: no example shows mypy reporting [{code.code}]"
        )
        assert fixed, f"{page}: no example shows the fix"


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    for module, package in (("mkdocs", "mkdocs"), ("material", "mkdocs-material")):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{package} is not installed (pip install -e '.[test]' installs it)")
    site = tmp_path / "site"
    proc = subprocess.run(
        # not --quiet: it raises the log level above WARNING, and strict mode then counts no
        # warning at all
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # material's banner, not a warning
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (site / "index.html").is_file()
    assert (site / "errors" / "use-after-move" / "index.html").is_file()
    assert not (site / "examples").exists(), "docs/examples/ must stay out of the site"
