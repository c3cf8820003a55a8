"""What the plugin did in one process, printed at exit with ``report_stats = true``."""

from __future__ import annotations

from mypy_ownership.records import Record


class Stats(Record):
    modules: int
    skipped: int
    units: int
    functions: int
    failed: int
    findings: int
    seconds: float
    failures: list[str]
    # the places of the calls resolved to a shipped library stub's entry (the overlay's)
    library_calls: set[tuple[str, int, int]]

    def __init__(
        self, modules: int = 0, skipped: int = 0, units: int = 0, functions: int = 0, failed: int = 0,
        findings: int = 0, seconds: float = 0.0, failures: list[str] | None = None,
        library_calls: set[tuple[str, int, int]] | None = None,
    ) -> None:
        self.modules, self.skipped, self.units, self.functions = modules, skipped, units, functions
        self.failed, self.findings, self.seconds = failed, findings, seconds
        self.failures = [] if failures is None else failures
        self.library_calls = set() if library_calls is None else library_calls

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
