"""Reports, once the probed module is checked, every stub name the overlay could not
resolve to a real symbol (tests/test_stubs.py)."""

from __future__ import annotations

import sys

from mypy.nodes import MypyFile
from mypy.plugin import Plugin

from mypy_ownership.plugin import OwnershipPlugin
from mypy_ownership.stub_files import stub_files


class StubProbe(OwnershipPlugin):
    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        result = super().get_additional_indirect_deps(file)
        if file.fullname == "probe":
            self.overlay.resolve(self._is_loaded, self._lookup_node)
            # the shipped stubs are read once their module is loaded: those never read count too
            for module in sorted(set(self.overlay.modules) | set(stub_files([], shipped=True))):
                if not self._is_loaded(module):
                    print(f"STUB-NOT-LOADED {module}", file=sys.stderr)
            for name in self.overlay.unresolved:
                print(f"STUB-UNRESOLVED {name}", file=sys.stderr)
            print(f"STUB-RESOLVED {len(self.overlay.functions)} functions,"
                  f" {len(self.overlay.classes)} classes", file=sys.stderr)
        return result


def plugin(version: str) -> type[Plugin]:
    return StubProbe
