"""What a check is given: one function body (or a module's top level), its CFG built once,
and the facts about types the checks need, behind small lookups.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Final

from mypy.nodes import (
    AssignmentStmt,
    Block,
    ForStmt,
    IfStmt,
    MatchStmt,
    TryStmt,
    WhileStmt,
    WithStmt,
    CallExpr,
    ClassDef,
    Decorator,
    FuncDef,
    OverloadedFuncDef,
    Expression,
    ExpressionStmt,
    FuncItem,
    MypyFile,
    ReturnStmt,
    Node,
    Statement,
)
from mypy.types import Type

from mypy_ownership.cfg import CFG
from mypy_ownership.cfg_builder import build_cfg
from mypy_ownership.config import OwnershipOptions
from mypy_ownership.overlay import EMPTY, Overlay
from mypy_ownership.records import Frozen, Record, shown
from mypy_ownership.signatures import UninhabitedCheck

if TYPE_CHECKING:
    from mypy_ownership.effects import Summaries


class TypeFacts(Record):
    """Types mypy inferred for this module's expressions (absent: mypy did not check it)."""

    type_map: dict[Expression, Type] | None

    def __init__(self, type_map: dict[Expression, Type] | None) -> None:
        self.type_map = type_map

    def type_of(self, expr: Expression) -> Type | None:
        if self.type_map is None:
            return None
        return self.type_map.get(expr)

    def was_checked(self, expr: Expression) -> bool:
        return self.type_map is None or expr in self.type_map

    @cached_property
    def calls(self) -> list[CallExpr]:
        """The calls of the type map, in its order: the prefilter and the module's
        summaries both look for calls there, and the map holds every expression."""
        return [e for e in self.type_map if type(e) is CallExpr] if self.type_map is not None else []


class Unit(Frozen):
    """Built once with everything a check needs (the prefilter runs before), never patched."""

    module: MypyFile
    body: list[Statement]
    func: FuncItem | None  # None for a module's top level or a class body
    types: TypeFacts
    options: OwnershipOptions
    kind: str  # "module", "class" or "function"
    name: str
    memo: dict[str, object]  # results shared by checks
    overlay: Overlay
    # In a module that cannot see Own/Ref/Mut, no type carries a mode and only the stubs
    # say anything of ownership: the calls of this unit they say acquire, release or move
    # (effects.ownership_calls). None: the module can see the vocabulary.
    ownership_calls: list[CallExpr] | None
    # what functions of the module do with their parameters (summaries.ModuleSummaries)
    summaries: Summaries | None

    def __init__(
        self, module: MypyFile, body: list[Statement], func: FuncItem | None, types: TypeFacts,
        options: OwnershipOptions, kind: str = "function", name: str = "<module>",
        memo: dict[str, object] | None = None, overlay: Overlay = EMPTY,
        ownership_calls: list[CallExpr] | None = None, summaries: Summaries | None = None,
    ) -> None:
        self.__dict__.update(
            module=module, body=body, func=func, types=types, options=options, kind=kind, name=name,
            memo={} if memo is None else memo, overlay=overlay, ownership_calls=ownership_calls,
            summaries=summaries,
        )

    def __repr__(self) -> str:
        return shown(self, tuple(Unit.__annotations__))

    @property
    def annotated(self) -> bool:
        """mypy's types here may carry Own/Ref/Mut."""
        return self.ownership_calls is None

    @cached_property
    def cfg(self) -> CFG:
        return build_cfg(
            self.body,
            reachable=self._reachable,
            never_returns=UninhabitedCheck(self.types.type_of),
            every_step_raises=self.options.leak_on_exception and self.kind == "function",
            ends_process=_ends_process(self.overlay, self.module.fullname),
        )

    def statements(self) -> Iterator[Statement]:
        """Every statement of the body, inside compound statements too, not in nested scopes."""
        return iter(self._statements)

    @cached_property
    def _statements(self) -> list[Statement]:
        return list(iter_statements(self.body))  # walked by several checks: once

    @property
    def is_module(self) -> bool:
        return self.kind == "module"

    def _reachable(self, stmt: Statement) -> bool:
        expr = _main_expression(stmt)
        return expr is None or self.types.was_checked(expr)


def _main_expression(stmt: Statement) -> Expression | None:
    """An expression mypy always records a type for when it checks the statement."""
    if type(stmt) is AssignmentStmt:  # exact classes: asked of every statement of a graph
        return stmt.rvalue if type(stmt.rvalue) is CallExpr else None
    if type(stmt) is ExpressionStmt:
        return stmt.expr
    if type(stmt) is ReturnStmt:
        return stmt.expr
    return None


