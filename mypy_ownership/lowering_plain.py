"""A call whose arguments and receiver name nothing the unit follows, and give it no
fresh resource or returned reference: whatever its callee's effects, each rule of a
call's lowering (``lowering_calls.py``) then only reads its arguments in order, so the
lowering reads them without asking the call's effects (docs/design.md §11.3).

Each rule emits something only for an argument (or receiver) that is a local or a
closure, a local's attribute, an ``Own`` field moved from a foreign method, a
resource created in the argument itself, or a reference a call returned: those are
exactly what ``inert`` and ``plain_receiver`` rule out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from mypy.nodes import (
    AwaitExpr,
    CallExpr,
    Expression,
    LambdaExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    TupleExpr,
    Var,
)

from mypy_ownership.code_defaults import may_be_summarised
from mypy_ownership.effect_kinds import ParamEffect
from mypy_ownership.evaluation import awaited_call

if TYPE_CHECKING:
    from mypy_ownership.lowering_calls import ExpressionLowering

# what a call's rules look at in an argument besides names, attributes and calls: the
# items of a display (handed over), a closure, an awaited call's result
_RULED: Final = frozenset({TupleExpr, ListExpr, LambdaExpr, AwaitExpr})


def plain_receiver(lowering: ExpressionLowering, receiver: Expression | None) -> bool:
    """A call's receiver (if any) that names no local and is no call's result: of a call
    whose arguments are all ``inert``, no rule emits anything but their reads."""
    return receiver is None or (lowering.scope.local_any(receiver) is None and awaited_call(receiver) is None)


def inert(lowering: ExpressionLowering, arg: Expression) -> bool:
    """An argument that whatever the rules of its call is only read (lowered as any
    expression): not a display, a lambda or an awaited value; a name only if it is
    neither a local nor a closure, an attribute only of such a name, a call only if it
    returns neither an owner nor a reference. Any other expression (an operator, a
    subscript, a literal) is none of the things the rules look for: what it holds is
    lowered the same by either way."""
    kind = type(arg)
    if kind in _RULED:
        return False
    scope = lowering.scope
    if kind is NameExpr:
        return scope.local_any(arg) is None and scope.closure(arg) is None
    if kind is MemberExpr:
        assert isinstance(arg, MemberExpr)
        return scope.local_any(arg) is None and scope.local_any(arg.expr) is None and not scope.foreign_field_move(arg)
    if kind is CallExpr:
        assert isinstance(arg, CallExpr)
        return lowering._returned_borrow(arg) is None and not lowering.effects.produces_owned(arg)
    return True


def owing_arguments(lowering: ExpressionLowering, e: CallExpr) -> list[Var]:
    """The locals given to ``e`` that can ever owe a release (``Scope.may_owe_local``:
    only the bindings they depend on are looked at)."""
    scope, produces = lowering.scope, lowering.effects.may_produce_owner
    return [v for a in e.args if (v := scope.local(a)) is not None and scope.may_owe_local(v, produces)]


def summarised_arguments(lowering: ExpressionLowering, e: CallExpr) -> dict[int, ParamEffect]:
    """What the callee's summary does with the arguments, asked only where one of them
    can owe (a callee's summary releases or hands over only such an argument): a callee
    with no summary is recognised before the locals that may owe are worked out."""
    effects = lowering.effects
    if any(lowering.scope.local(a) is not None for a in e.args) and may_be_summarised(effects, e) and owing_arguments(lowering, e):
        return effects.summarised(e)
    return {}
