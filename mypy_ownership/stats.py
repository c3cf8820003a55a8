"""What the plugin did in one process, printed at exit with ``report_stats = true``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Stats:
    modules: int = 0
    skipped: int = 0
    units: int = 0
    functions: int = 0
    failed: int = 0
    findings: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    # the places of the calls resolved to a shipped library stub's entry (the overlay's)
    library_calls: set[tuple[str, int, int]] = field(default_factory=set)

    def summary(self) -> str:
        if not self.modules and not self.skipped:
            return (
                "mypy-ownership: no module was analysed in this process (every module came"
                " from the cache, or the checking ran in -n worker processes)"
            )
        lines = [
            f"mypy-ownership: {self.modules} modules, {self.functions} functions analysed"
            f" ({self.units} bodies), {self.failed} failed, {self.findings} findings,"
            f" {self.seconds:.3f} s in the plugin; {self.skipped} modules skipped"
            " (they import nothing that carries Own, Ref or Mut);"
            f" {len(self.library_calls)} library calls"
        ]
        lines += [f"mypy-ownership: failed: {failure}" for failure in self.failures]
        return "\n".join(lines)
