"""The mypy entry point (``plugins = mypy_ownership.plugin``): hook tables and wiring only.

- ``set_modules`` finds mypy's build objects once per process (``compat.BuildHandle``);
- the type-analyze hook validates ``Own``/``Ref``/``Mut`` (and user aliases of them) where
  they are written, and lets mypy analyse them normally so the alias survives;
- ``get_additional_indirect_deps`` is the post-check hook (docs/design.md §12.3): every module
  mypy has just checked is analysed there, once;
- ``report_config_data`` puts the plugin version and options into mypy's cache key;
- with ``MYPY_OWNERSHIP_INFER_OUTPUT`` set, each analysed module's ``infer`` proposals are
  appended to that file as JSON lines (docs/design.md §13).
"""

from __future__ import annotations

import atexit
import dataclasses
import gc
import json
import os
import sys
import time
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Final

from mypy.nodes import MypyFile, TypeAlias
from mypy.options import Options
from mypy.plugin import AnalyzeTypeContext, Plugin, ReportConfigContext
from mypy.semanal_shared import has_placeholder
from mypy.util import is_stdlib_file
from mypy.types import AnyType, Instance, Type, TypeOfAny, get_proper_type

from mypy_ownership import __version__, compat, messages, signatures
# imported for its effect: registering the codes with mypy before it reads the configuration's
# per-module disable_error_code / enable_error_code (docs/design.md §8)
from mypy_ownership import errorcodes  # noqa: F401
from mypy_ownership.config import ConfigError, load_options
from mypy_ownership.prefilter import ownership_calls, stubs_can_start
from mypy_ownership.overlay import Overlay, StubError
from mypy_ownership.signatures import VOCABULARY, Mode, mentions_ownership
from mypy_ownership.stats import Stats

if TYPE_CHECKING:
    from mypy_ownership.daemon import DaemonFindings

MINIMUM_MYPY: Final = (2, 4)
VOCABULARY_MODULE: Final = "mypy_ownership"
INFER_OUTPUT_VARIABLE: Final = "MYPY_OWNERSHIP_INFER_OUTPUT"


