"""Ownership stubs: ``.pyi`` files in the project's vocabulary, overlaid on typeshed by name
(SPEC §7).

A stub lists only members with ownership meaning, written as users know them::

    class socket:
        def close(self: Own[socket]) -> None: ...          # a releasing method
        def accept(self) -> tuple[Own[socket], Any]: ...    # owned items of a tuple result
        @valid_after_release
        def fileno(self) -> int: ...                        # may be called after close()
    def create_connection(address: Any) -> Own[socket]: ...

Markers for locks: ``@acquires`` (a successful call creates an obligation on the receiver)
and ``@releases_lock`` (discharges it). ``@takes_over`` on a function: its ``Own``
parameters take the release over but leave the value usable by the caller
(``contextlib.closing(thing)``, ``ExitStack.enter_context``, ``Logger.addHandler``); without
it an ``Own`` parameter moves the value (``SSLContext.wrap_socket`` detaches the socket). Files are read with Python's ``ast`` once per run,
never executed. Names are resolved to mypy's real ones (re-exports, ``_io.TextIOWrapper``,
``_socket.socket``) when the plugin first needs them, through a lookup function it passes
in; methods are then found along the receiver's MRO.
"""

from __future__ import annotations

import ast
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final, TypeVar

from mypy.nodes import CallExpr, Expression, MemberExpr, NameExpr, RefExpr, TypeInfo
from mypy.types import Instance, Type, get_proper_type

from mypy_ownership.signatures import Mode, ResourceTable, mro

MARKERS: Final = frozenset({"valid_after_release", "acquires", "releases_lock", "takes_over"})
_MODES: Final = {"Own": Mode.OWN, "Ref": Mode.REF, "Mut": Mode.MUT}
_PACKAGE: Final = os.path.dirname(os.path.abspath(__file__))
# Installed: the package carries stubs/ as mypy_ownership/stubs; in a source checkout
# (editable install, tests) they are the repository's top-level stubs/.
SHIPPED: Final = next(
    (d for d in (os.path.join(_PACKAGE, "stubs"), os.path.join(os.path.dirname(_PACKAGE), "stubs"))
     if os.path.isdir(d)),
    os.path.join(_PACKAGE, "stubs"),
)


class StubError(Exception):
    """A malformed stub, worded as ``file:line: error: ...``."""


@dataclass(frozen=True)
class FunctionStub:
    """Ownership of one function or method, by parameter name."""

    name: str
    params: dict[str, Mode | None]
    positional: tuple[str, ...]
    returns: Mode | None
    returns_items: tuple[Mode | None, ...] | None  # tuple[...] results
    receiver: Mode | None = None
    markers: frozenset[str] = frozenset()
    where: str = ""

    def param_mode(self, name: str | None, position: int) -> Mode | None:
        if name is not None and name in self.params:
            return self.params[name]
        if 0 <= position < len(self.positional):
            return self.params.get(self.positional[position])
        # past the declared parameters: the stub's *args (also where mypy expanded a
        # ParamSpec, as for Executor.submit(fn, *args))
        star = next((mode for key, mode in self.params.items() if key.startswith("*")), None)
        return star if position >= len(self.positional) else None

    @property
    def acquires(self) -> bool:
        """Whether a call can leave its caller something to release: an owned result (or
        tuple item), or a lock taken."""
        return (
            self.returns is Mode.OWN
            or (self.returns_items is not None and Mode.OWN in self.returns_items)
            or "acquires" in self.markers
        )

    @property
    def moves(self) -> bool:
        """Whether a call moves an argument: it takes one as ``Own`` without
        ``@takes_over`` (which leaves the caller's name usable)."""
        return "takes_over" not in self.markers and Mode.OWN in self.params.values()

    @property
    def transfers(self) -> bool:
        """Whether a call can create, move or release anything: it acquires, releases its
        receiver, or moves an argument."""
        return self.acquires or self.receiver is Mode.OWN or self.moves


@dataclass
class ClassStub:
    name: str
    methods: dict[str, FunctionStub] = field(default_factory=dict)
    where: str = ""

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


# -- reading -------------------------------------------------------------------------------------

def stub_files(user_dirs: Iterable[str], shipped: bool) -> dict[str, str]:
    """Module name -> stub path; user directories override the shipped stubs by name."""
    found: dict[str, str] = {}
    dirs = ([SHIPPED] if shipped else []) + list(user_dirs)
    for directory in dirs:
        if not os.path.isdir(directory):
            raise StubError(f"{directory}: error: ownership stub directory not found")
        for root, _, files in os.walk(directory):
            for name in sorted(files):
                if name.endswith(".pyi"):
                    path = os.path.join(root, name)
                    module = os.path.relpath(path, directory)[: -len(".pyi")]
                    module = module.replace(os.sep, ".").removesuffix(".__init__")
                    found[module] = path
    return found


