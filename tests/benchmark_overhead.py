"""Benchmark: what the ownership plugin adds to a cold mypy run, and whether it scales.

Run it (from the repository root, with the environment's python, the one mypy is installed in):

    .venv/bin/python tests/benchmark_overhead.py

Options: ``--rounds N`` (default 5, or ``MYPY_OWNERSHIP_BENCH_ROUNDS``), ``--keep`` (print
and keep the generated files). A full default run takes about three and a half minutes on
two cores; it prints a table and exits with status 1 if the linearity bound below is not met.
The file is named so that the default ``pytest`` run does not collect it (only ``test_*.py``
is collected); ``.venv/bin/python -m pytest tests/benchmark_overhead.py -m benchmark`` runs
the same measurement, with fewer rounds, as a pass/fail check of the linearity bound.

What it measures
----------------
Every run is a fresh ``mypy`` process (the venv's console script, not ``python -m mypy``,
which would put the working directory on ``sys.path`` and silence the generated modules)
with ``--no-incremental`` and a new empty ``--cache-dir``: a warm run re-checks nothing, so
it would measure nothing. For each case the run *with* the plugin (``plugins =
mypy_ownership.plugin``, ``report_stats = true``) and the run *without* it (same config
minus the ``plugins`` line) alternate, their order swapped every round, and the medians
are reported: the wall time of each, their ratio, and the plugin's own seconds as it
reports them on its stats line (the post-check hook, where all the analysis happens; the
type-analyze hook and importing the plugin are in the wall time only). Every run without
the plugin must report no error at all: the generated code is well typed, so any finding
with the plugin is an ownership finding (their count is in the table).

Wall time: ``report_stats`` makes the plugin turn off mypy's fast exit (a hard exit would
skip the stats line); the interpreter's teardown that follows is kept cheap (the plugin
freezes mypy's heap out of the garbage collector after the line), but it is not the hard
exit of the run without the plugin, which a user (who leaves ``report_stats`` off) gets.
The stats line is printed at exit before that teardown, so the wall time *with* the plugin is taken when that line reaches the
benchmark (read from the pipe as it is written), and the wall time *without* it when the
process ends; the time to the end of the process with the plugin is shown apart (``exit``).

Cases
-----
(a) ``own-N``: functions of N = 50, 500 and 5,000 lines using owned values: a fresh owned
    name every few lines (``cK = make()``), moves into calls and by assignment, branches,
    ``for`` and ``while`` loops with ``break``/``continue``, ``try``/``except``/``finally``,
    ``with``, reassignment after a move, a container taking ownership, one long-lived owned
    parameter borrowed throughout, and one deliberate "may have been moved" every sixty
    lines or so (one in each 50-line function).
(b) ``plain``: about 2,400 lines of ordinary code (dataclasses, classes, functions with
    loops, branches, ``try``, ``with``, comprehensions) over several modules that import
    each other and never import ``mypy_ownership``; the plugin skips such modules whole.
(b') ``plain+import``: the same code with ``from mypy_ownership import Own`` added to each
    module, which makes the plugin analyse all of it: the worst case for a project adopting
    the plugin one annotation at a time.

Per-line cost, and why it is measured this way
----------------------------------------------
A single 50-line function costs the plugin well under a millisecond, below the noise of
the rest of its work in the process (the vocabulary module, the module-level unit, the
helper functions), so timing it alone would measure fixed costs, not the function. Each
``own-N`` module therefore holds ``5000 / N`` copies of an N-line function (100 x 50,
10 x 500, 1 x 5,000 lines): the three modules have the same number of analysed lines, the
same header and the same module-level work, and differ only in how those lines are cut
into functions. A ``baseline`` module (the same header, no generated function) is timed
too, and its plugin seconds are subtracted:

    per-line cost(N) = (plugin s(own-N) - plugin s(baseline)) / 5000 lines

The cost of one N-line function is then per-line cost(N) x N, including the per-function
work (building its CFG, solving, reporting), which is part of analysing a function. The
bound from the issue is ``per-line cost(5000) <= 2 x per-line cost(50)``: an analysis
linear in the size of a function gives a ratio near 1 (below 1 if per-function overhead
matters), a quadratic one gives about 100.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MYPY = str(Path(sys.executable).with_name("mypy"))
TOTAL_LINES = 5000
SIZES = (50, 500, 5000)
PLAIN_MODULES = 6
LINEAR_BOUND = 2.0

WITH_PLUGIN = "[mypy]\nplugins = mypy_ownership.plugin\n\n[mypy_ownership]\nreport_stats = true\n"
WITHOUT_PLUGIN = "[mypy]\n"

_STATS = re.compile(
    r"mypy-ownership: (?P<modules>\d+) modules, (?P<functions>\d+) functions analysed"
    r" \((?P<bodies>\d+) bodies\), (?P<failed>\d+) failed, (?P<findings>\d+) findings,"
    r" (?P<seconds>[0-9.]+) s in the plugin; (?P<skipped>\d+) modules skipped"
)


# -- generated code ---------------------------------------------------------------------------

OWN_HEADER = '''\
"""Generated by tests/benchmark_overhead.py."""

from mypy_ownership import Own


class Conn:
    def send(self, data: bytes) -> None: ...


class Guard:
    count: int = 0

    def __enter__(self) -> "Guard":
        return self

    def __exit__(self, *args: object) -> None:
        return None


def make() -> Own[Conn]:
    return Conn()


def consume(conn: Own[Conn]) -> None: ...


def borrow(conn: Conn) -> None: ...


def parse(text: str) -> int:
    return int(text)
'''


def _own_chunk(k: int) -> list[str]:
    """A few statements around the owned name ``c{k}``, at function-body indentation."""
    c = f"c{k}"
    lines = {
        0: [f"{c} = make()", f'{c}.send(b"a")', f"borrow({c})", f"consume({c})"],
        1: [f"{c} = make()", "if flag:", f"    consume({c})", "else:", f"    borrow({c})",
            f"    consume({c})"],
        2: ["for _ in range(3):", f"    {c} = make()", f"    borrow({c})", f"    consume({c})"],
        3: [f"{c} = make()", f"while n > {k % 7}:", "    n -= 1", "    if n % 3 == 0:",
            "        break", "    elif n % 3 == 1:", "        continue", "    total += n",
            f"consume({c})"],
        4: [f"{c} = make()", "try:", f"    borrow({c})", "    total += parse(str(n))",
            "except ValueError:", "    total -= 1", "finally:", "    total += 1",
            f"consume({c})"],
        # the deliberate finding, early enough that every 50-line function has one:
        # moved on one branch, used after ("may have been moved")
        5: [f"{c} = make()", "if flag:", f"    consume({c})", f"borrow({c})"],
        6: [f"{c} = make()", f"d{k} = {c}", f"consume(d{k})", f"{c} = make()", f"borrow({c})",
            f"consume({c})"],
        7: [f"{c} = make()", f"if n > {k}:", f"    consume({c})", f"    {c} = make()",
            "borrow(keep)", f"consume({c})"],
        8: [f"{c} = make()", "if total > n:", f"    pool.append({c})", "else:",
            f"    consume({c})", "borrow(keep)"],
        9: [f"{c} = make()", "with Guard() as guard:", f"    borrow({c})",
            "    total += guard.count", f"consume({c})"],
    }[k % 10]
    return ["    " + line for line in lines]


def own_function(name: str, lines: int) -> str:
    """A function whose body is exactly ``lines`` lines long."""
    head = ["    total = 0", "    pool: list[Conn] = []"]
    tail = ["    consume(keep)", "    return total + len(pool)"]
    body: list[str] = []
    k = 0
    room = lines - len(head) - len(tail)
    while True:
        chunk = _own_chunk(k)
        if len(body) + len(chunk) > room:
            break
        body += chunk
        k += 1
    body += ["    total += 1"] * (room - len(body))
    all_lines = head + body + tail
    assert len(all_lines) == lines, (name, len(all_lines), lines)
    return f"\n\ndef {name}(keep: Own[Conn], flag: bool, n: int) -> int:\n" + "\n".join(all_lines) + "\n"


def own_module(size: int | None) -> str:
    """The header and ``TOTAL_LINES // size`` functions of ``size`` lines (none for None)."""
    if size is None:
        return OWN_HEADER
    return OWN_HEADER + "".join(own_function(f"f{i}", size) for i in range(TOTAL_LINES // size))


def _plain_group(i: int, j: int) -> str:
    rec, store = f"Record{i}_{j}", f"Store{i}_{j}"
    call_previous = f"    out.extend(bridge_{i}(out, limit - 1))\n" if i else "    out.append(str(limit))\n"
    return f'''

@dataclasses.dataclass
class {rec}:
    name: str
    value: int
    tags: list[str] = dataclasses.field(default_factory=list)

    def score(self) -> int:
        total = self.value
        for tag in self.tags:
            if tag.startswith("x"):
                total += len(tag)
            elif tag:
                total -= 1
            else:
                break
        return total


class {store}:
    def __init__(self) -> None:
        self.items: dict[str, {rec}] = {{}}
        self.misses = 0

    def add(self, record: {rec}) -> None:
        if record.name in self.items:
            self.items[record.name].value += record.value
        else:
            self.items[record.name] = record

    def find(self, name: str) -> {rec} | None:
        found = self.items.get(name)
        if found is None:
            self.misses += 1
        return found

    def total(self) -> int:
        return sum(r.score() for r in self.items.values())


def process_{i}_{j}(items: Iterable[{rec}], limit: int) -> list[str]:
    out: list[str] = []
    count = 0
    for item in items:
        try:
            value = int(item.name)
        except ValueError:
            value = item.value
        finally:
            count += 1
        if value > limit:
            out.append(item.name.upper())
        elif value < 0:
            continue
        else:
            out.extend(t for t in item.tags if t)
        while count > limit:
            count //= 2
    with contextlib.suppress(KeyError):
        lookup = {{s: len(s) for s in out}}
        del lookup["missing"]
{call_previous}    return [s for s in out if s] or [str(count)]
'''


def plain_module(i: int, own_import: bool) -> tuple[str, str]:
    """``plain_{i}``: about 400 lines that import ``plain_{i-1}``; returns (name, text)."""
    text = (
        '"""Generated by tests/benchmark_overhead.py."""\n\n'
        "from __future__ import annotations\n\n"
        "import contextlib\nimport dataclasses\nfrom collections.abc import Iterable\n"
    )
    if own_import:
        text += "\nfrom mypy_ownership import Own\n"
    if i:
        text += (
            f"\nfrom plain_{i - 1} import Record{i - 1}_0, process_{i - 1}_0\n\n\n"
            f"def bridge_{i}(names: list[str], limit: int) -> list[str]:\n"
            f"    converted = [Record{i - 1}_0(name, len(name), [name]) for name in names]\n"
            f"    return process_{i - 1}_0(converted, limit)\n"
        )
    for j in range(6):
        text += _plain_group(i, j)
    return f"plain_{i}", text


# -- cases and runs -------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    files: dict[str, str]
    lines: int  # lines of generated code in the modules the case is about

    def write(self, directory: Path) -> list[str]:
        directory.mkdir(parents=True)
        for filename, text in self.files.items():
            (directory / filename).write_text(text)
        (directory / "with.ini").write_text(WITH_PLUGIN)
        (directory / "without.ini").write_text(WITHOUT_PLUGIN)
        return sorted(self.files)


def cases() -> list[Case]:
    found = [Case("baseline", {"bench.py": own_module(None)}, 0)]
    for size in SIZES:
        found.append(Case(f"own-{size}", {"bench.py": own_module(size)}, TOTAL_LINES))
    for own_import in (False, True):
        files = dict(
            (f"{name}.py", text) for name, text in (plain_module(i, own_import) for i in range(PLAIN_MODULES))
        )
        lines = sum(text.count("\n") for text in files.values())
        found.append(Case("plain+import" if own_import else "plain", files, lines))
    return found


@dataclass
class Sample:
    wall: float  # to the end of the check (see "Wall time" in the module docstring)
    exit: float  # to the end of the process
    seconds: float | None = None  # the plugin's own, from its stats line
    stats: dict[str, int] = field(default_factory=dict)


def run_once(directory: Path, files: list[str], plugin: bool, scratch: Path) -> Sample:
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=scratch))
    env = dict(os.environ)
    env.pop("MYPYPATH", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    config = "with.ini" if plugin else "without.ini"
    command = [MYPY, "--config-file", config, "--no-incremental", "--cache-dir", str(cache), *files]
    stdout: list[str] = []
    stderr: list[str] = []
    stats_seen: float | None = None
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=directory, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stderr is not None
    reader = threading.Thread(target=lambda out=proc.stdout: stdout.append(out.read()), daemon=True)
    reader.start()
    for line in proc.stderr:
        if stats_seen is None and line.startswith("mypy-ownership: "):
            stats_seen = time.perf_counter() - started
        stderr.append(line)
    returncode = proc.wait(timeout=900)
    finished = time.perf_counter() - started
    reader.join()
    shutil.rmtree(cache, ignore_errors=True)
    out, err = "".join(stdout), "".join(stderr)
    where = f"{directory.name} ({'with' if plugin else 'without'} the plugin)"
    if not plugin:
        if returncode != 0 or "error:" in out:
            raise SystemExit(f"generated code is not clean under plain mypy: {where}\n{out}{err}")
        return Sample(finished, finished)
    m = _STATS.search(err)
    if m is None or stats_seen is None or returncode not in (0, 1):
        raise SystemExit(f"no stats line from {where}:\n{out}{err}")
    stats = {key: int(value) for key, value in m.groupdict().items() if key != "seconds"}
    if stats["failed"]:
        raise SystemExit(f"the plugin failed on {where}:\n{err}")
    return Sample(stats_seen, finished, float(m["seconds"]), stats)


@dataclass
class Result:
    case: Case
    with_plugin: list[Sample] = field(default_factory=list)
    without: list[Sample] = field(default_factory=list)

    @property
    def wall_with(self) -> float:
        return statistics.median(s.wall for s in self.with_plugin)

    @property
    def wall_without(self) -> float:
        return statistics.median(s.wall for s in self.without)

    @property
    def exit_with(self) -> float:
        return statistics.median(s.exit for s in self.with_plugin)

    @property
    def plugin_seconds(self) -> float:
        return statistics.median(s.seconds or 0.0 for s in self.with_plugin)

    @property
    def stats(self) -> dict[str, int]:
        return self.with_plugin[-1].stats


def measure(rounds: int, keep: bool = False, progress: bool = True) -> dict[str, Result]:
    scratch = Path(tempfile.mkdtemp(prefix="mypy-ownership-bench-"))
    try:
        results: dict[str, Result] = {}
        written: dict[str, list[str]] = {}
        for case in cases():
            written[case.name] = case.write(scratch / case.name)
            results[case.name] = Result(case)
        for r in range(rounds):
            for name, result in results.items():
                order = (True, False) if r % 2 == 0 else (False, True)
                for plugin in order:
                    sample = run_once(scratch / name, written[name], plugin, scratch)
                    (result.with_plugin if plugin else result.without).append(sample)
            if progress:
                print(f"  round {r + 1}/{rounds} done", file=sys.stderr, flush=True)
        return results
    finally:
        if keep:
            print(f"generated files kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def per_line(results: dict[str, Result]) -> dict[int, float]:
    """Plugin seconds per analysed line for each function size, net of the baseline module."""
    base = results["baseline"].plugin_seconds
    return {size: (results[f"own-{size}"].plugin_seconds - base) / TOTAL_LINES for size in SIZES}


def linearity(results: dict[str, Result]) -> float:
    costs = per_line(results)
    return costs[SIZES[-1]] / costs[SIZES[0]] if costs[SIZES[0]] > 0 else float("inf")


# -- report -----------------------------------------------------------------------------------


def _rows(results: dict[str, Result]) -> Iterator[list[str]]:
    yield ["case", "lines", "units", "findings", "without s", "with s", "ratio", "plugin s", "plugin %",
           "exit s"]
    for name, r in results.items():
        if name.startswith("own-"):
            size = int(name.removeprefix("own-"))
            shape = f"{TOTAL_LINES // size} fn x {size}"
        else:
            shape = "header only" if name == "baseline" else f"{PLAIN_MODULES} modules"
        yield [
            name,
            f"{r.case.lines} ({shape})",
            f"{r.stats['bodies']}" + (f" +{r.stats['skipped']} skipped" if r.stats["skipped"] else ""),
            str(r.stats["findings"]),
            f"{r.wall_without:.3f}",
            f"{r.wall_with:.3f}",
            f"{r.wall_with / r.wall_without:.3f}",
            f"{r.plugin_seconds:.3f}",
            f"{100 * r.plugin_seconds / r.wall_with:.1f}",
            f"{r.exit_with:.3f}",
        ]


def report(results: dict[str, Result], rounds: int) -> str:
    rows = list(_rows(results))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = [f"mypy {_mypy_version()}, cold runs (--no-incremental, fresh cache), median of {rounds} rounds"]
    for n, row in enumerate(rows):
        out.append("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    out.append("without s, with s: median wall seconds to the end of the check; ratio = with / without;"
               " plugin s: the plugin's own")
    out.append("time from its stats line; exit s: with the plugin, to the end of the process (report_stats"
               " turns off mypy's fast exit)")
    out.append("")
    out.append(f"per-line plugin cost, net of baseline ({results['baseline'].plugin_seconds:.3f} s), "
               f"over {TOTAL_LINES} lines:")
    costs = per_line(results)
    for size in SIZES:
        out.append(f"  {size:>5}-line functions: {costs[size] * 1e6:8.1f} us/line"
                   f"  ({costs[size] * size * 1e3:8.2f} ms per function)")
    ratio = linearity(results)
    verdict = "within" if ratio <= LINEAR_BOUND else "NOT within"
    out.append(f"  per-line cost {SIZES[-1]} vs {SIZES[0]}: {ratio:.2f}x ({verdict} the {LINEAR_BOUND:g}x bound)")
    plain, adopted = results["plain"], results["plain+import"]
    out.append("")
    out.append(f"plain code, {plain.case.lines} lines: with/without {plain.wall_with / plain.wall_without:.3f}"
               f" (plugin {plain.plugin_seconds * 1e3:.1f} ms, modules skipped)")
    out.append(f"  with `from mypy_ownership import Own` in each module: with/without"
               f" {adopted.wall_with / adopted.wall_without:.3f} (plugin {adopted.plugin_seconds * 1e3:.1f} ms,"
               f" {adopted.plugin_seconds / adopted.case.lines * 1e6:.1f} us/line)")
    return "\n".join(out)


def _mypy_version() -> str:
    proc = subprocess.run([MYPY, "--version"], capture_output=True, text=True)
    return proc.stdout.strip().removeprefix("mypy ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("MYPY_OWNERSHIP_BENCH_ROUNDS", "5")))
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    results = measure(args.rounds, keep=args.keep)
    print(report(results, args.rounds))
    return 0 if linearity(results) <= LINEAR_BOUND else 1


try:
    import pytest
except ImportError:  # the script runs without pytest
    pass
else:

    @pytest.mark.benchmark
    def test_per_line_cost_is_close_to_linear() -> None:
        rounds = int(os.environ.get("MYPY_OWNERSHIP_BENCH_ROUNDS", "3"))
        results = measure(rounds, progress=False)
        text = report(results, rounds)
        print(text)
        ratio = linearity(results)
        assert ratio <= LINEAR_BOUND, text


if __name__ == "__main__":
    raise SystemExit(main())