class OwnershipPlugin(Plugin):
    # None: the default checks (mypy_ownership.checks.DEFAULT_CHECKS), imported on first use
    # so that a project with nothing to analyse does not pay for importing the analysis.
    checks: tuple[Callable[..., Any], ...] | None = None

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        try:
            self.ownership = load_options(options.config_file)
            self.overlay = Overlay.load(
                self.ownership.stubs, self.ownership.check_stdlib_resources, self.ownership.disable_library_stubs
            )
        except (ConfigError, StubError) as err:
            print(err, file=sys.stderr)
            raise SystemExit(2) from None
        self._stubs_start = stubs_can_start(self.overlay)
        self.build = compat.BuildHandle()
        self.stats = Stats(library_calls=self.overlay.library_calls)
        self._analyzer: Any = None
        self._config_data = {
            "version": __version__,
            "options": self.ownership.snapshot(),
            "stubs": self.overlay.digest(),
        }
        self._nested_analysis = 0
        self._user_aliases: dict[str, bool] = {}
        self._standard: dict[str, bool] = {}
        # read once, from the environment: the infer command's channel stays out of the
        # configuration, and so out of mypy's cache key (docs/design.md §13)
        self._infer_output = os.environ.get(INFER_OUTPUT_VARIABLE) or None
        self.daemon: DaemonFindings | None = None
        if compat.is_daemon(options):
            from mypy_ownership.daemon import DaemonFindings

            self.daemon = DaemonFindings(self.stats)
        self.overlay.standard_library = self._in_standard_library
        if self.ownership.report_stats:
            options.fast_exit = False  # mypy's hard exit would skip the summary
            atexit.register(self._print_stats)

    # -- build objects ----------------------------------------------------------------------

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        """Once per build; under the daemon also at each module an update re-checks,
        where what was read from the code before may have changed."""
        super().set_modules(modules)
        signatures.BUILD.modules = modules  # mypy's own dict: modules a daemon adds are in it
        if self.daemon is None or self.build.manager is None:
            self.build.attach(modules, self.options)
        if self.daemon is not None:
            self.build.follow_updates()
            self._user_aliases.clear()
            self._standard.clear()
            self.overlay.forget_classes()

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        return self._config_data

    # -- annotations --------------------------------------------------------------------------

    def get_type_analyze_hook(self, fullname: str) -> Callable[[AnalyzeTypeContext], Type] | None:
        # Called for every name in every annotation mypy analyses: a build that never
        # loaded the vocabulary can hold neither Own/Ref/Mut nor an alias of them.
        modules = self._modules
        if modules is not None and VOCABULARY_MODULE not in modules:
            return None
        if self._nested_analysis or self._user_aliases.get(fullname) is False:
            return None
        mode = VOCABULARY.get(fullname)
        if mode is not None:
            return partial(self._analyze_vocabulary, mode)
        if self._is_user_alias(fullname):
            return self._analyze_user_alias
        return None

    def _is_user_alias(self, fullname: str) -> bool:
        known = self._user_aliases.get(fullname)
        if known is not None:
            return known
        try:
            symbol = self.lookup_fully_qualified(fullname)
        except (AssertionError, KeyError):
            return False
        node = symbol.node if symbol is not None else None
        if not isinstance(node, TypeAlias):
            self._user_aliases[fullname] = False
            return False
        found = mentions_ownership(node.target)
        if found or not has_placeholder(node.target):
            self._user_aliases[fullname] = found  # else: decided once mypy completes it
        return found

    def _analyze_normally(self, ctx: AnalyzeTypeContext) -> Type:
        self.build.adopt_errors(compat.analyser_errors(ctx.api))
        self._nested_analysis += 1
        try:
            return ctx.api.analyze_type(ctx.type)
        finally:
            self._nested_analysis -= 1

    def _analyze_user_alias(self, ctx: AnalyzeTypeContext) -> Type:
        return self._analyze_normally(ctx)

    def _analyze_vocabulary(self, mode: Mode, ctx: AnalyzeTypeContext) -> Type:
        from mypy_ownership.checks import placement

        def fail(message: str, code: Any) -> None:
            ctx.api.fail(message, ctx.context, code=code)

        analysed = placement.analyse_alias(mode, len(ctx.type.args), partial(self._analyze_normally, ctx), fail)
        return analysed if analysed is not None else AnyType(TypeOfAny.from_error)

    # -- the post-check hook ------------------------------------------------------------------

    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        started = time.perf_counter()
        try:
            if self.daemon is not None:
                self.daemon.module_checked(
                    file, self.build, self._modules or {}, self._after_check, self._in_standard_library
                )
            else:
                self._after_check(file)
        finally:
            self.stats.seconds += time.perf_counter() - started
        return set()

    def _after_check(self, file: MypyFile) -> bool:
        """Analyse the module; False for one the plugin does not answer for."""
        errors = self.build.errors
        if errors is None or file.is_stub:
            return False
        module_options = self.build.module_options(file.fullname)
        if compat.errors_are_ignored(errors, file, module_options):
            return False
        report = partial(compat.report, errors, file)
        sees_vocabulary = self.build.reaches(file.fullname, VOCABULARY_MODULE)
        self._resolve()
        if not self._stubs_start and not sees_vocabulary:
            # the library stubs read once their library joins the build may start something
            self._stubs_start = stubs_can_start(self.overlay)
            if not self._stubs_start:
                self.stats.skipped += 1  # nothing it can see carries Own, Ref or Mut
                return True
        from mypy_ownership.unit import TypeFacts

        types = TypeFacts(self.build.type_map(file.fullname))
        calls = None
        if not sees_vocabulary:
            calls = ownership_calls(self.overlay, types.type_map, types.calls) if types.type_map is not None else []
            if not calls:
                self.stats.modules += 1  # looked at: nothing acquired
                return True
        from mypy_ownership.diagnostics import Reporter

        summaries = self.analyzer().analyze(file, types, module_options, Reporter(report), calls)
        if self._infer_output is not None:
            self._record_proposals(self._infer_output, file, summaries, types)
        return True

    def _record_proposals(self, output: str, file: MypyFile, summaries: Any, types: Any) -> None:
        """Append the module's proposals as JSON lines; a failure is a line of its own, so
        the command counts it as the test suite counts the analysis's failures."""
        try:
            from mypy_ownership.inference import proposals

            lines = [json.dumps(dataclasses.asdict(p)) for p in proposals(file, summaries, types)]
        except Exception as exc:  # the plugin never crashes mypy
            self.stats.failed += 1
            failure = f"{file.path}: inference: {type(exc).__name__}: {exc}"
            self.stats.failures.append(failure)
            lines = [json.dumps({"failed": failure})]
        with open(output, "a", encoding="utf-8") as out:
            out.writelines(line + "\n" for line in lines)

    def _resolve(self) -> None:
        self.overlay.resolve(self._is_loaded, self._lookup_node, len(self._modules or ()))

    def analyzer(self) -> Any:
        if self._analyzer is None:
            from mypy_ownership.analysis import ModuleAnalyzer
            from mypy_ownership.checks import DEFAULT_CHECKS

            checks = self.checks if self.checks is not None else DEFAULT_CHECKS
            self._analyzer = ModuleAnalyzer(checks, self.ownership, self.stats, self.overlay)
        return self._analyzer

    def _is_loaded(self, module: str) -> bool | None:
        """Loaded and semantically analysed (its symbol table is filled): a module parsed
        but not analysed yet would resolve no name. None: not in the build (yet)."""
        tree = self._modules.get(module) if self._modules is not None else None
        return None if tree is None else bool(tree.names)

    def _in_standard_library(self, fullname: str) -> bool:
        """The name is defined in a module mypy read from typeshed's standard library
        (docs/design.md §2.5): the longest prefix of it that is a module of the build."""
        known = self._standard.get(fullname)
        if known is None:
            known = False
            module = fullname
            while module and self._modules is not None:
                tree = self._modules.get(module)
                if tree is not None:
                    known = tree.is_stub and is_stdlib_file(self.options.abs_custom_typeshed_dir, tree.path)
                    break
                module = module.rpartition(".")[0]
            self._standard[fullname] = known
        return known

    def _lookup_node(self, fullname: str) -> object:
        """The node a stub name stands for; a class alias (``Lock = _thread.LockType``)
        stands for its class."""
        try:
            symbol = self.lookup_fully_qualified(fullname)
        except (AssertionError, KeyError):
            return None
        node = symbol.node if symbol is not None else None
        if isinstance(node, TypeAlias):
            target = get_proper_type(node.target)
            if isinstance(target, Instance):
                return target.type
        return node

    def _print_stats(self) -> None:
        """At exit, the summary; then mypy's heap, which is all garbage in reference
        cycles by now, is frozen out of the collector, so that the interpreter's teardown
        does not walk and free it: what mypy's own fast exit saves, which the summary
        cannot use (it exits before any exit handler runs)."""
        print(self.stats.summary(), file=sys.stderr)
        sys.stderr.flush()
        gc.freeze()


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("+")[0].split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
        if not piece.isdigit():
            break
    return tuple(parts)


def plugin(version: str) -> type[Plugin]:
    """Entry point named by ``plugins =``; refuses mypy versions without the post-check hook."""
    if _version_tuple(version) < MINIMUM_MYPY:
        print(messages.unsupported_mypy(version, ".".join(map(str, MINIMUM_MYPY))), file=sys.stderr)
        raise SystemExit(2)
    return OwnershipPlugin
