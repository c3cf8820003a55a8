"""The layering a reader should see in the file list, enforced on the imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mypy_ownership"


def imported_project_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mypy_ownership"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("mypy_ownership"))
    return found


ENGINE = (
    "mypy_ownership.cfg", "mypy_ownership.cfg_builder", "mypy_ownership.dataflow", "mypy_ownership.evaluation",
    "mypy_ownership.records",
)


def test_the_value_classes_import_nothing_of_the_project() -> None:
    """records.py is a leaf every layer may use: it may import no module of the package."""
    assert imported_project_modules(PACKAGE / "records.py") == set()


def test_engine_knows_no_checks_and_no_plugin() -> None:
    """cfg, dataflow and evaluation import only mypy and each other."""
    for name in ("cfg.py", "cfg_builder.py", "dataflow.py", "evaluation.py"):
        imported = imported_project_modules(PACKAGE / name)
        assert all(m.startswith(ENGINE) for m in imported), (name, imported)


def test_checks_see_units_not_mypy_build_objects() -> None:
    forbidden = ("mypy_ownership.compat", "mypy_ownership.plugin", "mypy_ownership.analysis")
    for path in (PACKAGE / "checks").glob("*.py"):
        imported = imported_project_modules(path)
        assert not [m for m in imported if m.startswith(forbidden)], (path.name, imported)


def test_only_compat_reaches_into_private_mypy_attributes() -> None:
    private = ("_type_checker", "_type_maps", "ignored_files", "get_referrers")
    for path in PACKAGE.rglob("*.py"):
        if path.name == "compat.py":
            continue
        text = path.read_text()
        assert not [p for p in private if p in text], path.name


def test_the_package_type_checks_under_the_projects_own_mypy_config() -> None:
    """The project's mypy run (pyproject [tool.mypy]) excludes stubs/, which would shadow
    typeshed (docs/design.md §12.16); the plugin's own code must type-check cleanly."""
    import subprocess
    import sys

    root = PACKAGE.parent
    mypy = str(Path(sys.executable).with_name("mypy"))
    proc = subprocess.run([mypy, "mypy_ownership"], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


DOMAIN = ("state.py", "operations.py", "transfer.py", "facts.py", "modes.py")


def test_the_state_domain_imports_nothing_from_mypy() -> None:
    """The lattice, the operations and their transfer are plain Python (docs/design.md §11)."""
    for name in DOMAIN:
        tree = ast.parse((PACKAGE / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not (node.module == "mypy" or node.module.startswith("mypy.")), (name, node.module)
                if node.module.startswith("mypy_ownership."):
                    assert node.module.removeprefix("mypy_ownership.") + ".py" in DOMAIN, (name, node.module)
            elif isinstance(node, ast.Import):
                assert not [a for a in node.names if a.name.split(".")[0] == "mypy"], name


def test_only_the_call_effects_module_reads_stub_markers() -> None:
    """overlay.py parses the markers; effects.py is the one module that interprets them."""
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("effects.py", "overlay.py"):
            continue
        tree = ast.parse(path.read_text())
        readers = [
            node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Attribute) and node.attr in ("markers", "fails_when", "view_of", "wraps", "owes_when", "exhausted_when", "owes_pipes"))
            or (isinstance(node, ast.Name) and node.id == "Marker")
        ]
        assert not readers, (path.name, readers)


def _stub_names() -> set[str]:
    names = set()
    for path in (PACKAGE.parent / "stubs").rglob("*.pyi"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
    return {n for n in names if not (n.startswith("__") and n.endswith("__"))}


def test_the_engine_names_no_function_class_or_method_the_stubs_declare() -> None:
    """Library behaviour lives in the stubs: no string in the package equals a name they
    declare (language dunders such as ``__exit__`` excepted)."""
    declared = _stub_names()
    assert {"close", "append", "acquire", "release", "open"} <= declared
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in declared:
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert not found, found


def test_no_module_of_the_package_is_over_600_lines() -> None:
    sizes = {p.name: len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")}
    assert not {name: n for name, n in sizes.items() if n > 600}, sizes


def test_each_error_code_is_produced_in_one_module() -> None:
    """A code constant of errorcodes.py is named in exactly one module besides errorcodes."""
    codes = [
        node.target.id
        for node in ast.parse((PACKAGE / "errorcodes.py").read_text()).body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
        and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "ErrorCode"
    ]
    assert codes
    for code in codes:
        users = sorted(
            path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
            if path.name != "errorcodes.py" and f"errorcodes.{code}" in path.read_text()
        )
        assert len(users) == 1, (code, users)


def test_comments_cite_the_design_document_not_files_outside_the_repository() -> None:
    """A fresh clone must be able to follow every citation (docs/design.md restates them)."""
    outside = ("SPEC" + " §", "MYPY" + "-NOTES")
    root = PACKAGE.parent
    found = []
    for folder in ("mypy_ownership", "tests", "docs", "stubs"):
        for path in (root / folder).rglob("*"):
            if path.suffix in (".py", ".pyi", ".md", ".ini") and path.is_file():
                text = path.read_text(encoding="utf-8")
                found += [f"{path.relative_to(root)}: {o}" for o in outside if o in text]
    assert not found, found
