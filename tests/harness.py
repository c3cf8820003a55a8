"""Runs real mypy with the plugin and compares its output with inline expectations.

A case file states, on the line where each diagnostic must appear, what mypy prints there,
in mypy's own test style: ``consume(x)  # E: "x" used after move  [use-after-move]``;
notes as ``# N: ...``; an optional column as ``# E:12: ...``. A case passes only if every
diagnostic mypy prints is expected and every expectation is printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
# The console script, not `python -m mypy`: -m puts the working directory on sys.path, and
# mypy then takes the case files' packages for installed ones and silences them.
MYPY = str(Path(sys.executable).with_name("mypy"))

_EXPECTATION = re.compile(r"#\s*([EN])(?::(\d+))?:\s*(.*?)\s*(?=#\s*[EN](?::\d+)?:|$)")
_OUTPUT = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<sev>error|note): (?P<msg>.*)$")
_STATS = re.compile(
    r"mypy-ownership: (\d+) modules, (\d+) functions analysed \((\d+) bodies\), (\d+) failed"
    r".*; (\d+) modules skipped(?:.*; (\d+) library calls)?"
)


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    severity: str
    message: str
    column: int | None = None

    def key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.severity, self.message)


@dataclass
class Run:
    stdout: str
    stderr: str
    returncode: int

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = []
        for line in self.stdout.splitlines():
            m = _OUTPUT.match(line)
            if m:
                col = int(m["col"]) if m["col"] else None
                found.append(
                    Diagnostic(os.path.normpath(m["file"]), int(m["line"]), m["sev"], m["msg"], col)
                )
        return found

    @property
    def stats(self) -> dict[str, int]:
        m = _STATS.search(self.stderr)
        assert m, f"no stats line in stderr:\n{self.stderr}"
        return {
            "modules": int(m[1]),
            "functions": int(m[2]),
            "bodies": int(m[3]),
            "failed": int(m[4]),
            "skipped": int(m[5]),
            "library_calls": int(m[6] or 0),
        }

    @property
    def failures(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if "mypy-ownership: failed:" in line]


def run_mypy(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> Run:
    full_env = dict(os.environ)
    full_env.pop("MYPYPATH", None)
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "tests"), str(ROOT)] + ([full_env["PYTHONPATH"]] if full_env.get("PYTHONPATH") else [])
    )
    full_env.update(env or {})
    proc = subprocess.run(
        [MYPY, *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(proc.stdout, proc.stderr, proc.returncode)


def expectations(path: Path, relative_to: Path) -> list[Diagnostic]:
    name = os.path.normpath(os.path.relpath(path, relative_to))
    found = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "# E" not in text and "# N" not in text:
            continue
        comment = text[text.index("#"):] if "#" in text else ""
        for kind, col, message in _EXPECTATION.findall(comment):
            severity = "error" if kind == "E" else "note"
            found.append(Diagnostic(name, number, severity, message, int(col) if col else None))
    return found


def compare(expected: list[Diagnostic], actual: list[Diagnostic]) -> list[str]:
    """Differences as readable lines; empty when the case passes."""
    problems = []
    want = Counter(d.key() for d in expected)
    got = Counter(d.key() for d in actual)
    for key, count in sorted((want - got).items()):
        problems.append(f"missing  {key[0]}:{key[1]}: {key[2]}: {key[3]}" + (f" (x{count})" if count > 1 else ""))
    for key, count in sorted((got - want).items()):
        problems.append(f"extra    {key[0]}:{key[1]}: {key[2]}: {key[3]}" + (f" (x{count})" if count > 1 else ""))
    columns = {d.key(): d.column for d in actual}
    for d in expected:
        if d.column is not None and d.key() in columns and columns[d.key()] != d.column:
            problems.append(f"column   {d.file}:{d.line}: expected {d.column}, got {columns[d.key()]}: {d.message}")
    return problems
