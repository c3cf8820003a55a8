"""Ownership stubs: ``.pyi`` files in the project's vocabulary, overlaid on typeshed by name
(docs/design.md §7).

A stub lists only members with ownership meaning, written as users know them::

    class socket:
        def close(self: Own[socket]) -> None: ...          # a releasing method
        def accept(self) -> tuple[Own[socket], Any]: ...    # owned items of a tuple result
        @valid_after_release
        def fileno(self) -> int: ...                        # may be called after close()
    def create_connection(address: Any) -> Own[socket]: ...

Markers for locks: ``@acquires`` (a successful call creates an obligation on the receiver) and
``@releases_lock`` (discharges it). ``@takes_over`` on a function: its ``Own`` parameters take the
release over but leave the value usable by the caller (``contextlib.closing(thing)``,
``ExitStack.enter_context``, ``Logger.addHandler``); without it an ``Own`` parameter moves the value
(``SSLContext.wrap_socket`` detaches the socket). Files are read with Python's ``ast``, never
executed: a user's at start, a shipped one once the build holds its module. Names are resolved to
mypy's real ones (re-exports, ``_io.TextIOWrapper``, ``_socket.socket``) when the plugin first
needs them, through a lookup function it passes in; methods are then found along the receiver's MRO.
"""

from __future__ import annotations

import ast
import enum
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, TypeVar

from mypy.nodes import (
    ArgKind, CallExpr, Decorator, EllipsisExpr, Expression, FakeInfo, FloatExpr, IntExpr, NameExpr, OverloadedFuncDef,
    RefExpr, StrExpr, UnaryExpr,
)

from mypy_ownership.messages import nested_modes, wrong_arity
from mypy_ownership.signatures import Mode, ResourceTable
from mypy_ownership.stub_files import LANGUAGE, StubError, stub_files, stubs_under

if TYPE_CHECKING:
    from mypy_ownership.libraries import LibraryStubs



class Marker(enum.Enum):
    """The stub language's decorators; ``effects.py`` is the one module that reads them."""

    VALID_AFTER_RELEASE = "valid_after_release"  # may be called after the receiver's release
    REPEATABLE = "repeatable"  # a release that may be repeated (close() twice is harmless)
    # a base class's release that does something only where a subclass's own code
    # overrides it (io.IOBase.close() merely marks the object closed)
    RELEASE_IF_OVERRIDDEN = "release_if_overridden"
    RELEASED_UNLESS_NONE = "released_unless_none"  # a result other than None: the receiver was released
    RELEASED_WHEN_TRUE = "released_when_true"  # a member true only once the object is released (closed)
    RELEASED_WHEN_FALSE = "released_when_false"  # a member false once the object is released (is_open)
    # on methods: a constructed object owes its release only once one of them was called
    # on it (a session that opens its connections when it first sends)
    STARTS_OBLIGATION = "starts_obligation"
    # on a release: the object stays readable after it (its headers, the body it read);
    # only a method that reads the stream (@exhausts, @exhausts_in_loop) is a use after it
    LEAVES_READABLE = "leaves_readable"
    ACQUIRES = "acquires"  # a successful call leaves the receiver owing a release
    FAILS_WHEN = "fails_when"  # which arguments make an acquisition fail (a try-acquire)
    OWES_NOTHING_WHEN = "owes_nothing_when"  # which arguments leave the result owning nothing
    RELEASES_LOCK = "releases_lock"  # discharges what an acquisition owes
    TAKES_OVER = "takes_over"  # Own parameters take the release over, the caller may go on
    INSERTS = "inserts"  # the argument is stored in the receiver (container insertion)
    INSERTS_ITEMS = "inserts_items"  # the argument's items are stored (extend)
    # wrappers (docs/design.md §7.3): @view_of("buffer") -- the result is a second view of
    # that argument (its close() closes it); @wraps("fileobj") -- given a file object there
    # (not a path), the result works over it and leaves it open; @owes_when(mode="wxa") --
    # then the result owes its own release only when that argument says so
    VIEW_OF = "view_of"
    # reading to the end releases (docs/design.md §7.3): @exhausts on read() (called with
    # no argument) or __iter__ (a for loop run to its end); @exhausted_when(url="http") on
    # a function: its result is so released when that literal argument starts so
    EXHAUSTS = "exhausts"
    # @exhausts_in_loop on a method returning an iterator over the receiver's content
    # (iter_content, stream): a for loop over the call's result that runs out releases
    EXHAUSTS_IN_LOOP = "exhausts_in_loop"
    ENDS_PROCESS = "ends_process"  # neither returns nor raises (os._exit)
    EXHAUSTED_WHEN = "exhausted_when"
    WRAPS = "wraps"
    OWES_WHEN = "owes_when"
    # @keeps("target", "args"): the callee keeps what those parameters are given beyond
    # the call (a thread's target, a scheduled callback): a borrow given there escapes
    KEEPS = "keeps"
    # pipes (docs/design.md §7.3): @owes_pipes(stdout="subprocess.PIPE") on a constructor --
    # given that constant there, the result also owes closing its attribute of that name;
    # @leaves_pipes on a release that leaves those pipes open (Popen.wait)
    OWES_PIPES = "owes_pipes"
    LEAVES_PIPES = "leaves_pipes"


