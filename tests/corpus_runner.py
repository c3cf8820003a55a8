"""Real-world validation: mypy with the ownership plugin on the standard library and on
popular PyPI packages, with every ownership finding written out for a human to triage.

Run it (from the repository root, with the environment's python, the one mypy is installed in):

    .venv/bin/python tests/corpus_runner.py

Options: ``--set first|second|libraries`` (which corpus, default ``first``: see below),
``--only stdlib|packages`` (one half of the corpus), ``--keep`` (keep the temporary
tree: the corpus, the throwaway venv, the configuration), ``--out DIR`` (where the findings
go; default ``build/corpus/``, ``build/corpus-SET/`` with another ``--set``),
``--split none|groups|each`` (how the corpus is cut into mypy runs, default ``groups``: the
standard library and the packages), ``--jobs N`` (runs at once, default 2), ``--infer``
(after the run, apply ``mypy-ownership infer`` to a copy of the corpus and report the
findings its annotations make visible: see "With ``--infer``" below). A default run
takes about a minute on two cores: the pip install, then the two mypy runs side by side. It
exits with status 1 if mypy crashed, the plugin's analysis of some function failed, or a
finding that ``tests/corpus_triage.md`` classes REAL for this set is no longer reported (they
are listed: no real finding may be lost), 0 otherwise (findings are expected: they are what a
human triages).
The file is named so that the default ``pytest`` run does not collect it (only ``test_*.py``
is collected).

The corpus
----------
mypy silences modules it finds in site-packages and would check the standard library only
against typeshed, so the code is copied into a temporary directory as plain packages:

- ``stdlib_copy/``: the running Python's standard library
  (``sysconfig.get_paths()["stdlib"]``) minus ``test/``, ``idlelib/``, ``lib2to3/tests/``,
  ``site-packages/``, ``__pycache__/``. It is one package named ``stdlib_copy`` so that it
  does not shadow typeshed: ``import os`` inside it still means typeshed's ``os``, which is
  what the ownership stubs are overlaid on. Before the main run a probe module importing
  every top-level name of the copy is checked with ``mypy -v``, and the run stops if any of
  them is read from the copy instead of typeshed.
- one top-level package per distribution in :data:`PACKAGES` (pinned, so that the figures
  can be compared from one run to the next), installed with ``pip install --no-deps`` into a
  throwaway venv and copied out of its site-packages.

Only ``.py`` files are copied (a ``.pyi`` beside a module would be checked instead of it),
directories and files whose names are not identifiers are left out, every directory holding
modules gets an ``__init__.py`` (otherwise mypy would take it for a root of top-level
modules), and files that this Python cannot parse are dropped; both are counted.

The second set
--------------
``--set second`` checks another corpus instead: the pinned distributions of
:data:`SECOND_PACKAGES` and nothing else (no standard library; ``--only stdlib`` is refused,
``--only packages`` changes nothing), built, run and reported exactly as above. Its
distributions are popular, mostly pure-Python ones that hold sockets, files or processes
(network clients and servers, message brokers' clients, SSH and subprocess runners, file
locks, a serial port, a git implementation), none of them in :data:`PACKAGES`. It is a
held-out set: its findings are not read while the plugin is being changed, so that it tells
how the plugin does on code it was not tuned on; until then look only at its crashes, its
``failed`` count and how much was analysed. Its findings go to ``build/corpus-second/`` so
that they do not mix with the first set's. It takes about a minute: the pip install,
then one mypy run (``--split groups`` makes a single run of it: it has no standard library).

The libraries set
-----------------
``--set libraries`` checks the pinned distributions of :data:`LIBRARY_PACKAGES`, popular
projects built on the third-party libraries the shipped library stubs cover (job queues on
redis, migrations and helpers on SQLAlchemy, S3 streaming on boto3, SSH on paramiko, a
Jupyter client on pyzmq, images on Pillow, HDF5 on h5py, HTTP tools on requests), exactly
as the second set is run. The libraries they use are not copied: mypy reads them, with
their types, from the environment it runs in (install the ``test`` extra, which lists them),
so their calls are typed and their stubs apply, as in a user's build. The report's
``library calls`` line counts the calls that resolved to a shipped library stub. Its
findings go to ``build/corpus-libraries/`` and are triaged under ``## Libraries corpus``.

The runs
--------
Each run is the venv's ``mypy`` console script (not ``python -m mypy``, which puts the
working directory on ``sys.path`` and silences the corpus as installed) with
``--no-incremental``, a fresh ``--cache-dir``, ``-O json`` and this configuration:
``plugins = mypy_ownership.plugin``, ``check_untyped_defs``, ``ignore_missing_imports``,
``follow_imports = silent`` (a module imported from another run's part of the corpus is
analysed for its types but reported only by its own run, so split runs add up to one big
run), every mypy error code except the plugin's disabled (mypy's own findings on untyped
library code are noise here; disabling a code does not change inference), and
``[mypy_ownership] report_stats = true``.

What it reports
---------------
Files checked; crashes (``Traceback`` or ``INTERNAL ERROR`` in the output, or an exit
status other than 0 and 1); functions analysed and bodies, as the plugin counts them on its
stats line (a module that imports nothing of ``Own``/``Ref``/``Mut`` gets only its functions
holding a call the ownership stubs cover analysed), beside the number of functions in the
corpus (the count depends on ``--split``: which calls count as covered grows with the
standard-library modules a run loads, since methods are matched by name; the findings do
not change); the functions whose analysis raised (the plugin's ``failed:`` lines, quoted whole:
each one is a plugin bug); the ownership findings per error code; and the most frequent
finding *shapes*, each with three examples. A shape is a finding with the names of the
variable it is about and the line numbers taken out, its notes included (so a leak of an
``open()`` result that escapes by ``return`` and one that escapes by ``raise`` differ).

Files written to ``--out``: ``findings.txt`` (every ownership finding, its error line and
its notes as mypy prints them, each followed by the source line, grouped by shape, the most
frequent first), ``findings.jsonl`` (the same, one JSON object per finding), ``summary.txt``
(the report printed at the end), and ``mypy-<run>.out``/``.err`` (each run's raw output).

With ``--infer``
----------------
After the normal run the corpus tree is copied, ``mypy-ownership infer --write`` is run over
the copy (once per run of the split, on that run's top-level packages, with the same
configuration file), and the checks are run again on the annotated copy, split as before.
Findings of the two runs are matched by file, line in the original source (the rewriting
inserts its import lines; ``infer``'s own mapping takes them out), error code and message.
Written to ``--out``: ``findings_infer.jsonl`` (the findings present after ``infer`` and
absent before, one JSON object per finding, its ``line`` in the original source and
``infer_line`` in the annotated copy), ``findings_infer.txt`` (the same as text, with
their source lines), ``infer.diff`` (what ``infer`` wrote), ``infer-<run>.err`` (its
summary) and ``summary_infer.txt``: ``infer``'s seconds and exit status per run, the
annotations it wrote by kind, the files it changed, the findings it made visible per code,
the findings lost (``infer`` promises none), the new ``ownership-annotation``,
``missing-lifetime`` and ``use-after-move`` errors (it promises none), and the findings the
triage's ``infer`` section classes REAL for this set that are no longer made visible. The
exit status is then 1 also when ``infer`` failed, broke either promise or no longer shows
such a REAL finding. The triage of the new findings
is the section of ``tests/corpus_triage.md`` headed ``## Findings `infer` makes visible``,
by the original line; its lines do not count for the plain runs.

mypy prints notes sorted by line, apart from their error, and its JSON output attaches only
the notes at the error's own position; the others carry the error's code and are attached
here to an error of the same code, same file and same innermost function, preferring one
about the same name, then one that does not hold the same note yet, then one on the right
side of it (an escape comes after its error, a move or a borrow before), then the nearest.
That is a guess where one name has several findings in one function: read the notes there
with the code.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mypy.errorcodes  # noqa: E402
import mypy.version  # noqa: E402

from mypy_ownership.errorcodes import ALL_CODES  # noqa: E402
from mypy_ownership.infer_soundness import GUARDED_CODES, original_line  # noqa: E402

# The console script, not `python -m mypy`: -m puts the working directory on sys.path, and
# mypy then takes the corpus for installed packages and silences it.
MYPY = str(Path(sys.executable).with_name("mypy"))
INFER = str(Path(sys.executable).with_name("mypy-ownership"))
CODES = tuple(code.code for code in ALL_CODES)
MYPY_VERSION: str = mypy.version.__version__
STDLIB = Path(sysconfig.get_paths()["stdlib"])
STDLIB_PACKAGE = "stdlib_copy"
STDLIB_SKIPPED = ("test", "idlelib", "lib2to3/tests", "site-packages")

# Popular distributions, pinned: (requirement, top-level packages to copy; None = every
# top-level package the distribution installs).
PACKAGES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("requests==2.34.2", None),
    ("urllib3==2.8.0", None),
    ("httpx==0.28.1", None),
    ("httpcore==1.0.9", None),
    ("h11==0.16.0", None),
    ("anyio==4.16.0", None),
    ("paramiko==5.1.0", None),
    ("pip==26.3", None),
    ("setuptools==84.2.1", ("setuptools",)),
    ("click==8.5.1", None),
    ("jinja2==3.1.6", None),
    ("werkzeug==3.1.9", None),
    ("botocore==1.44.8", None),
    ("boto3==1.44.8", None),
    ("s3transfer==0.19.3", None),
    ("tornado==6.6.1", None),
    ("rich==15.0.0", None),
    ("pygments==2.21.0", None),
)

# The second, held-out set (``--set second``), in the same form: distributions that hold
# sockets, files or processes, none of them in PACKAGES. Only packages are copied, so a
# distribution that installs a lone top-level module (sh, for one) cannot be part of it.
SECOND_PACKAGES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("pexpect==4.9.0", None),
    ("ptyprocess==0.7.0", None),
    ("redis==8.2.0", None),
    ("pymysql==1.2.4", None),
    ("websocket-client==1.9.2", None),
    ("paho-mqtt==2.2.0", None),
    ("pika==1.4.4", None),
    ("docker==7.2.0", None),
    ("invoke==3.0.3", None),
    ("fabric==3.2.3", None),
    ("gunicorn==27.0.1", None),
    ("waitress==3.0.2", None),
    ("dulwich==1.2.21", None),
    ("filelock==4.3.2", None),
    ("pyserial==3.5", None),
    ("plumbum==2.0.2", None),
    ("aiofiles==25.1.0", None),
    ("execnet==2.1.2", None),
    ("watchdog==7.1.1", None),
)
# The libraries set (``--set libraries``): popular projects built on the libraries the shipped
# library stubs cover (docs/libraries.md: redis, sqlalchemy, boto3, paramiko, requests,
# Pillow, h5py, pyzmq, ...), none of them in the two sets above. The libraries themselves
# are not copied: they come with their types from the environment mypy runs in (the test
# extra), as in a user's build, so that their calls are typed and the stubs apply.
LIBRARY_PACKAGES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("rq==2.12.0", None),                  # redis
    ("huey==3.5.4", None),                 # redis
    ("alembic==1.20.1", None),             # sqlalchemy
    ("flask-sqlalchemy==3.1.1", None),     # sqlalchemy
    ("dataset==2.0.0", None),              # sqlalchemy
    ("sqlalchemy-utils==0.43.0", None),    # sqlalchemy
    ("smart-open==9.0.2", None),           # boto3, requests, paramiko
    ("netmiko==4.8.0", None),              # paramiko
    ("jupyter-client==8.10.0", None),      # pyzmq
    ("qrcode==8.2", None),                 # Pillow
    ("imageio==2.38.1", None),             # Pillow
    ("h5netcdf==1.8.2", None),             # h5py
    ("httpie==3.2.4", None),               # requests
    ("requests-toolbelt==1.0.0", None),    # requests
    ("walrus==0.9.8", None),               # redis
    ("python-redis-lock==4.0.1", None),    # redis
    ("limits==5.8.0", None),               # redis
    ("sqlmodel==0.0.50", None),            # sqlalchemy
    ("sqlacodegen==4.0.4", None),          # sqlalchemy
    ("python-gitlab==8.6.0", None),        # requests
    ("hvac==2.4.0", None),                 # requests
    ("requests-cache==1.3.3", None),       # requests, redis
    ("testcontainers==4.15.0", None),      # docker
    ("ipykernel==7.4.0", None),            # pyzmq
    ("python-pptx==1.0.2", None),          # Pillow
    ("mycli==2.30.1", None),               # pymysql
    ("minio==7.2.20", None),               # urllib3
    ("tweepy==4.17.0", None),              # requests, aiohttp
    ("prawcore==4.0.0", None),             # requests
    ("spur==0.3.23", None),                # paramiko
    ("zeep==4.3.3", None),                 # requests, httpx
    ("gql==4.4.0", None),                  # websockets, aiohttp, requests, httpx
    ("pytelegrambotapi==4.37.1", None),    # requests, aiohttp
    ("flask-caching==2.5.1", None),        # redis
)
SETS = {"first": PACKAGES, "second": SECOND_PACKAGES, "libraries": LIBRARY_PACKAGES}

_STATS = re.compile(
    r"mypy-ownership: (?P<modules>\d+) modules, (?P<functions>\d+) functions analysed"
    r" \((?P<bodies>\d+) bodies\), (?P<failed>\d+) failed, (?P<findings>\d+) findings,"
    r" (?P<seconds>[0-9.]+) s in the plugin; (?P<skipped>\d+) modules skipped"
    r"(?:[^;\n]*; (?P<library_calls>\d+) library calls)?"
)
_FAILED = "mypy-ownership: failed: "
_QUOTED = re.compile(r'"([^"]*)"')


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the corpus ---------------------------------------------------------------------------------


@dataclass
class Corpus:
    """The temporary tree: ``root`` holds the top-level packages mypy checks."""

    root: Path
    groups: dict[str, list[str]] = field(default_factory=dict)  # run name -> files, relative
    origins: dict[str, str] = field(default_factory=dict)  # top-level package -> where from
    dropped: list[str] = field(default_factory=list)  # unparsable files left out
    unnamed: int = 0  # .py files left out because their name or folder is not an identifier
    inits_added: int = 0

    def files(self) -> list[str]:
        return [f for files in self.groups.values() for f in files]


def _copy_python_tree(corpus: Corpus, src: Path, dst: Path, skip: Iterable[str] = ()) -> None:
    """Copy the ``.py`` files under ``src`` (relative paths in ``skip`` left out, and any
    directory or module whose name is not an identifier: those are counted)."""
    skipped = {Path(s) for s in skip}

    def ignore(directory: str, names: list[str]) -> list[str]:
        rel = Path(directory).relative_to(src)
        out = []
        for name in names:
            path = Path(directory, name)
            if path.is_dir():
                if name == "__pycache__" or rel / name in skipped:
                    out.append(name)
                elif not name.isidentifier():
                    out.append(name)
                    corpus.unnamed += sum(1 for _ in path.rglob("*.py"))
            elif not name.endswith(".py"):
                out.append(name)
            elif not name[:-3].isidentifier():
                out.append(name)
                corpus.unnamed += 1
        return out

    shutil.copytree(src, dst, ignore=ignore, symlinks=False)


def _finish_package(corpus: Corpus, top: Path) -> list[str]:
    """Drop what this Python cannot parse, add the missing ``__init__.py`` files, and return
    the package's modules relative to the corpus root."""
    files = []
    for path in sorted(top.rglob("*.py")):
        try:
            ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError) as err:
            corpus.dropped.append(f"{path.relative_to(corpus.root)}: {type(err).__name__}: {err}")
            path.unlink()
    for directory in sorted({p.parent for p in top.rglob("*.py")} | {top}):
        init = directory / "__init__.py"
        if not init.exists():
            init.write_text("")
            corpus.inits_added += 1
        parent = directory.parent
        while parent != corpus.root and not (parent / "__init__.py").exists():
            (parent / "__init__.py").write_text("")
            corpus.inits_added += 1
            parent = parent.parent
    for path in sorted(top.rglob("*.py")):
        files.append(path.relative_to(corpus.root).as_posix())
    return files


