"""The analysis pipeline: after mypy has checked a module, analyse each of its bodies once.

A module yields units: its top level, each class body, and every function body mypy
checked (methods, nested functions, the implementations of overloads and decorated
functions). Each unit runs every check; an exception inside one check of one unit is
caught, counted and recorded, and the run goes on: no traceback reaches the user, and no
failure goes unseen (``report_stats``; the test suite asserts there are none).
"""

from __future__ import annotations

import bisect
import traceback
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from mypy.nodes import (
    ClassDef,
    Decorator,
    FuncDef,
    FuncItem,
    MypyFile,
    OverloadedFuncDef,
    Statement,
)
from mypy.options import Options

from mypy_ownership.config import OwnershipOptions
from mypy_ownership.diagnostics import Finding, Reporter
from mypy_ownership.overlay import Overlay
from mypy_ownership.stats import Stats
from mypy_ownership.unit import TypeFacts, Unit, iter_statements

if TYPE_CHECKING:
    from mypy_ownership.checks import Check


class ModuleAnalyzer:
    def __init__(
        self, checks: Sequence[Check], options: OwnershipOptions, stats: Stats, overlay: Overlay
    ) -> None:
        self.checks = checks
        self.options = options
        self.stats = stats
        self.overlay = overlay

    def analyze(
        self,
        module: MypyFile,
        types: TypeFacts,
        mypy_options: Options | None,
        reporter: Reporter,
        sees_vocabulary: bool = True,
    ) -> None:
        """``sees_vocabulary``: the module imports Own/Ref/Mut (directly or not). If it does
        not, only the functions holding a call the stubs cover can involve ownership."""
        self.stats.modules += 1
        check_untyped = bool(mypy_options is not None and mypy_options.check_untyped_defs)
        lines: list[int] | None = None
        if not sees_vocabulary:
            lines = self.overlay.call_lines(types.type_map) if types.type_map is not None else None
            if lines == []:
                return
        for unit in units_of(module, types, self.options, check_untyped):
            if lines is not None and not _holds_any(unit, lines):
                continue
            unit.overlay = self.overlay
            self.stats.findings += reporter.emit(self._run(unit))

    def _run(self, unit: Unit) -> list[Finding]:
        self.stats.units += 1
        if unit.kind == "function":
            self.stats.functions += 1
        findings: list[Finding] = []
        for check in self.checks:
            try:
                findings.extend(check(unit))
            except Exception as exc:  # the plugin never crashes mypy; see module docstring
                self.stats.failed += 1
                where = f"{unit.module.path}:{unit.func.line if unit.func else 1}"
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                self.stats.failures.append(
                    f"{where}: {unit.name}: {check.__module__}: {type(exc).__name__}: {exc}"
                    f" (at {frame.filename}:{frame.lineno})"
                )
                return []  # a half-analysed unit reports nothing rather than half the truth
        return findings


def _holds_any(unit: Unit, lines: list[int]) -> bool:
    """Whether one of the lines falls in the unit's own code: a function's whole body, or
    the statements of a module or class body that are not definitions (which are units of
    their own)."""
    if unit.func is not None:
        spans = [(unit.func.line, unit.func.end_line or unit.func.line)]
    else:
        spans = [
            (s.line, s.end_line or s.line) for s in unit.body
            if not isinstance(s, (FuncDef, Decorator, OverloadedFuncDef, ClassDef))
        ]
    for first, last in spans:
        i = bisect.bisect_left(lines, first)
        if i < len(lines) and lines[i] <= last:
            return True
    return False


def units_of(
    module: MypyFile, types: TypeFacts, options: OwnershipOptions, check_untyped: bool
) -> Iterator[Unit]:
    yield Unit(module, module.defs, None, types, options, kind="module", name="<module>")
    yield from _nested_units(module, module.defs, types, options, check_untyped, prefix="")


def _nested_units(
    module: MypyFile,
    body: list[Statement],
    types: TypeFacts,
    options: OwnershipOptions,
    check_untyped: bool,
    prefix: str,
) -> Iterator[Unit]:
    for stmt in iter_statements(body):
        if isinstance(stmt, ClassDef):
            name = prefix + stmt.name
            yield Unit(module, stmt.defs.body, None, types, options, kind="class", name=name)
            yield from _nested_units(
                module, stmt.defs.body, types, options, check_untyped, name + "."
            )
            continue
        for func in _functions(stmt):
            if func.is_dynamic() and not check_untyped:
                continue
            if not func.body.body:
                continue
            name = prefix + func.name
            yield Unit(module, func.body.body, func, types, options, kind="function", name=name)
            yield from _nested_units(
                module, func.body.body, types, options, check_untyped, name + "."
            )


def _functions(stmt: Statement) -> Iterator[FuncItem]:
    if isinstance(stmt, FuncDef):
        yield stmt
    elif isinstance(stmt, Decorator):
        yield stmt.func
    elif isinstance(stmt, OverloadedFuncDef):
        if stmt.impl is not None:
            yield from _functions(stmt.impl)
