"""Same-module summaries: what a function of the module does with each parameter, and
whether it returns a resource it acquired, read from its body (docs/design.md §2.3).

A parameter with no ownership annotation is analysed as a known owner the function was
handed: if every path that returns released it (``f.close()``, a with block, another
summarised helper), the function *releases* it for its callers; if every such path
released it or moved it (to an ``Own`` parameter or field), it *takes it over*: a move
for callers; if every such path released, moved or handed it over (stored it, returned
it, gave it to a ``@takes_over`` callee), it *hands it over*. A path that keeps it,
rebinds it or lets it go unpaid means neither. Only this module's bodies are read, so a warm run (which does not see other
modules' bodies either) agrees with a cold one. Recursion is solved to the greatest fixed
point: a recursive call is first taken to release what it is given, and the summary is
computed again until it says what was assumed.

A function whose every ``return`` of a value gives back a resource acquired in its body
(a call that produces one, or a local still owing it there) *returns a known owner*: its
callers in the module owe the release, as for ``open()``. A recursive call is taken to
return none while this is computed.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Final

from mypy.nodes import (
    ARG_STAR,
    ARG_STAR2,
    FUNC_NO_INFO,
    AssignmentStmt,
    CallExpr,
    ClassDef,
    Expression,
    ForStmt,
    FuncDef,
    MypyFile,
    MemberExpr,
    NameExpr,
    ReturnStmt,
    RefExpr,
    TypeInfo,
    Var,
    WithStmt,
)
from mypy.argmap import map_actuals_to_formals
from mypy.types import AnyType, CallableType, Instance, Type, TypeOfAny, get_proper_type

from mypy_ownership.config import OwnershipOptions
from mypy_ownership.effects import ParamEffect, untyped_resource
from mypy_ownership.evaluation import every_expression, is_none
from mypy_ownership.facts import Leaked
from mypy_ownership.cfg import Step
from mypy_ownership.flow import OwnershipFlow
from mypy_ownership.overlay import Overlay
from mypy_ownership.signatures import callable_of, is_copy_type, mode_of
from mypy_ownership.messages import by_return
from mypy_ownership.stored_fields import StoredResources
from mypy_ownership.state import PIPES, Acquired, FlowState, Help, Obligation
from mypy_ownership.unit import TypeFacts, Unit, all_definitions, iter_statements


_ROUNDS: Final = 4  # each round can only weaken a summary: releases, hands over, nothing


class ModuleSummaries:
    """The summaries of one module's functions, each computed once, when first asked."""

    def __init__(
        self, module: MypyFile, types: TypeFacts, options: OwnershipOptions, overlay: Overlay,
        check_untyped: bool,
    ) -> None:
        self.module = module
        self.types = types
        self.options = options
        self.overlay = overlay
        self.check_untyped = check_untyped
        self._known: dict[FuncDef, tuple[ParamEffect | None, ...]] = {}
        self._assumed: dict[FuncDef, tuple[ParamEffect | None, ...]] = {}
        self._relied: set[FuncDef] = set()  # whose assumed summary a computation read
        self._own: frozenset[FuncDef] | None = None
        self._results: dict[FuncDef, Acquired | None] = {}
        self._units: dict[FuncDef, Unit] = {}
        self.result_types: dict[FuncDef, Type | None] = {}  # of what a function returning a resource returns
        self.stored = StoredResources(module, types, overlay, self)

    def fields_released_in(self, func: FuncDef) -> dict[Var, frozenset[Acquired]]:
        """What a releasing method of a class owning what it stores leaves owed of its
        fields (docs/design.md §6)."""
        return self.stored.left_owed(func)

    def of_owning_class(self, t: Type | None) -> bool:
        """A value of a class of this module owning what it stores: its methods stay
        callable after a release, as Python's are."""
        p = get_proper_type(t)
        found = self.stored.of_class(p.type) if isinstance(p, Instance) else None
        return found is not None and found.gives_owner

    def called(self, call: CallExpr, type_of: Callable[[Expression], Type | None]) -> FuncDef | None:
        """The function of this module a call reaches, if its signature is plain enough."""
        sig = callable_of(type_of(call.callee))
        func = sig.definition if sig is not None else None
        return func if isinstance(func, FuncDef) and self.summarisable(func) else None

    def summarisable(self, func: FuncDef) -> bool:
        return func in self.functions() and (self.check_untyped or not func.is_dynamic()) and bool(func.body.body)

    def with_returned(self, calls: list[CallExpr]) -> list[CallExpr]:
        """The prefilter's calls (docs/design.md §11.8), with the calls of this module's
        functions that return a resource, the constructors of its classes owning what they
        store and the releases in their releasing methods; only a function or class holding
        one of these calls can return or store a resource."""
        if self.types.type_map is None:
            return calls
        found = list(calls)
        # what a holder's name can select: a call of a name or member, in the map's order
        named = [(c.callee.name, c) for c in self.types.calls if isinstance(c.callee, (NameExpr, MemberExpr))]
        seen = set(found)
        asked: set[CallExpr] = set()  # whose result was looked up: the answer does not change

        def add(more: list[CallExpr]) -> None:
            found.extend(c for c in more if c not in seen)
            seen.update(more)

        while True:  # a class or function holding an added call may return or store one
            size, lines = len(found), sorted(c.line for c in found)
            for owning in self.stored.classes(lambda defn: _spans(defn, lines)):
                add(list(owning.releases))  # a releasing method is checked
                if owning.gives_owner:
                    add([c for c in self.types.calls if isinstance(c.callee, RefExpr) and c.callee.node is owning.info])
            holders = {f.name for f in self.functions() if _spans(f, lines)}
            fresh = [c for name, c in named if name in holders and c not in seen and c not in asked]
            asked.update(fresh)
            add([c for c in fresh if self.result_of(c, self.types.type_of) is not None])
            if len(found) == size:
                return sorted(found, key=lambda c: (c.line, c.column))

    def functions(self) -> frozenset[FuncDef]:
        """Every function the module defines (at top level, in classes, nested)."""
        if self._own is None:
            self._own = frozenset(all_definitions(self.module.defs))
        return self._own

    def result_of(self, call: CallExpr, type_of: Callable[[Expression], Type | None]) -> Acquired | None:
        """The resource the called function returns, acquired at the call; an ownership
        word on its return wins over the summary."""
        if isinstance(call.callee, RefExpr) and isinstance(call.callee.node, TypeInfo):
            owning = self.stored.of_class(call.callee.node)
            return owning.acquired(call, "") if owning is not None and owning.gives_owner else None
        func = self.called(call, type_of)
        if func is None or (isinstance(func.type, CallableType) and mode_of(func.type.ret_type) is not None):
            return None
        declared = func.type.ret_type if isinstance(func.type, CallableType) else None
        if func.is_dynamic() or declared is None or isinstance(get_proper_type(declared), AnyType):
            # an untyped result gives callers nothing (infer still proposes its Own, asking
            # ``returns`` itself): their truth tests (if not conn: return) cannot tell None
            # from the resource there, so its summary is not computed for them
            return None
        found = self.returns(func)
        if found is None:
            return None
        return found._replace(line=call.line, column=call.column, help=found.help._replace(callee=func.name))

    def returns(self, func: FuncDef) -> Acquired | None:
        """The resource every ``return`` of a value gives back (as acquired in the body)."""
        if func in self._results:
            return self._results[func]
        self._results[func] = None  # a recursive call, while this is computed
        if func.is_generator or func.is_coroutine or func.name == "__init__" or not self.summarisable(func):
            return None
        returns = {
            s: s.expr for s in iter_statements(func.body.body)
            if isinstance(s, ReturnStmt) and s.expr is not None and not is_none(s.expr)
        }
        if not returns or not all(isinstance(v, (CallExpr, NameExpr)) for v in returns.values()):
            return None
        self._results[func] = found = self._returned(func, returns)
        return found

    def _returned(self, func: FuncDef, returns: dict[ReturnStmt, Expression]) -> Acquired | None:
        """What the ``return`` statements give back; a flow is solved only where one
        returns a local, to know what it owes there."""
        unit = self._unit(func)
        flow = _ReturnFlow(unit)
        effects = flow.effects
        if all(isinstance(v, CallExpr) for v in returns.values()):
            flow.returned = {s: v for s, v in returns.items() if isinstance(v, CallExpr)}
        elif not flow.anything_to_follow():
            return None
        else:
            flow.run()
        params = {(a.line, a.column) for a in func.arguments}
        found: list[Acquired] = []
        for stmt, value in flow.returned.items():
            if isinstance(value, CallExpr):
                obligation = effects.result_obligation("", value) if effects.produces_owned(value) else None
            elif isinstance(stmt.expr, NameExpr) and not _bound_only_to_resources(func, stmt.expr, effects.produces_owned):
                return None  # owed on some paths only: a parameter's object on others
            else:
                obligation = value
            acquired = sorted(
                a for a in (obligation.acquired if obligation is not None else ())
                if a.help.kind != PIPES and (a.line, a.column) not in params and not a.held
            )
            if not acquired:
                return None
            found.append(acquired[0])
            self.result_types.setdefault(func, self.types.type_of(stmt.expr) if stmt.expr is not None else None)
        return found[0] if found else None

    def of_call(self, call: CallExpr, type_of: Callable[[Expression], Type | None]) -> dict[int, ParamEffect]:
        """What the called function of this module does with each actual argument; an
        argument landing in a parameter annotated with a mode is left to its annotation."""
        sig = callable_of(type_of(call.callee))
        func = sig.definition if sig is not None else None
        if sig is None or not isinstance(func, FuncDef):
            return {}
        effects = self.of(func)
        if not any(effects):
            return {}
        offset = len(func.arguments) - len(sig.arg_types)  # a bound method's self
        found: dict[int, ParamEffect] = {}
        mapping = map_actuals_to_formals(
            call.arg_kinds, call.arg_names, sig.arg_kinds, sig.arg_names,
            lambda _: AnyType(TypeOfAny.special_form),
        )
        for formal, actuals in enumerate(mapping):
            effect = effects[formal + offset] if 0 <= formal + offset < len(effects) else None
            if effect is not None and mode_of(sig.arg_types[formal]) is None:
                found.update((actual, effect) for actual in actuals)
        return found

    def of(self, func: FuncDef) -> tuple[ParamEffect | None, ...]:
        known = self._known.get(func)
        if known is not None:
            return known
        assumed = self._assumed.get(func)
        if assumed is not None:
            self._relied.add(func)
            return assumed  # a recursive call, while its summary is computed
        if not self.summarisable(func):
            return ()
        params = self._parameters(func)
        if not params:
            self._known[func] = ()
            return ()
        # the greatest fixed point: assume a recursive call releases what it is given, and
        # compute again until the result is what was assumed (it only ever weakens)
        self._assumed[func] = result = tuple(
            ParamEffect.RELEASES if i in params else None for i in range(len(func.arguments))
        )
        for _ in range(_ROUNDS):
            before = set(self._known)
            self._relied.discard(func)
            result = self._compute(func, params)
            if result == self._assumed[func] or func not in self._relied:
                break
            self._assumed[func] = result
            for other in set(self._known) - before:
                del self._known[other]  # computed from an assumption that did not hold
        del self._assumed[func]
        self._known[func] = result
        return result

    def _unit(self, func: FuncDef) -> Unit:
        """One unit per function, whose graph is built once for its result's summary and
        every round of its parameters' (the graph does not depend on the summaries)."""
        unit = self._units.get(func)
        if unit is None:
            unit = self._units[func] = Unit(
                self.module, func.body.body, func, self.types, self.options, kind="function",
                name=func.name, overlay=self.overlay, summaries=self,
            )
        return unit

    def _compute(self, func: FuncDef, params: dict[int, Acquired]) -> tuple[ParamEffect | None, ...]:
        unit = self._unit(func)
        flow = _ParameterFlow(unit, {func.arguments[i].variable: a for i, a in params.items()})
        facts = flow.run().facts
        unpaid = {(f.acquired.line, f.acquired.column) for f in facts if type(f) is Leaked}
        end = flow.exit_state
        effects: list[ParamEffect | None] = [None] * len(func.arguments)
        for i, acquired in params.items():
            var = func.arguments[i].variable
            if end is None or (acquired.line, acquired.column) in unpaid or var in end.owes:
                continue
            moved = end.moved.get(var)
            sites = moved.sites if moved is not None and moved.definite else frozenset()
            if sites and all(s.release for s in sites):
                effects[i] = ParamEffect.RELEASES
            elif sites and all(s.how != by_return() for s in sites):
                effects[i] = ParamEffect.TAKES_OVER
            else:
                effects[i] = ParamEffect.HANDS_OVER
        return tuple(effects)

    def _parameters(self, func: FuncDef) -> dict[int, Acquired]:
        """The parameters to follow: not the receiver, not ``*args``, not annotated with a
        mode, not of a Copy type, not called (a callable: calling it releases nothing);
        each owes a release from its own position."""
        declared = func.type.arg_types if isinstance(func.type, CallableType) else []
        method = func.info is not FUNC_NO_INFO and not func.is_static
        releasing = untyped_resource(self.overlay).releasing
        called = {
            e.callee.node for stmt in iter_statements(func.body.body) for e in every_expression(stmt)
            if isinstance(e, CallExpr) and isinstance(e.callee, NameExpr)
        }
        found = {}
        for i, arg in enumerate(func.arguments):
            if (i == 0 and method) or arg.kind in (ARG_STAR, ARG_STAR2):
                continue
            if i < len(declared) and mode_of(declared[i]) is not None:
                continue
            if is_copy_type(arg.variable.type) or arg.variable in called:
                continue
            found[i] = Acquired(arg.line, arg.column, arg.variable.name, Help("resource"), releasing)
        return found