def build_stdlib(corpus: Corpus, modules: Iterable[str] | None = None) -> list[str]:
    """Copy the standard library (or only ``modules``: top-level names) into ``stdlib_copy``."""
    dst = corpus.root / STDLIB_PACKAGE
    if modules is None:
        _copy_python_tree(corpus, STDLIB, dst, STDLIB_SKIPPED)
    else:
        dst.mkdir()
        for name in modules:
            if (STDLIB / name).is_dir():
                _copy_python_tree(corpus, STDLIB / name, dst / name)
            else:
                shutil.copy2(STDLIB / f"{name}.py", dst / f"{name}.py")
    corpus.origins[STDLIB_PACKAGE] = f"{STDLIB} (Python {sys.version.split()[0]})"
    return _finish_package(corpus, dst)


def install_packages(venv: Path, requirements: list[str]) -> Path:
    """A throwaway venv holding ``requirements`` (no dependencies); its site-packages."""
    log(f"creating a throwaway venv in {venv} and installing {len(requirements)} distributions")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    proc = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         *requirements],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"pip install failed:\n{proc.stdout}{proc.stderr}")
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    )
    return Path(out.stdout.strip())


def _top_level(site: Path, requirement: str) -> tuple[str, list[str]]:
    """(version, top-level packages) of an installed distribution, from its RECORD."""
    name = re.split(r"[=<>!~\[ ]", requirement, maxsplit=1)[0]
    wanted = re.sub(r"[-_.]+", "_", name).lower()
    for info in site.glob("*.dist-info"):
        dist, _, version = info.name[: -len(".dist-info")].partition("-")
        if re.sub(r"[-_.]+", "_", dist).lower() != wanted:
            continue
        tops = set()
        for row in (info / "RECORD").read_text().splitlines():
            first = row.split(",", 1)[0].split("/", 1)[0]
            if first.isidentifier() and (site / first / "__init__.py").is_file():
                tops.add(first)
        return version, sorted(tops)
    raise SystemExit(f"{requirement}: not found in {site} after pip install")


