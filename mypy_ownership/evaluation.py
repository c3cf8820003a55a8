"""The parts of an expression in the order Python evaluates them.

Checks that walk expressions special-case the nodes they care about (names, calls,
short-circuit operators, comprehensions) and use :func:`children` for everything else, so
that a node type they never heard of is still walked rather than skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from mypy.nodes import (
    CallExpr,
    ComparisonExpr,
    ConditionalExpr,
    DictExpr,
    DictionaryComprehension,
    Expression,
    GeneratorExpr,
    IndexExpr,
    LambdaExpr,
    MemberExpr,
    OpExpr,
    TupleExpr,
    ListExpr,
    SetExpr,
)


def children(expr: Expression) -> Iterator[Expression]:
    """Direct sub-expressions in evaluation order (comprehension bodies excluded)."""
    if isinstance(expr, CallExpr):
        yield expr.callee
        yield from expr.args
    elif isinstance(expr, MemberExpr):
        yield expr.expr
    elif isinstance(expr, OpExpr):
        yield expr.left
        yield expr.right
    elif isinstance(expr, ComparisonExpr):
        yield from expr.operands
    elif isinstance(expr, IndexExpr):
        yield expr.base
        yield expr.index
    elif isinstance(expr, (TupleExpr, ListExpr, SetExpr)):
        yield from expr.items
    elif isinstance(expr, DictExpr):
        for key, value in expr.items:
            if key is not None:
                yield key
            yield value
    elif isinstance(expr, ConditionalExpr):
        yield expr.cond
        yield expr.if_expr
        yield expr.else_expr
    elif isinstance(expr, (GeneratorExpr, DictionaryComprehension)):
        yield expr.sequences[0]
    elif isinstance(expr, LambdaExpr):
        return
    else:
        yield from _generic_children(expr)


def _generic_children(expr: Expression) -> Iterator[Expression]:
    for name in _expression_slots(type(expr)):
        value = getattr(expr, name, None)
        if isinstance(value, Expression):
            yield value
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, Expression):
                    yield item


@lru_cache(maxsize=None)
def _expression_slots(cls: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for name in getattr(klass, "__slots__", ()):
            if name not in names and name not in ("line", "column", "end_line", "end_column"):
                names.append(name)
    return tuple(names)
