"""Findings and their way out to mypy: one error, its notes attached to it.

Checks produce :class:`Finding` values and never see mypy's ``Errors``; the pipeline hands
them to a :class:`Reporter`. Notes are reported with ``parent_error`` so that a
``# type: ignore[code]`` on the error's line silences its notes too (docs/design.md §12.6).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mypy.errorcodes import ErrorCode

from mypy_ownership.records import Frozen, Record


class Note(Frozen, Record):
    line: int
    column: int
    message: str
    __hash__ = Record.hashed

    def __init__(self, line: int, column: int, message: str) -> None:
        self.__dict__.update(line=line, column=column, message=message)


class Finding(Frozen, Record):
    line: int
    column: int
    message: str
    code: ErrorCode
    notes: tuple[Note, ...]
    __hash__ = Record.hashed

    def __init__(self, line: int, column: int, message: str, code: ErrorCode, notes: tuple[Note, ...] = ()) -> None:
        self.__dict__.update(line=line, column=column, message=message, code=code, notes=notes)

    def sort_key(self) -> tuple[int, int, str, str, tuple[tuple[int, int, str], ...]]:
        """The whole content: findings print in the same order whatever the hash seed."""
        return (self.line, self.column, self.message, self.code.code, tuple(map(_note_key, self.notes)))


def _note_key(note: Note) -> tuple[int, int, str]:
    return (note.line, note.column, note.message)


def merged(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in a stable order, those mypy would print as one error (same place, text
    and code) made one, carrying every note once, in order."""
    by_error: dict[tuple[int, int, str, str], tuple[Finding, list[Note]]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        key = (finding.line, finding.column, finding.message, finding.code.code)
        notes = by_error.setdefault(key, (finding, []))[1]
        notes.extend(n for n in finding.notes if n not in notes)
    return [first._replace(notes=tuple(notes)) for first, notes in by_error.values()]


ReportFn = Callable[..., object]


class Reporter:
    """Sends findings to a report function shaped like ``compat.report`` (bound to a file)."""

    def __init__(self, report: ReportFn) -> None:
        self._report = report

    def emit(self, findings: Iterable[Finding]) -> int:
        count = 0
        for finding in merged(findings):
            parent = self._report(finding.line, finding.column, finding.message, finding.code)
            for note in finding.notes:
                self._report(
                    note.line, note.column, note.message, finding.code,
                    severity="note", parent=parent,
                )
            count += 1
        return count
