"""What leaving a ``with`` block does to its subject (docs/design.md §2.3, §7.2): whether
its ``__exit__`` releases it, and, for a resource made in the ``with`` line whose
``__exit__`` does not (``with sqlite3.connect(p) as conn:``), whether the target is the
subject itself and so owes its release."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import CallExpr, Expression, NameExpr, Var
from mypy.types import Instance, NoneType, Type, UnionType

from mypy_ownership.arguments import unknown
from mypy_ownership.signatures import ResourceTable, proper
from mypy_ownership.state import Obligation


class WithBlocks:
    def __init__(
        self, resources: ResourceTable, type_of: Callable[[Expression], Type | None],
        produces_owned: Callable[[CallExpr], bool],
    ) -> None:
        self.resources = resources
        self.type_of = type_of
        self.produces_owned = produces_owned

    def releases(self, subject: Expression) -> bool:
        """Leaving ``with subject:`` releases it (its ``__exit__`` consumes it)."""
        info = self.resources.of_type(self.type_of(subject))
        if info is None and isinstance(subject, NameExpr) and isinstance(subject.node, Var):
            info = self.resources.of_type(subject.node.type)
        return info is not None and info.context_releases

    def subject_is_resource(self, subject: Expression) -> bool:
        return self.resources.of_type(self.type_of(subject)) is not None

    def kept_open(self, subject: Expression) -> CallExpr | None:
        """``with f(...):`` over a fresh resource whose ``__exit__`` does not release it:
        the call, which still owes its release."""
        if not isinstance(subject, CallExpr) or not self.produces_owned(subject):
            return None
        info = self.resources.of_type(self.type_of(subject))
        return subject if info is not None and not info.context_releases else None

    def target_is_subject(self, subject: Expression, target: Var) -> bool:
        """``with subject as target``: the target is the subject itself, as far as types
        tell (its ``__enter__`` returns an instance of the subject's class, or Any; None
        aside)."""
        subject_type, target_type = proper(self.type_of(subject)), without_none(target.type)
        if target_type is None or unknown(target_type):
            return True
        return isinstance(subject_type, Instance) and isinstance(target_type, Instance) and target_type.type is subject_type.type


def marked_kept_open(obligation: Obligation | None) -> Obligation | None:
    """What a resource a with block leaves open owes: its help says so."""
    if obligation is None:
        return None
    marked = frozenset(a._replace(help=a.help._replace(kept_open=True)) for a in obligation.acquired)
    return obligation._replace(acquired=marked)


def without_none(t: Type | None) -> Type | None:
    """``T | None`` as ``T``; a union of several other types as None (unknown)."""
    p = proper(t)
    if isinstance(p, UnionType):
        items = [proper(i) for i in p.items if not isinstance(proper(i), NoneType)]
        return items[0] if len(items) == 1 else None
    return p