_MARKERS: Final = {m.value: m for m in Marker}
_MODES: Final = {"Own": Mode.OWN, "Ref": Mode.REF, "Mut": Mode.MUT}

@dataclass(frozen=True)
class FunctionStub:
    """Ownership of one function or method, by parameter name."""

    name: str
    params: dict[str, Mode | None]
    positional: tuple[str, ...]
    returns: Mode | None
    returns_items: tuple[Mode | None, ...] | None  # tuple[...] results
    receiver: Mode | None = None
    markers: frozenset[Marker] = frozenset()
    where: str = ""
    # @fails_when(blocking=False, timeout=...): parameter -> the constant that makes the
    # call fail, or Ellipsis for "any value given"
    fails_when: tuple[tuple[str, object], ...] = ()
    view_of: str | None = None  # @view_of("buffer")
    wraps: str | None = None  # @wraps("fileobj")
    # @owes_when(mode="wxa"): parameter -> the characters a literal mode must contain one
    # of, or the constant it must be (stream=True)
    owes_when: tuple[tuple[str, object], ...] = ()
    exhausted_when: tuple[tuple[str, object], ...] = ()  # @exhausted_when(url="http")
    if_overridden: bool = False  # @release_if_overridden
    # @keeps("target", "args", "kwargs"): the parameters kept beyond the call, a *args
    # parameter as "*args", a **kwargs one as "**kwargs"
    keeps: tuple[str, ...] = ()
    # @owes_nothing_when(closefd=False): parameter -> the constant that leaves the result
    # owning nothing (a file over a descriptor it will not close)
    owes_nothing_when: tuple[tuple[str, object], ...] = ()
    in_code: bool = False  # read off a user's definition (its declared Own takes over too)
    owes_pipes: tuple[tuple[str, object], ...] = ()  # @owes_pipes(stdout="subprocess.PIPE")
    library: str = ""  # the third-party library whose shipped stub holds the entry

    @property
    def markers_owing_nothing(self) -> bool:
        """``@owes_nothing_when()`` naming no parameter: the result never owes anything."""
        return Marker.OWES_NOTHING_WHEN in self.markers and not self.owes_nothing_when

    def param_mode(self, name: str | None, position: int) -> Mode | None:
        if name is not None and name in self.params:
            return self.params[name]
        if 0 <= position < len(self.positional):
            return self.params.get(self.positional[position])
        # past the declared parameters: the stub's *args (also where mypy expanded a
        # ParamSpec, as for Executor.submit(fn, *args))
        star = next((mode for key, mode in self.params.items() if key.startswith("*")), None)
        return star if position >= len(self.positional) else None


@dataclass
class ClassStub:
    name: str
    methods: dict[str, FunctionStub] = field(default_factory=dict)
    where: str = ""
    library: str = ""

    @property
    def is_resource(self) -> bool:
        """Some method releases the instance (``self: Own[...]``, ``__exit__`` included), so
        constructing one leaves something to release."""
        return any(m.receiver is Mode.OWN for m in self.methods.values())


