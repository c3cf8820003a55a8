"""The parts of an expression in the order Python evaluates them.

Checks that walk expressions special-case the nodes they care about (names, calls,
short-circuit operators, comprehensions) and use :func:`children` for everything else, so
that a node type they never heard of is still walked rather than skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

from mypy.patterns import AsPattern, MappingPattern, StarredPattern, ValuePattern
from mypy.nodes import (
    Node,
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
    StrExpr,
    BytesExpr,
    IntExpr,
    FloatExpr,
    ComplexExpr,
    EllipsisExpr,
    AwaitExpr,
    NameExpr,
)


def children(expr: Expression) -> Sequence[Expression]:
    """Direct sub-expressions in evaluation order (comprehension bodies excluded, and the
    items of a display made only of constants)."""
    kind = type(expr)
    parts = _CHILDREN.get(kind)
    if parts is None:
        parts = _CHILDREN[kind] = _children_of_class(kind)
    return parts(expr)


def _leaf(expr: Expression) -> Sequence[Expression]:
    return ()


def _call(expr: CallExpr) -> Sequence[Expression]:
    return [expr.callee, *expr.args]


def _member(expr: MemberExpr) -> Sequence[Expression]:
    return (expr.expr,)


def _op(expr: OpExpr) -> Sequence[Expression]:
    return (expr.left, expr.right)


def _comparison(expr: ComparisonExpr) -> Sequence[Expression]:
    return expr.operands


def _index(expr: IndexExpr) -> Sequence[Expression]:
    return (expr.base, expr.index)


def _items(expr: TupleExpr | ListExpr | SetExpr) -> Sequence[Expression]:
    items = expr.items
    return () if _CONSTANTS.issuperset(map(type, items)) else items


def _dict(expr: DictExpr) -> Sequence[Expression]:
    if all(key is not None and type(key) in _CONSTANTS and type(value) in _CONSTANTS
           for key, value in expr.items):
        return ()
    parts: list[Expression] = []
    for key, value in expr.items:
        if key is not None:
            parts.append(key)
        parts.append(value)
    return parts


def _conditional(expr: ConditionalExpr) -> Sequence[Expression]:
    return (expr.cond, expr.if_expr, expr.else_expr)


def _first_sequence(expr: GeneratorExpr | DictionaryComprehension) -> Sequence[Expression]:
    return (expr.sequences[0],)


# A display made of these only is a leaf: its items evaluate to themselves and nothing can
# name, call or act on them (generated tables of thousands of strings are common).
_CONSTANTS: Final = frozenset({StrExpr, BytesExpr, IntExpr, FloatExpr, ComplexExpr, EllipsisExpr})

_SPECIAL: dict[type, Callable[[Any], Sequence[Expression]]] = {
    CallExpr: _call,
    MemberExpr: _member,
    OpExpr: _op,
    ComparisonExpr: _comparison,
    IndexExpr: _index,
    TupleExpr: _items,
    ListExpr: _items,
    SetExpr: _items,
    DictExpr: _dict,
    ConditionalExpr: _conditional,
    GeneratorExpr: _first_sequence,
    DictionaryComprehension: _first_sequence,
    LambdaExpr: _leaf,
}
# Filled per node class on first sight: the nearest special base decides (as isinstance
# would), else the attribute table; a class with no expression attributes is a leaf.
_CHILDREN: dict[type, Callable[[Any], Sequence[Expression]]] = {}


def _children_of_class(kind: type) -> Callable[[Any], Sequence[Expression]]:
    for base in kind.__mro__:
        if base in _SPECIAL:
            return _SPECIAL[base]
    return _generic_children if _expression_slots(kind) else _leaf


def _generic_children(node: Node) -> list[Expression]:
    """The expressions held by a node's listed attributes (lists of lists included)."""
    found: list[Expression] = []
    for name in _expression_slots(type(node)):
        _flatten_into(getattr(node, name, None), found)
    return found


def _flatten_into(value: object, found: list[Expression]) -> None:
    if isinstance(value, Expression):
        found.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _flatten_into(item, found)


def _expression_slots(cls: type) -> tuple[str, ...]:
    return EXPRESSION_ATTRIBUTES.get(cls.__name__, ())


