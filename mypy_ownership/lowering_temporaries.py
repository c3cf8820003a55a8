"""Lowering of a method called on a temporary, the result of another call that no name
holds (``open(p).read()``, ``holder.view().consume()``): a resource discarded there is a
leak (docs/design.md §3, reported by ``lowering_unnamed.py``), and a borrowed result
consumed there is a move from a borrow (§4.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import CallExpr, MemberExpr

from mypy_ownership import messages
from mypy_ownership.evaluation import target_name
from mypy_ownership.operations import MoveLoanOfCall

if TYPE_CHECKING:
    from mypy_ownership.lowering_calls import ExpressionLowering


def on_temporary(lowering: ExpressionLowering, e: CallExpr, receiver: CallExpr) -> None:
    """``e`` is a method call whose receiver is the call ``receiver``, already lowered."""
    effects = lowering.effects
    releases = effects.releases_receiver(e)
    ownership = effects.ownership(receiver)
    lent = ownership.return_mode if ownership is not None else None
    if releases and lent is not None and lent.is_borrow:
        assert isinstance(e.callee, MemberExpr)
        lowering.emit(MoveLoanOfCall(
            lent, lowering.lent_to(receiver), receiver.line, receiver.column, lowering.how_call(receiver),
            target_name(receiver), "released " + messages.by_release(e.callee.name),
        ))
    elif not releases and effects.produces_owned(receiver) and not effects.exhausts_result(e):
        lowering.discarded(receiver, woken=effects.starts_obligation(e))