@dataclass
class ModuleStub:
    name: str
    path: str
    functions: dict[str, FunctionStub] = field(default_factory=dict)
    classes: dict[str, ClassStub] = field(default_factory=dict)
    library: str = ""


# -- reading -------------------------------------------------------------------------------------

def merged(stub: ModuleStub, language: ModuleStub | None) -> ModuleStub:
    """A module's stub with the language-level entries it does not redefine added."""
    if language is None:
        return stub
    functions = {**language.functions, **stub.functions}
    classes = dict(stub.classes)
    for name, cls in language.classes.items():
        mine = classes.get(name)
        classes[name] = cls if mine is None else ClassStub(
            name, {**cls.methods, **mine.methods}, mine.where
        )
    return ModuleStub(stub.name, stub.path, functions, classes)


def read_stub(module: str, path: str, library: str = "") -> ModuleStub:
    """``library``: the third-party library of a shipped library stub, carried by its
    entries so that the calls they describe can be counted."""
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        tree = ast.parse(source, filename=path)
    except SyntaxError as err:
        raise StubError(f"{path}:{err.lineno}: error: invalid syntax in ownership stub: {err.msg}") from None
    except OSError as err:
        raise StubError(f"{path}: error: cannot read ownership stub: {err}") from None
    stub = ModuleStub(module, path, library=library)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            _no_renamed_vocabulary(node, path)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stub.functions[node.name] = _function(node, path, False, library)
        elif isinstance(node, ast.ClassDef):
            cls = ClassStub(node.name, where=f"{path}:{node.lineno}", library=library)
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    cls.methods[member.name] = _function(member, path, True, library)
                elif not _is_ignorable(member):
                    raise StubError(f"{path}:{member.lineno}: error: only methods may appear in a class of an ownership stub")
            stub.classes[node.name] = cls
        elif not _is_ignorable(node):
            raise StubError(f"{path}:{node.lineno}: error: only imports, functions and classes may appear in an ownership stub")
    return stub


def _no_renamed_vocabulary(node: ast.ImportFrom, path: str) -> None:
    """A stub is read by spelling, never executed nor resolved: ``Own`` imported as ``O``
    would leave every ``O[...]`` meaning nothing, so the renaming is refused."""
    if (node.module or "").split(".")[0] != "mypy_ownership":
        return
    for alias in node.names:
        if alias.asname not in (None, alias.name):
            raise StubError(
                f"{path}:{node.lineno}: error: an ownership stub spells \"{alias.name}\" as it is"
                f" named: import it without \"as {alias.asname}\""
            )


