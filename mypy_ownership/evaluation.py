"""The parts of an expression in the order Python evaluates them.

Checks that walk expressions special-case the nodes they care about (names, calls,
short-circuit operators, comprehensions) and use :func:`children` for everything else, so
that a node type they never heard of is still walked rather than skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from mypy.nodes import (
    Node,
    Block,
    Statement,
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


def _generic_children(node: Node) -> Iterator[Expression]:
    """The expressions held by a node's listed attributes (lists of lists included)."""
    for name in _expression_slots(type(node)):
        yield from _flatten(getattr(node, name, None))


def _flatten(value: object) -> Iterator[Expression]:
    if isinstance(value, Expression):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten(item)


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


def expressions_in(stmt: Statement) -> Iterator[Expression]:
    """Every expression a statement holds itself (not those of its nested blocks), preorder."""
    return _preorder(list(_generic_children(stmt)))


def expression_tree(expr: Expression) -> Iterator[Expression]:
    """An expression and everything inside it, preorder."""
    return _preorder([expr])


def _preorder(roots: list[Expression]) -> Iterator[Expression]:
    stack = roots
    stack.reverse()
    while stack:
        expr = stack.pop()
        yield expr
        parts = list(_all_parts(expr))
        parts.reverse()
        stack.extend(parts)


def _all_parts(expr: Expression) -> Iterator[Expression]:
    """Like :func:`children`, but into comprehension bodies and lambdas too."""
    if isinstance(expr, (GeneratorExpr, DictionaryComprehension, LambdaExpr)):
        yield from _generic_children(expr)
        if isinstance(expr, LambdaExpr):
            for stmt in expr.body.body:
                yield from _generic_children(stmt)
    else:
        yield from children(expr)
