"""Writing ``infer``'s proposals into a module's source with libcst (docs/design.md §13).

libcst keeps every byte it is not asked to change (comments, blank lines, quoting, line
breaks inside signatures), so a proposal changes one annotation and the ``from
mypy_ownership import ...`` line, and nothing else; it is an optional dependency (the
``infer`` extra), imported only by the command, never by the plugin.

A proposal names its place by the function's qualified name and the parameter, the return,
the receiver or the field; the def line only chooses between definitions of one name
(a property's getter and setter). An annotation that already says the proposed mode is
left as it is (so a second run changes nothing); one that says another mode is kept
(explicit annotations win) and the proposal is skipped, as is one whose type is unknown
where there is no annotation to wrap.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import os
import re
import sys
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Union

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

if TYPE_CHECKING:
    from mypy_ownership.inference import Proposal

VOCABULARY_MODULE: Final = "mypy_ownership"
MODES: Final = ("Own", "Ref", "Mut")
_MODE_TEXT: Final = re.compile(r"^\s*(?:mypy_ownership\.)?(Own|Ref|Mut)\s*\[")

_Def = Union[cst.FunctionDef, cst.ClassDef]
_Statement = Union[cst.SimpleStatementLine, cst.BaseCompoundStatement]


@dataclass
class Outcome:
    """What one module's rewriting did: the new source, and each proposal's fate."""

    source: str
    applied: list[Proposal] = field(default_factory=list)
    already: list[Proposal] = field(default_factory=list)  # the place says that mode already
    skipped: list[tuple[Proposal, str]] = field(default_factory=list)  # with the reason


@dataclass
class _FieldSites:
    declared: cst.AnnAssign | None = None  # ``name: T`` in the class body
    stores: list[tuple[int, cst.AnnAssign | cst.Assign]] = field(default_factory=list)


class _Sites(cst.CSTVisitor):
    """First pass: every definition and every store to a field of ``self``, with lines."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.stack: list[_Def] = []
        self.functions: dict[str, list[tuple[int, cst.FunctionDef]]] = {}
        self.fields: dict[tuple[str, str], _FieldSites] = {}
        self.classes: dict[str, int] = {}  # each class of the module: the last line of its body
        self.receivers: list[str] = []  # the first parameter's name of each enclosing method

    def _qualname(self, name: str) -> str:
        return ".".join([*(d.name.value for d in self.stack), name])

    def _line(self, node: cst.CSTNode) -> int:
        return self.get_metadata(PositionProvider, node).start.line

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        end = self.get_metadata(PositionProvider, node).end.line
        self.classes[node.name.value] = max(end, self.classes.get(node.name.value, 0))
        qual = self._qualname(node.name.value)
        for stmt in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
            for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    self.fields.setdefault((qual, small.target.value), _FieldSites()).declared = small
        self.stack.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        qual = self._qualname(node.name.value)
        self.functions.setdefault(qual, []).append((self._line(node.name), node))
        first = _positional(node.params)
        in_class = bool(self.stack) and isinstance(self.stack[-1], cst.ClassDef)
        self.receivers.append(first[0].name.value if first and in_class else "")
        self.stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()
        self.receivers.pop()

    def _enclosing_class(self) -> str | None:
        """The class whose method (or a function nested in one) this is, and its receiver."""
        for depth in range(len(self.stack) - 1, 0, -1):
            if isinstance(self.stack[depth], cst.FunctionDef) and isinstance(self.stack[depth - 1], cst.ClassDef):
                return ".".join(d.name.value for d in self.stack[:depth])
        return None

    def _store(self, node: cst.AnnAssign | cst.Assign, target: cst.BaseExpression) -> None:
        owner = self._enclosing_class()
        receiver = next((r for r in reversed(self.receivers) if r), "")
        if (
            owner is not None and isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name) and target.value.value == receiver
        ):
            sites = self.fields.setdefault((owner, target.attr.value), _FieldSites())
            sites.stores.append((self._line(node), node))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._store(node, node.target)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1:
            self._store(node, node.targets[0].target)


def _positional(params: cst.Parameters) -> list[cst.Param]:
    return [*params.posonly_params, *params.params]


def mode_of(annotation: cst.Annotation | None) -> str | None:
    """The ownership word an annotation is written with, if any."""
    if annotation is None:
        return None
    expr = annotation.annotation
    if isinstance(expr, cst.SimpleString):
        found = _MODE_TEXT.match(expr.evaluated_value if isinstance(expr.evaluated_value, str) else "")
        return found.group(1) if found else None
    if isinstance(expr, cst.Subscript):
        head = expr.value
        name = head.attr.value if isinstance(head, cst.Attribute) else getattr(head, "value", None)
        return name if name in MODES else None
    return None


