"""Generated programs at scale: thousands of random, well-typed functions from
``tests/program_generator.py`` through mypy with the plugin, checked for failures, for the
same findings in every way of running mypy, and timed per function.

Run it (from the repository root, with the environment's python, the one mypy is installed in):

    .venv/bin/python tests/generated_runner.py
    .venv/bin/python tests/generated_runner.py --depth

Options: ``--functions N`` (functions generated, default 3000), ``--per-module M`` (functions
a module, default 100), ``--seed S`` (default 0; module ``k`` gets seed ``S * 10000 + k``),
``--jobs J`` (mypy runs at once, default 2), ``--time-subset K`` (time only the first K
functions alone, default all; 0 skips the timing), ``--confirm C`` (see Timing), ``--out
DIR`` (raw outputs, reproducers and the summary, default ``build/generated/``), ``--keep``
(copy the generated tree into ``--out``), ``--timeout`` (seconds one mypy run may take).
``--depth`` runs the depth benchmark instead (``--max-depth``, ``--rounds``, ``--strict``).
A default run takes three to five minutes on two cores; the depth benchmark from twenty
seconds to over a minute, depending on how the analysis grows with the nesting. It exits
with status 1 if mypy crashed, the plugin's analysis of a function failed, plain mypy found
an error in the generated code, or two runs disagree; 0 otherwise (the findings themselves
are expected: the bodies are random). The file is named so that the default ``pytest`` run
does not collect it (only ``test_*.py`` is collected); ``tests/test_generated_programs.py``
is the small version that does run by default.

The runs
--------
Every run is the venv's ``mypy`` console script (not ``python -m mypy``, which puts the
working directory on ``sys.path``) with ``plugins = mypy_ownership.plugin``,
``show_column_numbers`` and ``[mypy_ownership] report_stats = true``, over all the
generated modules at once:

- ``plain``: the same configuration without the plugin. It must report nothing: the
  generator writes well-typed code, so every finding with the plugin is an ownership one.
- ``cold`` (a fresh ``--cache-dir``) then ``warm`` (the same cache again): the warm run
  reads every module from the cache and must print what the cold run printed.
- ``-n 2``: two worker processes, a fresh cache; the same lines, in any order.
- ``hash1``, ``hash2``: cold runs under ``PYTHONHASHSEED=1`` and ``2``, separate caches;
  the same output as each other and as ``cold``.

Each run's stdout and stderr are written to ``--out``. A function whose analysis failed (a
``mypy-ownership: failed:`` line, which names its file and line) gets a reproducer in
``--out``: the header, trivial versions of the functions it calls, and the function itself
(``program_generator.standalone_module``), checked again alone.

Timing
------
The plugin's own seconds are on its stats line, for a whole process only, so each function
is also checked alone: one module per function (the standalone module above), split into
``--jobs`` runs with ``--timing-stats``, which gives mypy's time per module, the plugin's
analysis included (it runs in mypy's last pass over a module). A module holding only the
header is timed in each run as the baseline. The report gives the median and the slowest
functions (module time minus the baseline), and the whole cold run's plugin seconds per
function analysed. mypy checks independent modules in the reverse of their order on the
command line, so a header-only ``warmup.py`` is named last, to take the costs paid once a
process, and ``baseline.py`` first. mypy's time for a module also holds any pause that fell in it (a
collection of the whole process's heap: over a second in a batch of 1,500 modules), so the
``--confirm`` (default 5) slowest are checked again, each alone in a fresh process, and
reported with the plugin's own seconds there, beyond those of the header alone.

The depth benchmark (``--depth``)
---------------------------------
``program_generator.nested_try_finally(d)`` for d = 3 .. ``--max-depth`` (default 8): d
``for``/``try``/``finally`` levels, each inner one in the ``finally`` of the outer, each
``try`` opening a file and leaving by ``break`` or ``continue`` before closing it. Each depth
is checked alone in a fresh process (cold, no cache), the depths one after the other, and
the plugin's seconds minus those of the header alone are reported (the fastest of
``--rounds`` rounds), with the ratio depth8/depth4: the target is at most 3 (time linear in
the nesting, give or take). It is reported, not enforced, unless ``--strict``.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

import program_generator as gen  # noqa: E402
from corpus_runner import _FAILED, _STATS  # noqa: E402
from mypy_ownership.stats import Stats  # noqa: E402  (the plugin's own counters, summed here)  (the plugin's stats line, parsed once)
from harness import ROOT, Run, run_mypy  # noqa: E402

CONFIG = (
    "[mypy]\n{plugins}show_column_numbers = True\nshow_error_codes = True\n"
    "\n[mypy_ownership]\nreport_stats = true\n"
)
_FAILED_WHERE = re.compile(r"^(?P<path>[^:]+\.py):(?P<line>\d+): (?P<rest>.*)$")
RATIO_TARGET = 3.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def write_config(path: Path, plugin: bool = True) -> None:
    path.write_text(CONFIG.format(plugins="plugins = mypy_ownership.plugin\n" if plugin else ""))


def stats_of(run: Run) -> Stats:
    """The sum of the run's stats lines (a -n run prints one a worker)."""
    total = Stats()
    for m in _STATS.finditer(run.stderr):
        total.modules += int(m["modules"])
        total.functions += int(m["functions"])
        total.failed += int(m["failed"])
        total.findings += int(m["findings"])
        total.seconds += float(m["seconds"])
    return total


