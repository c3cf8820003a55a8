"""Following the mypy daemon's fine-grained updates (docs/design.md §12.18).

An update re-checks whole, post-check hook included, only the modules that changed, and
starts each of them by emptying mypy's record of every file's errors; the other modules'
errors come back from re-checking the targets they came from, which runs no plugin hook.
So under the daemon the plugin keeps, for each module it analysed, the messages it
reported there, as mypy recorded them (after ignores and disabled codes), and:

- after such a reset, puts back the kept messages of every module but the one being
  checked, which gets a fresh analysis;
- has every module it answers for re-checked whole, not target by target, when a change
  elsewhere reaches it, so that its analysis runs again on what changed;
- declares that a change to a class the analysis may have read (a member added, a base
  changed) reaches the module: mypy's own dependencies do not, when the module only
  gets an instance (``h = make()``) and never names the member that changed;
- declares that deleting a module re-checks the modules holding findings, so that a hook
  still runs after that update's reset and puts their findings back;
- replaces the unused-ignore notes an update generated before its hook ran with ones
  that know which ignores the plugin's errors used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from mypy.nodes import MypyFile, TypeInfo, Var
from mypy.server.trigger import make_trigger, make_wildcard_trigger
from mypy.types import (
    CallableType,
    Instance,
    LiteralType,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    UnionType,
    get_proper_type,
)

from mypy_ownership import compat
from mypy_ownership.signatures import mode_of
from mypy_ownership.stats import Stats
from mypy_ownership.unit import definitions

# the plugin's own trigger: every module declares that its deletion fires it, and the
# modules holding findings that it reaches them (no module has its name, so mypy only
# follows its dependencies)
FINDINGS: Final = make_trigger("mypy-ownership findings")


class DaemonFindings:
    """The plugin's messages per module, kept across the daemon's updates."""

    def __init__(self, stats: Stats) -> None:
        self.stats = stats
        self._kept: dict[str, tuple[str, list[Any]]] = {}
        self._errors_seen: object = None

    def module_checked(
        self,
        file: MypyFile,
        build: compat.BuildHandle,
        modules: dict[str, MypyFile],
        analyse: Callable[[MypyFile], bool],
        standard: Callable[[str], bool],
    ) -> None:
        """Run ``analyse`` (True: a module the plugin answers for) as the hook of a module
        mypy has just checked whole, and keep what it reported."""
        errors = build.errors
        if errors is None:
            analyse(file)
            return
        if compat.error_map(errors) is not self._errors_seen:
            self._errors_seen = compat.error_map(errors)
            self._restore(errors, modules, file.fullname)
        self._kept.pop(file.fullname, None)
        stale_notes = compat.take_ignore_notes(errors, file.path)
        before = len(compat.messages_of(errors, file.path))
        followed = analyse(file)
        found = compat.messages_of(errors, file.path)[before:]
        compat.detach_from_targets(found)
        if stale_notes:
            compat.regenerate_ignore_notes(build.state(file.fullname))
        if not followed:
            return
        compat.recheck_whole_when_affected(file)
        types = build.type_map(file.fullname)
        try:
            classes = classes_read(file, types.values() if types else (), standard)
        except Exception as exc:  # never crash mypy: counted, and listed with report_stats
            self.stats.failed += 1
            self.stats.failures.append(f"{file.path}: the classes its analysis reads: {exc!r}")
            classes = set()
        for info in classes:
            compat.declare_dependency(file, make_trigger(info.fullname), file.fullname)
            compat.declare_dependency(file, make_wildcard_trigger(info.fullname), file.fullname)
        compat.declare_dependency(file, make_trigger(file.fullname), FINDINGS)
        if found:
            self._kept[file.fullname] = (file.path, found)
            compat.declare_dependency(file, FINDINGS, file.fullname)
        else:
            compat.withdraw_dependency(build.manager, FINDINGS, file.fullname)

    def _restore(self, errors: Any, modules: dict[str, MypyFile], current: str) -> None:
        for module, (path, infos) in list(self._kept.items()):
            if module == current:
                continue
            tree = modules.get(module)
            if tree is None or tree.path != path:  # deleted, or removed from the build
                del self._kept[module]
                continue
            compat.restore_messages(errors, path, infos)


def classes_read(file: MypyFile, types: Iterable[Type], standard: Callable[[str], bool]) -> set[TypeInfo]:
    """The classes outside the standard library whose definitions the module's analysis
    may read (a superset): those in its expressions' types and in its own declarations,
    their bases, and the classes of their attributes declared with a mode (which decide
    whether a class is a resource)."""
    found: set[TypeInfo] = set()
    pending = list(_classes_in([*types, *_declared(file)], set()))
    while pending:
        info = pending.pop()
        if info in found or standard(info.fullname):
            continue
        found.add(info)
        pending += info.mro[1:]
        fields = [s.node.type for s in info.names.values() if isinstance(s.node, Var)]
        pending += _classes_in([t for t in fields if t is not None and mode_of(t) is not None], set())
    return found


def _declared(file: MypyFile) -> Iterator[Type]:
    """The declared types of the module's variables, of its classes' attributes, and of
    all its functions (methods and nested functions too), parameters included."""
    tables = [file.names] + [s.node.names for s in file.names.values() if isinstance(s.node, TypeInfo)]
    for table in tables:
        for symbol in table.values():
            if isinstance(symbol.node, Var) and symbol.node.type is not None:
                yield symbol.node.type
    pending = list(definitions(file.defs))
    while pending:
        func = pending.pop()
        if func.type is not None:
            yield func.type
        pending += definitions(func.body.body)


def _classes_in(types: Iterable[Type], seen: set[int]) -> Iterator[TypeInfo]:
    stack = list(types)
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        p = get_proper_type(t)
        if p is not t:
            stack.append(p)
            stack += getattr(t, "args", ())
        if isinstance(p, Instance):
            yield p.type
            stack += p.args
        elif isinstance(p, (TupleType, UnionType)):
            stack += p.items
        elif isinstance(p, CallableType):
            stack += p.arg_types
            stack.append(p.ret_type)
        elif isinstance(p, Overloaded):
            stack += p.items
        elif isinstance(p, TypeType):
            stack.append(p.item)
        elif isinstance(p, TypedDictType):
            stack += p.items.values()
        elif isinstance(p, LiteralType):
            stack.append(p.fallback)
