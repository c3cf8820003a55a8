"""The facts about mypy the plugin relies on (docs/design.md §12), each checked against the
installed mypy, so that an upgrade that breaks one fails here first."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import mypy.nodes
import mypy.plugin
import pytest
from mypy.errors import Errors

from harness import ROOT, run_mypy
from mypy_ownership.evaluation import EXPRESSION_ATTRIBUTES


def test_post_check_hook_exists() -> None:
    assert "get_additional_indirect_deps" in vars(mypy.plugin.Plugin)


def test_errors_report_takes_parent_error_and_origin_span() -> None:
    params = inspect.signature(Errors.report).parameters
    assert {"parent_error", "origin_span", "severity", "code"} <= set(params)


@pytest.mark.parametrize(
    ("module", "section", "rescanned"),
    [
        ("m", "", False),  # every state has the global options
        ("m", "[mypy-m]\nwarn_return_any = True\n", False),  # a section's options
        ("p.q.m", "[mypy-p.*.m]\nwarn_return_any = True\n", True),  # a glob: options of its own
    ],
)
def test_build_objects_are_found_from_set_modules(
    tmp_path: Path, module: str, section: str, rescanned: bool
) -> None:
    """compat.BuildHandle: the manager, its Errors and each module's live type map; the
    one heap scan at set_modules finds the states whose options it knows, a second scan
    the others."""
    path = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    for package in list(path.parents)[: module.count(".")]:
        (package / "__init__.py").write_text("")
    path.write_text("def f(x: int) -> int:\n    return x + 1\n")
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = probe_plugin\n" + section)
    run = run_mypy("--config-file", "mypy.ini", "--no-incremental", str(path.relative_to(tmp_path)),
                   cwd=tmp_path,
                   env={"PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "plugins"), str(ROOT)])})
    expected = f"PROBE {module} manager=True errors=True type_map=True rescanned={rescanned}"
    assert expected in run.stderr, run.stderr


def _node_classes() -> list[type]:
    return [
        cls
        for cls in vars(mypy.nodes).values()
        if inspect.isclass(cls)
        and cls.__module__ == "mypy.nodes"
        and issubclass(cls, (mypy.nodes.Expression, mypy.nodes.Statement))
        and cls not in (mypy.nodes.Expression, mypy.nodes.Statement)
    ]


def test_every_node_class_has_its_expression_attributes_listed() -> None:
    missing = sorted(cls.__name__ for cls in _node_classes() if cls.__name__ not in EXPRESSION_ATTRIBUTES)
    assert not missing


def test_listed_attributes_exist_on_node_instances() -> None:
    call = mypy.nodes.CallExpr(mypy.nodes.NameExpr("f"), [], [], [])
    star = mypy.nodes.StarExpr(mypy.nodes.NameExpr("x"))
    for node in (call, star):
        for name in EXPRESSION_ATTRIBUTES[type(node).__name__]:
            assert hasattr(node, name)
    assert getattr(mypy.nodes.CallExpr, "__slots__", None) is None  # why the table exists


def test_decorator_lists_are_in_the_tree_and_not_in_the_cache(tmp_path: Path) -> None:
    """docs/design.md §12.20: a method's markers are read off its ``Decorator`` node, whose
    ``original_decorators`` hold the resolved decorator expressions in the module being
    checked; the cache keeps the node (and so that the method is decorated) but not the
    list, so a module loaded from the cache shows none."""
    from mypy import build
    from mypy.modulefinder import BuildSource
    from mypy.options import Options

    source = (
        "from typing import Callable, TypeVar\n"
        "F = TypeVar('F', bound=Callable[..., object])\n"
        "def mark(f: F) -> F:\n    return f\n"
        "class C:\n    @mark\n    def close(self) -> None: ...\n"
    )
    options = Options()
    options.preserve_asts = True
    options.incremental = False
    result = build.build([BuildSource(None, "m", source)], options)
    info = result.files["m"].names["C"].node
    assert isinstance(info, mypy.nodes.TypeInfo)
    node = info.names["close"].node
    assert isinstance(node, mypy.nodes.Decorator)
    marks = node.original_decorators
    assert len(marks) == 1 and isinstance(marks[0], mypy.nodes.RefExpr) and marks[0].fullname == "m.mark"
    cached = mypy.nodes.Decorator.deserialize(node.serialize())
    assert isinstance(cached, mypy.nodes.Decorator) and cached.original_decorators == []