def problems_of(name: str, run: Run, expect_stats: bool = True) -> list[str]:
    """Crashes, unexpected exit statuses and failed analyses in one run."""
    found = []
    for line in (run.stdout + run.stderr).splitlines():
        if "Traceback" in line or "INTERNAL ERROR" in line:
            found.append(f"{name}: crash: {line}")
    if run.returncode not in (0, 1):
        found.append(f"{name}: exit status {run.returncode}: {run.stderr[-2000:]}")
    found += [f"{name}: {line}" for line in run.stderr.splitlines() if _FAILED in line]
    stats = stats_of(run)
    if stats.failed and not any(_FAILED in line for line in run.stderr.splitlines()):
        found.append(f"{name}: {stats.failed} failed analyses counted but not listed")
    if expect_stats and not _STATS.search(run.stderr):
        found.append(f"{name}: no stats line")
    return found


def differences(name_a: str, a: str, name_b: str, b: str, ordered: bool = True, limit: int = 12) -> list[str]:
    lines_a, lines_b = a.splitlines(), b.splitlines()
    if not ordered:
        lines_a, lines_b = sorted(lines_a), sorted(lines_b)
    if lines_a == lines_b:
        return []
    diff = list(difflib.unified_diff(lines_a, lines_b, name_a, name_b, lineterm="", n=0))
    shown = diff[:limit] + ([f"... {len(diff) - limit} more diff lines"] if len(diff) > limit else [])
    return [f"{name_a} and {name_b} differ ({'in order' if ordered else 'as sets of lines'}):"] + ["  " + d for d in shown]


# -- the generated tree ---------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    name: str
    seed: int
    functions: int


def build(root: Path, functions: int, per_module: int, seed: int) -> list[Module]:
    modules = []
    for k, start in enumerate(range(0, functions, per_module)):
        module = Module(f"gen_{k:03d}", seed * 10_000 + k, min(per_module, functions - start))
        (root / f"{module.name}.py").write_text(gen.generate_module(module.seed, module.functions))
        modules.append(module)
    write_config(root / "mypy.ini")
    write_config(root / "plain.ini", plugin=False)
    return modules


def function_at(text: str, line: int) -> int | None:
    """The index of the generated function ``fn_<index>`` holding ``line`` (1-based)."""
    found = None
    for number, source in enumerate(text.splitlines(), start=1):
        if number > line:
            break
        m = re.match(r"def fn_(\d+)\(", source)
        if m:
            found = int(m[1])
    return found


# -- the default mode ----------------------------------------------------------------------------


