"""Call effects: what one call does to its arguments, its receiver and its result.

Computed from the callee's signature (``signatures.py``), the ownership stubs and the
markers on the user's own definitions (``overlay.py``), memoised per call. This is the one
module that interprets the stub language's markers, and the one that knows the defaults
for code no stub describes (docs/design.md §7.3, §11.2): a constructor of a class without
stubs keeps what it is given; a user's releasing method is repeatable only when marked so;
a release whose name a stub marks ``@repeatable`` may be repeated on a receiver whose class
is unknown, as a method named like a container insertion of the stubs inserts into one.
A third source is same-module summaries (``summaries.py``): what a function of the
module does with each parameter, computed from its body.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Final

from mypy.nodes import (
    AwaitExpr,
    MypyFile,
    CallExpr,
    OverloadedFuncDef,
    Expression,
    FuncDef,
    FuncItem,
    MemberExpr,
    RefExpr,
    SuperExpr,
    Var,
)
from mypy.types import AnyType, Instance, Type

from mypy_ownership.arguments import (
    argument, is_constant, is_path, kept_arguments, locals_bound_once, module_constants, satisfies, starts_with, unknown, used_as_file,
)
from mypy_ownership.mocks import Patches, patches_in
from mypy_ownership.modes import Mode
from mypy_ownership.overlay import ClassStub, FunctionStub, Marker, Overlay, code_stub, decorated, defined_in
from mypy_ownership.pipes import owed_pipes
from mypy_ownership.stub_lookup import callee_stub, made_class_stub, method_receiver_mode, releases_receiver
from mypy_ownership.with_blocks import WithBlocks, without_none
from mypy_ownership.signatures import (
    CallOwnership,
    ResourceInfo,
    ResourceTable,
    call_ownership,
    constructed,
    declared_callee_type,
    definition,
    mro,
    proper,
    receiver_of,
    through_class,
)
from mypy_ownership import code_defaults
from mypy_ownership.effect_kinds import Insertion, LockEffect, ParamEffect, Summaries, Wrapping, per_call
from mypy_ownership.state import PIPES, Acquired, Help, Obligation

_INSERTIONS: Final = frozenset({Marker.INSERTS, Marker.INSERTS_ITEMS})
# markers that act only on a value something else made followed (an owner, a borrow)
_PASSIVE: Final = _INSERTIONS | {Marker.KEEPS}
_RELEASED_WHEN: Final = frozenset({Marker.RELEASED_WHEN_TRUE, Marker.RELEASED_WHEN_FALSE})


# -- what the stubs say, whatever the call -----------------------------------------------------

def acquires(stub: FunctionStub) -> bool:
    """A call can leave its caller something to release: an owned result (or tuple item),
    or a lock taken."""
    return (
        stub.returns is Mode.OWN
        or (stub.returns_items is not None and Mode.OWN in stub.returns_items)
        or Marker.ACQUIRES in stub.markers
    )


def moves(stub: FunctionStub) -> bool:
    """A call moves an argument: it takes one as ``Own`` without ``@takes_over``."""
    return Marker.TAKES_OVER not in stub.markers and Mode.OWN in stub.params.values()


def transfers(stub: FunctionStub) -> bool:
    """A call can create, move or release anything."""
    return acquires(stub) or stub.receiver is Mode.OWN or moves(stub)


def takes_over(stub: FunctionStub | None) -> bool:
    return stub is not None and Marker.TAKES_OVER in stub.markers


def _names_marked(overlay: Overlay, markers: frozenset[Marker]) -> frozenset[str]:
    memo: dict[frozenset[Marker], frozenset[str]] = overlay.memo.setdefault("names marked", {})  # type: ignore[assignment]
    known = memo.get(markers)
    if known is None:
        # no shipped library stub's names: what a value of unknown class does must not
        # depend on which third-party libraries the build imports (docs/design.md §7.4)
        known = memo[markers] = frozenset(
            name for cls in overlay.classes.values() if not cls.library
            for name, method in cls.methods.items() if method.markers & markers
        )
    return known


def ends_process(overlay: Overlay, module: str | None = None) -> Callable[[Expression], bool]:
    """Calls that end the process at once, neither returning nor raising (``@ends_process``:
    ``os._exit``, or a function of ``module`` so marked): no exception from them reaches a
    handler."""
    def ends(expr: Expression) -> bool:
        if not isinstance(expr, CallExpr) or not isinstance(expr.callee, RefExpr):
            return False
        stub = overlay.function(expr.callee.fullname) or code_stub(expr.callee.node, module)
        return stub is not None and Marker.ENDS_PROCESS in stub.markers

    return ends


def repeatable_names(overlay: Overlay) -> frozenset[str]:
    """Releases that may be repeated on any receiver (the default for code no stub covers)."""
    return _names_marked(overlay, frozenset({Marker.REPEATABLE}))


def untyped_resource(overlay: Overlay) -> ResourceInfo:
    """A resource a stub returns as ``Own[...]`` where the type checker only knows ``Any``:
    released by the repeatable releases, or by leaving a with block."""
    return ResourceInfo("resource", tuple(sorted(repeatable_names(overlay))), True, ())


def preferred_release(info: ResourceInfo, overlay: Overlay) -> str:
    """The release a help text suggests: a repeatable one if the class has it."""
    repeatable = repeatable_names(overlay)
    return next((m for m in info.releasing if m in repeatable), info.releasing[0] if info.releasing else "")


# -- the effects of one call, in one unit -------------------------------------------------------

class CallEffects:
    """What calls do, for the analysis of one unit (memoised per call)."""

    def __init__(
        self, overlay: Overlay, type_of: Callable[[Expression], Type | None], annotated: bool, func: object,
        module: MypyFile | None = None, summaries: Summaries | None = None,
    ) -> None:
        self.overlay = overlay
        self.resources: ResourceTable = overlay.resources
        self.type_of = type_of
        self.annotated = annotated
        self.func = func
        self._stubs: dict[CallExpr, FunctionStub | None] = {}
        self._calls: dict[CallExpr, CallOwnership | None] = {}
        self.module = module
        self.summaries = summaries
        self.per_call: dict[tuple[str, CallExpr], object] = {}  # effect_kinds.per_call
        self._module_constants: dict[Var, Expression] | None = None

    def _constants(self) -> dict[Var, Expression]:
        if self._module_constants is None:
            # a module's names bound once at its top level, the function's bound once in it
            self._module_constants = {**module_constants(self.module), **locals_bound_once(self.func)}
        return self._module_constants

    def _type(self, expr: Expression) -> Type | None:
        return self.type_of(expr)

    @cached_property
    def withs(self) -> WithBlocks:
        return WithBlocks(self.resources, self._type, self.produces_owned)

    @cached_property
    def patches(self) -> Patches:
        """What mocks stand in for in this unit (docs/design.md §7.5)."""
        return patches_in(self.module, self.func)

    def stub(self, call: CallExpr) -> FunctionStub | None:
        """What the ownership stubs say of a call's callee, if anything; nothing of a
        patched callee, since a mock stands in for it."""
        if call in self._stubs:
            return self._stubs[call]
        if self.patches.cover(call):
            self._stubs[call] = None
            return None
        found, library = callee_stub(self.overlay, self.resources, call, self._type, self.definition, self.module_name)
        if library:
            self.overlay.library_calls.add((self.module_name or "", call.line, call.column))
        self._stubs[call] = found
        return found

    @cached_property
    def module_name(self) -> str | None:
        return self.module.fullname if self.module is not None else None

    def definition(self, call: CallExpr) -> object:
        return definition(call, self._type)

    def ownership(self, call: CallExpr) -> CallOwnership | None:
        if call in self._calls:
            return self._calls[call]
        callee_type = self._type(call.callee)
        if callee_type is None:
            callee_type = declared_callee_type(call.callee)
        stub = self.stub(call)
        if self.patches.cover(call):  # a mock: it takes nothing, and returns no resource
            callee_type = None
        result = self._calls[call] = call_ownership(
            call, callee_type, stub, self.annotated, takes_over(stub), stub is not None and stub.in_code
        )
        return result

    def receiver_mode(self, call: CallExpr) -> Mode | None:
        """How a method call takes its receiver: from the method's self, or its stub."""
        stub = self.stub(call) if isinstance(call.callee, MemberExpr) else None
        return method_receiver_mode(call, stub, self._type, self.annotated)

    def matters(self, call: CallExpr) -> bool:
        """A call that can create an owner, an obligation, a move, a release or a borrow
        whatever the state: a stub gives it meaning, its signature carries a mode, it
        constructs a resource or releases its receiver."""
        stub = self.stub(call)
        if stub is not None and not (stub.markers and stub.markers <= _PASSIVE):
            return True
        if self.receiver_mode(call) is not None:
            return True
        ownership = self.ownership(call)
        return ownership is not None and (
            any(ownership.arg_modes) or ownership.return_mode is not None
            or self.produces_owned(call) or self.releases_receiver(call)
        )

    @per_call
    def produces_owned(self, call: CallExpr) -> bool:
        ownership = self.ownership(call)
        if ownership is None or self._owes_nothing(call):
            return False
        wrapping = self.wrapping(call)
        if wrapping is not None:
            return wrapping.owes
        if ownership.return_mode is Mode.OWN:
            return True
        # a constructor of a resource type hands the caller a resource to release
        return (constructed(call.callee) is not None and self.resources.of_type(ownership.return_type) is not None) or (
            self.summarised_result(call) is not None)

    @per_call
    def summarised_result(self, call: CallExpr) -> Acquired | None:
        """A function of this module's result: asked by several questions of one call."""
        return code_defaults.summarised_result(self, call)

    def may_produce_owner(self, call: CallExpr) -> bool:
        """The result may owe a release: an owner, a tuple of owners, a view of a name."""
        ownership = self.ownership(call)
        wrapping = self.wrapping(call) if ownership is not None else None
        return ownership is not None and (
            self.produces_owned(call)
            or (ownership.return_items is not None and Mode.OWN in ownership.return_items)
            or (wrapping is not None and wrapping.view is not None)
        )

    def declares_owner(self, call: CallExpr) -> bool:
        """The result is a declared owner (docs/design.md §2.4): the callee's own signature
        returns ``Own``, or it constructs a class whose own code declares ownership. What
        only the stubs make a resource is a known owner, with Python's alias semantics."""
        ownership = self.ownership(call)
        if ownership is None:
            return False
        if ownership.declared_return:
            return True
        info = self.resources.of_type(ownership.return_type) if constructed(call.callee) is not None else None
        return info is not None and info.declared

    def result_obligation(self, name: str, call: CallExpr) -> Obligation | None:
        """What a name bound to the call's result owes (acquired at the call)."""
        ownership = self.ownership(call)
        if ownership is None or self._owes_nothing(call):
            return None
        info = self.resources.of_type(ownership.return_type)
        if info is None and ownership.return_mode is Mode.OWN and self.stub(call) is not None:
            if isinstance(proper(ownership.return_type), AnyType):
                info = untyped_resource(self.overlay)
        if info is None:
            returned = self.summarised_result(call)
            return Obligation(frozenset({returned._replace(name=name)})) if returned is not None else None
        # owing at all, a wrapper over a file object owes as a writer
        stub = self.stub(call)
        writer = self.wrapping(call) is not None and stub is not None and stub.wraps is not None
        exhausts = stub is not None and any(
            starts_with(argument(call, stub, param), prefix, self._constants) for param, prefix in stub.exhausted_when
        )
        give_back = code_defaults.give_back(self, call, ownership.return_type)
        owing = self._owing(
            call.line, call.column, name, info, ownership.callee_name, writer, exhausts, give_back, self.dormant(call),
        )
        pipes = self._pipes(call, stub, name) if stub is not None and stub.owes_pipes else ()
        if not pipes:
            return owing
        # a release marked @leaves_pipes (Popen.wait) leaves these owed (docs/design.md §2.3)
        closing = tuple(m for m in info.releasing if not self.leaves_pipes(self.resources.method_stub(ownership.return_type, m)))
        help = Help(PIPES, closing[0] if closing else "", ownership.callee_name, info.context_releases, pipes=pipes)
        piped = Acquired(call.line, call.column, name, help, closing)
        return owing._replace(acquired=owing.acquired | {piped})

    def _pipes(self, call: CallExpr, stub: FunctionStub, name: str) -> tuple[str, ...]:
        """``Popen(cmd, stdout=PIPE)``: the pipes given the stub's constant, less those the
        body binding ``name`` closes or lets go (``pipes.py``)."""
        given = [
            p for p, value in stub.owes_pipes
            if isinstance(arg := argument(call, stub, p), RefExpr) and arg.fullname == value
        ]
        body = self.func.body.body if isinstance(self.func, FuncItem) else []
        closes = lambda pipe, method: self.resources.method_releases(without_none(self._type(pipe)), method)  # noqa: E731
        return owed_pipes(body, name, given, closes) if given else ()

    def leaves_pipes(self, stub: FunctionStub | None) -> bool:
        """A release that reaps a process but leaves its pipes open (``@leaves_pipes``)."""
        return stub is not None and Marker.LEAVES_PIPES in stub.markers

    def obligation_for(self, name: str, t: Type | None, line: int, column: int) -> Obligation | None:
        """What an owned value of type ``t`` owes, acquired at (line, column)."""
        info = self.resources.of_type(t)
        return self._owing(line, column, name, info, None) if info is not None else None

    def _owing(
        self, line: int, column: int, name: str, info: ResourceInfo, callee: str | None,
        writer: bool = False, exhausts: bool = False, give_back: str = "", dormant: bool = False,
    ) -> Obligation:
        help = Help(
            "resource", preferred_release(info, self.overlay), callee, info.context_releases, writer,
            info.asynchronous, give_back,
        )
        return Obligation(frozenset({Acquired(line, column, name, help, info.releasing, exhausts=exhausts, dormant=dormant)}))

    def releases_receiver(self, call: CallExpr) -> bool:
        return releases_receiver(self.resources, call, self._type)

    def method_releases(self, receiver: Expression, method: str) -> bool:
        return self.resources.method_releases(self._type(receiver), method)

    def repeatable(self, call: CallExpr) -> bool:
        """Releasing again is harmless: a release marked ``@repeatable`` (by a stub on this
        receiver, or on the user's definition), or one named like a stub's repeatable
        release on a receiver whose class neither a stub nor the user's code describes.
        A user's releasing method says so itself: without the marker, a second release is
        a use after move (docs/design.md §7.3). One of another module that carries any
        decorator may be marked, unseen (docs/design.md §12.20): it is taken to be."""
        stub = self.stub(call)
        if stub is not None and Marker.REPEATABLE in stub.markers:
            return True
        if stub is None or stub.in_code:
            node = self.definition(call)
            if isinstance(node, (FuncDef, OverloadedFuncDef)) or (stub is not None and stub.in_code):
                return False
            found = decorated(node)
            if found is not None:
                return not defined_in(found, self.module_name or "")
        return isinstance(call.callee, MemberExpr) and call.callee.name in repeatable_names(self.overlay)

    def valid_after_release(self, call: CallExpr) -> bool:
        stub = self.stub(call)
        marked = stub is not None and Marker.VALID_AFTER_RELEASE in stub.markers
        return marked or (stub is None and code_defaults.owning_class_method(self, call))

    def _marked(self, call: CallExpr, *markers: Marker) -> bool:
        stub = self.stub(call)
        return stub is not None and not stub.markers.isdisjoint(markers)

    def leaves_readable(self, call: CallExpr) -> bool:
        """A release after which the object stays readable (``@leaves_readable``)."""
        return self._marked(call, Marker.LEAVES_READABLE)

    def readable_after_with(self, subject: Expression) -> bool:
        """``with s.get(url) as r:``, ``r`` owing nothing, ``__exit__`` leaving it readable: no borrow."""
        stub = self.resources.method_stub(self._type(subject), "__exit__")
        marked = stub is not None and Marker.LEAVES_READABLE in stub.markers
        return marked and isinstance(subject, CallExpr) and not self.produces_owned(subject)

    def reads_stream(self, call: CallExpr) -> bool:
        """Reads the receiver's stream: a use even after a release that leaves it readable."""
        return self._marked(call, Marker.EXHAUSTS, Marker.EXHAUSTS_IN_LOOP)

    def released_unless_none(self, call: CallExpr) -> bool:
        """``status = proc.poll()``: a result other than None says the receiver is released."""
        return self._marked(call, Marker.RELEASED_UNLESS_NONE)

    def released_when(self, receiver: Expression, member: str) -> bool | None:
        """``f.closed`` (True), ``conn.is_open`` (False): a member the stubs (or the user's
        code) say is true (false) once the object is released; on a class neither
        describes, a member of a name the stubs mark so, as ``@repeatable`` goes by name."""
        stub = code_defaults.member_stub(self, self._type(receiver), member)
        if stub is None and member not in _names_marked(self.overlay, _RELEASED_WHEN):
            return None
        named = (m for m in _RELEASED_WHEN if member in _names_marked(self.overlay, frozenset({m})))
        markers = stub.markers if stub is not None else frozenset(named)
        return True if Marker.RELEASED_WHEN_TRUE in markers else (False if Marker.RELEASED_WHEN_FALSE in markers else None)

    def insertion(self, call: CallExpr) -> Insertion | None:
        """A container insertion: by the receiver's stubs, or by the method's name where
        no stub describes it (a receiver of unknown class)."""
        callee = call.callee
        if not isinstance(callee, MemberExpr):
            return None
        stub = self.stub(call)
        if stub is not None:
            markers = stub.markers
        else:
            markers = frozenset(
                m for m in _INSERTIONS if callee.name in _names_marked(self.overlay, frozenset({m}))
            )
        if Marker.INSERTS in markers:
            return Insertion.VALUE
        return Insertion.ITEMS if Marker.INSERTS_ITEMS in markers else None

    def lock_effect(self, call: CallExpr) -> LockEffect | None:
        """A method call that takes a lock, or releases it."""
        stub = self.stub(call)
        if stub is None or not isinstance(call.callee, MemberExpr):
            return None
        if Marker.ACQUIRES in stub.markers:
            return LockEffect.ACQUIRE
        if Marker.RELEASES_LOCK in stub.markers:
            return LockEffect.RELEASE
        return None

    def lock_help(self, call: CallExpr) -> Help:
        """``with`` where the receiver's class is a context manager, or the method of its
        class that releases the lock (a stub's, or one the user's code marks so)."""
        method = ""
        callee = call.callee
        receiver = proper(self._type(receiver_of(call) or callee)) if isinstance(callee, MemberExpr) else None
        classes = mro(receiver.type) if isinstance(receiver, Instance) else []
        for klass in classes:
            stub = self.overlay.class_stub(klass.fullname)
            found = [n for n, m in (stub.methods.items() if stub else ()) if Marker.RELEASES_LOCK in m.markers]
            found += [
                n for n, symbol in klass.names.items()
                if (marked := code_stub(symbol.node, self.module_name)) is not None
                and Marker.RELEASES_LOCK in marked.markers
            ]
            if found:
                method = found[0]
                break
        context = not classes or any("__enter__" in k.names for k in classes)
        return Help("lock", method, None, context)

    @per_call
    def wrapping(self, call: CallExpr) -> Wrapping | None:
        """What a wrapper's result owes, by what its ``close()`` does (docs/design.md §2.4):
        ``@view_of`` -- the object it wraps, under one more name (a fresh resource passed
        in directly is owed by the wrapper alone); ``@wraps`` -- given a file object rather
        than a path, nothing of the wrapped object, and a release of its own only when
        ``@owes_when`` holds. None: not a wrapper here (a path: it opens its own file)."""
        stub = self.stub(call)
        if stub is None:
            return code_defaults.own_wrapper(self, call)
        if stub.view_of is None and stub.wraps is None:
            return None
        if stub.view_of is not None:
            wrapped = argument(call, stub, stub.view_of)
            if wrapped is None:
                return Wrapping(None, False)
            inner = wrapped.expr if isinstance(wrapped, AwaitExpr) else wrapped
            if isinstance(inner, CallExpr) and self.produces_owned(inner):
                return Wrapping(None, True)
            return Wrapping(wrapped, False)
        assert stub.wraps is not None
        wrapped = argument(call, stub, stub.wraps)
        if wrapped is None or is_constant(wrapped, None) or (is_path(self._type(wrapped)) and not used_as_file(
                call, stub.wraps, wrapped, self.func.body.body if isinstance(self.func, FuncItem) else [], self._type)):
            return None
        return Wrapping(None, any(satisfies(argument(call, stub, p), v, self._constants) for p, v in stub.owes_when))

    @per_call
    def summarised(self, call: CallExpr) -> dict[int, ParamEffect]:
        """What a function of this module does with a call's arguments (its summary)."""
        return code_defaults.summarised(self, call)

    def exhausts(self, call: CallExpr) -> bool | None:
        """The call reads its receiver to the end: a method marked ``@exhausts`` called with
        no argument. True: the receiver's type says it is then released; False: its type is
        unknown and only an acquisition marked so is; None: no such call."""
        callee = call.callee
        if not isinstance(callee, MemberExpr) or call.args:
            return None
        stub = self.stub(call)
        if stub is not None:
            return True if Marker.EXHAUSTS in stub.markers else None
        if callee.name in _names_marked(self.overlay, frozenset({Marker.EXHAUSTS})):
            return False if unknown(self._type(callee.expr)) else None
        return None

    def iteration_exhausts(self, iterable: Expression) -> bool | None:
        """A for loop over ``iterable`` that runs out has read it to the end (as ``exhausts``)."""
        t = self._type(iterable)  # an async for reads __aiter__
        stub = code_defaults.member_stub(self, t, "__iter__") or code_defaults.member_stub(self, t, "__aiter__")
        if stub is not None:
            return True if Marker.EXHAUSTS in stub.markers else None
        if "__iter__" in _names_marked(self.overlay, frozenset({Marker.EXHAUSTS})) and unknown(t):
            return False
        return None

    def loop_exhausts(self, iterable: Expression) -> Expression | None:
        """``for chunk in resp.iter_content(1024):`` run to its end reads ``resp`` to its
        end (``@exhausts_in_loop``): the receiver so read, if any."""
        if not isinstance(iterable, CallExpr) or not isinstance(iterable.callee, MemberExpr):
            return None
        stub = self.stub(iterable)
        return receiver_of(iterable) if stub is not None and Marker.EXHAUSTS_IN_LOOP in stub.markers else None

    def exhausts_result(self, call: CallExpr) -> bool:
        """``urlopen("https://...").read()``: the temporary is read to its end, released."""
        exhausts = self.exhausts(call)
        if exhausts is None or not isinstance(call.callee, MemberExpr) or not isinstance(call.callee.expr, CallExpr):
            return False
        obligation = self.result_obligation("the result", call.callee.expr)
        return exhausts or (obligation is not None and all(a.exhausts for a in obligation.acquired))

    def _owes_nothing(self, call: CallExpr) -> bool:
        """``@owes_nothing_when``: an argument it names is given its constant
        (``open(fd, closefd=False)``: the file will not close the descriptor)."""
        made = self._made_class_stub(call) if self.constructions else None
        init = made.methods.get("__init__") if made is not None else None
        if init is not None and init.markers_owing_nothing:
            return True  # @owes_nothing_when() naming nothing: a constructor that never does
        stub = self.stub(call)
        if stub is None:
            return False
        if stub.owes_when and stub.wraps is None:  # not a wrapper: owing only when it holds
            return not any(satisfies(argument(call, stub, p), v, self._constants) for p, v in stub.owes_when)
        given = ((argument(call, stub, p), value) for p, value in stub.owes_nothing_when)
        return any(arg is not None and is_constant(arg, value) for arg, value in given)

    @cached_property
    def constructions(self) -> bool:
        return self.overlay.marks_construction()

    @per_call
    def _made_class_stub(self, call: CallExpr) -> ClassStub | None:
        return made_class_stub(self.overlay, call) if constructed(call.callee) is not None else None

    def dormant(self, call: CallExpr) -> bool:
        """Its object owes only once a ``@starts_obligation`` method is called (docs/design.md §7.3)."""
        made = self._made_class_stub(call) if self.constructions else None
        return made is not None and any(Marker.STARTS_OBLIGATION in m.markers for m in made.methods.values())

    def wakes_arguments(self, call: CallExpr) -> bool:
        """A dormant owner given to the call may be started by it: any callee but the
        standard library's, which knows no third-party class."""
        return not code_defaults.from_standard_library(self, call)

    def starts_obligation(self, call: CallExpr) -> bool:
        """A method call that makes a dormant receiver owe its release (a session's send)."""
        return isinstance(call.callee, MemberExpr) and self._marked(call, Marker.STARTS_OBLIGATION)

    def may_fail(self, call: CallExpr) -> bool:
        """An acquisition that may return False: an argument the stub's ``@fails_when``
        names is given (``timeout=...``), or given its failing constant (``blocking=False``);
        ``@fails_when()`` naming none: any call may (a lock built not to block)."""
        stub = self.stub(call)
        if stub is None or Marker.ACQUIRES not in stub.markers:
            return False
        if not stub.fails_when:
            return Marker.FAILS_WHEN in stub.markers
        given = ((argument(call, stub, param), value) for param, value in stub.fails_when)
        return any(arg is not None and (value is Ellipsis or is_constant(arg, value)) for arg, value in given)

    def lends_fresh(self, call: CallExpr, index: int) -> bool:
        """A resource created in the argument itself (``json.load(open(p))``) is only lent
        and so never released: the callee is the standard library's or a stub describes
        it, and neither its signature nor a stub takes the argument (``Own``,
        ``@takes_over``, an insertion, a wrapper). A resource that reading to its end
        releases (``sorted(os.scandir(d))``) is taken to be read so."""
        arg = call.args[index]
        if not isinstance(arg, CallExpr) or not self.produces_owned(arg) or code_defaults.iteration_releases(self, arg):
            return False
        if isinstance(call.callee, SuperExpr):
            return False  # super().__init__(open(p)): the object being defined keeps it
        if call.analyzed is not None:
            return False  # a special form (cast(T, x)) is no call: it passes its argument on
        stub = self.stub(call)
        if stub is not None and (stub.view_of is not None or stub.wraps is not None):
            return False
        ownership = self.ownership(call)
        modes = ownership.arg_modes if ownership is not None else []
        if index < len(modes) and modes[index] is Mode.OWN:
            return False
        # a callable a stub describes (a user's, of a third-party library) borrows likewise
        return self.insertion(call) is None and (stub is not None or code_defaults.from_standard_library(self, call))

    def takes_over_arguments(self, call: CallExpr) -> bool:
        """The call keeps what it is given, by the defaults for code no stub describes."""
        return code_defaults.takes_over_arguments(self, call)

    def kept_arguments(self, call: CallExpr) -> frozenset[int]:
        """The actual arguments the callee keeps beyond the call (``@keeps``), by index."""
        stub = self.stub(call)
        return kept_arguments(call, stub, through_class(call)) if stub is not None and stub.keeps else frozenset()

    def consumes_receiver(self, call: CallExpr) -> bool:
        """A releasing method of the program's own code consumes its receiver (``code_defaults``)."""
        return code_defaults.consumes_receiver(self, call)