class _ParameterFlow(OwnershipFlow):
    """The flow of a function whose parameters each owe a release at entry."""

    def __init__(self, unit: Unit, params: dict[Var, Acquired]) -> None:
        super().__init__(unit)
        self.params = params
        self.scope.owing_params = frozenset(params)

    def _entry_state(self) -> FlowState:
        state = super()._entry_state()
        owes = dict(state.owes)
        owes.update((var, Obligation(frozenset({a}))) for var, a in self.params.items())
        return state.replace(owes=owes)


class _ReturnFlow(OwnershipFlow):
    """The flow of a function, noting what each ``return`` gives back: the call it
    returns, or what the returned local owes just before (None: nothing)."""

    def __init__(self, unit: Unit) -> None:
        super().__init__(unit)
        self.returned: dict[ReturnStmt, CallExpr | Obligation | None] = {}

    def observe(self, step: Step, state: FlowState) -> None:
        stmt = step.node
        if not isinstance(stmt, ReturnStmt) or stmt.expr is None or is_none(stmt.expr):
            return
        value = stmt.expr
        if isinstance(value, CallExpr):
            self.returned[stmt] = value
        else:
            var = self.scope.local(value)
            self.returned[stmt] = state.owes.get(var) if var is not None else None


def _bound_only_to_resources(func: FuncDef, name: NameExpr, fresh: Callable[[CallExpr], bool]) -> bool:
    """Every binding of the returned local in the body is a call that gives a resource:
    what it owes at the ``return`` (a union over paths) is then owed on every path, rather
    than on one while another returns an object the function was given."""
    for stmt in iter_statements(func.body.body):
        if isinstance(stmt, AssignmentStmt):
            if _binds_name(stmt.lvalues, name) and not (
                len(stmt.lvalues) == 1 and isinstance(stmt.lvalues[0], NameExpr)
                and isinstance(stmt.rvalue, CallExpr) and fresh(stmt.rvalue)
            ):
                return False
        elif isinstance(stmt, (ForStmt, WithStmt)):
            targets = [stmt.index] if isinstance(stmt, ForStmt) else [t for t in stmt.target if t is not None]
            if _binds_name(targets, name):
                return False
    return True


def _binds_name(targets: list[Expression], name: NameExpr) -> bool:
    return any(isinstance(e, NameExpr) and e.node is name.node for t in targets for e in every_expression(t))


def _spans(node: FuncDef | ClassDef, lines: list[int]) -> bool:
    """A definition holds one of these lines (sorted)."""
    at = bisect.bisect_left(lines, node.line)
    return at < len(lines) and lines[at] <= (node.end_line or node.line)
