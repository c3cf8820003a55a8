"""How many of the annotations written by hand ``infer`` finds back (issue 15 item 5;
docs/validation.md, "Inference recovery").

Every case file under ``tests/cases/`` and every docs example that holds ``Own``, ``Ref`` or
``Mut`` (less those in ``LEFT_OUT``) is copied to a temporary directory; there ``Own`` is
stripped from parameters and receivers, ``Own``/``Ref``/``Mut`` from returns, and ``Own``
from fields (``Ref``/``Mut`` on parameters state intent and stay); ``mypy-ownership infer
--write`` runs on the copy, and the result is compared with the originals place by place
(a function's parameter, receiver or return; a class's field):

- recovered: an original annotation proposed back at its place with its mode;
- wrong: a proposal at a place the original does not annotate, or with another mode.

Places in ``LEFT_OUT_PLACES`` (deliberate misuses, each with its reason) are in neither.

Run ``python tests/infer_recovery.py`` (``-v`` lists each miss and each wrong proposal);
``tests/test_infer.py`` runs it on a small subset.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from mypy_ownership.infer_rewrite import mode_of  # noqa: E402

CASES = ROOT / "tests" / "cases"
EXAMPLES = ROOT / "docs" / "examples"
MODES_WRITTEN = re.compile(r"\b(?:Own|Ref|Mut)\[")
CONFIG = "[mypy]\nplugins = mypy_ownership.plugin\nshow_error_codes = True\n"

# Files left out, with the reason (paths relative to the repository; docs fences by page).
LEFT_OUT = {
    "tests/cases/annotation_misuse.py": "its annotations are the misuses ownership-annotation reports;"
    " stripping them leaves nothing a correct program would say",
    "docs/errors/ownership-annotation.md": "the same misuses, as the error page shows them (its"
    " fences whose output is an ownership-annotation error; its fixes are measured)",
    "tests/cases/summaries_results.py": "it tests unannotated code on purpose: what infer proposes"
    " there is right, yet absent from the original",
    "tests/cases/class_owned_fields.py": "the same: classes whose fields nobody annotated",
    "tests/cases/factories_unannotated.py": "the same: factories in a module without the vocabulary",
}

# Places left out, with the reason: (unit, file, function or class, place). Each is a place
# whose annotation in the original is itself the mistake its case reports (so no correct
# proposal gives it back), or one a case leaves unannotated on purpose.
_ERROR_RETURN = ("a deliberate misuse: the original return annotation is the error its case"
                 " reports (a borrow returned as Own or unmanaged, a -> Ref/-> Mut with no"
                 " borrowed source); infer proposes what the error's help asks for, or nothing")
_MOVE_ERROR = ("a deliberate misuse: the Own the original writes is what causes the use-after-move"
               " its case reports; infer's soundness check, which never adds one, drops it")
_FIELD_ERROR = ("a deliberate misuse: the original field annotation is the subject of the error its"
                " case reports (an owned resource field in a class with no releasing method)")
_SUMMARY_TEST = "left unannotated on purpose: the case tests what a summary of the body says"
LEFT_OUT_PLACES = {
    **{("tests/cases", f, where, "return"): _ERROR_RETURN for f, where in [
        ("async_borrows.py", "Session.as_owned"), ("async_borrows.py", "Session.leaked"),
        ("async_borrows.py", "from_nothing"), ("async_borrows.py", "from_an_owned_parameter"),
        ("borrows.py", "returning_a_borrow_as_owned"), ("borrows.py", "returning_a_borrow_unmanaged"),
        ("borrows.py", "reference_to_a_local"), ("borrows.py", "reference_to_an_owned_parameter"),
        ("field_lifetimes.py", "Pool.leak_the_field"), ("field_lifetimes.py", "Pool.peek_plain"),
        ("field_lifetimes.py", "Spare.lend_and_close"),
        ("help_texts.py", "borrowed_result_escapes"), ("help_texts.py", "borrowed_result_returned_as_owned"),
        ("lifetimes.py", "Buffer.leaky_view"), ("lifetimes.py", "no_parameters"), ("lifetimes.py", "only_owned"),
        ("seed_person.py", "hello_with_no_lifetime"),
    ]},
    **{("the ungrouped python fences", f, where, "return"): _ERROR_RETURN for f, where in [
        ("docs_concepts_21.py", "hello"), ("docs_errors_borrow_escape_4.py", "longest"),
        ("docs_errors_move_from_borrow_4.py", "detach"), ("docs_errors_missing_lifetime_1.py", "hello"),
        ("docs_errors_missing_lifetime_3.py", "Buffer.view"), ("docs_errors_missing_lifetime_4.py", "pick"),
        ("docs_errors_missing_lifetime_4.py", "default_name"),
    ]},
    **{(unit, f, where, place): _MOVE_ERROR for unit, f, where, place in [
        ("tests/cases", "known_owners.py", "consume", "param:f"),
        ("tests/cases", "moves_straight.py", "returned_owned_then_used_in_finally", "param:conn"),
        ("tests/cases", "moves_straight.py", "returned_owned_then_used_in_finally", "return"),
        ("tests/cases", "moves_straight.py", "connect", "return"),
        ("tests/cases", "seed_person.py", "is_thirties", "param:person"),
        ("tests/cases", "known_owners.py", "declared_owner_moves_into_a_container", "param:f"),
        ("the ungrouped python fences", "docs_concepts_3.py", "is_thirties", "param:person"),
        ("the ungrouped python fences", "docs_index_2.py", "is_thirties", "param:person"),
        ("README.md example using-it", "app.py", "is_thirties", "param:person"),
        ("docs/examples", "app/client.py", "hang_up", "param:conn"),
        ("docs/examples", "app/workspace.py", "cleanup", "param:workspace"),
        ("the ungrouped python fences", "docs_comparison_1.py", "send_all", "param:conn"),
        ("the ungrouped python fences", "docs_errors_use_after_move_1.py", "serve", "param:conn"),
        ("the ungrouped python fences", "docs_errors_use_after_move_6.py", "close_via_new_owner", "param:f"),
        ("the ungrouped python fences", "docs_getting_started_3.py", "hang_up", "param:conn"),
    ]},
    ("tests/cases", "exit_release.py", "Borrowing", "field:out"): _FIELD_ERROR,
    ("docs/examples", "app/process.py", "default_label", "return"): _ERROR_RETURN,
    ("tests/cases", "stdlib/with_subject_cases.py", "_close_quietly", "param:conn"): _SUMMARY_TEST,
}

# the causes of a miss that leave nothing to infer from (``_cause``)
_DECLARED_CLASS = "a class only a stripped releasing method with an empty body makes a resource"
DECLARATIONS_ONLY = frozenset({
    "a body that shows nothing (..., pass, a docstring)",
    "handed to a function whose body shows nothing",
    _DECLARED_CLASS,
})

Place = tuple[str, ...]  # (unit,) file, function or class, place


@dataclass
class Unit:
    """What one ``infer`` run checks: files (relative path -> text) and a configuration."""

    name: str
    files: dict[str, str]
    config: str = CONFIG


@dataclass
class Figures:
    originals: dict[Place, str] = field(default_factory=dict)
    proposed: dict[Place, str] = field(default_factory=dict)
    causes: dict[Place, str] = field(default_factory=dict)  # why an original was missed

    @property
    def recovered(self) -> list[Place]:
        return [p for p, mode in self.originals.items() if self.proposed.get(p) == mode]

    @property
    def wrong(self) -> list[Place]:
        return [p for p, mode in self.proposed.items() if self.originals.get(p) != mode]

    def add(self, other: Figures) -> None:
        self.originals.update(other.originals)
        self.proposed.update(other.proposed)
        self.causes.update(other.causes)

    def missed_by_cause(self) -> Counter[str]:
        recovered = set(self.recovered)
        return Counter(self.causes[p] for p in self.originals if p not in recovered)

    def with_code_to_read(self) -> Figures:
        """The figures without the places whose only evidence is a declaration with no body
        (its own, or the callee's or releasing method's it relies on): an annotation there
        states intent no code shows, which no inference can find back."""
        aside = {p for p, cause in self.causes.items() if cause in DECLARATIONS_ONLY}
        return Figures(
            {p: m for p, m in self.originals.items() if p not in aside},
            {p: m for p, m in self.proposed.items() if p not in aside},
            {p: c for p, c in self.causes.items() if p not in aside},
        )

    def summary(self) -> str:
        found, wrong = len(self.recovered), len(self.wrong)
        total, proposed = len(self.originals), len(self.proposed)
        return (
            f"recovered {found}/{total} ({100 * found / max(total, 1):.1f} %),"
            f" wrong {wrong}/{proposed} ({100 * wrong / max(proposed, 1):.1f} %)"
        )


# -- reading and stripping annotations ---------------------------------------------------------

class _Places(cst.CSTTransformer):
    """Finds each place's mode; with ``strip``, also takes the stripped ones out."""

    def __init__(self, strip: bool) -> None:
        self.strip = strip
        self.stack: list[cst.FunctionDef | cst.ClassDef] = []
        self.modes: dict[tuple[str, str], str] = {}  # (function or class, place) -> mode
        self.stripped: dict[tuple[str, str], str] = {}

    def _qual(self, name: str = "") -> str:
        return ".".join([*(d.name.value for d in self.stack), *([name] if name else [])])

    def _class(self) -> str | None:
        """The class whose method this is (for ``self.x`` stores)."""
        for depth in range(len(self.stack) - 1, 0, -1):
            if isinstance(self.stack[depth], cst.FunctionDef) and isinstance(self.stack[depth - 1], cst.ClassDef):
                return ".".join(d.name.value for d in self.stack[:depth])
        return None

    def _record(self, where: str, place: str, annotation: cst.Annotation | None, strippable: Iterable[str]) -> bool:
        mode = mode_of(annotation)
        if mode is None:
            return False
        self.modes[(where, place)] = mode
        if self.strip and mode in strippable:
            self.stripped[(where, place)] = mode
            return True
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.stack.pop()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.append(node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self.stack.pop()
        qual = self._qual(updated_node.name.value)
        if self._record(qual, "return", updated_node.returns, ("Own", "Ref", "Mut")):
            updated_node = updated_node.with_changes(returns=_unwrap(updated_node.returns))
        params = updated_node.params
        positional = [*params.posonly_params, *params.params]
        in_class = bool(self.stack) and isinstance(self.stack[-1], cst.ClassDef)

        def strip(param: cst.Param) -> cst.Param:
            receiver = in_class and param is positional[0]
            place = "receiver" if receiver else f"param:{param.name.value}"
            if not self._record(qual, place, param.annotation, ("Own",)):
                return param
            if receiver:
                return param.with_changes(annotation=None, equal=cst.MaybeSentinel.DEFAULT)
            return param.with_changes(annotation=_unwrap(param.annotation))

        params = params.with_changes(**{
            kind: [strip(p) for p in getattr(params, kind)] for kind in ("posonly_params", "params", "kwonly_params")
        })
        return updated_node.with_changes(params=params)

    def leave_AnnAssign(self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign) -> cst.AnnAssign:
        target = updated_node.target
        owner: str | None = None
        if isinstance(target, cst.Name) and self.stack and isinstance(self.stack[-1], cst.ClassDef):
            owner = self._qual()
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            owner = self._class()
        name = target.value if isinstance(target, cst.Name) else target.attr.value if isinstance(target, cst.Attribute) else ""
        if owner is not None and self._record(owner, f"field:{name}", updated_node.annotation, ("Own",)):
            return updated_node.with_changes(annotation=_unwrap(updated_node.annotation))
        return updated_node


def _unwrap(annotation: cst.Annotation | None) -> cst.Annotation:
    assert annotation is not None
    expr = annotation.annotation
    if isinstance(expr, cst.SimpleString):
        inner = re.sub(r"^(\W*)(?:mypy_ownership\.)?(?:Own|Ref|Mut)\[(.*)\](\W*)$", r"\1\2\3", expr.value)
        return annotation.with_changes(annotation=cst.SimpleString(inner))
    assert isinstance(expr, cst.Subscript)
    index = expr.slice[0].slice
    assert isinstance(index, cst.Index)
    return annotation.with_changes(annotation=index.value)


def places(source: str, strip: bool = False) -> tuple[str, dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(the source, stripped if asked; every annotated place's mode; the stripped ones)."""
    finder = _Places(strip)
    module = cst.parse_module(source).visit(finder)
    return module.code, finder.modes, finder.stripped


# -- the units ---------------------------------------------------------------------------------

def units(subset: Iterable[str] | None = None) -> list[Unit]:
    """Each infer run: the case files, the ungrouped docs fences, each docs group, the
    example project. ``subset``: only the case files of these names (the pytest run)."""
    cases = {
        p.relative_to(CASES).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(CASES.rglob("*.py"))
        if f"tests/cases/{p.relative_to(CASES).as_posix()}" not in LEFT_OUT
    }
    chosen = {rel: text for rel, text in cases.items() if MODES_WRITTEN.search(text)}
    if any(rel.startswith("pkg/") for rel in chosen):  # the package's modules import each other
        chosen.update({rel: text for rel, text in cases.items() if rel.startswith("pkg/")})
    if subset is not None:
        return [Unit("tests/cases (subset)", {rel: chosen[rel] for rel in subset})]
    found = [Unit("tests/cases", chosen)]
    from test_docs import examples

    for example in examples():
        if example.probe:
            continue
        files = {
            path: text for path, text in example.files.items()
            if not any(page in example.name or _page_of(example, path) == page for page in LEFT_OUT)
        }
        if any(MODES_WRITTEN.search(t) for p, t in files.items() if p.endswith(".py")):
            config = example.config if example.config_name == "mypy.ini" else CONFIG
            keep = {p: t for p, t in files.items() if p.endswith((".py", ".pyi")) and (
                MODES_WRITTEN.search(t) or example.name.startswith("docs/"))}
            found.append(Unit(example.name, keep, config))
    app = {p.relative_to(EXAMPLES).as_posix(): p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.py"))}
    found.append(Unit("docs/examples", app, (EXAMPLES / "mypy.ini").read_text(encoding="utf-8")))
    return found


def _page_of(example: object, path: str) -> str:
    """The page of a docs fence that shows an ``ownership-annotation`` error ("" for
    others: a page's fixes are measured even where its misuses are left out)."""
    shown = getattr(example, "expected", {}).get(path)
    return shown[1].page if shown and "[ownership-annotation]" in shown[0] else ""


def recover(unit: Unit, keep: Path | None = None) -> tuple[Figures, str]:
    """Strip, infer, compare; the figures and infer's own report."""
    work = Path(tempfile.mkdtemp(prefix="infer-recovery-"))
    try:
        figures = Figures()
        before: dict[str, dict[tuple[str, str], str]] = {}
        for rel, text in unit.files.items():
            stripped, modes, removed = places(text, strip=rel.endswith(".py"))
            before[rel] = {k: m for k, m in modes.items() if k not in removed}
            figures.originals.update({(rel, *k): m for k, m in removed.items()})
            path = work / "src" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(stripped, encoding="utf-8")
        (work / "mypy.ini").write_text(unit.config, encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
        env.pop("MYPYPATH", None)
        done = subprocess.run(
            [sys.executable, "-m", "mypy_ownership", "infer", "--write", "--config-file", "mypy.ini",
             *sorted(str(Path("src") / rel) for rel in unit.files if rel.endswith(".py"))],
            cwd=work, env=env, capture_output=True, text=True, timeout=3600,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{unit.name}: infer exited {done.returncode}:\n{done.stderr}")
        for rel in unit.files:
            if rel.endswith(".py"):
                _, modes, _ = places((work / "src" / rel).read_text(encoding="utf-8"))
                figures.proposed.update({(rel, *k): m for k, m in modes.items() if before[rel].get(k) != m})
        dropped: set[Place] = {
            (found[1], found[2], found[3])
            for found in re.finditer(r"^  dropped (\S+): (\S+) (\S+), for", done.stderr, re.MULTILINE)
        }
        for place in sorted(figures.originals, key=lambda p: p[-1] == "receiver"):  # fields first
            figures.causes[place] = _cause(place, figures, dropped, unit.files[place[0]])
        if keep is not None:
            shutil.copytree(work / "src", keep / re.sub(r"\W+", "_", unit.name), dirs_exist_ok=True)
        return figures, done.stderr
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _cause(place: Place, figures: Figures, dropped: set[Place], source: str) -> str:
    """Why an original place was not proposed back (for the figures' breakdown)."""
    got = figures.proposed.get(place)
    if got == figures.originals[place]:
        return "recovered"
    if got is not None:
        return f"proposed {got}"
    if place in dropped:
        return "proposed, dropped by the soundness check"
    where, kind = place[-2:]
    empty = _declarations_only(source)
    if not kind.startswith("field:") and where in empty:
        return "a body that shows nothing (..., pass, a docstring)"
    if kind.startswith("param:") and kind[6:] in _handed_to(source, where, empty):
        return "handed to a function whose body shows nothing"
    if kind == "receiver" and any(
        p[:-2] == place[:-2] and p[-2] == where.rpartition(".")[0] and p[-1].startswith("field:")
        and figures.causes.get(p) == _DECLARED_CLASS for p in figures.originals
    ):  # the method releases fields that only a stripped empty releasing method made resources
        return _DECLARED_CLASS
    declared = {qual.rpartition(".")[0].rpartition(".")[2] for qual in empty if "." in qual}
    declared = {
        cls for cls in declared
        if any(p[-2].startswith(f"{cls}.") and p[-1] == "receiver" for p in figures.originals)
    }
    if re.search(rf"\b({'|'.join(map(re.escape, declared))})\b", _annotation(source, where, kind)) and declared:
        return _DECLARED_CLASS
    return "not proposed"


def _annotation(source: str, where: str, kind: str) -> str:
    """The original annotation's text at a place ("" if none)."""
    if kind.startswith("field:"):
        name = kind[6:]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.AnnAssign) and (
                (isinstance(node.target, ast.Name) and node.target.id == name)
                or (isinstance(node.target, ast.Attribute) and node.target.attr == name)
            ):
                return ast.unparse(node.annotation)
        return ""
    func = _functions(source).get(where)
    if func is None:
        return ""
    if kind == "return":
        return ast.unparse(func.returns) if func.returns else ""
    args = [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]
    if kind == "receiver":
        return where.rpartition(".")[0]
    arg = next((a for a in args if a.arg == kind[6:]), None)
    return ast.unparse(arg.annotation) if arg is not None and arg.annotation else ""


def _functions(source: str) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.setdefault(prefix + node.name, node)
                visit(node.body, f"{prefix}{node.name}.")

    visit(ast.parse(source).body, "")
    return found


def _handed_to(source: str, where: str, empty: set[str]) -> set[str]:
    """The names the function passes to a call of a function whose body shows nothing,
    directly or through a local bound to them (``z = x if c else y; consume(z)``)."""
    func = _functions(source).get(where)
    if func is None:
        return set()
    handed = {
        arg.id for call in ast.walk(func) if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name) and call.func.id in empty
        for arg in [*call.args, *(k.value for k in call.keywords)] if isinstance(arg, ast.Name)
    }
    bound = [
        (node.targets[0].id, node.value) for node in ast.walk(func)
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    ]
    while True:
        more = {leaf for target, value in bound if target in handed for leaf in _chosen_names(value)} - handed
        if not more:
            return handed
        handed |= more


def _chosen_names(value: ast.expr) -> set[str]:
    """The names an expression's value may be (each branch of a conditional)."""
    if isinstance(value, ast.IfExp):
        return _chosen_names(value.body) | _chosen_names(value.orelse)
    return {value.id} if isinstance(value, ast.Name) else set()


def _declarations_only(source: str) -> set[str]:
    """The functions whose body is only ``...``, ``pass``, a docstring or a raise."""
    return {
        name for name, func in _functions(source).items()
        if all(
            isinstance(stmt, (ast.Pass, ast.Raise))
            or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
            for stmt in func.body
        )
    }


def _without_left_out(unit: str, figures: Figures) -> Figures:
    """The figures less the places of ``LEFT_OUT_PLACES``; each must still exist in the
    original or the proposals (a stale entry is an error, not a silent pass)."""
    aside = {place[1:] for place in LEFT_OUT_PLACES if place[0] == unit}
    stale = aside - set(figures.originals) - set(figures.proposed)
    if stale:
        raise RuntimeError(f"{unit}: LEFT_OUT_PLACES names places that are neither annotated nor proposed: {sorted(stale)}")
    return Figures(*({p: v for p, v in d.items() if p not in aside}
                     for d in (figures.originals, figures.proposed, figures.causes)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss and wrong proposal")
    parser.add_argument("--keep", type=Path, help="copy the rewritten sources here")
    args = parser.parse_args(argv)
    total = Figures()
    for unit in units():
        figures, report = recover(unit, args.keep)
        figures = _without_left_out(unit.name, figures)
        total.add(Figures(*({(unit.name, *k): v for k, v in d.items()}
                            for d in (figures.originals, figures.proposed, figures.causes))))
        print(f"{unit.name}: {figures.summary()}")
        if args.verbose:
            print("".join(f"    {line}\n" for line in report.splitlines()), end="")
            for place in sorted(set(figures.originals) - set(figures.recovered)):
                print(f"  missed {'/'.join(place)}: {figures.originals[place]}: {figures.causes[place]}")
            for place in sorted(figures.wrong):
                print(f"  wrong  {'/'.join(place)}: {figures.proposed[place]}"
                      + (f" (original {figures.originals[place]})" if place in figures.originals else ""))
    print(f"total: {total.summary()}")
    for cause, count in total.missed_by_cause().most_common():
        print(f"  missed {count}: {cause}")
    readable = total.with_code_to_read()
    print(f"places with code to read ({len(total.originals) - len(readable.originals)} left aside, whose only"
          f" evidence is a declaration with no body): {readable.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
