"""Findings and their way out to mypy: one error, its notes attached to it.

Checks produce :class:`Finding` values and never see mypy's ``Errors``; the pipeline hands
them to a :class:`Reporter`. Notes are reported with ``parent_error`` so that a
``# type: ignore[code]`` on the error's line silences its notes too (MYPY-NOTES §4c).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mypy.errorcodes import ErrorCode


@dataclass(frozen=True)
class Note:
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Finding:
    line: int
    column: int
    message: str
    code: ErrorCode
    notes: tuple[Note, ...] = field(default=())

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.message)


ReportFn = Callable[..., object]


class Reporter:
    """Sends findings to a report function shaped like ``compat.report`` (bound to a file)."""

    def __init__(self, report: ReportFn) -> None:
        self._report = report

    def emit(self, findings: Iterable[Finding]) -> int:
        count = 0
        for finding in sorted(set(findings), key=Finding.sort_key):
            parent = self._report(finding.line, finding.column, finding.message, finding.code)
            for note in finding.notes:
                self._report(
                    note.line, note.column, note.message, finding.code,
                    severity="note", parent=parent,
                )
            count += 1
        return count