def spans_any(node: Node, lines: list[int]) -> bool:
    """Whether one of the sorted ``lines`` falls within the node's span (an unknown end
    counts as a yes: analyse rather than guess)."""
    if node.end_line is None:
        return True
    i = bisect.bisect_left(lines, node.line)
    return i < len(lines) and lines[i] <= node.end_line


def _ends_process(overlay: Overlay, module: str) -> Callable[[Expression], bool]:
    from mypy_ownership.effects import ends_process  # here: the call effects read units' bodies

    return ends_process(overlay, module)


def definitions(body: list[Statement]) -> Iterator[FuncDef]:
    """The functions a body defines, in its classes too, not inside those functions (an
    overload's implementation included)."""
    found: list[FuncDef] = []
    _definitions(body, found, False)
    return iter(found)


def all_definitions(body: list[Statement]) -> list[FuncDef]:
    """``definitions``, and those of every function found, recursively: every function a
    module defines, in the order of a depth-first walk."""
    found: list[FuncDef] = []
    _definitions(body, found, True)
    return found


def _definitions(body: list[Statement], found: list[FuncDef], nested: bool) -> None:
    """One walk of the statements (reachable blocks of compound statements, class bodies),
    dispatched on the node's exact class: it runs over every statement of a module."""
    for stmt in body:
        if type(stmt) is FuncDef or type(stmt) is Decorator:
            _definition_found(stmt, found, nested)
        elif type(stmt) is ClassDef:
            _definitions(stmt.defs.body, found, nested)
        elif type(stmt) is OverloadedFuncDef:
            for item in stmt.items:
                _definition_found(item, found, nested)
            if stmt.impl is not None:
                _definition_found(stmt.impl, found, nested)
        elif type(stmt) in _COMPOUND:
            for block in _blocks(stmt):
                if not block.is_unreachable:
                    _definitions(block.body, found, nested)


def _definition_found(item: Statement, found: list[FuncDef], nested: bool) -> None:
    func = item.func if type(item) is Decorator else item
    if type(func) is FuncDef:
        found.append(func)
        if nested:
            _definitions(func.body.body, found, True)


def deep_statements(body: list[Statement]) -> Iterator[Statement]:
    """``iter_statements``, and the statements of the functions nested in the body too
    (what a closure's code may do)."""
    for stmt in iter_statements(body):
        yield stmt
        func = stmt.func if isinstance(stmt, Decorator) else stmt
        if isinstance(func, FuncDef):
            yield from deep_statements(func.body.body)


def iter_statements(body: list[Statement]) -> Iterator[Statement]:
    """Every statement of a body in source order, inside compound statements too (their
    unreachable blocks excepted), not inside nested scopes."""
    walks = _WALKS[-1] if _WALKS else None
    known = walks.get(id(body)) if walks is not None else None
    if known is not None and known[0] is body:
        return iter(known[1])
    found: list[Statement] = []
    _collect(body, found)
    if walks is not None:
        walks[id(body)] = (body, found)  # the body is kept: its id names no other list
    return iter(found)


# While a module is analysed (``remembering_walks``), the walk of each body is kept: the
# choice of units, their checks, the summaries and the owning classes walk the same bodies.
_WALKS: Final[list[dict[int, tuple[list[Statement], list[Statement]]]]] = []


@contextmanager
def remembering_walks() -> Iterator[None]:
    """The bodies walked inside are walked once (the tree does not change meanwhile)."""
    _WALKS.append({})
    try:
        yield
    finally:
        _WALKS.pop()


def _collect(body: list[Statement], found: list[Statement]) -> None:
    start = 0
    for i, stmt in enumerate(body):
        if type(stmt) in _COMPOUND:
            found.extend(body[start:i + 1])
            start = i + 1
            for block in _blocks(stmt):
                if not block.is_unreachable:
                    _collect(block.body, found)
    found.extend(body[start:] if start else body)


def _blocks(stmt: Statement) -> list[Block]:
    if type(stmt) is IfStmt:
        return [*stmt.body, stmt.else_body] if stmt.else_body is not None else list(stmt.body)
    if type(stmt) is WhileStmt or type(stmt) is ForStmt:
        return [stmt.body, stmt.else_body] if stmt.else_body is not None else [stmt.body]
    if type(stmt) is WithStmt:
        return [stmt.body]
    if type(stmt) is TryStmt:
        blocks = [stmt.body, *stmt.handlers]
        if stmt.else_body is not None:
            blocks.append(stmt.else_body)
        if stmt.finally_body is not None:
            blocks.append(stmt.finally_body)
        return blocks
    if type(stmt) is MatchStmt:
        return list(stmt.bodies)
    if type(stmt) is Block:
        return [stmt]
    return []


_COMPOUND: Final = frozenset({IfStmt, WhileStmt, ForStmt, WithStmt, TryStmt, MatchStmt, Block})