def build_packages(
    corpus: Corpus, venv: Path, packages: Iterable[tuple[str, tuple[str, ...] | None]] = PACKAGES
) -> dict[str, list[str]]:
    """Install ``packages`` and copy their top-level packages into the corpus: run name -> files."""
    packages = list(packages)
    site = install_packages(venv, [req for req, _ in packages])
    found: dict[str, list[str]] = {}
    for requirement, chosen in packages:
        version, tops = _top_level(site, requirement)
        for top in chosen if chosen is not None else tops:
            _copy_python_tree(corpus, site / top, corpus.root / top)
            corpus.origins[top] = f"{requirement.split('==')[0]} {version} (PyPI)"
            found[top] = _finish_package(corpus, corpus.root / top)
    return found


def build_corpus(
    root: Path, venv: Path, only: str | None, split: str,
    packages: Iterable[tuple[str, tuple[str, ...] | None]] = PACKAGES,
) -> Corpus:
    corpus = Corpus(root)
    root.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[str]] = {}
    if only in (None, "stdlib"):
        log(f"copying the standard library from {STDLIB}")
        groups[STDLIB_PACKAGE] = build_stdlib(corpus)
    if only in (None, "packages"):
        for top, files in build_packages(corpus, venv, packages).items():
            groups[top] = files
    if split == "each":
        corpus.groups = groups
    elif split == "groups":
        if STDLIB_PACKAGE in groups:
            corpus.groups["stdlib"] = groups.pop(STDLIB_PACKAGE)
        if groups:
            corpus.groups["packages"] = [f for files in groups.values() for f in files]
    else:
        corpus.groups["all"] = [f for files in groups.values() for f in files]
    return corpus


