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
from typing import TYPE_CHECKING, Final

from mypy.nodes import (
    CallExpr,
    ClassDef,
    Decorator,
    FuncDef,
    FuncItem,
    MypyFile,
    Node,
    OverloadedFuncDef,
    Statement,
)
from mypy.options import Options

from mypy_ownership.config import OwnershipOptions
from mypy_ownership.diagnostics import Finding, Reporter
from mypy_ownership.overlay import Overlay
from mypy_ownership.stats import Stats
from mypy_ownership.summaries import ModuleSummaries
from mypy_ownership.unit import (
    TypeFacts,
    Unit,
    iter_statements,
    remembering_walks,
    spans_any,
)

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
        ownership_calls: list[CallExpr] | None = None,
    ) -> ModuleSummaries:
        """``ownership_calls``: for a module that cannot see Own/Ref/Mut, the calls the
        stubs say acquire, release or move (``Overlay.ownership_calls``, in line order);
        only the units holding one need analysing. None: analyse every unit. Returns the
        module's summaries, for ``infer`` to read."""
        with remembering_walks():
            return self._analyze(module, types, mypy_options, reporter, ownership_calls)

    def _analyze(
        self, module: MypyFile, types: TypeFacts, mypy_options: Options | None, reporter: Reporter,
        ownership_calls: list[CallExpr] | None,
    ) -> ModuleSummaries:
        self.stats.modules += 1
        check_untyped = bool(mypy_options is not None and mypy_options.check_untyped_defs)
        summaries = ModuleSummaries(module, types, self.options, self.overlay, check_untyped)
        if ownership_calls is not None:
            ownership_calls = summaries.with_returned(ownership_calls)
        context = _Context(types, self.options, self.overlay, check_untyped, ownership_calls, summaries)
        for unit in units_of(module, context):
            self.stats.findings += reporter.emit(self._run(unit))
        return summaries

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


class _Context:
    """What every unit of a module is built with. ``calls``: the prefilter's calls (a
    module that cannot see the vocabulary), or None to analyse every unit."""

    def __init__(
        self, types: TypeFacts, options: OwnershipOptions, overlay: Overlay,
        check_untyped: bool, calls: list[CallExpr] | None, summaries: ModuleSummaries | None = None,
    ) -> None:
        self.summaries = summaries
        self.types = types
        self.options = options
        self.overlay = overlay
        self.check_untyped = check_untyped
        self.calls = calls
        self.lines = [call.line for call in calls] if calls is not None else None

    def unit(
        self, module: MypyFile, body: list[Statement], func: FuncItem | None, kind: str, name: str
    ) -> Unit | None:
        """The unit, built once with everything it needs; None when the prefilter says it
        holds no call that can start anything."""
        own_calls = None
        if self.calls is not None:
            assert self.lines is not None
            own_calls = _own_calls(body, func, self.calls, self.lines)
            if not own_calls:
                return None
        return Unit(
            module, body, func, self.types, self.options, kind=kind, name=name,
            overlay=self.overlay, ownership_calls=own_calls, summaries=self.summaries,
        )


def _own_calls(body: list[Statement], func: FuncItem | None, calls: list[CallExpr], lines: list[int]) -> list[CallExpr]:
    """The calls in the unit's own code: its body (a function's whole span, a module's or
    class's statements but definitions), minus the definitions nested in it, which are
    units of their own."""
    if func is not None:
        candidates = _calls_in(func, calls, lines)
    else:
        candidates = [
            call for s in body if type(s) not in _DEFINITION_CLASSES
            for call in _calls_in(s, calls, lines)
        ]
    if not candidates:
        return []
    nested = [_definition(s) for s in iter_statements(body) if type(s) in _DEFINITION_CLASSES]
    return [
        call for call in candidates
        if not any(d.line <= call.line <= (d.end_line or d.line) for d in nested)
    ]


_DEFINITION_CLASSES: Final = frozenset({FuncDef, Decorator, OverloadedFuncDef, ClassDef})


def _definition(stmt: Statement) -> Node:
    """The node spanning a definition's own code (a decorator's expressions are its
    enclosing unit's)."""
    return stmt.func if isinstance(stmt, Decorator) else stmt


def _calls_in(node: Node, calls: list[CallExpr], lines: list[int]) -> list[CallExpr]:
    if node.end_line is None:
        return calls  # unknown extent: analyse rather than guess
    return calls[bisect.bisect_left(lines, node.line):bisect.bisect_right(lines, node.end_line)]


def units_of(module: MypyFile, context: _Context) -> Iterator[Unit]:
    """Every unit of a module; with the prefilter's lines, definitions holding none are not
    entered."""
    top = context.unit(module, module.defs, None, "module", "<module>")
    if top is not None:
        yield top
    yield from _nested_units(module, module.defs, context, "")


def _nested_units(module: MypyFile, body: list[Statement], context: _Context, prefix: str) -> Iterator[Unit]:
    lines = context.lines
    for stmt in iter_statements(body):
        if type(stmt) is ClassDef:
            if lines is not None and not spans_any(stmt, lines):
                continue
            name = prefix + stmt.name
            unit = context.unit(module, stmt.defs.body, None, "class", name)
            if unit is not None:
                yield unit
            yield from _nested_units(module, stmt.defs.body, context, name + ".")
            continue
        if type(stmt) not in _DEFINITION_CLASSES:
            continue  # most statements define nothing
        for func in _functions(stmt):
            if func.is_dynamic() and not context.check_untyped:
                continue
            if not func.body.body or (lines is not None and not spans_any(func, lines)):
                continue
            name = prefix + func.name
            unit = context.unit(module, func.body.body, func, "function", name)
            if unit is not None:
                yield unit
            yield from _nested_units(module, func.body.body, context, name + ".")


def _functions(stmt: Statement) -> Iterator[FuncItem]:
    if type(stmt) is FuncDef:
        yield stmt
    elif type(stmt) is Decorator:
        yield stmt.func
    elif type(stmt) is OverloadedFuncDef:
        if stmt.impl is not None:
            yield from _functions(stmt.impl)
