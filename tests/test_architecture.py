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


ENGINE = ("mypy_ownership.cfg", "mypy_ownership.dataflow", "mypy_ownership.evaluation")


def test_engine_knows_no_checks_and_no_plugin() -> None:
    """cfg, dataflow and evaluation import only mypy and each other."""
    for name in ("cfg.py", "dataflow.py", "evaluation.py"):
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
    typeshed (MYPY-NOTES §13); the plugin's own code must type-check cleanly."""
    import subprocess
    import sys

    root = PACKAGE.parent
    mypy = str(Path(sys.executable).with_name("mypy"))
    proc = subprocess.run([mypy, "mypy_ownership"], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