# Which attributes of each mypy node class hold the expressions it evaluates, in evaluation
# order. Compiled mypy classes expose no __slots__ to read this from at run time; the table
# was derived from mypy/nodes.py (2.4), and tests/test_mypy_facts.py fails when a node class
# of the installed mypy is missing from it.
EXPRESSION_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "AssertStmt": ('expr', 'msg'),
    "AssertTypeExpr": ('expr',),
    "AssignmentExpr": ('value',),
    "AssignmentStmt": ('lvalues', 'rvalue'),
    "AwaitExpr": ('expr',),
    "Block": (),
    "BreakStmt": (),
    "BytesExpr": (),
    "CallExpr": ('callee', 'args'),
    "CastExpr": ('expr',),
    "ClassDef": ('decorators', 'base_type_exprs', 'metaclass'),
    "ComparisonExpr": ('operands',),
    "ComplexExpr": (),
    "ConditionalExpr": ('cond', 'if_expr', 'else_expr'),
    "ContinueStmt": (),
    "Decorator": ('decorators',),
    "DelStmt": ('expr',),
    "DictExpr": ('items',),
    "DictionaryComprehension": ('sequences', 'condlists', 'key', 'value'),
    "EllipsisExpr": (),
    "EnumCallExpr": ('values',),
    "ExpressionStmt": ('expr',),
    "FakeExpression": (),
    "FloatExpr": (),
    "ForStmt": ('index', 'expr'),
    "FuncDef": (),
    "GeneratorExpr": ('sequences', 'condlists', 'left_expr'),
    "GlobalDecl": (),
    "IfStmt": ('expr',),
    "Import": (),
    "ImportAll": (),
    "ImportBase": (),
    "ImportFrom": (),
    "IndexExpr": ('base', 'index'),
    "IntExpr": (),
    "LambdaExpr": (),
    "ListComprehension": ('generator',),
    "ListExpr": ('items',),
    "MatchStmt": ('subject', 'guards'),
    "MemberExpr": ('expr',),
    "NameExpr": (),
    "NamedTupleExpr": (),
    "NewTypeExpr": (),
    "NonlocalDecl": (),
    "OpExpr": ('left', 'right'),
    "OperatorAssignmentStmt": ('lvalue', 'rvalue'),
    "OverloadedFuncDef": (),
    "ParamSpecExpr": (),
    "PassStmt": (),
    "PromoteExpr": (),
    "RaiseStmt": ('expr', 'from_expr'),
    "RefExpr": (),
    "ReturnStmt": ('expr',),
    "RevealExpr": ('expr',),
    "SetComprehension": ('generator',),
    "SetExpr": ('items',),
    "SliceExpr": ('begin_index', 'end_index', 'stride'),
    "StarExpr": ('expr',),
    "StrExpr": (),
    "SuperExpr": ('call',),
    "TempNode": (),
    "TemplateStrExpr": ('items',),
    "TryStmt": ('types',),
    "TupleExpr": ('items',),
    "TypeAliasExpr": (),
    "TypeAliasStmt": (),
    "TypeApplication": ('expr',),
    "TypeFormExpr": (),
    "TypeVarExpr": (),
    "TypeVarLikeExpr": (),
    "TypeVarTupleExpr": (),
    "TypedDictExpr": (),
    "UnaryExpr": ('expr',),
    "WhileStmt": ('expr',),
    "WithStmt": ('expr', 'target'),
    "YieldExpr": ('expr',),
    "YieldFromExpr": ('expr',),
}


def every_expression(node: Node) -> list[Expression]:
    """Every expression an expression or statement holds (for a statement, not those of
    its nested blocks), comprehensions and lambdas included, in no particular order (the
    questions asked of it do not depend on order; the dataflow walks in evaluation order
    with :func:`children`)."""
    stack = [node] if isinstance(node, Expression) else _generic_children(node)
    found: list[Expression] = []
    while stack:
        expr = stack.pop()
        found.append(expr)
        kind = type(expr)
        if kind is GeneratorExpr or kind is DictionaryComprehension or kind is LambdaExpr:
            parts = _all_parts(expr)
        else:
            parts = children(expr)
        if parts:
            stack.extend(parts)
    return found


def _all_parts(expr: Expression) -> Sequence[Expression]:
    """Like :func:`children`, but into comprehension bodies and lambdas too."""
    if isinstance(expr, (GeneratorExpr, DictionaryComprehension, LambdaExpr)):
        parts = _generic_children(expr)
        if isinstance(expr, LambdaExpr):
            for stmt in expr.body.body:
                parts.extend(_generic_children(stmt))
        return parts
    return children(expr)


def pattern_parts(p: object) -> Iterator[Expression]:
    """Value expressions a pattern reads, then the names it captures."""
    if p is None:
        return
    if isinstance(p, ValuePattern):
        yield p.expr
        return
    if isinstance(p, AsPattern):
        yield from pattern_parts(p.pattern)
        if p.name is not None:
            yield p.name
        return
    if isinstance(p, StarredPattern):
        if p.capture is not None:
            yield p.capture
        return
    if isinstance(p, MappingPattern):
        for key, value in zip(p.keys, p.values):
            yield key
            yield from pattern_parts(value)
        if p.rest is not None:
            yield p.rest
        return
    for name in ("patterns", "positionals", "keyword_values"):
        for sub in getattr(p, name, None) or ():
            yield from pattern_parts(sub)


# -- naming expressions in reports ---------------------------------------------------------------

def is_none(expr: Expression) -> bool:
    """The literal ``None``."""
    return isinstance(expr, NameExpr) and expr.fullname == "builtins.None"


def awaited_call(expr: Expression) -> CallExpr | None:
    """The call whose result a value is: ``f()`` or ``await f()``."""
    if type(expr) is AwaitExpr:
        expr = expr.expr
    return expr if type(expr) is CallExpr else None


def callee_name(call: CallExpr) -> str | None:
    callee = call.callee
    if isinstance(callee, (NameExpr, MemberExpr)):
        return callee.name
    return None


def spelled(expr: Expression) -> str:
    """How a report names an expression."""
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr):
        return f"{spelled(expr.expr)}.{expr.name}"
    return "the value"


def target_name(target: Expression) -> str:
    """An assignment target, or a call's receiver, as the source spells it (``holder.view()``),
    with ``...`` for what is neither a name, an attribute, a subscript nor a call."""
    if isinstance(target, NameExpr):
        return target.name
    if isinstance(target, MemberExpr):
        return f"{target_name(target.expr)}.{target.name}"
    if isinstance(target, IndexExpr):
        return f"{target_name(target.base)}[...]"
    if isinstance(target, CallExpr):
        return f"{target_name(target.callee)}()"
    return "..."