def read_stub(module: str, path: str) -> ModuleStub:
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        tree = ast.parse(source, filename=path)
    except SyntaxError as err:
        raise StubError(f"{path}:{err.lineno}: error: invalid syntax in ownership stub: {err.msg}") from None
    except OSError as err:
        raise StubError(f"{path}: error: cannot read ownership stub: {err}") from None
    stub = ModuleStub(module, path)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            stub.functions[node.name] = _function(node, path, method=False)
        elif isinstance(node, ast.ClassDef):
            cls = ClassStub(node.name, where=f"{path}:{node.lineno}")
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    cls.methods[member.name] = _function(member, path, method=True)
                elif not _is_ignorable(member):
                    raise StubError(f"{path}:{member.lineno}: error: only methods may appear in a class of an ownership stub")
            stub.classes[node.name] = cls
        elif not _is_ignorable(node):
            raise StubError(f"{path}:{node.lineno}: error: only imports, functions and classes may appear in an ownership stub")
    return stub


def _is_ignorable(node: ast.stmt) -> bool:
    return isinstance(node, (ast.Import, ast.ImportFrom, ast.Pass)) or (
        isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    )


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef, path: str, method: bool) -> FunctionStub:
    where = f"{path}:{node.lineno}"
    markers = set()
    for decorator in node.decorator_list:
        name = decorator.id if isinstance(decorator, ast.Name) else getattr(decorator, "attr", None)
        if name in MARKERS:
            markers.add(name)
        elif name not in ("overload", "staticmethod", "classmethod", "property"):
            raise StubError(f"{where}: error: unknown decorator \"{name}\" in ownership stub")
    args = node.args
    ordered = [*args.posonlyargs, *args.args]
    receiver = None
    if method and ordered and "staticmethod" not in _decorator_names(node):
        receiver = _mode(ordered[0].annotation, where)
        ordered = ordered[1:]
    params: dict[str, Mode | None] = {}
    for arg in [*ordered, *args.kwonlyargs]:
        params[arg.arg] = _mode(arg.annotation, where)
    if args.vararg is not None:
        params["*" + args.vararg.arg] = _mode(args.vararg.annotation, where)
    returns = _mode(node.returns, where)
    items = _tuple_items(node.returns, where)
    return FunctionStub(
        node.name, params, tuple(a.arg for a in ordered), returns, items, receiver,
        frozenset(markers), where,
    )


def _decorator_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {d.id for d in node.decorator_list if isinstance(d, ast.Name)}


def _mode(annotation: ast.expr | None, where: str) -> Mode | None:
    if isinstance(annotation, ast.Subscript):
        head = annotation.value
        name = head.id if isinstance(head, ast.Name) else getattr(head, "attr", None)
        if name in _MODES:
            return _MODES[name]
    if isinstance(annotation, ast.Name) and annotation.id in _MODES:
        raise StubError(f"{where}: error: {annotation.id} needs a type argument in an ownership stub")
    return None


def _tuple_items(annotation: ast.expr | None, where: str) -> tuple[Mode | None, ...] | None:
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name):
        if annotation.value.id in ("tuple", "Tuple"):
            inner = annotation.slice
            elements = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            modes = tuple(_mode(e, where) for e in elements)
            return modes if any(modes) else None
    return None


# -- the overlay ---------------------------------------------------------------------------------

_T = TypeVar("_T")
Lookup = Callable[[str], object]  # full name -> the mypy node it stands for, or None