def run_all(args: argparse.Namespace, root: Path) -> int:
    t0 = time.monotonic()
    out: Path = args.out
    modules = build(root, args.functions, args.per_module, args.seed)
    files = [f"{m.name}.py" for m in modules]
    lines = sum(len((root / f).read_text().splitlines()) for f in files)
    log(f"generated {args.functions} functions in {len(files)} modules ({lines} lines) under {root}")

    def mypy(config: str, cache: str, *extra: str, env: dict[str, str] | None = None) -> Run:
        return run_mypy("--config-file", config, "--cache-dir", cache, *extra, *files, cwd=root, env=env,
                        timeout=args.timeout)

    def cold_then_warm() -> tuple[Run, Run]:
        cold = mypy("mypy.ini", ".cache-cold")
        return cold, mypy("mypy.ini", ".cache-cold")

    timings: dict[str, float] = {}
    timing_runs: list[Run] = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        started = {"cold+warm": pool.submit(cold_then_warm)}
        later: dict[str, Future[Run]] = {
            "plain": pool.submit(mypy, "plain.ini", ".cache-plain", "--no-incremental"),
            "-n 2": pool.submit(mypy, "mypy.ini", ".cache-n2", "-n", "2"),
            "hash1": pool.submit(mypy, "mypy.ini", ".cache-hash1", env={"PYTHONHASHSEED": "1"}),
            "hash2": pool.submit(mypy, "mypy.ini", ".cache-hash2", env={"PYTHONHASHSEED": "2"}),
        }
        cold, warm = started["cold+warm"].result()
        runs = {"cold": cold, "warm": warm, **{name: f.result() for name, f in later.items()}}
    log(f"the five runs took {time.monotonic() - t0:.0f} s")
    for name, run in runs.items():
        (out / f"{name.replace(' ', '')}.out").write_text(run.stdout)
        (out / f"{name.replace(' ', '')}.err").write_text(run.stderr)

    # the checks -------------------------------------------------------------------------------
    problems: list[str] = []
    plain = runs["plain"]
    plain_errors = [line for line in plain.stdout.splitlines() if ": error: " in line]
    if plain.returncode != 0 or plain_errors:
        problems.append(f"plain mypy (no plugin) reports {len(plain_errors)} errors in the generated code"
                        f" (exit {plain.returncode}); first: {(plain_errors or [plain.stdout[-500:]])[0]}")
    problems += problems_of("plain", plain, expect_stats=False)
    for name in ("cold", "-n 2", "hash1", "hash2"):
        problems += problems_of(name, runs[name])
    problems += problems_of("warm", warm, expect_stats=False)
    if "no module was analysed in this process" not in warm.stderr:
        problems.append("warm: the warm run analysed modules again (the cache was not used)")
    diffs = differences("cold", cold.stdout, "warm", warm.stdout)
    diffs += differences("cold", cold.stdout, "-n 2", runs["-n 2"].stdout, ordered=False)
    diffs += differences("hash1", runs["hash1"].stdout, "hash2", runs["hash2"].stdout)
    diffs += differences("cold", cold.stdout, "hash1", runs["hash1"].stdout)
    for name in ("warm", "-n 2", "hash1", "hash2"):
        if runs[name].returncode != cold.returncode:
            diffs.append(f"cold exits with {cold.returncode}, {name} with {runs[name].returncode}")

    reproducers = write_reproducers(runs, modules, root, out, args.timeout)

    # per-function timing ----------------------------------------------------------------------
    subset = args.functions if args.time_subset is None else min(args.time_subset, args.functions)
    if subset:
        t1 = time.monotonic()
        timings, timing_runs = time_alone(modules, subset, root / "alone", args.jobs, args.timeout)
        for i, run in enumerate(timing_runs):
            problems += problems_of(f"alone[{i}]", run)
            (out / f"alone{i}.err").write_text(run.stderr)
        log(f"timing {subset} functions alone took {time.monotonic() - t1:.0f} s")

    # the report -----------------------------------------------------------------------------
    stats = stats_of(cold)
    findings = [line for line in cold.stdout.splitlines() if ": error: " in line]
    codes: dict[str, int] = {}
    for line in findings:
        m = re.search(r"\[([a-z-]+)\]$", line)
        codes[m[1] if m else "?"] = codes.get(m[1] if m else "?", 0) + 1
    report = [
        f"generated: {args.functions} functions, {len(files)} modules, {lines} lines (seed {args.seed})",
        f"cold run: {stats.functions} functions analysed in {stats.modules} modules, {stats.failed} failed,"
        f" {stats.findings} findings, {stats.seconds:.2f} s in the plugin"
        f" ({1000 * stats.seconds / max(stats.functions, 1):.2f} ms a function analysed)",
        "errors by code: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items(), key=lambda kv: -kv[1])),
        f"-n 2 workers: {stats_of(runs['-n 2']).functions} functions analysed,"
        f" hash1: {stats_of(runs['hash1']).functions}, hash2: {stats_of(runs['hash2']).functions}",
    ]
    if timings:
        baseline = timings.pop("baseline", 0.0)
        net = sorted(((max(s - baseline, 0.0), name) for name, s in timings.items()), reverse=True)
        report.append(
            f"alone: {len(net)} functions, one a module; header-only module {1000 * baseline:.0f} ms;"
            f" per function beyond it: median {1000 * statistics.median(s for s, _ in net):.0f} ms,"
            f" max {1000 * net[0][0]:.0f} ms"
        )
        header_alone = plugin_seconds_alone(root / "alone", "baseline.py", args.timeout, problems)
        confirmed = []
        for seconds, name in net[:args.confirm]:
            own = plugin_seconds_alone(root / "alone", f"{name}.py", args.timeout, problems)
            confirmed.append((own - header_alone, seconds, name))
        report.append(f"  the {len(confirmed)} slowest checked again, each in a process of its own (the plugin's"
                      f" seconds beyond the header's {1000 * header_alone:.0f} ms):")
        for own, seconds, name in sorted(confirmed, reverse=True):
            report.append(f"  {name}: plugin {1000 * own:.0f} ms alone (module {1000 * seconds:.0f} ms in the batch)")
    report.append(f"differences: {'none' if not diffs else ''}")
    report += ["  " + d for d in diffs]
    report.append(f"failures and crashes: {len(problems)}")
    report += ["  " + p for p in problems[:50]] + ([f"  ... {len(problems) - 50} more"] if len(problems) > 50 else [])
    report += ["reproducers:"] + ["  " + r for r in reproducers] if reproducers else []
    report.append(f"total: {time.monotonic() - t0:.0f} s; outputs in {out}")
    text = "\n".join(report)
    print(text)
    (out / "summary.txt").write_text(text + "\n")
    if args.keep:
        shutil.copytree(root, out / "tree", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".cache*"))
    return 1 if problems or diffs else 0