def _is_ignorable(node: ast.stmt) -> bool:
    return isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass)) or (
        isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    )


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef, path: str, method: bool, library: str) -> FunctionStub:
    where = f"{path}:{node.lineno}"
    markers = set()
    fails_when: list[tuple[str, object]] = []
    owes_nothing_when: list[tuple[str, object]] = []
    owes_when: list[tuple[str, object]] = []
    exhausted_when: list[tuple[str, object]] = []
    owes_pipes: list[tuple[str, object]] = []
    named: dict[Marker, str] = {}
    keeps: tuple[str, ...] = ()
    for decorator in node.decorator_list:
        at = f"{path}:{decorator.lineno}"  # a decorator's error is on its own line
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", None)
        marker = _MARKERS.get(name or "")
        if marker is Marker.FAILS_WHEN and isinstance(decorator, ast.Call):
            fails_when += [(k.arg, _constant(k.value, at)) for k in decorator.keywords if k.arg]
        elif marker is Marker.OWES_NOTHING_WHEN and isinstance(decorator, ast.Call):
            owes_nothing_when += [(k.arg, _constant(k.value, at)) for k in decorator.keywords if k.arg]
        elif marker is Marker.OWES_WHEN and isinstance(decorator, ast.Call):
            owes_when += [(k.arg, _constant(k.value, at)) for k in decorator.keywords if k.arg]
        elif marker is Marker.EXHAUSTED_WHEN and isinstance(decorator, ast.Call):
            exhausted_when += [(k.arg, _constant(k.value, at)) for k in decorator.keywords if k.arg]
        elif marker is Marker.KEEPS and isinstance(decorator, ast.Call):
            keeps = _kept(decorator, node, at)
        elif marker is Marker.OWES_PIPES and isinstance(decorator, ast.Call):
            owes_pipes += [(k.arg, _constant(k.value, at)) for k in decorator.keywords if k.arg]
        elif marker in (Marker.VIEW_OF, Marker.WRAPS) and isinstance(decorator, ast.Call):
            assert marker is not None
            named[marker] = _parameter(decorator, node, at)
        elif isinstance(decorator, ast.Call):
            raise StubError(f"{at}: error: decorator \"{name}\" takes no arguments in ownership stub")
        if marker is not None:
            markers.add(marker)
        elif name not in ("overload", "staticmethod", "classmethod", "property"):
            raise StubError(f"{at}: error: unknown decorator \"{name}\" in ownership stub")
    args = node.args
    ordered = [*args.posonlyargs, *args.args]
    receiver = None
    if method and ordered and "staticmethod" not in _decorator_names(node):
        receiver = _mode(ordered[0].annotation, path)
        ordered = ordered[1:]
    params: dict[str, Mode | None] = {}
    for arg in [*ordered, *args.kwonlyargs]:
        params[arg.arg] = _mode(arg.annotation, path)
    if args.vararg is not None:
        params["*" + args.vararg.arg] = _mode(args.vararg.annotation, path)
    returns = _mode(node.returns, path)
    items = _tuple_items(node.returns, path)
    return FunctionStub(
        node.name, params, tuple(a.arg for a in ordered), returns, items, receiver,
        frozenset(markers), where, tuple(fails_when),
        named.get(Marker.VIEW_OF), named.get(Marker.WRAPS), tuple(owes_when), tuple(exhausted_when),
        Marker.RELEASE_IF_OVERRIDDEN in markers, keeps, tuple(owes_nothing_when), owes_pipes=tuple(owes_pipes),
        library=library,
    )


def _parameter(decorator: ast.Call, node: ast.FunctionDef | ast.AsyncFunctionDef, where: str) -> str:
    """The one parameter a marker names (``@view_of("buffer")``): it must be the function's."""
    args = node.args
    names = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    first = decorator.args[0] if len(decorator.args) == 1 and not decorator.keywords else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value in names:
        return first.value
    raise StubError(f"{where}: error: the marker takes the name of one of the function's parameters in ownership stub")


