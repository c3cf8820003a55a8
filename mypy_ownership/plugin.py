"""The mypy entry point (``plugins = mypy_ownership.plugin``): hook tables and wiring only.

- ``set_modules`` finds mypy's build objects once per process (``compat.BuildHandle``);
- the type-analyze hook validates ``Own``/``Ref``/``Mut`` (and user aliases of them) where
  they are written, and lets mypy analyse them normally so the alias survives;
- ``get_additional_indirect_deps`` is the post-check hook (docs/design.md §12.3): every module
  mypy has just checked is analysed there, once;
- ``report_config_data`` puts the plugin version and options into mypy's cache key.
"""

from __future__ import annotations

import atexit
import sys
import time
from functools import partial
from typing import Any, Callable, Final

from mypy.nodes import MypyFile, TypeAlias
from mypy.options import Options
from mypy.plugin import AnalyzeTypeContext, Plugin, ReportConfigContext
from mypy.semanal_shared import has_placeholder
from mypy.util import is_stdlib_file
from mypy.types import AnyType, Instance, Type, TypeOfAny, get_proper_type

from mypy_ownership import __version__, compat, messages
# imported for its effect: registering the codes with mypy before it reads the configuration's
# per-module disable_error_code / enable_error_code (docs/design.md §8)
from mypy_ownership import errorcodes  # noqa: F401
from mypy_ownership.config import ConfigError, load_options
from mypy_ownership.prefilter import ownership_calls, stubs_can_start
from mypy_ownership.overlay import Overlay, StubError
from mypy_ownership.signatures import VOCABULARY, Mode, mentions_ownership
from mypy_ownership.stats import Stats

MINIMUM_MYPY: Final = (2, 4)
VOCABULARY_MODULE: Final = "mypy_ownership"


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
        self._daemon_noted = False
        self._standard: dict[str, bool] = {}
        self.overlay.standard_library = self._in_standard_library
        if self.ownership.report_stats:
            options.fast_exit = False  # mypy's hard exit would skip the summary
            atexit.register(self._print_stats)

    # -- build objects ----------------------------------------------------------------------

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        super().set_modules(modules)
        self.build.attach(modules, self.options)

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
            self._after_check(file)
        finally:
            self.stats.seconds += time.perf_counter() - started
        return set()

    def _after_check(self, file: MypyFile) -> None:
        errors = self.build.errors
        if errors is None or file.is_stub:
            return
        module_options = self.build.module_options(file.fullname)
        if compat.errors_are_ignored(errors, file, module_options):
            return
        report = partial(compat.report, errors, file)
        if compat.is_daemon(self.options):
            if not self._daemon_noted:
                self._daemon_noted = True
                report(1, 0, messages.daemon_unsupported(), None, severity="note")
            return
        sees_vocabulary = self.build.reaches(file.fullname, VOCABULARY_MODULE)
        if not self._stubs_start and not sees_vocabulary:
            # the library stubs read once their library joins the build may start something
            self._resolve()
            self._stubs_start = stubs_can_start(self.overlay)
            if not self._stubs_start:
                self.stats.skipped += 1  # nothing it can see carries Own, Ref or Mut
                return
        self._resolve()
        from mypy_ownership.unit import TypeFacts

        types = TypeFacts(self.build.type_map(file.fullname))
        calls = None
        if not sees_vocabulary:
            calls = ownership_calls(self.overlay, types.type_map) if types.type_map is not None else []
            if not calls:
                self.stats.modules += 1  # looked at: nothing acquired
                return
        from mypy_ownership.diagnostics import Reporter

        self.analyzer().analyze(file, types, module_options, Reporter(report), calls)

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
        print(self.stats.summary(), file=sys.stderr)


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
