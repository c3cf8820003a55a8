"""Benchmark: what the ownership plugin adds to a cold mypy run on real code.

Run it (from the repository root, with the environment's python, the one mypy is installed in):

    .venv/bin/python tests/benchmark_corpus.py

Options: ``--rounds N`` (default 5, or ``MYPY_OWNERSHIP_BENCH_ROUNDS``), ``--keep`` (keep
the temporary tree), ``--only logic|resources|mixed`` (one corpus). A default run takes about three minutes on two cores: the pip install
of three distributions, then 33 mypy runs one after the other. It prints a table and exits
with status 1 if a target below is missed, if mypy crashed, or if the plugin's analysis of a
function failed. The file is named so that the default ``pytest`` run does not collect it
(only ``test_*.py`` is collected). The corpora are built as ``tests/corpus_runner.py``
builds its own (plain packages in a temporary directory, pinned versions; see its
docstring).

Corpora and targets
-------------------
(a) ``logic``: ``sqlglot`` (pinned in ``LOGIC_PACKAGE``), 184 modules and 86,000 lines of
    SQL parsing, optimising and generating: a large body of code that imports nothing of
    ``mypy_ownership`` and acquires no standard-library resource (its only locks are taken
    by ``with``). The table shows it: the plugin analyses none of its functions and finds
    nothing, so what is measured is the cost of the plugin where it has nothing to do
    (importing it, finding mypy's build objects, the type-analyze hook, and one pass over
    each module's type map). Target: at most 3 % over plain mypy.
(b) ``resources``: the resource-heavy standard-library modules ``http``, ``urllib``,
    ``socketserver``, ``subprocess``, ``tempfile``, ``zipfile``, ``tarfile``, ``shutil``,
    ``logging``, ``multiprocessing`` and ``asyncio``, copied as the package ``stdlib_copy``
    (so that their absolute imports still reach typeshed, on which the ownership stubs are
    overlaid). Target: at most 10 % over plain mypy.
(c) ``mixed``, shown for information, no target: ``rich`` and ``pygments`` (pinned as in
    ``corpus_runner.PACKAGES``), about 420 modules and 155,000 lines of mostly text layout,
    lexers and formatters, whose command-line and file-loading parts do open files: some
    dozens of functions are analysed and a few findings reported. It sits between (a) and
    (b), and was the first pick for (a) until its stats showed it is not resource-free.

How it measures
---------------
Every run is a fresh ``mypy`` process (the venv's console script) with ``--no-incremental``
and a new empty ``--cache-dir``, with the configuration of ``corpus_runner``
(``check_untyped_defs``, ``ignore_missing_imports``, ``follow_imports = silent``, mypy's own
error codes disabled): *plain* is that configuration without the ``plugins`` line, *with
the plugin* is it with ``plugins = mypy_ownership.plugin``. The two alternate on the same
corpus, their order swapped every round, and the ratio with/without is taken per round
(adjacent runs share the machine's state) and its median reported, beside the median wall
times.

Why without ``report_stats``: with it, the plugin turns off mypy's fast exit (a hard exit
would skip the stats line at exit); it keeps the interpreter's teardown cheap (it freezes
mypy's heap out of the garbage collector once the line is printed), but that is still not
the exit a user, who leaves ``report_stats`` off, gets. So the timed runs with the plugin
have ``report_stats = false`` and keep the fast exit, exactly like the plain runs, and the
wall time of both is the whole process, start to exit: what a user waits for. One extra,
untimed run per corpus with ``report_stats = true`` gives the plugin's figures: modules,
functions analysed, findings, failures, and its own seconds (the post-check hook, where
all the analysis happens; the type-analyze hook and importing the plugin are in the wall
time only). The table also
shows those seconds as a share of the plain run: the part of the overhead that is the
analysis itself.

Every run has Python's bytecode cache on (``bytecode_env``), as an installed plugin has:
pip writes the ``.pyc`` files of a wheel when it installs it. Without this, an environment
with ``PYTHONDONTWRITEBYTECODE`` set would compile the plugin's sources anew in every run,
some 30 ms that no user pays. The cache is written with ``compileall`` before the first
run, as pip does at install time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_runner as cr  # noqa: E402

LOGIC_PACKAGE = ("sqlglot==30.30.0", None)
MIXED_PACKAGES = ("rich", "pygments")
RESOURCE_MODULES = (
    "http", "urllib", "socketserver", "subprocess", "tempfile", "zipfile", "tarfile", "shutil",
    "logging", "multiprocessing", "asyncio",
)
TARGETS: dict[str, float | None] = {"logic": 1.03, "resources": 1.10, "mixed": None}


@dataclass
class Bench:
    name: str
    title: str
    corpus: cr.Corpus
    plain: list[float] = field(default_factory=list)
    with_plugin: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    findings: int = 0
    functions: int = 0
    lines: int = 0

    @property
    def files(self) -> list[str]:
        return self.corpus.files()


def build(scratch: Path, only: str | None = None) -> list[Bench]:
    benches = []
    if only in (None, "logic"):
        logic = cr.Corpus(scratch / "logic")
        logic.root.mkdir(parents=True)
        logic.groups = cr.build_packages(logic, scratch / "venv", [LOGIC_PACKAGE])
        benches.append(Bench("logic", "(a) " + LOGIC_PACKAGE[0].split("==")[0], logic))
    if only in (None, "resources"):
        resources = cr.Corpus(scratch / "resources")
        resources.root.mkdir(parents=True)
        resources.groups = {cr.STDLIB_PACKAGE: cr.build_stdlib(resources, RESOURCE_MODULES)}
        benches.append(Bench("resources", "(b) stdlib resource modules", resources))
    if only in (None, "mixed"):
        mixed = cr.Corpus(scratch / "mixed")
        mixed.root.mkdir(parents=True)
        chosen = [p for p in cr.PACKAGES if p[0].split("==")[0] in MIXED_PACKAGES]
        mixed.groups = cr.build_packages(mixed, scratch / "venv-mixed", chosen)
        benches.append(Bench("mixed", "(c) " + " + ".join(MIXED_PACKAGES), mixed))
    for bench in benches:
        bench.functions = cr.count_functions(bench.corpus.root, bench.files)
        bench.lines = sum(
            (bench.corpus.root / f).read_bytes().count(b"\n") for f in bench.files
        )
    return benches


def bytecode_env(scratch: Path) -> dict[str, str]:
    """The runs' environment, with Python's bytecode cache on (in the scratch tree): an
    installed plugin has its ``.pyc`` files, written by pip at install time, so compiling
    its sources on every run (what ``PYTHONDONTWRITEBYTECODE`` would do to the source
    checkout imported here) is a cost no user pays."""
    env = cr.mypy_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def run(bench: Bench, config: Path, scratch: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=scratch))
    command = cr.mypy_command(config, cache, bench.files, "-O", "json")
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=bench.corpus.root, env=bytecode_env(scratch), capture_output=True,
                          text=True, timeout=1800)
    seconds = time.perf_counter() - started
    shutil.rmtree(cache, ignore_errors=True)
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr + proc.stdout or (
        "INTERNAL ERROR" in proc.stderr + proc.stdout
    ):
        raise SystemExit(f"mypy crashed on {bench.name} ({config.name}):\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return seconds, proc


def _ownership_lines(stdout: str) -> tuple[list[str], int]:
    """mypy's own output lines, and the number of ownership errors, of a JSON run."""
    own, count = [], 0
    for line in stdout.splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            data = {}
        if data.get("code") in cr.CODES:
            count += data.get("severity") == "error"
        elif line.strip():
            own.append(line)
    return own, count


