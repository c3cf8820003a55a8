"""Probes what the mypy daemon does with the post-check hook (docs/design.md §12.18):
logs every module the hook runs for to ``$PROBE_LOG``, reports one error in module ``b``
in the first build only, and, as ``$PROBE_MODE`` says, marks the user's modules to be
re-checked whole (``whole``) and declares that ``b`` depends on the members of ``a.C1``
(``deps``), with the plugin's own functions for both."""

from __future__ import annotations

import os

from mypy.nodes import MypyFile
from mypy.plugin import Plugin
from mypy.server.trigger import make_wildcard_trigger

from mypy_ownership import compat


class DaemonProbe(Plugin):
    reported = False

    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        if file.fullname not in ("a", "b"):
            return set()
        with open(os.environ["PROBE_LOG"], "a") as log:
            log.write(f"HOOK {file.fullname}\n")
        mode = os.environ.get("PROBE_MODE", "")
        if "whole" in mode:
            compat.recheck_whole_when_affected(file)
        if "deps" in mode and file.fullname == "b":
            compat.declare_dependency(file, make_wildcard_trigger("a.C1"), "b")
        if file.fullname == "b" and not DaemonProbe.reported:
            DaemonProbe.reported = True
            errors = compat.BuildHandle()
            errors.attach(self._modules or {}, self.options)
            compat.report(errors.errors, file, 1, 0, "probe error", None)
        return set()


def plugin(version: str) -> type[Plugin]:
    return DaemonProbe
