"""The real plugin plus one check that raises inside functions named ``explode*``, to
prove that a failure in the analysis of one function is contained and counted."""

from __future__ import annotations

from mypy.plugin import Plugin

from mypy_ownership.checks import DEFAULT_CHECKS
from mypy_ownership.diagnostics import Finding
from mypy_ownership.plugin import OwnershipPlugin
from mypy_ownership.unit import Unit


def explode(unit: Unit) -> list[Finding]:
    if unit.name.split(".")[-1].startswith("explode"):
        raise RuntimeError("injected failure")
    return []


class FailingPlugin(OwnershipPlugin):
    checks = (*DEFAULT_CHECKS, explode)


def plugin(version: str) -> type[Plugin]:
    return FailingPlugin
