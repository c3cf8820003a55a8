"""Ownership inference: the annotations a module's own code implies, read from its
same-module summaries (docs/design.md §2.3, §6), proposed for a user to write.

A pure function of the summaries: no mypy run inside. The ``infer`` command calls it from
the plugin, after the module has been analysed, and turns the proposals into source edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from mypy.nodes import MypyFile

from mypy_ownership.summaries import ModuleSummaries
from mypy_ownership.unit import TypeFacts


@dataclass(frozen=True)
class Proposal:
    """One annotation to write. ``place``: ``"return"``, ``"param:NAME"``, ``"receiver"``
    or ``"field:NAME"``; ``mode``: ``"Own"``, ``"Ref"`` or ``"Mut"``; ``type_text``: the T
    inside the mode (``"TextIO"``, ``"Popen[bytes]"``), ``""`` if unknown; ``source``: for a
    returned borrow, the ``"param:NAME"`` it borrows from, else ``""``."""

    module: str  # mypy module name
    path: str  # file path as mypy has it
    line: int  # line of the def (for a field: line of its first store)
    function: str  # qualified name inside the module: "f", "Cls.meth"; "" for a field
    cls: str  # class name for a method or a field, "" otherwise
    place: str
    mode: str
    type_text: str
    source: str


def proposals(module: MypyFile, summaries: ModuleSummaries, types: TypeFacts) -> list[Proposal]:
    """Every annotation the module's summaries imply, in line order; none at a place the
    code already annotates with a mode."""
    return []