def measure(rounds: int, keep: bool = False, only: str | None = None) -> list[Bench]:
    scratch = Path(tempfile.mkdtemp(prefix="mypy-ownership-bench-corpus-"))
    try:
        benches = build(scratch, only)
        # what pip does when it installs the wheel: the plugin's bytecode, written beforehand
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(cr.ROOT / "mypy_ownership")],
                       env=bytecode_env(scratch), check=True)
        plain, plugin, stats = (scratch / n for n in ("plain.ini", "plugin.ini", "stats.ini"))
        plain.write_text(cr.mypy_config(plugin=False, report_stats=False))
        plugin.write_text(cr.mypy_config(plugin=True, report_stats=False))
        stats.write_text(cr.mypy_config(plugin=True, report_stats=True))
        for bench in benches:
            cr.log(f"{bench.name}: {len(bench.files)} files; the run with report_stats")
            _, proc = run(bench, stats, scratch)
            bench.stats, bench.failures = cr.parse_stats(proc.stderr)
            if not bench.stats:
                raise SystemExit(f"no stats line from the plugin on {bench.name}:\n{proc.stderr[-3000:]}")
            mypy_own_with, bench.findings = _ownership_lines(proc.stdout)
            for r in range(rounds):
                order = (False, True) if r % 2 == 0 else (True, False)
                pair: dict[bool, float] = {}
                for with_plugin in order:
                    seconds, proc = run(bench, plugin if with_plugin else plain, scratch)
                    pair[with_plugin] = seconds
                    mypy_own, found = _ownership_lines(proc.stdout)
                    if not with_plugin and found:
                        raise SystemExit(f"ownership findings without the plugin on {bench.name}")
                    if mypy_own != mypy_own_with:
                        raise SystemExit(f"mypy's own output differs with and without the plugin on {bench.name}")
                bench.plain.append(pair[False])
                bench.with_plugin.append(pair[True])
                bench.ratios.append(pair[True] / pair[False])
                cr.log(f"{bench.name}: round {r + 1}/{rounds}: plain {pair[False]:.2f} s,"
                       f" with the plugin {pair[True]:.2f} s, ratio {pair[True] / pair[False]:.3f}")
        return benches
    finally:
        if keep:
            cr.log(f"temporary tree kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def met(bench: Bench) -> bool:
    target = TARGETS[bench.name]
    return (target is None or statistics.median(bench.ratios) <= target) and not bench.failures


def _target(bench: Bench) -> str:
    target = TARGETS[bench.name]
    if target is None:
        return "(none)" if not bench.failures else "FAILED"
    return f"<= {target:.2f} {'met' if met(bench) else 'MISSED'}"


def report(benches: list[Bench], rounds: int) -> str:
    header = ["corpus", "files", "lines", "functions analysed", "findings", "plain s", "plugin s",
              "ratio", "target", "plugin's own s", "own / plain"]
    rows = [header]
    for b in benches:
        analysed = int(b.stats["functions"])
        ratio = statistics.median(b.ratios)
        plain = statistics.median(b.plain)
        rows.append([
            b.title,
            str(len(b.files)),
            f"{b.lines:,}",
            f"{analysed:,} of {b.functions:,} ({100 * analysed / max(1, b.functions):.1f} %)",
            str(b.findings),
            f"{plain:.2f}",
            f"{statistics.median(b.with_plugin):.2f}",
            f"{ratio:.3f}",
            _target(b),
            f"{b.stats['seconds']:.2f}",
            f"{100 * b.stats['seconds'] / plain:.1f} %",
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    out = [f"mypy {cr.MYPY_VERSION}, Python {sys.version.split()[0]}: cold runs (--no-incremental, fresh"
           f" cache), plain and with the plugin alternating, {rounds} round(s)"]
    for n, row in enumerate(rows):
        out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    out += [
        "plain s, plugin s: median wall seconds, process start to exit, report_stats off (fast exit on both);",
        "ratio: median over rounds of plugin s / plain s of the same round; functions analysed, findings and",
        "plugin's own s (its post-check hook) come from one more run with report_stats on.",
    ]
    for b in benches:
        out.append(f"{b.name} rounds: " + ", ".join(
            f"{p:.2f}/{w:.2f}" for p, w in zip(b.plain, b.with_plugin)) + " (plain/with, seconds)")
        out += [f"{b.name}: failed: {f}" for f in b.failures]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("MYPY_OWNERSHIP_BENCH_ROUNDS", "5")))
    parser.add_argument("--keep", action="store_true", help="keep the temporary tree")
    parser.add_argument("--only", choices=sorted(TARGETS), help="one corpus only")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    benches = measure(args.rounds, keep=args.keep, only=args.only)
    print(report(benches, args.rounds))
    return 0 if all(met(b) for b in benches) else 1


if __name__ == "__main__":
    raise SystemExit(main())
