"""``ownership-annotation``: misuse of ``Own``/``Ref``/``Mut`` (docs/design.md §1.6).

Arity, bare aliases and nesting are decided while mypy analyses the type, where the
unanalysed annotation is still at hand (:func:`analyse_alias`, called from ``plugin.py``'s
type-analyze hook); what only the place of an annotation decides (``Ref``/``Mut`` on a
module-level name, a class attribute or an instance attribute: a borrow cannot be stored)
after the module is checked (:func:`check`).
"""

from __future__ import annotations

from mypy.nodes import AssignmentStmt, MemberExpr, NameExpr, Var
from mypy.types import Type, TypeAliasType

from collections.abc import Callable

from mypy.errorcodes import ErrorCode

from mypy_ownership import errorcodes, messages
from mypy_ownership.modes import Mode
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


def analyse_alias(
    mode: Mode, arguments: int, analyse: Callable[[], Type], fail: Callable[[str, ErrorCode], None]
) -> Type | None:
    """Check one use of ``Own``/``Ref``/``Mut`` as mypy analyses it; the analysed type, or
    None where too many arguments leave nothing to analyse."""
    code = errorcodes.OWNERSHIP_ANNOTATION
    if arguments > 1:
        fail(messages.wrong_arity(mode.value, arguments), code)
        return None
    if not arguments:
        fail(messages.bare_alias(mode.value), code)
    analysed = analyse()
    if isinstance(analysed, TypeAliasType) and analysed.args:
        inner = mode_of(analysed.args[0])
        if inner is not None:
            fail(messages.nested_modes(mode.value, inner.value), code)
    return analysed