def _kept(decorator: ast.Call, node: ast.FunctionDef | ast.AsyncFunctionDef, where: str) -> tuple[str, ...]:
    """``@keeps("target", "args")``: names of the function's parameters, ``*args`` and
    ``**kwargs`` included (recorded with their stars)."""
    args = node.args
    spelled = {a.arg: a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    if args.vararg is not None:
        spelled[args.vararg.arg] = "*" + args.vararg.arg
    if args.kwarg is not None:
        spelled[args.kwarg.arg] = "**" + args.kwarg.arg
    names = [a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not names or len(names) != len(decorator.args) or decorator.keywords or not set(names) <= set(spelled):
        raise StubError(f"{where}: error: @keeps takes the names of the function's parameters in ownership stub")
    return tuple(spelled[n] for n in names)


def _constant(value: ast.expr, where: str) -> object:
    if isinstance(value, ast.Constant):
        return value.value
    raise StubError(f"{where}: error: @fails_when, @owes_when, @owes_nothing_when and @owes_pipes take constants (or ...) in ownership stub")


def _decorator_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {d.id for d in node.decorator_list if isinstance(d, ast.Name)}


def _mode(annotation: ast.expr | None, path: str) -> Mode | None:
    """The mode an annotation spells; misuses are errors at the annotation's line, as the
    same annotations in code are (docs/design.md §7.1)."""
    if annotation is None:
        return None
    where = f"{path}:{annotation.lineno}"
    name = _mode_name(annotation.value if isinstance(annotation, ast.Subscript) else None)
    if isinstance(annotation, ast.Subscript) and name is not None:
        argument = annotation.slice
        if isinstance(argument, ast.Tuple):
            raise StubError(f"{where}: error: {wrong_arity(name, len(argument.elts))} (in an ownership stub)")
        inner = _mode_name(argument.value if isinstance(argument, ast.Subscript) else argument)
        if inner is not None:
            raise StubError(f"{where}: error: {nested_modes(name, inner)} (in an ownership stub)")
        return _MODES[name]
    if isinstance(annotation, ast.Name) and annotation.id in _MODES:
        raise StubError(f"{where}: error: {annotation.id} needs a type argument in an ownership stub")
    return None


def _mode_name(head: ast.expr | None) -> str | None:
    """``Own`` for ``Own`` or ``mypy_ownership.Own``; None for any other name."""
    name = head.id if isinstance(head, ast.Name) else getattr(head, "attr", None)
    return name if name in _MODES else None


def _tuple_items(annotation: ast.expr | None, path: str) -> tuple[Mode | None, ...] | None:
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name):
        if annotation.value.id in ("tuple", "Tuple"):
            inner = annotation.slice
            elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            modes = tuple(_mode(e, path) for e in elements)
            return modes if any(modes) else None
    return None


# -- markers on user code ------------------------------------------------------------------------

# where the decorators of ``markers.py`` are defined, and re-exported
_MARKER_MODULES: Final = frozenset({"mypy_ownership", "mypy_ownership.markers"})
_CONSTANTS: Final = {"builtins.True": True, "builtins.False": False, "builtins.None": None}


def decorated(node: object) -> Decorator | None:
    """The decorated definition behind a function, method or property node, if any."""
    if isinstance(node, OverloadedFuncDef):
        node = node.impl if node.impl is not None else (node.items[0] if node.items else None)
    return node if isinstance(node, Decorator) else None


def defined_in(node: Decorator, module: str) -> bool:
    func = node.func
    if not isinstance(func.info, FakeInfo):
        return func.info.module_name == module
    return func.fullname.rpartition(".")[0] == module


def code_stub(node: object, module: str | None) -> FunctionStub | None:
    """What the markers on a definition of ``module`` say (docs/design.md §7.3), read as
    a stub entry: mypy keeps a decorator list on the ``Decorator`` node of the module it
    checks, and drops it from a module it loads from its cache (docs/design.md §12.20), so
    definitions of other modules are not read, that a warm run report what a cold one
    does. The entry carries the markers only: modes come from the signature."""
    found = decorated(node)
    if found is None or module is None or not defined_in(found, module):
        return None
    func, where = found.func, f"{found.func.fullname}:{found.line}"
    markers: set[Marker] = set()
    keyed: dict[Marker, tuple[tuple[str, object], ...]] = {}
    named: dict[Marker, str] = {}
    kept: list[str] = []
    for decorator in found.original_decorators:
        called = decorator.callee if isinstance(decorator, CallExpr) else decorator
        full = called.fullname if isinstance(called, RefExpr) else ""
        head, _, name = (full or "").rpartition(".")
        marker = _MARKERS.get(name) if head in _MARKER_MODULES else None
        if marker is None:
            continue
        markers.add(marker)
        if isinstance(decorator, CallExpr):
            keyed[marker] = tuple(
                (k, _code_constant(v)) for k, v, kind in zip(decorator.arg_names, decorator.args, decorator.arg_kinds)
                if k is not None and kind == ArgKind.ARG_NAMED
            )
            first = decorator.args[0] if decorator.args else None
            if isinstance(first, StrExpr) and first.value in func.arg_names:
                named[marker] = first.value
            kept += [a.value for a in decorator.args if marker is Marker.KEEPS and isinstance(a, StrExpr)]
    if not markers:
        return None
    # the parameters by name and position, as a stub lists them (no mode: the signature's)
    skip = 0 if func.is_static or isinstance(func.info, FakeInfo) else 1
    kinds = list(zip(func.arg_names, func.arg_kinds))[skip:]
    positional = tuple(n for n, k in kinds if n is not None and k in (ArgKind.ARG_POS, ArgKind.ARG_OPT))
    params: dict[str, Mode | None] = {
        ("*" if k == ArgKind.ARG_STAR else "") + n: None for n, k in kinds if n is not None and k != ArgKind.ARG_STAR2
    }
    return FunctionStub(
        func.name, params, positional, None, None, None, frozenset(markers), where,
        keyed.get(Marker.FAILS_WHEN, ()), named.get(Marker.VIEW_OF), named.get(Marker.WRAPS),
        keyed.get(Marker.OWES_WHEN, ()), keyed.get(Marker.EXHAUSTED_WHEN, ()),
        Marker.RELEASE_IF_OVERRIDDEN in markers, tuple(kept), keyed.get(Marker.OWES_NOTHING_WHEN, ()), in_code=True,
        owes_pipes=keyed.get(Marker.OWES_PIPES, ()),
    )


def _code_constant(value: Expression) -> object:
    if isinstance(value, EllipsisExpr):
        return Ellipsis
    if isinstance(value, (StrExpr, IntExpr, FloatExpr)):
        return value.value
    if isinstance(value, UnaryExpr) and value.op == "-" and isinstance(value.expr, (IntExpr, FloatExpr)):
        return -value.expr.value
    if isinstance(value, NameExpr) and value.fullname in _CONSTANTS:
        return _CONSTANTS[value.fullname]
    return _UNREADABLE


class _Unreadable:
    """An argument of a marker that is not a constant: it matches no argument of a call."""


_UNREADABLE: Final = _Unreadable()


# -- the overlay ---------------------------------------------------------------------------------

_T = TypeVar("_T")
Lookup = Callable[[str], object]  # full name -> the mypy node it stands for, or None


def _nowhere(fullname: str) -> bool:
    return False


class Overlay:
    """All stubs of a run, by the real full names mypy gives their members."""

    def __init__(self, modules: dict[str, ModuleStub], libraries: LibraryStubs | None = None, unread: dict[str, str] | None = None) -> None:
        self.modules = modules
        self.libraries = libraries  # read as their libraries join the build
        # shipped standard-library stubs not read yet, module -> path (docs/design.md §7.4)
        self._unread = dict(unread or {})
        # calls resolved to a library stub's entry, by place: the stats' "library calls"
        self.library_calls: set[tuple[str, int, int]] = set()
        self.functions: dict[str, FunctionStub] = {}
        self.classes: dict[str, ClassStub] = {}
        self._pending = set(modules) | set(self._unread)
        self._absent: set[str] = set()
        self._generation = -1
        self.unresolved: list[str] = []
        # what other modules compute from the resolved stubs, dropped when they change
        self.memo: dict[str, object] = {}
        # what makes each class a resource, shared by every unit of the run
        self.resources = ResourceTable(self)
        # whether a full name belongs to a module mypy read from typeshed's standard library, whose
        # callables borrow their arguments by default (docs/design.md §2.5): the plugin answers it
        self.standard_library: Callable[[str], bool] = _nowhere

    @classmethod
    def load(cls, user_dirs: Iterable[str], shipped: bool, disabled_libraries: Iterable[str] = ()) -> Overlay:
        """The language-level stubs, always; the shipped standard-library ones if
        ``shipped``; the user's; the shipped libraries' but ``disabled_libraries``, read
        when the build holds them (a user stub of the same module replaces one)."""
        from mypy_ownership.libraries import LibraryStubs

        language = {m: read_stub(m, p) for m, p in stubs_under(LANGUAGE).items()}
        # the user's stubs are read now, so that a malformed one stops the run at once
        users = stub_files(user_dirs, False)
        unread = {m: p for m, p in stub_files((), shipped).items() if m not in users}
        modules = {module: read_stub(module, path) for module, path in users.items()}
        for module, stub in language.items():
            modules[module] = merged(modules[module], stub) if module in modules else stub
        return cls(modules, LibraryStubs(frozenset(disabled_libraries), frozenset({**unread, **users})), unread)

    def digest(self) -> str:
        """Changes whenever a stub in use changes: part of mypy's cache key. The library
        stubs count whether or not the build imports their library."""
        h = hashlib.sha256()
        paths = {m.path for m in self.modules.values() if not m.library} | {*stubs_under(LANGUAGE).values(), *self._unread.values()}
        for path in sorted(paths):
            with open(path, "rb") as f:
                h.update(path.encode() + b"\0" + f.read() + b"\0")
        if self.libraries is not None:
            self.libraries.update_digest(h.update)
        return h.hexdigest()

    def resolve(self, available: Callable[[str], bool | None], lookup: Lookup, generation: int = 0) -> None:
        """Map the stub names of every module mypy has loaded to the real full names.

        ``available(module)``: True once mypy has analysed it, False while it has not yet,
        None when the build does not hold it. ``generation`` changes whenever modules may
        have joined the build (a count of them will do): a module found absent is asked
        about again only then, so that this costs nothing per checked module."""
        if generation != self._generation:
            self._generation = generation
            self._absent.clear()
            if self.libraries is not None and self.libraries.pending:
                taken = self.libraries.take(available)
                for module, stub in taken.items():
                    self.modules[module] = stub
                    self._pending.add(module)
                if taken:
                    self.memo.clear()  # what was computed from the stubs read so far
        for module in sorted(self._pending - self._absent):
            ready = available(module)
            if ready is None:
                self._absent.add(module)
            if not ready:
                continue
            self._pending.discard(module)
            self._read(module)
            stub = self.modules[module]
            self._resolve_into(self.functions, module, stub.functions, lookup)
            self._resolve_into(self.classes, module, stub.classes, lookup)
            self.forget_classes()

    def _read(self, module: str) -> None:
        """A shipped stub not read yet: read, with its module's language-level entries."""
        if (path := self._unread.pop(module, None)) is not None:
            self.modules[module] = merged(read_stub(module, path), self.modules.get(module))

    def every_stub(self) -> Iterator[ModuleStub]:
        """Every stub of the run, the unread ones read as the caller goes on asking."""
        yield from list(self.modules.values())
        for module in sorted(self._unread):
            self._read(module)
            yield self.modules[module]

    def forget_classes(self) -> None:
        """Drop what was computed from the build's classes (resources, MRO lookups): the
        stubs were resolved again, or the daemon re-checks code (docs/design.md §12.18)."""
        self.memo.clear()
        self.resources = ResourceTable(self)

    def _resolve_into(self, table: dict[str, _T], module: str, entries: dict[str, _T], lookup: Lookup) -> None:
        for name, entry in entries.items():
            real = _fullname(lookup(f"{module}.{name}"))
            if real is None:
                self.unresolved.append(f"{getattr(entry, 'where', '')}: {module}.{name}")
            else:
                table[real] = entry

    def function(self, fullname: str | None) -> FunctionStub | None:
        return self.functions.get(fullname) if fullname else None

    def method(self, class_fullnames: Iterable[str], name: str) -> FunctionStub | None:
        """The stub of a method, looked up along the receiver's MRO."""
        for fullname in class_fullnames:
            cls = self.classes.get(fullname)
            if cls is not None and name in cls.methods:
                return cls.methods[name]
        return None

    def class_stub(self, fullname: str) -> ClassStub | None:
        return self.classes.get(fullname)

    def marks_construction(self) -> bool:
        """Some class stub's ``@starts_obligation`` or bare ``@owes_nothing_when()`` ``__init__``."""
        if "construction" not in self.memo:
            self.memo["construction"] = any(
                Marker.STARTS_OBLIGATION in m.markers or (name == "__init__" and m.markers_owing_nothing)
                for c in self.classes.values() for name, m in c.methods.items()
            )
        return self.memo["construction"] is True


def _fullname(node: object) -> str | None:
    name = getattr(node, "fullname", None)
    return name if isinstance(name, str) and name else None


EMPTY: Final = Overlay({})