def write_reproducers(runs: dict[str, Run], modules: list[Module], root: Path, out: Path, timeout: int) -> list[str]:
    """One standalone module per function whose analysis failed, checked again alone."""
    by_name = {f"{m.name}.py": m for m in modules}
    seen: set[tuple[str, int]] = set()
    written = []
    for run in runs.values():
        for line in run.stderr.splitlines():
            if _FAILED not in line:
                continue
            m = _FAILED_WHERE.match(line.split(_FAILED, 1)[1])
            if not m or Path(m["path"]).name not in by_name:
                continue
            module = by_name[Path(m["path"]).name]
            index = function_at((root / f"{module.name}.py").read_text(), int(m["line"]))
            if index is None or (module.name, index) in seen:
                continue
            seen.add((module.name, index))
            name = f"repro_{module.name}_fn_{index}.py"
            (out / name).write_text(gen.standalone_module(module.seed, index))
            write_config(out / "mypy.ini")
            again = run_mypy("--config-file", "mypy.ini", "--no-incremental", "--cache-dir", "/dev/null", name,
                             cwd=out, timeout=timeout)
            alone = "fails alone too" if again.failures else "does NOT fail alone"
            written.append(f"{out / name}: {alone}: {m['rest']}")
    return written


def plugin_seconds_alone(cwd: Path, file: str, timeout: int, problems: list[str]) -> float:
    """The plugin's own seconds (its stats line) for one module in a fresh process."""
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "--cache-dir", "/dev/null", file, cwd=cwd,
                   timeout=timeout)
    problems.extend(problems_of(file, run))
    return stats_of(run).seconds


def time_alone(modules: list[Module], count: int, root: Path, jobs: int, timeout: int) -> tuple[dict[str, float], list[Run]]:
    """mypy's seconds for each of the first ``count`` functions alone in its module."""
    root.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for module in modules:
        for index in range(module.functions):
            if len(names) == count:
                break
            name = f"{module.name}_fn_{index}"
            (root / f"{name}.py").write_text(gen.standalone_module(module.seed, index))
            names.append(name)
    (root / "baseline.py").write_text(gen.header(0))
    (root / "warmup.py").write_text(gen.header(0))
    write_config(root / "mypy.ini")
    chunks = [names[i::jobs] for i in range(jobs) if names[i::jobs]]

    def one(i: int, chunk: list[str]) -> tuple[Run, dict[str, float]]:
        stats_file = f"timing{i}.txt"
        run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "--cache-dir", "/dev/null",
                       # mypy checks these modules last to first: warmup.py takes the costs paid
                       # once a process (first use of the stubs, of mypy's caches), baseline.py
                       # comes last, as warm as the functions
                       "--timing-stats", stats_file, "baseline.py", *(f"{n}.py" for n in chunk), "warmup.py",
                       cwd=root,
                       timeout=timeout)
        seconds = {}
        wanted = set(chunk) | {"baseline"}
        if (root / stats_file).exists():
            for line in (root / stats_file).read_text().splitlines():
                module, micros = line.split()
                if module in wanted:
                    seconds[module] = int(micros) / 1e6
        return run, seconds

    timings: dict[str, float] = {}
    baselines = []
    runs = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for run, seconds in pool.map(lambda item: one(*item), enumerate(chunks)):
            runs.append(run)
            baselines.append(seconds.pop("baseline", 0.0))
            timings.update(seconds)
    timings["baseline"] = min(baselines) if baselines else 0.0
    return timings, runs


