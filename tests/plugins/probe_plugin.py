"""Reports, for each user module, whether compat.BuildHandle found mypy's build objects."""

from __future__ import annotations

import sys

from mypy.nodes import MypyFile
from mypy.plugin import Plugin

from mypy_ownership.plugin import OwnershipPlugin


class ProbePlugin(OwnershipPlugin):
    def get_additional_indirect_deps(self, file: MypyFile) -> set[str]:
        if file.fullname.rpartition(".")[2] == "m":
            type_map = self.build.type_map(file.fullname)
            print(
                f"PROBE {file.fullname} manager={self.build.manager is not None}"
                f" errors={self.build.errors is self.build.manager.errors}"
                f" type_map={bool(type_map)} rescanned={self.build._rescanned}",
                file=sys.stderr,
            )
        return super().get_additional_indirect_deps(file)


def plugin(version: str) -> type[Plugin]:
    return ProbePlugin