def _wrap(mode: str, expr: cst.BaseExpression) -> cst.Annotation:
    return cst.Annotation(cst.Subscript(cst.Name(mode), [cst.SubscriptElement(cst.Index(expr))]))


class _Types:
    """Turns a proposal's ``type_text`` into an expression valid in the module: a name of
    the module itself loses its module prefix, a dotted name gets its module imported, a
    ``typing`` name gets imported from typing; a class of this module is quoted where the
    annotation would be evaluated before the class exists (in its own body, or above it)."""

    def __init__(self, module: cst.Module, classes: dict[str, int], module_name: str) -> None:
        self.bound = _bound_names(module)
        self.classes = classes
        self.module_name = module_name
        self.future = "annotations" in self.bound.get("__future__", set())
        self.imports: set[str] = set()  # ``import x.y`` lines to add
        self.from_typing: set[str] = set()
        self.imported = _imported_modules(module)

    def _home(self, name: str) -> str | None:
        """The standard module a short class name comes from: one the module imports, else
        the only one among the modules the ownership stubs describe (those whose classes
        are resources); None when there is none, or more than one."""
        for module in self.imported.values():
            if module.partition(".")[0] in sys.stdlib_module_names and _defines(module, name):
                return module
        return _standard_home(name)

    def expression(self, text: str, line: int) -> cst.BaseExpression | None:
        if self.module_name and text.startswith(self.module_name + "."):
            text = re.sub(rf"\b{re.escape(self.module_name)}\.", "", text)
        text = re.sub(r"\bbuiltins\.", "", text)
        try:
            expr = cst.parse_expression(text)
        except cst.ParserSyntaxError:
            return None
        imports: set[str] = set()
        typing_names: set[str] = set()
        early = False  # names a class whose definition is not complete at ``line``
        for root, dotted in _roots(expr):
            if root in self.classes:
                early = early or self.classes[root] >= line
            elif root in self.bound["*"] or hasattr(builtins, root):
                pass
            elif "." in dotted:
                imports.add(dotted.rpartition(".")[0])
            elif hasattr(typing, root):
                typing_names.add(root)
            else:
                home = self._home(root)
                if home is None:
                    return None  # a name the module cannot see: better no annotation than a wrong one
                if home not in self.imported.values():
                    imports.add(home)
                alias = next((bound for bound, name in self.imported.items() if name == home), home)
                return self.expression(re.sub(rf"(?<![\w.]){root}\b", f"{alias}.{root}", text), line)
        self.imports |= imports
        self.from_typing |= typing_names
        if early and not self.future:
            return cst.SimpleString('"' + cst.Module([]).code_for_node(expr) + '"')
        return expr


def _defines(module: str, name: str) -> bool:
    try:
        return isinstance(getattr(importlib.import_module(module), name, None), type)
    except Exception:  # a module this interpreter lacks (a platform's), or one failing to import
        return False


@functools.lru_cache(maxsize=None)
def _standard_home(name: str) -> str | None:
    from mypy_ownership.stub_files import LIBRARIES, SHIPPED

    found: dict[object, str] = {}
    for folder, _, files in sorted(os.walk(SHIPPED)):
        if os.path.commonpath([folder, LIBRARIES]) == LIBRARIES:
            continue  # the standard library's stubs only
        package = os.path.relpath(folder, SHIPPED).replace(os.sep, ".").removeprefix(".")
        for file in sorted(files):
            stem = file.removesuffix(".pyi")
            module = package if stem == "__init__" else f"{package}.{stem}".strip(".")
            if not module or any(part.startswith("_") for part in module.split(".")) or module in ("builtins", "typing"):
                continue
            if _defines(module, name):
                cls = getattr(importlib.import_module(module), name)
                if cls not in found or len(module) < len(found[cls]):
                    found[cls] = module
    return next(iter(found.values())) if len(found) == 1 else None


def _imported_modules(module: cst.Module) -> dict[str, str]:
    """``import m`` / ``import m as x`` at module level: the bound name -> the module."""
    found: dict[str, str] = {}
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                for alias in small.names:
                    name = cst.Module([]).code_for_node(alias.name)
                    if alias.asname is not None:
                        found[cst.Module([]).code_for_node(alias.asname.name)] = name
                    elif "." not in name:
                        found[name] = name
    return found


