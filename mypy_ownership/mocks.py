"""Mocks: where a test patches an acquirer, a call to it reaches the mock and acquires
nothing (docs/design.md §7.5).

Read from the tree alone: the patch decorators of a function; those of its class, for a
method whose name starts with ``test`` (CPython's ``unittest.mock``:
``_patch.decorate_class`` patches only the attributes starting with
``patch.TEST_PREFIX``); and the ``with`` statements of its body, from the patcher on to the
end of the block. A module that imports neither ``unittest`` nor ``mock`` is not searched:
this costs nothing where mocks are never mentioned. ``effects.py`` asks ``Patches.cover``
and treats a covered call as one to an unknown function.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from mypy.nodes import (
    ARG_POS,
    FUNC_NO_INFO,
    CallExpr,
    Decorator,
    Expression,
    FuncDef,
    MemberExpr,
    MypyFile,
    NameExpr,
    OpExpr,
    RefExpr,
    Statement,
    StrExpr,
    TypeInfo,
    WithStmt,
)

from mypy_ownership.arguments import module_constants
from mypy_ownership.unit import definitions, iter_statements

# unittest.mock.patch, and the same object from the ``mock`` backport
PATCHERS: Final = frozenset({"unittest.mock.patch", "mock.patch", "mock.mock.patch"})
_PATCH_OBJECT: Final = "object"  # patch.object(target, "attribute", ...)
_MOCK_MODULES: Final = ("unittest", "mock")
_TEST_PREFIX: Final = "test"  # unittest.mock.patch.TEST_PREFIX

Position = tuple[int, int]


class Patches(NamedTuple):
    """The full names a unit's code calls patched: in the whole body (decorators), and in
    parts of it (``with`` blocks: from where the patcher ends to the block's last line).
    ``module``: the unit's module, whose own globals a test may patch (``open`` there)."""

    everywhere: frozenset[str]
    blocks: tuple[tuple[Position, int, str], ...]
    module: str = ""

    def cover(self, call: CallExpr) -> bool:
        """The call's callee is patched where the call stands."""
        if not self.everywhere and not self.blocks:
            return False
        names = _names(call.callee, self.module)
        if not names:
            return False
        if names & self.everywhere:
            return True
        where = (call.line, call.column)
        return any(start <= where and call.line <= last and name in names for start, last, name in self.blocks)


NOTHING: Final = Patches(frozenset(), ())


def patches_in(module: MypyFile | None, func: object) -> Patches:
    """What a function's code runs with patched (a module's or class's top level: nothing)."""
    if module is None or not isinstance(func, FuncDef) or not imports_mock(module):
        return NOTHING
    decorators = list(_decorators(module, func))
    if func.info is not FUNC_NO_INFO and func.name.startswith(_TEST_PREFIX):
        decorators += func.info.defn.decorators
    here = module.fullname
    constants = _string_constants(module)
    everywhere = frozenset(t for t in (patched(d, here, constants) for d in decorators) if t is not None)
    everywhere |= _inherited(module, func)
    blocks = tuple(
        ((item.end_line or item.line, item.end_column or item.column), stmt.end_line or stmt.line, target)
        for stmt in iter_statements(func.body.body) if isinstance(stmt, WithStmt)
        for item in stmt.expr if (target := patched(item, here, constants)) is not None
    )
    return Patches(everywhere, blocks, here) if everywhere or blocks else NOTHING


def _inherited(module: MypyFile, func: FuncDef) -> frozenset[str]:
    """A nested function defined where its enclosing function runs with a patch (a
    decorator of it, or a ``with`` block around the definition) is called under it too."""
    path = _enclosing(module.defs, func)
    if not path:
        return frozenset()
    found: set[str] = set()
    for outer in path:
        patches = patches_in(module, outer)
        found |= patches.everywhere
        found |= {t for start, last, t in patches.blocks if start[0] <= func.line <= last}
    return frozenset(found)


def _enclosing(body: list[Statement], func: FuncDef) -> list[FuncDef]:
    """The functions a nested function is defined in, outermost first (empty: not nested)."""
    for outer in definitions(body):
        if outer is func:
            return []
        if outer.line <= func.line <= (outer.end_line or outer.line):
            inner = _enclosing(outer.body.body, func)
            return [outer, *inner]
    return []


def imports_mock(module: MypyFile) -> bool:
    """The module imports ``unittest`` or ``mock`` (or a module of theirs), anywhere. Asked
    by every unit's flow: the answer for the module's list of imports (a new list each time
    mypy parses it again) is kept."""
    if _LAST_IMPORTS[0] is not module.imports:
        _LAST_IMPORTS[:] = [module.imports, any(
            i.split(".")[0] in _MOCK_MODULES
            for node in module.imports for i in [i for i, _ in getattr(node, "ids", ())] or [getattr(node, "id", "")]
        )]
    return bool(_LAST_IMPORTS[1])


_LAST_IMPORTS: list[object] = [None, False]


def patched(expr: Expression, module: str = "", constants: dict[str, str] | None = None) -> str | None:
    """The full name a patcher call replaces: ``patch("builtins.open", ...)``, a global of
    the calling module (``patch("%s.open" % __name__, ...)``, ``create=True`` shadowing the
    builtin), a module named by a string constant of the module (``"%s.open" % builtin``
    after ``builtin = "builtins"``), or ``patch.object(builtins, "open", ...)`` (a module
    or class, then a literal name)."""
    if not isinstance(expr, CallExpr) or not expr.args or expr.arg_kinds[0] != ARG_POS:
        return None
    callee, first = expr.callee, expr.args[0]
    if isinstance(callee, RefExpr) and callee.fullname in PATCHERS:
        if isinstance(first, OpExpr) and first.op == "%" and isinstance(first.right, NameExpr):
            named = module if _is_module_name(first.right) else (constants or {}).get(first.right.fullname or "")
            first = first.left  # "%s.open" % __name__
            if named and isinstance(first, StrExpr) and first.value.startswith(_FORMAT):
                return named + first.value[len(_FORMAT) - 1:]
        return first.value if isinstance(first, StrExpr) else None
    if (
        isinstance(callee, MemberExpr) and callee.name == _PATCH_OBJECT
        and isinstance(callee.expr, RefExpr) and callee.expr.fullname in PATCHERS
        and len(expr.args) > 1 and expr.arg_kinds[1] == ARG_POS
    ):
        owner, attribute = first.node if isinstance(first, RefExpr) else None, expr.args[1]
        if isinstance(owner, (MypyFile, TypeInfo)) and isinstance(attribute, StrExpr):
            return f"{owner.fullname}.{attribute.value}"
    return None


_FORMAT: Final = "%s."


def _is_module_name(expr: Expression) -> bool:
    return isinstance(expr, NameExpr) and expr.name == "__name__"


def _names(callee: Expression, module: str = "") -> frozenset[str]:
    """The names a callee goes by: mypy's full name (``open`` is ``builtins.open``,
    ``io.open`` is ``_io.open``), its spelling through a module (``io.open``), and for a
    bare name, the module's own global of that name (which a test may create)."""
    names = {callee.fullname} if isinstance(callee, RefExpr) and callee.fullname else set()
    if isinstance(callee, NameExpr) and module:
        names.add(f"{module}.{callee.name}")
    if isinstance(callee, MemberExpr) and isinstance(callee.expr, RefExpr):
        owner = callee.expr.node
        if isinstance(owner, (MypyFile, TypeInfo)):
            names.add(f"{owner.fullname}.{callee.name}")
    return frozenset(names)


def _decorators(module: MypyFile, func: FuncDef) -> list[Expression]:
    """A function's decorators, found through its class or module, or for a nested
    function in the body of the function that defines it."""
    table = func.info.names if func.info is not FUNC_NO_INFO else module.names
    symbol = table.get(func.name)
    node = symbol.node if symbol is not None else None
    if isinstance(node, Decorator) and node.func is func:
        return node.original_decorators
    path = _enclosing(module.defs, func) if func.info is FUNC_NO_INFO else []
    for stmt in iter_statements(path[-1].body.body) if path else ():
        if isinstance(stmt, Decorator) and stmt.func is func:
            return stmt.original_decorators
    return []


def _string_constants(module: MypyFile) -> dict[str, str]:
    """The module's globals bound once to a string literal, by full name."""
    return {
        var.fullname: value.value for var, value in module_constants(module).items() if isinstance(value, StrExpr)
    }