# -- the depth benchmark -----------------------------------------------------------------------------


def run_depth(args: argparse.Namespace, root: Path) -> int:
    write_config(root / "mypy.ini")
    depths = list(range(3, args.max_depth + 1))
    (root / "baseline.py").write_text(gen.header(0))
    for d in depths:
        (root / f"depth_{d}.py").write_text(gen.depth_module(d))
    problems: list[str] = []

    def plugin_seconds(file: str) -> float:
        t = time.monotonic()
        run = run_mypy("--config-file", "mypy.ini", "--no-incremental", "--cache-dir", "/dev/null", file,
                       cwd=root, timeout=args.timeout)
        problems.extend(problems_of(file, run))
        log(f"  {file}: {stats_of(run).seconds:.3f} s in the plugin, {time.monotonic() - t:.1f} s wall")
        return stats_of(run).seconds

    best: dict[str, float] = {}
    for r in range(args.rounds):
        log(f"round {r + 1} of {args.rounds}")
        for file in ["baseline.py"] + [f"depth_{d}.py" for d in depths]:
            seconds = plugin_seconds(file)
            best[file] = min(seconds, best.get(file, seconds))
    baseline = best["baseline.py"]
    net = {d: max(best[f"depth_{d}.py"] - baseline, 1e-6) for d in depths}
    report = [f"nested try/finally in loops; plugin seconds beyond the header alone ({baseline:.3f} s),"
              f" fastest of {args.rounds} round(s):"]
    for d in depths:
        growth = f"  x{net[d] / net[d - 1]:.1f} from depth {d - 1}" if d - 1 in net else ""
        report.append(f"  depth {d}: {net[d]:8.3f} s{growth}")
    ratio = None
    if 4 in net and args.max_depth in net:
        ratio = net[args.max_depth] / net[4]
        gross = best[f"depth_{args.max_depth}.py"] / best["depth_4.py"]
        report.append(f"ratio depth{args.max_depth}/depth4: {ratio:.1f} beyond the header, {gross:.1f} with it"
                      f" (target <= {RATIO_TARGET:g})")
    report.append(f"failures and crashes: {len(problems)}")
    report += ["  " + p for p in problems]
    print("\n".join(report))
    over = ratio is not None and ratio > RATIO_TARGET
    return 1 if problems or (args.strict and over) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--functions", type=int, default=3000, help="functions generated")
    parser.add_argument("--per-module", type=int, default=100, help="functions a module")
    parser.add_argument("--seed", type=int, default=0, help="module k gets seed SEED * 10000 + k")
    parser.add_argument("--jobs", type=int, default=2, help="mypy runs at once")
    parser.add_argument("--time-subset", type=int, default=None,
                        help="time only the first K functions alone (default all; 0: no timing)")
    parser.add_argument("--confirm", type=int, default=5,
                        help="the slowest functions alone checked again, each in its own process")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "generated", help="raw outputs, reproducers")
    parser.add_argument("--keep", action="store_true", help="copy the generated tree into --out")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds one mypy run may take")
    parser.add_argument("--depth", action="store_true", help="run the depth benchmark instead")
    parser.add_argument("--max-depth", type=int, default=8, help="deepest nesting of the depth benchmark")
    parser.add_argument("--rounds", type=int, default=1, help="depth benchmark rounds (the fastest counts)")
    parser.add_argument("--strict", action="store_true", help="--depth: fail if depth8/depth4 > 3")
    args = parser.parse_args(argv)
    if args.functions < 1 or args.per_module < 1 or args.jobs < 1:
        parser.error("--functions, --per-module and --jobs must be positive")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mypy-ownership-generated-") as tmp:
        run: Callable[[argparse.Namespace, Path], int] = run_depth if args.depth else run_all
        return run(args, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