class Overlay:
    """All stubs of a run, by the real full names mypy gives their members."""

    def __init__(self, modules: dict[str, ModuleStub]) -> None:
        self.modules = modules
        self.functions: dict[str, FunctionStub] = {}
        self.classes: dict[str, ClassStub] = {}
        self._pending = set(modules)
        self._absent: set[str] = set()
        self._generation = -1
        self.unresolved: list[str] = []
        self._ownership_methods: frozenset[str] | None = None
        self._method_stubs: dict[tuple[TypeInfo, str], FunctionStub | None] = {}
        self._resource_classes: dict[TypeInfo, bool] = {}
        # what makes each class a resource, shared by every unit of the run
        self.resources = ResourceTable(self)

    @classmethod
    def load(cls, user_dirs: Iterable[str], shipped: bool) -> Overlay:
        files = stub_files(user_dirs, shipped)
        return cls({module: read_stub(module, path) for module, path in files.items()})

    def digest(self) -> str:
        """Changes whenever a stub in use changes: part of mypy's cache key."""
        h = hashlib.sha256()
        for module in sorted(self.modules):
            with open(self.modules[module].path, "rb") as f:
                h.update(module.encode() + b"\0" + f.read() + b"\0")
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
        for module in sorted(self._pending - self._absent):
            ready = available(module)
            if ready is None:
                self._absent.add(module)
            if not ready:
                continue
            self._pending.discard(module)
            stub = self.modules[module]
            self._resolve_into(self.functions, module, stub.functions, lookup)
            self._resolve_into(self.classes, module, stub.classes, lookup)
            self._ownership_methods = None
            self._method_stubs.clear()
            self._resource_classes.clear()
            self.resources = ResourceTable(self)

    def _resolve_into(
        self, table: dict[str, _T], module: str, entries: dict[str, _T], lookup: Lookup
    ) -> None:
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

    def ownership_methods(self) -> frozenset[str]:
        """Every method name whose stub acquires, releases or moves (a quick filter for the
        calls that matter: a release or a move makes any later use an error)."""
        if self._ownership_methods is None:
            self._ownership_methods = frozenset(
                n for cls in self.classes.values() for n, m in cls.methods.items() if m.transfers
            )
        return self._ownership_methods

    def constructs_resource(self, info: TypeInfo) -> bool:
        """A class whose MRO holds a class the stubs make a resource: a cheap superset of
        what ``ResourceTable.of_class`` decides (which also reads each class's own code),
        enough to select the functions worth analysing."""
        known = self._resource_classes.get(info)
        if known is None:
            known = any(
                (stub := self.classes.get(k.fullname)) is not None and stub.is_resource
                for k in mro(info)
            )
            self._resource_classes[info] = known
        return known

    def ownership_calls(self, types: dict[Expression, Type]) -> list[CallExpr]:
        """The calls that can start anything in a module that cannot see Own/Ref/Mut, in
        line order: a constructor of a resource class, a stubbed function or method that
        acquires, and one that releases or moves a plain name (its receiver, or an argument
        it takes as ``Own`` without ``@takes_over``).

        There, parameters and fields carry no modes, so nothing else creates an owner, an
        obligation or a release, and the analysis follows names only (a release of
        ``self.sock`` moves nothing it could see used later). Only the functions holding
        one of these calls need analysing; one pass over mypy's type map finds them, far
        cheaper than walking every body."""
        methods = self.ownership_methods()
        functions = self.functions
        calls: list[CallExpr] = []
        for expr in types:
            if type(expr) is not CallExpr:
                continue
            callee = expr.callee
            if isinstance(callee, RefExpr):
                node = callee.node
                if isinstance(node, TypeInfo):
                    if self.constructs_resource(node):
                        calls.append(expr)
                    continue
                stub = functions.get(callee.fullname)
                if stub is not None:
                    if _starts_something(stub, expr, None):
                        calls.append(expr)
                    continue
            if isinstance(callee, MemberExpr) and callee.name in methods:
                owner = getattr(callee.expr, "node", None)  # Class.method(...)
                if not isinstance(owner, TypeInfo):
                    owner = _instance_class(types.get(callee.expr))
                if owner is True:
                    calls.append(expr)  # a receiver mypy gave no type: kept
                elif isinstance(owner, TypeInfo):
                    stub = self._method_stub(owner, callee.name)
                    if stub is not None and _starts_something(stub, expr, callee.expr):
                        calls.append(expr)
        calls.sort(key=_line)
        return calls

    def _method_stub(self, owner: TypeInfo, name: str) -> FunctionStub | None:
        """The stub of a method along the MRO of the receiver's class, memoised."""
        key = (owner, name)
        if key not in self._method_stubs:
            self._method_stubs[key] = self.method([k.fullname for k in mro(owner)], name)
        return self._method_stubs[key]


def _starts_something(stub: FunctionStub, call: CallExpr, receiver: Expression | None) -> bool:
    if stub.acquires:
        return True
    if stub.receiver is Mode.OWN and isinstance(receiver, NameExpr):
        return True
    if stub.moves:
        return any(isinstance(arg, NameExpr) for arg in call.args)
    return False


def _line(call: CallExpr) -> int:
    return call.line


def _instance_class(receiver: Type | None) -> TypeInfo | bool | None:
    """The class of an instance receiver; True when mypy gave it no type; None for any
    other receiver type (``Any``, a union): stub methods count only on instances, and one
    of those matters only once it owes something, which takes an acquisition."""
    if receiver is None:
        return True
    p = get_proper_type(receiver)
    return p.type if isinstance(p, Instance) else None


def _fullname(node: object) -> str | None:
    name = getattr(node, "fullname", None)
    return name if isinstance(name, str) and name else None


EMPTY: Final = Overlay({})