def _roots(expr: cst.BaseExpression) -> list[tuple[str, str]]:
    """Each name an expression reads, as (its first part, the whole dotted name)."""
    found: list[tuple[str, str]] = []

    class Names(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            dotted = cst.Module([]).code_for_node(node)
            found.append((dotted.split(".")[0], dotted))
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.append((node.value, node.value))

    expr.visit(Names())
    return found


def _bound_names(module: cst.Module) -> dict[str, set[str]]:
    """Module-level names ("*") and, per imported-from module, the names imported."""
    names: dict[str, set[str]] = {"*": set()}
    for stmt in module.body:
        if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
            names["*"].add(stmt.name.value)
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                for alias in small.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    names["*"].add(cst.Module([]).code_for_node(bound).split(".")[0])
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                source = cst.Module([]).code_for_node(small.module) if small.module else ""
                for alias in small.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    value = cst.Module([]).code_for_node(bound)
                    names["*"].add(value)
                    names.setdefault(source, set()).add(cst.Module([]).code_for_node(alias.name))
            elif isinstance(small, (cst.Assign, cst.AnnAssign)):
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                names["*"].update(t.value for t in targets if isinstance(t, cst.Name))
    return names


class _Annotator(cst.CSTTransformer):
    """Second pass: the chosen annotations, node by node, and the import lines."""

    def __init__(self, functions: dict[cst.FunctionDef, list[tuple[Proposal, cst.BaseExpression | None]]],
                 stores: dict[cst.CSTNode, tuple[Proposal, cst.BaseExpression | None]]) -> None:
        self.functions = functions
        self.stores = stores

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        for proposal, expr in self.functions.get(original_node, ()):
            updated_node = _annotate_function(updated_node, proposal, expr)
        return updated_node

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign) -> cst.AnnAssign:
        if original_node in self.stores:
            proposal, _ = self.stores[original_node]
            return updated_node.with_changes(annotation=_wrap(proposal.mode, updated_node.annotation.annotation))
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.BaseSmallStatement:
        if original_node in self.stores:
            proposal, expr = self.stores[original_node]
            assert expr is not None
            return cst.AnnAssign(
                target=updated_node.targets[0].target, annotation=_wrap(proposal.mode, expr),
                value=updated_node.value, semicolon=updated_node.semicolon,
            )
        return updated_node


def _annotate_function(node: cst.FunctionDef, proposal: Proposal, expr: cst.BaseExpression | None) -> cst.FunctionDef:
    if proposal.place == "return":
        new = expr if node.returns is None else node.returns.annotation
        assert new is not None
        return node.with_changes(returns=_wrap(proposal.mode, new))
    param = _param(node.params, proposal)
    assert param is not None
    new = expr if param.annotation is None else param.annotation.annotation
    assert new is not None
    changed = param.with_changes(annotation=_wrap(proposal.mode, new))
    if param.default is not None and param.annotation is None:
        changed = changed.with_changes(equal=cst.AssignEqual())  # ``x: T = 1``, PEP 8's spacing
    return node.with_changes(params=node.params.deep_replace(param, changed))


def _param(params: cst.Parameters, proposal: Proposal) -> cst.Param | None:
    if proposal.place == "receiver":
        first = _positional(params)
        return first[0] if first else None
    name = proposal.place.partition(":")[2]
    every = [*_positional(params), *params.kwonly_params]
    return next((p for p in every if p.name.value == name), None)


def annotate(source: str, proposals: Sequence[Proposal], module_name: str = "") -> Outcome:
    """The module's source with the proposals written in; raises libcst's ParserSyntaxError
    for a source it cannot parse."""
    wrapper = MetadataWrapper(cst.parse_module(source))
    sites = _Sites()
    wrapper.visit(sites)
    module = wrapper.module
    types = _Types(module, sites.classes, module_name)
    outcome = Outcome(source)
    functions: dict[cst.FunctionDef, list[tuple[Proposal, cst.BaseExpression | None]]] = {}
    stores: dict[cst.CSTNode, tuple[Proposal, cst.BaseExpression | None]] = {}
    modes: set[str] = set()
    for proposal in proposals:
        found = _place(proposal, sites, types)
        if isinstance(found, str):
            if found == "already":
                outcome.already.append(proposal)
            else:
                outcome.skipped.append((proposal, found))
            continue
        node, expr = found
        if isinstance(node, cst.FunctionDef):
            functions.setdefault(node, []).append((proposal, expr))
        else:
            stores[node] = (proposal, expr)
        outcome.applied.append(proposal)
        modes.add(proposal.mode)
    if not outcome.applied:
        return outcome
    module = module.visit(_Annotator(functions, stores))
    module = _add_imports(module, modes, types)
    outcome.source = module.code
    return outcome


