"""The only module that touches mypy's private attributes (docs/design.md §12.1, §12.4, §12.5, §12.8).

Compiled mypy offers no per-function hook and hands the post-check hook only the
``MypyFile``. What the analysis needs besides the tree lives on mypy's build objects: the
``Errors`` sink, the module's type map and its per-module options. They are found once per
process: ``Plugin.set_modules`` receives the ``BuildManager``'s own ``modules`` dict, whose
referrer is the manager, and every ``State`` of the build graph refers to its options: the
global ones, a per-module section's, or (glob sections) options of its own; all states
refer to the manager.
Each fact used here has a test in ``tests/test_mypy_facts.py``.
"""

from __future__ import annotations

import gc
from typing import Any

from mypy.nodes import Expression, MypyFile
from mypy.options import Options
from mypy.types import Type


class BuildHandle:
    """What the plugin reads from mypy's build: error sink, states, type maps."""

    def __init__(self) -> None:
        self.manager: Any = None
        self.errors: Any = None
        self._states: dict[str, Any] = {}
        self._reaches: dict[str, dict[str, bool]] = {}
        self._rescanned = False
        # under the daemon: the build graph, whose states a fine-grained update replaces
        self._graph: dict[str, Any] | None = None

    def attach(self, modules: dict[str, MypyFile], options: Options) -> None:
        """One heap scan finds the manager (the referrer of ``modules``) and the states
        whose options are the global ones or a per-module section's (most, or all); a
        state with options of its own (a glob section) is found by a second scan, made
        the first time one is missing."""
        targets = [modules, options, *(getattr(options, "_per_module_cache", None) or {}).values()]
        for referrer in gc.get_referrers(*targets):
            kind = type(referrer).__name__
            if kind == "BuildManager" and getattr(referrer, "modules", None) is modules:
                self.manager = referrer
                self.errors = referrer.errors
            elif kind == "State" and isinstance(getattr(referrer, "id", None), str):
                self._states[referrer.id] = referrer

    def follow_updates(self) -> None:
        """Under the daemon, at each fine-grained update: a module it re-checks gets a new
        ``State`` in the build graph (found once, among the referrers of a known state),
        and its imports may have changed (docs/design.md §12.18)."""
        self._reaches.clear()
        if self._graph is not None or self.manager is None:
            return
        modules = self.manager.modules
        known = next((s for i, s in self._states.items() if getattr(s, "tree", None) is modules.get(i)), None)
        if known is None:
            return
        for referrer in gc.get_referrers(known):
            if isinstance(referrer, dict) and referrer is not self._states and referrer.get(known.id) is known:
                self._graph = referrer
                return

    def adopt_errors(self, errors: Any) -> None:
        """Fallback sink, captured from a hook's context when the manager was not found."""
        if self.errors is None and errors is not None:
            self.errors = errors

    def _scan_states(self) -> None:
        if self.manager is None:
            return
        for referrer in gc.get_referrers(self.manager):
            if type(referrer).__name__ == "State" and isinstance(getattr(referrer, "id", None), str):
                self._states[referrer.id] = referrer

    def state(self, module_id: str) -> Any:
        if self._graph is not None:
            return self._graph.get(module_id)
        found = self._states.get(module_id)
        if found is None and not self._rescanned:
            self._rescanned = True
            self._scan_states()
            found = self._states.get(module_id)
        return found

    def type_map(self, module_id: str) -> dict[Expression, Type] | None:
        """The module's expression types while its checker is alive (post-check hook)."""
        state = self.state(module_id)
        checker = getattr(state, "_type_checker", None) if state is not None else None
        maps = getattr(checker, "_type_maps", None)
        if maps:
            return maps[0]
        return None

    def reaches(self, module_id: str, target: str) -> bool:
        """Whether a module imports ``target``, directly or through its imports.

        Unknown modules answer True: when in doubt, analyse.
        """
        memo = self._reaches.setdefault(target, {})
        if module_id in memo:
            return memo[module_id]
        stack, order = [module_id], []
        seen = {module_id}
        answer = False
        while stack:
            current = stack.pop()
            if current == target or memo.get(current) is True:
                answer = True
                break
            state = self.state(current)
            if state is None:
                if current == module_id:
                    answer = True
                    break
                continue
            order.append(current)
            for dep in state.dependencies:
                if dep not in seen and memo.get(dep) is not False:
                    seen.add(dep)
                    stack.append(dep)
        if answer:
            memo[module_id] = True
        else:
            for visited in order:
                memo[visited] = False
        return answer

    def module_options(self, module_id: str) -> Options | None:
        state = self.state(module_id)
        return getattr(state, "options", None) if state is not None else None


