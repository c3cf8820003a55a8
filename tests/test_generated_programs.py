"""Random but well-typed programs (tests/program_generator.py) through real mypy runs with
the plugin: it must analyse every function without failing, report the same findings cold,
warm, with ``-n 2`` workers and under two hash seeds, and take under a second a
function. Three seeds of forty functions here; ``tests/generated_runner.py`` runs thousands.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import program_generator as gen
from harness import Run, run_mypy
from mypy_ownership.errorcodes import ALL_CODES

SEEDS = (0, 1)
FUNCTIONS = 30
SECONDS_PER_FUNCTION = 1.0  # the plugin's own seconds for a whole run, per generated function
SECONDS_ALONE = 2.0  # mypy's whole time (from --timing-stats) for a module of one generated function

FILES = [f"gen_{seed}.py" for seed in SEEDS]
ALONE = [f"one_{seed}_{index}.py" for seed in SEEDS for index in range(FUNCTIONS)]
CODES = {code.code for code in ALL_CODES}
CONFIG = (
    "[mypy]\nplugins = mypy_ownership.plugin\nshow_column_numbers = True\nshow_error_codes = True\n"
    "\n[mypy_ownership]\nreport_stats = true\n"
)
PLAIN_CONFIG = "[mypy]\nshow_column_numbers = True\nshow_error_codes = True\n"

# Every stats line: in a -n run each worker prints its own.
_STATS = re.compile(
    r"mypy-ownership: (\d+) modules, (\d+) functions analysed \(\d+ bodies\), (\d+) failed,"
    r" \d+ findings, ([0-9.]+) s in the plugin"
)
_ERROR_CODE = re.compile(r"  \[([a-z-]+)\]$")


@dataclass
class Runs:
    cold: Run
    warm: Run
    parallel: Run
    hash1: Run
    hash2: Run
    plain: Run
    alone: Run
    alone_seconds: dict[str, float]  # module -> mypy's seconds for it, the plugin included
    alone_dir: Path


def stats_lines(run: Run) -> list[tuple[int, int, int, float]]:
    """(modules, functions, failed, plugin seconds) for each stats line."""
    return [(int(m[1]), int(m[2]), int(m[3]), float(m[4])) for m in _STATS.finditer(run.stderr)]


def crashes(run: Run) -> list[str]:
    return [line for line in (run.stdout + run.stderr).splitlines() if "Traceback" in line or "INTERNAL ERROR" in line]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    root = tmp_path_factory.mktemp("generated")
    for seed, name in zip(SEEDS, FILES):
        (root / name).write_text(gen.generate_module(seed, FUNCTIONS))
    (root / "mypy.ini").write_text(CONFIG)
    (root / "plain.ini").write_text(PLAIN_CONFIG)
    alone = root / "alone"
    alone.mkdir()
    for seed in SEEDS:
        for index in range(FUNCTIONS):
            (alone / f"one_{seed}_{index}.py").write_text(gen.standalone_module(seed, index))
    (alone / "warmup.py").write_text(gen.header(0))  # named last, checked first (see below)
    (alone / "mypy.ini").write_text(CONFIG)

    def mypy(*args: str, cache: str, env: dict[str, str] | None = None, cwd: Path = root) -> Run:
        return run_mypy("--config-file", "mypy.ini", "--cache-dir", cache, *args, cwd=cwd, env=env)

    def cold_then_warm() -> tuple[Run, Run]:
        # the cold run is also the first of the two hash seeds
        seed = {"PYTHONHASHSEED": "1"}
        return mypy(*FILES, cache=".cache-cold", env=seed), mypy(*FILES, cache=".cache-cold", env=seed)

    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores; the runs are independent
        cold_warm = pool.submit(cold_then_warm)
        parallel = pool.submit(mypy, "-n", "2", *FILES, cache=".cache-n2")
        hash2 = pool.submit(mypy, *FILES, cache=".cache-hash2", env={"PYTHONHASHSEED": "2"})
        plain = pool.submit(
            run_mypy, "--config-file", "plain.ini", "--no-incremental", "--cache-dir", "/dev/null", *FILES, cwd=root
        )
        timed = pool.submit(
            # mypy checks these modules last to first: warmup.py takes the costs paid once a
            # process (first use of the ownership stubs, of mypy's own caches)
            mypy, "--no-incremental", "--timing-stats", "timing.txt", *ALONE, "warmup.py", cache="/dev/null",
            cwd=alone,
        )
        cold, warm = cold_warm.result()
        alone_run = timed.result()
        seconds = {}
        timing = alone / "timing.txt"
        for line in timing.read_text().splitlines() if timing.exists() else []:
            module, micros = line.split()
            seconds[module] = int(micros) / 1e6
        return Runs(cold, warm, parallel.result(), cold, hash2.result(), plain.result(), alone_run, seconds, alone)


def test_generated_modules_are_deterministic() -> None:
    """Same seed, same text, in another process under another hash seed too."""
    text = gen.generate_module(0, FUNCTIONS)
    assert text == gen.generate_module(0, FUNCTIONS) != gen.generate_module(1, FUNCTIONS)
    other = subprocess.run(
        [sys.executable, "-c", f"import program_generator as g; print(g.generate_module(0, {FUNCTIONS}), end='')"],
        cwd=Path(__file__).parent, env={**os.environ, "PYTHONHASHSEED": "3"}, capture_output=True, text=True,
        timeout=120, check=True,
    )
    assert other.stdout == text


def test_generated_modules_hold_every_construct() -> None:
    texts = [gen.generate_module(seed, FUNCTIONS) for seed in SEEDS]
    trees = [ast.parse(text) for text in texts]
    for text in texts:
        assert text.count("\ndef fn_") == FUNCTIONS
    nodes = [node for tree in trees for node in ast.walk(tree)]
    functions = [n for n in nodes if isinstance(n, ast.FunctionDef)]

    def some(kind: type[ast.AST] | tuple[type[ast.AST], ...], test: Callable[[Any], bool] = lambda n: True) -> bool:
        return any(isinstance(n, kind) and test(n) for n in nodes)

    assert some(ast.If, lambda n: n.orelse and not isinstance(n.orelse[0], ast.If))  # else
    assert some(ast.If, lambda n: len(n.orelse) == 1 and isinstance(n.orelse[0], ast.If))  # elif (or else: if)
    assert some(ast.For, lambda n: n.orelse) and some(ast.While, lambda n: n.orelse)
    assert some(ast.Break) and some(ast.Continue) and some(ast.Return) and some(ast.Assert)
    assert some(ast.Raise, lambda n: n.exc is None) and some(ast.Raise, lambda n: n.exc is not None)
    assert some(ast.Try, lambda n: n.handlers and n.orelse and n.finalbody)
    assert some(ast.Try, lambda n: any(isinstance(m, ast.Try) for m in ast.walk(ast.Module(n.finalbody, []))))
    assert some(ast.Try, lambda n: any(isinstance(m, ast.Try) for m in ast.walk(ast.Module(n.body, []))))
    assert some(ast.ExceptHandler, lambda n: n.name) and some(ast.ExceptHandler, lambda n: isinstance(n.type, ast.Tuple))
    assert some(ast.With, lambda n: len(n.items) == 1) and some(ast.With, lambda n: len(n.items) > 1)
    assert some(ast.Match) and some(ast.match_case, lambda n: n.guard) and some(ast.MatchOr) and some(ast.MatchAs)
    assert some(ast.BoolOp, lambda n: isinstance(n.op, ast.And)) and some(ast.BoolOp, lambda n: isinstance(n.op, ast.Or))
    assert some(ast.IfExp) and some(ast.NamedExpr) and some(ast.Lambda)
    assert some(ast.ListComp) and some(ast.SetComp) and some(ast.DictComp) and some(ast.GeneratorExp)
    assert some(ast.Delete) and some(ast.Global) and some(ast.Nonlocal) and some(ast.Yield)
    assert any(isinstance(m, ast.FunctionDef) for f in functions if f.name.startswith("fn_") for m in ast.walk(f)
               if m is not f)  # nested functions
    assert some(ast.AnnAssign)
    for call in ("close", "consume", "give", "look", "tweak", "append", "open", "socket", "Lock", "acquire",
                 "release", "keep_callback", "apply", "store_file", "connect", "Conn"):
        assert some(ast.Call, lambda n: getattr(n.func, "attr", getattr(n.func, "id", None)) == call), call
    for mode in ("Own", "Ref", "Mut"):
        assert any(f"{mode}[Conn]" in text for text in texts), mode
    assert "-> Iterator[Own[Conn]]" in "".join(texts) and "-> Iterator[int]" in "".join(texts)
    assert max(nesting(tree) for tree in trees) == gen.MAX_DEPTH


COMPOUND = (ast.If, ast.For, ast.While, ast.Try, ast.With, ast.Match, ast.FunctionDef)


def nesting(node: ast.AST, depth: int = -1) -> int:
    """How many compound statements enclose the innermost statement of a generated function
    (the ``def fn_...`` itself not counted; an ``elif`` is part of its ``if``)."""
    elif_ = isinstance(node, ast.If) and getattr(node, "parent_col", None) == node.col_offset
    if isinstance(node, COMPOUND) and not elif_:
        depth += 1
    if isinstance(node, ast.If) and len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
        node.orelse[0].parent_col = node.col_offset  # type: ignore[attr-defined]
    return max([depth, *(nesting(child, depth) for child in ast.iter_child_nodes(node))])


def test_nested_try_finally_shape() -> None:
    tree = ast.parse(gen.nested_try_finally(5))
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For)]
    assert len(loops) == 5
    for outer, inner in zip(loops, loops[1:]):
        [attempt] = outer.body
        assert isinstance(attempt, ast.Try) and not attempt.handlers
        assert attempt.finalbody == [inner]  # the next level is in the finally
    for loop in loops:
        attempt = loop.body[0]
        assert isinstance(attempt, ast.Try)
        body = "\n".join(ast.unparse(statement) for statement in attempt.body)
        assert "open(" in body and "break" in body and "continue" in body and ".close()" in body
    assert nesting(tree) == 2 * 5 + 1  # each level a for and a try; the innermost if inside


def test_plain_mypy_finds_nothing_in_the_generated_code(runs: Runs) -> None:
    """So that with the plugin every finding is an ownership finding."""
    assert runs.plain.returncode == 0, runs.plain.stdout + runs.plain.stderr
    assert runs.plain.stdout.strip() == f"Success: no issues found in {len(FILES)} source files"


def test_every_generated_function_is_analysed_without_a_failure(runs: Runs) -> None:
    cold = runs.cold
    assert not crashes(cold)
    assert cold.failures == []
    assert cold.returncode == 1  # the generated code has ownership findings, and nothing else
    [(modules, functions, failed, _)] = stats_lines(cold)
    assert failed == 0 and modules == len(FILES)
    assert functions >= len(SEEDS) * FUNCTIONS
    codes = [_ERROR_CODE.search(d.message) for d in cold.diagnostics if d.severity == "error"]
    assert all(m and m[1] in CODES for m in codes), [d for d in cold.diagnostics if d.severity == "error"][:5]
    found = {m[1] for m in codes if m}
    assert {"resource-leak", "use-after-move"} <= found


def test_each_function_alone_is_analysed_without_a_failure(runs: Runs) -> None:
    alone = runs.alone
    assert not crashes(alone)
    assert alone.failures == []
    [(modules, functions, failed, _)] = stats_lines(alone)
    assert failed == 0 and modules == len(ALONE) + 1 and functions >= len(ALONE)


def test_a_warm_run_reports_what_the_cold_run_reports(runs: Runs) -> None:
    assert "no module was analysed in this process" in runs.warm.stderr  # it was warm
    assert not crashes(runs.warm)
    assert runs.warm.returncode == runs.cold.returncode
    assert runs.warm.stdout == runs.cold.stdout


def test_parallel_workers_report_what_the_serial_run_reports(runs: Runs) -> None:
    parallel = runs.parallel
    assert not crashes(parallel)
    assert parallel.failures == []
    workers = stats_lines(parallel)
    assert sum(modules for modules, _, _, _ in workers) == len(FILES)
    assert all(failed == 0 for _, _, failed, _ in workers)
    assert parallel.returncode == runs.cold.returncode
    # which worker reports first is not fixed: compare the lines, not their order
    assert sorted(parallel.stdout.splitlines()) == sorted(runs.cold.stdout.splitlines())


def test_the_output_does_not_depend_on_the_hash_seed(runs: Runs) -> None:
    for run in (runs.hash1, runs.hash2):
        assert not crashes(run)
        assert run.failures == []
        assert [failed for _, _, failed, _ in stats_lines(run)] == [0]
    assert runs.hash1.stdout == runs.hash2.stdout
    assert runs.hash1.stdout == runs.cold.stdout


def test_the_plugin_takes_under_a_second_a_function(runs: Runs) -> None:
    """The plugin's seconds for the whole run, under one a generated function; and each
    function alone in a module (its callees reduced to trivial bodies), mypy's checking and
    the plugin's analysis together under two seconds. The slowest takes about a quarter of a
    second on a loaded two-core machine; an analysis that blows up with the nesting (as the
    nested try/finally of tests/generated_runner.py --depth does) takes far more.

    mypy's time for a module also holds whatever pause fell in it (a collection of the whole
    process's heap), so a module over the bound is checked again alone, in a process of its
    own, and counts as slow if the plugin's own seconds there are over the bound too."""
    [(_, _, _, seconds)] = stats_lines(runs.cold)
    assert seconds < SECONDS_PER_FUNCTION * len(SEEDS) * FUNCTIONS
    generated = {name.removesuffix(".py") for name in ALONE}
    timed = {module: s for module, s in runs.alone_seconds.items() if module in generated}
    assert timed.keys() == generated
    slow = {}
    for module in (m for m, s in timed.items() if s >= SECONDS_ALONE):
        again = run_mypy("--config-file", "mypy.ini", "--no-incremental", "--cache-dir", "/dev/null", f"{module}.py",
                         cwd=runs.alone_dir)
        [(_, _, failed, seconds)] = stats_lines(again)
        assert failed == 0
        if seconds >= SECONDS_ALONE:
            slow[module] = seconds
    assert not slow, f"functions that take {SECONDS_ALONE} s or more alone: {slow}"
