"""``ownership-annotation`` for what only the place of an annotation decides: ``Ref``/``Mut``
on a module-level name, a class attribute or an instance attribute (a borrow cannot be
stored, SPEC §1). Arity, bare aliases and nesting are checked while mypy analyses the type
(``plugin.py``'s type-analyze hook), where the unanalysed annotation is still at hand.
"""

from __future__ import annotations

from mypy.nodes import AssignmentStmt, MemberExpr, NameExpr, Var
from mypy.types import Type

from mypy_ownership import errorcodes, messages
from mypy_ownership.diagnostics import Finding
from mypy_ownership.signatures import mode_of
from mypy_ownership.unit import Unit


def check(unit: Unit) -> list[Finding]:
    found = []
    for s in unit.statements():
        if not isinstance(s, AssignmentStmt) or s.unanalyzed_type is None:
            continue
        for target in s.lvalues:
            place = _stored_place(unit, target)
            mode = mode_of(_declared_type(target, s))
            if place is not None and mode is not None and mode.is_borrow:
                found.append(
                    Finding(
                        s.line,
                        s.column,
                        messages.borrow_stored(mode.value, place),
                        errorcodes.OWNERSHIP_ANNOTATION,
                    )
                )
    return found


def _stored_place(unit: Unit, target: object) -> str | None:
    if isinstance(target, MemberExpr):
        return "an attribute"
    if isinstance(target, NameExpr) and unit.kind == "class":
        return "a class attribute"
    if isinstance(target, NameExpr) and unit.kind == "module":
        return "a module-level variable"
    return None


def _declared_type(target: object, s: AssignmentStmt) -> Type | None:
    node = getattr(target, "node", None)
    if isinstance(node, Var) and node.type is not None:
        return node.type
    return s.type