def errors_are_ignored(errors: Any, file: MypyFile, options: Options | None) -> bool:
    """Modules whose errors mypy drops; reporting there crashes mypy (docs/design.md §12.5)."""
    if file.path in errors.ignored_files:
        return True
    return bool(options is not None and options.ignore_errors)


def report(
    errors: Any,
    file: MypyFile,
    line: int,
    column: int,
    message: str,
    code: Any,
    *,
    severity: str = "error",
    parent: Any = None,
) -> Any:
    """One message through mypy's own machinery, for the module being finished.

    A note names its error as ``parent``, carries its code and takes the error's line as its
    origin, so a ``# type: ignore[code]`` there silences both (docs/design.md §12.6; without the
    code mypy drops a note on its error's line and keeps an ignored error's notes). Known
    quirk: a note on a line with an unrelated ``# type: ignore[other]`` makes mypy say that
    ignore does not cover the note's code.
    """
    if errors.file != file.path:
        errors.set_file(file.path, file.fullname, errors.options)
    origin = None if parent is None else [parent.line]
    return errors.report(
        line, column, message, code=code, severity=severity, parent_error=parent,
        origin_span=origin,
    )


def analyser_errors(api: Any) -> Any:
    """The ``Errors`` object behind a type-analyze hook's ``ctx.api``."""
    return getattr(getattr(api, "api", None), "errors", None)


def is_daemon(options: Options) -> bool:
    return bool(options.fine_grained_incremental)


# -- the daemon (docs/design.md §12.18) -----------------------------------------------------
# mypy's Errors keeps, per file, the ErrorInfo objects reported there; a fine-grained update
# starts each re-checked module by replacing that map with an empty one (Errors.reset), and
# brings back the errors of the other modules by re-checking the targets they came from.

_IGNORE_NOTES = ("unused-ignore", "ignore-without-code")


def error_map(errors: Any) -> object:
    """The object holding every file's errors; a new one after each reset."""
    return errors.error_info_map


def messages_of(errors: Any, path: str) -> list[Any]:
    return list(errors.error_info_map.get(path, ()))


def detach_from_targets(infos: list[Any]) -> None:
    """No fine-grained target owns these: mypy's re-check of a target (which runs no
    plugin hook) neither drops them nor is asked for by them."""
    for info in infos:
        info.target = None


def restore_messages(errors: Any, path: str, infos: list[Any]) -> None:
    """Put back messages reported and filtered (ignores, disabled codes) before a reset."""
    present = errors.error_info_map.setdefault(path, [])
    if infos and not any(info is infos[0] for info in present):
        present.extend(infos)


def take_ignore_notes(errors: Any, path: str) -> bool:
    """Drop the file's unused-ignore and ignore-without-code messages, which a fine-grained
    update generates before the post-check hook; True if there were any."""
    infos = errors.error_info_map.get(path)
    kept = [i for i in infos or () if i.code is None or i.code.code not in _IGNORE_NOTES]
    if infos is None or len(kept) == len(infos):
        return False
    errors.error_info_map[path] = kept
    return True


def regenerate_ignore_notes(state: Any) -> None:
    """The same messages, now that the plugin's errors have used their ignores."""
    state.generate_unused_ignore_notes()
    state.generate_ignore_without_code_notes()


def recheck_whole_when_affected(file: MypyFile) -> None:
    """A change elsewhere that reaches one of the module's targets re-checks the module
    whole, post-check hook included, as it does a module loaded from the cache."""
    file.is_cache_skeleton = True


def declare_dependency(file: MypyFile, trigger: str, target: str) -> None:
    """What semantic-analysis plugins declare with ``add_plugin_dependency``; merged into
    the daemon's dependency map when the module's checking finishes."""
    file.plugin_deps.setdefault(trigger, set()).add(target)


def withdraw_dependency(manager: Any, trigger: str, target: str) -> None:
    deps = getattr(manager, "fg_deps", None)
    if deps is not None and trigger in deps:
        deps[trigger].discard(target)