# -- mypy runs ----------------------------------------------------------------------------------


def mypy_config(plugin: bool = True, report_stats: bool = True) -> str:
    """The configuration of every run (the benchmark drops ``plugins`` and ``report_stats``)."""
    ours = set(CODES)
    disabled = ", ".join(sorted(c for c in mypy.errorcodes.error_codes if c not in ours))
    text = "[mypy]\n"
    if plugin:
        text += "plugins = mypy_ownership.plugin\n"
    text += (
        "check_untyped_defs = True\n"
        "ignore_missing_imports = True\n"
        "follow_imports = silent\n"
        f"disable_error_code = {disabled}\n"
        "\n[mypy_ownership]\n"
        f"report_stats = {'true' if report_stats else 'false'}\n"
    )
    return text


def mypy_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


def mypy_command(config: Path, cache: Path, files: list[str], *extra: str) -> list[str]:
    return [MYPY, "--config-file", str(config), "--no-incremental", "--cache-dir", str(cache), *extra, *files]


def check_stdlib_imports(corpus: Corpus, config: Path, scratch: Path) -> None:
    """Absolute imports inside ``stdlib_copy`` must still reach typeshed, never the copy."""
    copy = corpus.root / STDLIB_PACKAGE
    names = sorted(
        p.stem if p.is_file() else p.name
        for p in copy.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    )
    probe = copy / "_corpus_probe.py"
    probe.write_text("".join(f"import {name}\n" for name in names))
    try:
        proc = subprocess.run(
            mypy_command(config, scratch / "probe-cache", [probe.relative_to(corpus.root).as_posix()], "-v"),
            cwd=corpus.root, env=mypy_env(), capture_output=True, text=True, timeout=600,
        )
    finally:
        probe.unlink()
        shutil.rmtree(scratch / "probe-cache", ignore_errors=True)
    parsed = dict(
        (m["module"], m["path"])
        for m in re.finditer(r"Parsing (?P<path>\S+) \((?P<module>[\w.]+)\)", proc.stderr)
    )
    wrong = []
    for module, path in parsed.items():
        inside = Path(path) if Path(path).is_absolute() else corpus.root / path
        in_copy = module == STDLIB_PACKAGE or module.startswith(STDLIB_PACKAGE + ".")
        if inside.resolve().is_relative_to(copy.resolve()) and not in_copy:
            wrong.append(f"{module} read from {path}")
    typeshed = sum(1 for name in names if name in parsed and "typeshed" in parsed[name])
    if wrong or proc.returncode not in (0, 1):
        raise SystemExit(
            "absolute imports inside the standard-library copy do not reach typeshed:\n"
            + "\n".join(wrong) + f"\n(mypy exit status {proc.returncode})\n{proc.stdout[-2000:]}"
        )
    log(f"import check: {typeshed} of the copy's {len(names)} top-level names resolve to typeshed,"
        f" none to the copy ({len(names) - typeshed} are not in typeshed)")


@dataclass
class Message:
    file: str
    line: int
    column: int
    severity: str
    message: str
    code: str | None

    def text(self) -> str:
        code = f"  [{self.code}]" if self.severity == "error" and self.code else ""
        return f"{self.file}:{self.line}:{self.column + 1}: {self.severity}: {self.message}{code}"


@dataclass
class Finding:
    error: Message
    notes: list[Message] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        """The variable or field the finding is about (None when it is about a call)."""
        if self.error.message.startswith("The resource returned by"):
            return None
        m = _QUOTED.search(self.error.message)
        return m[1] if m else None

    def shape(self) -> str:
        """The finding with its subject's name and line numbers taken out, its help first and
        its other notes once each, sorted."""
        name = self.name

        def normal(text: str) -> str:
            if name:
                text = re.sub(rf'(?<![\w.]){re.escape(name)}(?![\w])', "X", text)
            return re.sub(r"\bline \d+", "line N", text)

        helps = {normal(n.message) for n in self.notes if n.message.startswith("help:")}
        others = {
            normal(n.message) for n in self.notes
            if not n.message.startswith(("help:", "Error code "))  # mypy's own note on an ignore
        }
        notes = sorted(helps) + sorted(others)
        return f"[{self.error.code}] {normal(self.error.message)}" + "".join(f" | {n}" for n in notes)


