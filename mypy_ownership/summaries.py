"""Same-module summaries: what a function of the module does with each parameter, read
from its body (docs/design.md §2.3).

A parameter with no ownership annotation is analysed as a known owner the function was
handed: if every path that returns released it (``f.close()``, a with block, another
summarised helper), the function *releases* it for its callers; if every such path
released it or handed it over (stored it, returned it, gave it to a ``@takes_over``
callee), it *hands it over*. A path that keeps it, rebinds it or lets it go unpaid means
neither. Only this module's bodies are read, so a warm run (which does not see other
modules' bodies either) agrees with a cold one. Recursion is solved to the greatest fixed
point: a recursive call is first taken to release what it is given, and the summary is
computed again until it says what was assumed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from mypy.nodes import (
    ARG_STAR,
    ARG_STAR2,
    FUNC_NO_INFO,
    CallExpr,
    Expression,
    FuncDef,
    MypyFile,
    Statement,
    Var,
)
from mypy.argmap import map_actuals_to_formals
from mypy.types import AnyType, CallableType, Type, TypeOfAny

from mypy_ownership.config import OwnershipOptions
from mypy_ownership.effects import ParamEffect, untyped_resource
from mypy_ownership.facts import Leaked
from mypy_ownership.flow import OwnershipFlow
from mypy_ownership.overlay import Overlay
from mypy_ownership.signatures import callable_of, is_copy_type, mode_of
from mypy_ownership.state import Acquired, FlowState, Help, Obligation
from mypy_ownership.unit import TypeFacts, Unit, definitions


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
        if self._own is None:
            self._own = frozenset(_functions(self.module.defs))
        if func not in self._own or (func.is_dynamic() and not self.check_untyped) or not func.body.body:
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

    def _compute(self, func: FuncDef, params: dict[int, Acquired]) -> tuple[ParamEffect | None, ...]:
        unit = Unit(
            self.module, func.body.body, func, self.types, self.options, kind="function",
            name=func.name, overlay=self.overlay, summaries=self,
        )
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
            released = moved is not None and moved.definite and all(s.release for s in moved.sites)
            effects[i] = ParamEffect.RELEASES if released else ParamEffect.HANDS_OVER
        return tuple(effects)

    def _parameters(self, func: FuncDef) -> dict[int, Acquired]:
        """The parameters to follow: not the receiver, not ``*args``, not annotated with a
        mode, not of a Copy type; each owes a release from its own position."""
        declared = func.type.arg_types if isinstance(func.type, CallableType) else []
        method = func.info is not FUNC_NO_INFO and not func.is_static
        releasing = untyped_resource(self.overlay).releasing
        found = {}
        for i, arg in enumerate(func.arguments):
            if (i == 0 and method) or arg.kind in (ARG_STAR, ARG_STAR2):
                continue
            if i < len(declared) and mode_of(declared[i]) is not None:
                continue
            if is_copy_type(arg.variable.type):
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


def _functions(body: list[Statement]) -> Iterator[FuncDef]:
    """Every function defined in a module: at top level, in classes, nested in functions."""
    for func in definitions(body):
        yield func
        yield from _functions(func.body.body)