def _place(proposal: Proposal, sites: _Sites, types: _Types) -> tuple[cst.CSTNode, cst.BaseExpression | None] | str:
    """The node a proposal changes and the type to write where there is no annotation to
    wrap; or why it changes nothing ("already", or the reason it is skipped)."""
    if proposal.mode not in MODES:
        return f"unknown mode {proposal.mode!r}"
    if proposal.place.startswith("field:"):
        return _field(proposal, sites, types)
    defs = sites.functions.get(proposal.function)
    if not defs:
        return "no such function"
    line, node = min(defs, key=lambda d: abs(d[0] - proposal.line))
    if proposal.place == "return":
        annotation = node.returns
    else:
        param = _param(node.params, proposal)
        if param is None or param.star:
            return "no such parameter"
        annotation = param.annotation
    if annotation is not None:
        existing = mode_of(annotation)
        if existing == proposal.mode:
            return "already"
        return f"annotated {existing}" if existing else (node, None)
    text = proposal.type_text or (proposal.cls if proposal.place == "receiver" else "")
    if not text:
        return "type unknown"
    expr = types.expression(text, line)
    return (node, expr) if expr is not None else f"type {text!r} not visible in the module"


def _field(proposal: Proposal, sites: _Sites, types: _Types) -> tuple[cst.CSTNode, cst.BaseExpression | None] | str:
    found = sites.fields.get((proposal.cls, proposal.place.partition(":")[2]))
    if found is None:
        return "no such field"
    declared = [found.declared] if found.declared is not None else []
    annotated = declared or [node for _, node in found.stores if isinstance(node, cst.AnnAssign)]
    if annotated:
        existing = {mode_of(node.annotation) for node in annotated if isinstance(node, cst.AnnAssign)}
        if proposal.mode in existing:
            return "already"
        if existing - {None}:
            return f"annotated {sorted(m for m in existing if m)[0]}"
        return annotated[0], None
    if not proposal.type_text:
        return "type unknown"
    if not found.stores:
        return "no such field"
    line, store = min(found.stores, key=lambda s: abs(s[0] - proposal.line))
    expr = types.expression(proposal.type_text, line)
    if expr is None:
        return f"type {proposal.type_text!r} not visible in the module"
    return store, expr


def _add_imports(module: cst.Module, modes: set[str], types: _Types) -> cst.Module:
    """Merge the vocabulary (and a type's ``typing`` names) into an existing ``from ...
    import`` line, or add one after the module's leading imports; add ``import x`` for a
    type's dotted module."""
    wanted = {"typing": sorted(types.from_typing), VOCABULARY_MODULE: sorted(modes)}
    body = list(module.body)
    for name in sorted(types.imports):
        if name.split(".")[0] not in types.bound["*"]:
            body.insert(_import_position(body), cst.parse_statement(f"import {name}\n"))
    for source, names in wanted.items():
        missing = [n for n in names if n not in types.bound.get(source, set())]
        if not missing:
            continue
        for index, stmt in enumerate(body):
            merged = _merged(stmt, source, missing)
            if merged is not None:
                body[index] = merged
                break
        else:
            line = f"from {source} import {', '.join(missing)}\n"
            body.insert(_import_position(body), cst.parse_statement(line))
    after = _import_position(body)
    if after < len(body) and len(body) > len(module.body) and not body[after].leading_lines:
        blank = 2 if isinstance(body[after], (cst.ClassDef, cst.FunctionDef)) else 1
        body[after] = body[after].with_changes(leading_lines=[cst.EmptyLine()] * blank)
    return module.with_changes(body=body)


def _merged(stmt: _Statement, source: str, missing: list[str]) -> _Statement | None:
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    for small in stmt.body:
        if (
            isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None
            and cst.Module([]).code_for_node(small.module) == source
            and not isinstance(small.names, cst.ImportStar)
        ):
            names = list(small.names)
            trailing = names[-1].comma
            names[-1] = names[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            names += [cst.ImportAlias(cst.Name(n), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                      for n in missing]
            names[-1] = names[-1].with_changes(comma=trailing)
            merged = stmt.deep_replace(small, small.with_changes(names=names))
            assert isinstance(merged, cst.SimpleStatementLine)
            return merged
    return None


def _import_position(body: Sequence[_Statement]) -> int:
    """After the docstring, ``from __future__`` and the leading block of imports."""
    position = 0
    for index, stmt in enumerate(body):
        smalls = stmt.body if isinstance(stmt, cst.SimpleStatementLine) else None
        if smalls is None:
            break
        leading_string = index == 0 and isinstance(smalls[0], cst.Expr) and isinstance(smalls[0].value, cst.SimpleString)
        if leading_string or all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in smalls):
            position = index + 1
        else:
            break
    return position