@dataclass
class RunResult:
    name: str
    files: int
    returncode: int
    seconds: float
    stdout: str
    stderr: str
    messages: list[Message] = field(default_factory=list)
    other_output: list[str] = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def crashes(self) -> list[str]:
        found = []
        for stream, text in (("stdout", self.stdout), ("stderr", self.stderr)):
            for marker in ("Traceback", "INTERNAL ERROR"):
                if marker in text:
                    at = text.index(marker)
                    found.append(f"{self.name}: {marker} in {stream}:\n{text[max(0, at - 200):at + 3000]}")
        if self.returncode not in (0, 1):
            found.append(f"{self.name}: exit status {self.returncode}\n{self.stderr[-3000:]}")
        return found


def parse_stats(stderr: str) -> tuple[dict[str, float], list[str]]:
    m = _STATS.search(stderr)
    stats = {k: float(v) for k, v in m.groupdict().items() if v is not None} if m else {}
    failures = [line[len(_FAILED):] for line in stderr.splitlines() if line.startswith(_FAILED)]
    return stats, failures


def run_group(name: str, files: list[str], corpus: Corpus, config: Path, scratch: Path, timeout: int) -> RunResult:
    cache = Path(tempfile.mkdtemp(prefix=f"cache-{name}-", dir=scratch))
    log(f"mypy run {name!r}: {len(files)} files")
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            mypy_command(config, cache, files, "-O", "json"),
            cwd=corpus.root, env=mypy_env(), capture_output=True, text=True, timeout=timeout,
        )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    seconds = time.perf_counter() - started
    result = RunResult(name, len(files), proc.returncode, seconds, proc.stdout, proc.stderr)
    for line in proc.stdout.splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            if line.strip():
                result.other_output.append(line)
            continue
        base = dict(file=data["file"], line=data["line"], column=data["column"], code=data["code"])
        result.messages.append(Message(severity=data["severity"], message=data["message"], **base))
        for hint in (data.get("hint") or "").splitlines():
            result.messages.append(Message(severity="note", message=hint, **base))
    result.stats, result.failures = parse_stats(proc.stderr)
    log(f"mypy run {name!r} done in {seconds:.1f} s (exit status {proc.returncode})")
    return result


# -- findings -----------------------------------------------------------------------------------


class Sources:
    """Source lines and function extents of the corpus files, read when first needed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lines: dict[str, list[str]] = {}
        self._functions: dict[str, list[tuple[int, int]]] = {}

    def line(self, file: str, number: int) -> str:
        if file not in self._lines:
            try:
                self._lines[file] = (self.root / file).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._lines[file] = []
        lines = self._lines[file]
        return lines[number - 1].strip() if 0 < number <= len(lines) else ""

    def function_at(self, file: str, number: int) -> tuple[int, int] | None:
        """The extent of the innermost function holding line ``number``."""
        if file not in self._functions:
            spans = []
            try:
                tree = ast.parse((self.root / file).read_bytes())
            except (OSError, SyntaxError, ValueError):
                tree = None
            for node in ast.walk(tree) if tree is not None else ():
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    spans.append((first, node.end_lineno or node.lineno))
            self._functions[file] = spans
        holding = [s for s in self._functions[file] if s[0] <= number <= s[1]]
        return min(holding, key=lambda s: s[1] - s[0]) if holding else None


def collect_findings(messages: list[Message], sources: Sources) -> tuple[list[Finding], list[Message]]:
    """Ownership errors with their notes attached; and the ownership notes left unattached."""
    findings: list[Finding] = []
    by_location: dict[tuple[str, int, int, str], Finding] = {}
    loose: list[Message] = []
    for msg in messages:
        if msg.code not in CODES:
            continue
        where = (msg.file, msg.line, msg.column, msg.code)
        if msg.severity == "error":
            finding = Finding(msg)
            findings.append(finding)
            by_location[where] = finding
        elif where in by_location:
            by_location[where].notes.append(msg)  # the JSON hint of its error
        else:
            loose.append(msg)
    per_file: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        per_file[(finding.error.file, finding.error.code or "")].append(finding)
    unattached = []
    for note in loose:
        candidates = per_file.get((note.file, note.code or ""), [])
        if not candidates:
            unattached.append(note)
            continue
        scope = sources.function_at(note.file, note.line)
        same_scope = [f for f in candidates if sources.function_at(f.error.file, f.error.line) == scope]
        pool = same_scope or candidates
        m = _QUOTED.match(note.message)
        named = [f for f in pool if m and f.name == m[1]]
        pool = named or pool
        escape = "escapes here" in note.message  # after its error; "moved here" and the like before

        def rank(f: Finding, note: Message = note, escape: bool = escape) -> tuple[bool, bool, int]:
            taken = any((n.line, n.column, n.message) == (note.line, note.column, note.message) for n in f.notes)
            after = f.error.line < note.line if escape else f.error.line >= note.line
            return (taken, not after, abs(f.error.line - note.line))

        min(pool, key=rank).notes.append(note)
    for finding in findings:
        finding.notes.sort(key=lambda n: (n.line, n.column, not n.message.startswith("help:")))
    return findings, unattached


# -- report -------------------------------------------------------------------------------------


def count_functions(root: Path, files: Iterable[str]) -> int:
    total = 0
    for file in files:
        try:
            tree = ast.parse((root / file).read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue
        total += sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(tree))
    return total


def render_finding(finding: Finding, sources: Sources) -> list[str]:
    out = [finding.error.text(), f"        | {sources.line(finding.error.file, finding.error.line)}"]
    for note in finding.notes:
        out.append("    " + note.text())
        if note.line != finding.error.line:
            out.append(f"            | {sources.line(note.file, note.line)}")
    return out


def write_findings(out: Path, corpus: Corpus, shapes: list[tuple[str, list[Finding]]], sources: Sources) -> None:
    lines = [
        "Ownership findings of tests/corpus_runner.py, grouped by shape (the most frequent first).",
        f"mypy {MYPY_VERSION}; paths are relative to the corpus root; where its packages come from:",
    ]
    lines += [f"  {top}/: {origin}" for top, origin in sorted(corpus.origins.items())]
    lines.append("Each error is followed by its source line (| ...) and its notes.")
    for number, (shape, group) in enumerate(shapes, start=1):
        lines += ["", f"== shape {number}: {len(group)} finding(s)", f"== {shape}", ""]
        for finding in group:
            lines += render_finding(finding, sources)
    (out / "findings.txt").write_text("\n".join(lines) + "\n")
    with (out / "findings.jsonl").open("w") as f:
        for shape, group in shapes:
            for finding in group:
                record = {
                    "shape": shape,
                    "error": finding.error.__dict__,
                    "source": sources.line(finding.error.file, finding.error.line),
                    "notes": [n.__dict__ for n in finding.notes],
                }
                f.write(json.dumps(record) + "\n")


def by_shape(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.shape()].append(finding)
    for group in groups.values():
        group.sort(key=lambda f: (f.error.file, f.error.line, f.error.column))
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def _spread(group: list[Finding], count: int) -> list[Finding]:
    """Up to ``count`` examples from different files where there are."""
    chosen: list[Finding] = []
    files: set[str] = set()
    for finding in group:
        if finding.error.file not in files:
            chosen.append(finding)
            files.add(finding.error.file)
        if len(chosen) == count:
            return chosen
    return chosen + [f for f in group if f not in chosen][: count - len(chosen)]


def report(
    corpus: Corpus, results: list[RunResult], findings: list[Finding], unattached: list[Message],
    shapes: list[tuple[str, list[Finding]]], sources: Sources, top: int, seconds: float,
) -> str:
    files = sum(r.files for r in results)
    total_functions = count_functions(corpus.root, corpus.files())

    def stat(key: str) -> int:
        return int(sum(r.stats.get(key, 0) for r in results))

    crashes = [c for r in results for c in r.crashes]
    failures = [f for r in results for f in r.failures]
    per_code = Counter(f.error.code for f in findings)
    out = [
        f"mypy-ownership corpus run: mypy {MYPY_VERSION}, Python {sys.version.split()[0]},"
        f" {len(results)} mypy run(s), {seconds:.0f} s in all",
        "",
        f"files checked:        {files}  ("
        + ", ".join(f"{r.name}: {r.files} in {r.seconds:.0f} s" for r in results) + ")",
    ]
    if corpus.unnamed:
        out.append(f"  left out, their file or folder name is not an identifier: {corpus.unnamed}")
    if corpus.dropped:
        out.append(f"  left out, this Python cannot parse them: {len(corpus.dropped)}")
        out += [f"    {d}" for d in corpus.dropped]
    out += [
        f"crashes:              {len(crashes)}",
        *[f"  {c}" for c in crashes],
        f"functions analysed:   {stat('functions')} of {total_functions} functions in the corpus"
        f" ({stat('bodies')} bodies with module and class bodies; {stat('modules')} modules)",
        f"functions failed:     {stat('failed')}",
        f"library calls:        {stat('library_calls')} (calls resolved to a shipped library stub)",
        *[f"  failed: {f}" for f in failures],
        f"plugin time:          {sum(r.stats.get('seconds', 0) for r in results):.1f} s (its own count)",
        f"ownership findings:   {len(findings)}"
        + (f" (the plugin counted {stat('findings')}: mypy silences those under a `# type: ignore`"
           " and drops duplicates)" if stat("findings") != len(findings) else ""),
        *[f"  {code:<22}{per_code.get(code, 0)}" for code in CODES],
    ]
    missing_stats = [r.name for r in results if not r.stats]
    if missing_stats:
        out.append(f"NO STATS LINE from: {', '.join(missing_stats)}")
    other = [line for r in results for line in r.other_output]
    non_ownership = [m for r in results for m in r.messages if m.code not in CODES]
    if other or non_ownership:
        out.append(f"other output: {len(other)} line(s), {len(non_ownership)} non-ownership message(s); first:")
        out += [f"  {line}" for line in (other + [m.text() for m in non_ownership])[:10]]
    if unattached:
        out.append(f"ownership notes with no error of theirs: {len(unattached)}")
        out += [f"  {n.text()}" for n in unattached[:10]]
    out += ["", f"the {min(top, len(shapes))} most frequent finding shapes (of {len(shapes)}):"]
    for number, (shape, group) in enumerate(shapes[:top], start=1):
        out += ["", f"{number}. {len(group)} x {shape}"]
        for finding in _spread(group, 3):
            out.append(f"     {finding.error.file}:{finding.error.line}: "
                       f"{sources.line(finding.error.file, finding.error.line)}")
    return "\n".join(out)


# -- main ---------------------------------------------------------------------------------------


TRIAGE: Final = ROOT / "tests" / "corpus_triage.md"
_TRIAGED: Final = re.compile(r"^(?P<path>[\w./-]+\.py):(?P<line>\d+) \| (?P<code>[\w-]+) \| (?P<cls>[A-Z]+) \|")
SECOND_HEADING: Final = "## Second corpus"
LIBRARIES_HEADING: Final = "## Libraries corpus"
INFER_HEADING: Final = "## Findings `infer` makes visible"


def real_findings(triage: Path, which: str) -> list[str]:
    """The ``path:line`` of every finding classed REAL in the triage of one set (the second
    set's lines come after the heading ``## Second corpus``, the libraries set's after
    ``## Libraries corpus``; those after ``## Findings `infer` makes visible`` are findings
    of annotated copies, of no plain run: ``infer-first`` after its ``### First corpus``,
    ``infer-second`` after ``### Second corpus``)."""
    found: list[str] = []
    current = "first"
    for line in triage.read_text().splitlines():
        if line.startswith(SECOND_HEADING):
            current = "second"
        elif line.startswith(LIBRARIES_HEADING):
            current = "libraries"
        elif line.startswith(INFER_HEADING):
            current = "infer"
        elif current.startswith("infer") and line.startswith("### "):
            current = f"infer-{line[4:].split()[0].lower()}"  # "### First corpus": infer-first
        m = _TRIAGED.match(line)
        if m and m["cls"] == "REAL" and current == which:
            found.append(f"{m['path']}:{m['line']}")
    return found


def lost_real_findings(findings: list[Finding], triage: Path, which: str, corpus: Corpus) -> list[str]:
    """The REAL findings of the triage that the run no longer reports (only those of files
    the run checked: ``--only`` checks half the corpus)."""
    reported = {f"{f.error.file}:{f.error.line}" for f in findings}
    checked = {name for files in corpus.groups.values() for name in files}
    return [
        where for where in real_findings(triage, which)
        if where not in reported and where.split(":")[0] in checked
    ]


# -- with --infer -------------------------------------------------------------------------------


_KINDS: Final = re.compile(r"^  by kind: (?P<kinds>.*)$", re.MULTILINE)
_APPLIED: Final = re.compile(r"mypy-ownership infer: (?P<count>\d+) annotations in (?P<files>\d+) files")


@dataclass
class InferRun:
    name: str
    returncode: int
    seconds: float
    stderr: str
    kinds: Counter[str] = field(default_factory=Counter)
    applied: int = -1  # -1: no summary line


def run_infer(name: str, files: list[str], root: Path, config: Path, timeout: int) -> InferRun:
    """``mypy-ownership infer --write`` over the top-level packages of one run's files."""
    tops = sorted({f.split("/", 1)[0] for f in files})
    log(f"infer {name!r}: {len(tops)} top-level packages")
    started = time.perf_counter()
    proc = subprocess.run(
        [INFER, "infer", "--write", "--config-file", str(config), *tops],
        cwd=root, env=mypy_env(), capture_output=True, text=True, timeout=timeout, check=False,
    )
    seconds = time.perf_counter() - started
    run = InferRun(name, proc.returncode, seconds, proc.stderr)
    applied = _APPLIED.search(proc.stderr)
    if applied:
        run.applied = int(applied["count"])
    kinds = _KINDS.search(proc.stderr)
    for part in kinds["kinds"].split(", ") if kinds else ():
        count, _, kind = part.partition(" ")
        run.kinds[kind] += int(count)
    log(f"infer {name!r} done in {seconds:.1f} s (exit status {proc.returncode})")
    return run


def changed_files(before: Path, after: Path, files: Iterable[str]) -> list[str]:
    return [f for f in files if (before / f).read_bytes() != (after / f).read_bytes()]


def finding_key(finding: Finding, line: int) -> tuple[str, int, str, str]:
    return (finding.error.file, line, finding.error.code or "", finding.error.message)


def compare_findings(
    before: list[Finding], after: list[Finding], originals: Path, annotated: Path, changed: Iterable[str]
) -> tuple[list[tuple[Finding, int]], list[Finding]]:
    """The findings of the annotated copy absent before (each with its line in the original
    source), and the findings of the original absent after."""
    texts = {f: ((originals / f).read_text(encoding="utf-8", errors="replace"),
                 (annotated / f).read_text(encoding="utf-8", errors="replace")) for f in changed}

    def line_of(finding: Finding) -> int:
        pair = texts.get(finding.error.file)
        return original_line(*pair, finding.error.line) if pair else finding.error.line

    mapped = [(f, line_of(f)) for f in after]
    after_keys = {finding_key(f, line) for f, line in mapped}
    before_keys = {finding_key(f, f.error.line) for f in before}
    new = [(f, line) for f, line in mapped if finding_key(f, line) not in before_keys]
    lost = [f for f in before if finding_key(f, f.error.line) not in after_keys]
    return new, lost


def write_infer_diff(out: Path, originals: Path, annotated: Path, changed: list[str]) -> None:
    import difflib

    lines: list[str] = []
    for f in changed:
        lines += difflib.unified_diff(
            (originals / f).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True),
            (annotated / f).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True),
            f"a/{f}", f"b/{f}",
        )
    (out / "infer.diff").write_text("".join(lines))


def infer_step(
    corpus: Corpus, before: list[Finding], config: Path, scratch: Path, out: Path, jobs: int, timeout: int,
    which: str | None = None,
) -> tuple[str, bool]:
    """Apply ``infer`` to a copy of the corpus, check the copy again and write what changed
    to ``out``: the report, and whether something went wrong (``infer`` failed or crashed,
    a finding was lost, an annotation error appeared, or, for the set ``which``, a finding
    the triage's ``infer`` section classes REAL is no longer made visible)."""
    tree = scratch / "corpus-infer"
    shutil.copytree(corpus.root, tree)
    annotated = Corpus(tree, dict(corpus.groups), dict(corpus.origins))
    groups = sorted(corpus.groups.items(), key=lambda item: -len(item[1]))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        infers = [f.result() for f in [pool.submit(run_infer, n, fs, tree, config, timeout) for n, fs in groups]]
    for run in infers:
        (out / f"infer-{run.name}.err").write_text(run.stderr)
    changed = changed_files(corpus.root, tree, corpus.files())
    write_infer_diff(out, corpus.root, tree, changed)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(run_group, n, fs, annotated, config, scratch, timeout) for n, fs in groups]
        results = [f.result() for f in futures]
    sources = Sources(tree)
    after, _ = collect_findings([m for r in results for m in r.messages], sources)
    new, lost = compare_findings(before, after, corpus.root, tree, changed)
    guarded = [(f, line) for f, line in new if f.error.code in GUARDED_CODES]
    with (out / "findings_infer.jsonl").open("w") as jsonl:
        for finding, line in sorted(new, key=lambda p: (p[0].error.file, p[1], p[0].error.column)):
            record = {
                "shape": finding.shape(), "error": {**finding.error.__dict__, "line": line},
                "infer_line": finding.error.line, "source": sources.line(finding.error.file, finding.error.line),
                "notes": [n.__dict__ for n in finding.notes],
            }
            jsonl.write(json.dumps(record) + "\n")
    text_lines = [("Findings the annotations of `mypy-ownership infer` make visible, each under its line"
                   " in the original source (@N), with the lines of the annotated copy.")]
    for finding, line in sorted(new, key=lambda p: (p[0].error.file, p[1])):
        text_lines += ["", f"@{line}", *render_finding(finding, sources)]
    (out / "findings_infer.txt").write_text("\n".join(text_lines) + "\n")
    kinds: Counter[str] = Counter()
    for run in infers:
        kinds.update(run.kinds)
    crashes = [c for r in results for c in r.crashes]
    failed = [r for r in results if r.failures or r.stats.get("failed") or not r.stats]
    infer_failed = [r for r in infers if r.returncode != 0 or r.applied < 0 or "Traceback" in r.stderr]
    per_code = Counter(f.error.code for f, _ in new)
    report_lines = [
        "mypy-ownership infer on the corpus:",
        *[f"  infer {r.name}: {r.seconds:.0f} s, exit status {r.returncode}, {r.applied} annotations" for r in infers],
        f"annotations written:  {sum(max(r.applied, 0) for r in infers)} ("
        + ", ".join(f"{kinds[k]} {k}" for k in ("-> Own", "Own parameters", "Ref/Mut", "fields", "receivers")) + ")",
        f"files changed:        {len(changed)}",
        (f"checks again:         {len(after)} findings, {len(crashes)} crashes,"
         f" {int(sum(r.stats.get('failed', 0) for r in results))} functions failed"),
        f"new findings:         {len(new)}",
        *[f"  {code:<22}{per_code.get(code, 0)}" for code in CODES],
        f"findings lost:        {len(lost)} (must be 0)",
        *[f"  {f.error.text()}" for f in lost],
        f"new annotation errors: {len(guarded)} (ownership-annotation, missing-lifetime, use-after-move; must be 0)",
        *[f"  {f.error.text()}" for f, _ in guarded],
        *[f"infer FAILED ({r.name}):\n{r.stderr[-3000:]}" for r in infer_failed],
        *crashes,
    ]
    visible = {f"{f.error.file}:{line}" for f, line in new}
    checked = set(corpus.files())
    unseen = [
        where for where in (real_findings(TRIAGE, f"infer-{which}") if which else [])
        if where not in visible and where.split(":")[0] in checked
    ]
    report_lines.append(
        f"REAL findings of the triage's infer section no longer made visible: {len(unseen)}"
        + "".join(f"\n  {where}" for where in unseen)
    )
    report_text = "\n".join(report_lines)
    (out / "summary_infer.txt").write_text(report_text + "\n")
    return report_text, bool(lost or guarded or crashes or failed or infer_failed or unseen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", dest="set", choices=tuple(SETS), default="first",
                        help="first: the stdlib and PACKAGES; second: SECOND_PACKAGES only (held out);"
                        " libraries: LIBRARY_PACKAGES only")
    parser.add_argument("--only", choices=("stdlib", "packages"), help="check one half of the corpus")
    parser.add_argument("--keep", action="store_true", help="keep the temporary tree")
    parser.add_argument("--out", type=Path, default=None,
                        help="where the findings go (default build/corpus/; build/corpus-second/"
                        " with --set second)")
    parser.add_argument("--split", choices=("none", "groups", "each"), default="groups",
                        help="one mypy run, one for the stdlib and one for the packages, or one per package")
    parser.add_argument("--jobs", type=int, default=2, help="mypy runs at once")
    parser.add_argument("--top", type=int, default=30, help="finding shapes shown in the report")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds one mypy run may take")
    parser.add_argument("--infer", action="store_true",
                        help="then apply mypy-ownership infer to a copy and report the findings it makes visible")
    args = parser.parse_args(argv)
    if args.set != "first":
        if args.only == "stdlib":
            parser.error(f"--set {args.set} has no standard library: --only stdlib does not apply")
        args.only = "packages"
    if args.out is None:
        args.out = ROOT / "build" / ("corpus" if args.set == "first" else f"corpus-{args.set}")
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="mypy-ownership-corpus-"))
    try:
        corpus = build_corpus(scratch / "corpus", scratch / "venv", args.only, args.split, SETS[args.set])
        config = scratch / "mypy.ini"
        config.write_text(mypy_config())
        log(f"corpus: {len(corpus.files())} files in {corpus.root}")
        if (corpus.root / STDLIB_PACKAGE).is_dir():
            check_stdlib_imports(corpus, config, scratch)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [
                pool.submit(run_group, name, files, corpus, config, scratch, args.timeout)
                for name, files in sorted(corpus.groups.items(), key=lambda item: -len(item[1]))
            ]
            results = [f.result() for f in futures]
        sources = Sources(corpus.root)
        messages = [m for r in results for m in r.messages]
        findings, unattached = collect_findings(messages, sources)
        shapes = by_shape(findings)
        args.out.mkdir(parents=True, exist_ok=True)
        for r in results:
            (args.out / f"mypy-{r.name}.out").write_text(r.stdout)
            (args.out / f"mypy-{r.name}.err").write_text(r.stderr)
        write_findings(args.out, corpus, shapes, sources)
        text = report(corpus, results, findings, unattached, shapes, sources, args.top,
                      time.perf_counter() - started)
        (args.out / "summary.txt").write_text(text + "\n")
        print(text)
        print(f"\nfindings: {args.out / 'findings.txt'} (and findings.jsonl, summary.txt, mypy-*.out/.err)")
        bad = any(r.crashes or r.failures or r.stats.get("failed") or not r.stats for r in results)
        lost = lost_real_findings(findings, TRIAGE, args.set, corpus)
        if lost:
            print("\nREAL findings of tests/corpus_triage.md no longer reported:\n  " + "\n  ".join(lost))
        else:
            print("\nevery REAL finding of tests/corpus_triage.md for this set is still reported")
        if args.infer:
            infer_text, infer_bad = infer_step(
                corpus, findings, config, scratch, args.out, args.jobs, args.timeout, args.set
            )
            print("\n" + infer_text)
            print(f"new findings: {args.out / 'findings_infer.txt'} (and findings_infer.jsonl, infer.diff)")
            bad = bad or infer_bad
        return 1 if bad or lost else 0
    finally:
        if args.keep:
            print(f"temporary tree kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
