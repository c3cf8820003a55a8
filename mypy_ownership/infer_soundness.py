"""Whether what ``infer`` writes keeps the code's findings, and which proposals to blame
when it does not (docs/design.md §13).

A round's messages are compared with the baseline's (the code as it was), by file, line
in the original text, code and text. A round is bad when it adds an ``ownership-annotation``,
``missing-lifetime`` or ``use-after-move`` error, or no longer reports an ownership finding
of the baseline. One loss is no loss: a ``borrow-escape`` for a borrow returned from a
function whose return is not ``Ref`` or ``Mut``, in a function the round gives a ``Ref`` or
``Mut`` return; that finding asks for exactly this annotation.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from mypy_ownership.infer_mypy import Message
    from mypy_ownership.inference import Proposal

# errors a proposal must never add; the other codes may appear, being the cross-module
# findings the annotations make visible
GUARDED_CODES: Final = frozenset({"ownership-annotation", "missing-lifetime", "use-after-move"})
OWNERSHIP_CODES: Final = frozenset({
    "use-after-move", "resource-leak", "move-from-borrow", "borrow-escape", "borrow-conflict",
    "missing-lifetime", "ownership-annotation",
})
UNMANAGED_RETURN: Final = "returned from a function whose return is not Ref or Mut"

Key = tuple[str, str, str, str]  # file, function, class, place
Span = tuple[int, int]


class Judge:
    """The baseline of one ``infer`` run, and the definitions' line spans in the original
    sources (by qualified name: ``f``, ``Cls``, ``Cls.meth``)."""

    def __init__(self, originals: dict[str, str], baseline: list[Message]) -> None:
        self.originals = originals
        self.baseline = baseline
        self.spans = {rel: _spans(text) for rel, text in originals.items() if rel.endswith(".py")}

    def bad(self, messages: list[Message], accepted: dict[Key, Proposal]) -> list[Message]:
        before = {(m.path, m.line, m.code, m.text) for m in self.baseline}
        added = [m for m in messages if m.code in GUARDED_CODES and (m.path, m.line, m.code, m.text) not in before]
        after = {(m.path, m.line, m.code) for m in messages}
        lost = [
            m for m in self.baseline
            if m.code in OWNERSHIP_CODES and (m.path, m.line, m.code) not in after and not self._answered(m, accepted)
        ]
        return added + lost

    def _answered(self, message: Message, accepted: dict[Key, Proposal]) -> bool:
        if message.code != "borrow-escape" or UNMANAGED_RETURN not in message.text:
            return False
        return any(
            key[0] == message.path and p.place == "return" and p.mode in ("Ref", "Mut")
            and self._inside(key[0], p.function, message.line)
            for key, p in accepted.items()
        )

    def _inside(self, rel: str, qualname: str, line: int) -> bool:
        span = self.spans.get(rel, {}).get(qualname)
        return span is not None and span[0] <= line <= span[1]

    def culprits(self, bad: list[Message], messages: list[Message], accepted: dict[Key, Proposal]) -> dict[Key, Message]:
        """The proposals to blame for each bad message, from the closest tie outwards:
        those of its module it or the notes about its name name (``"f" was moved here by
        call to "adopt"``), or in whose function it is (a field's: in whose class, for an
        annotation error); else those of other modules so named; else those of functions
        called on its line or whose result was bound to the name it quotes (``f =
        opener(p)`` above ``"f" used after move``), of its module first, then of others;
        else every proposal of its module."""
        blamed: dict[Key, Message] = {}
        for message in bad:
            texts = " ".join((message.text, *self._notes_about(message, messages)))
            called = _calls_behind(message, self.originals.get(message.path, ""))
            called |= self._called_by_named(message.path, texts)

            def here(key: Key, p: Proposal, message: Message = message, texts: str = texts) -> bool:
                if key[0] != message.path:
                    return False
                if _named(p, texts):
                    return True
                if p.place.startswith("field:"):
                    return message.code == "ownership-annotation" and self._inside(key[0], p.cls, message.line)
                return self._inside(key[0], p.function, message.line)

            tiers = (
                here,
                lambda key, p, texts=texts: _named(p, texts),  # named, in another module
                lambda key, p, called=called, message=message: bool(_names(p) & called) and key[0] == message.path,
                lambda key, p, called=called: bool(_names(p) & called),  # a function of another module
                lambda key, p, message=message: key[0] == message.path,
            )
            for tier in tiers:
                found = [key for key, p in accepted.items() if tier(key, p)]
                if found:
                    blamed.update((key, message) for key in found if key not in blamed)
                    break
        return blamed

    def _called_by_named(self, rel: str, texts: str) -> set[str]:
        """What the functions of the module the texts name call: a helper that hands its
        parameter on to one given ``Own`` takes it over through that one."""
        lines = self.originals.get(rel, "").splitlines()
        found: set[str] = set()
        for name in re.findall(r'"(\w+)"', texts):
            for qualname, (start, end) in self.spans.get(rel, {}).items():
                if qualname.rpartition(".")[2] == name:
                    found |= {c for text in lines[start:end] for c in re.findall(r"(\w+)\s*\(", text)}
        return found

    def _notes_about(self, message: Message, messages: list[Message]) -> list[str]:
        """The notes of the run on the same name, above the message in its function (mypy
        sorts a move's note, above its use, before the error)."""
        name = _first_quoted(message.text)
        if name is None:
            return []
        enclosing = [s for s in self.spans.get(message.path, {}).values() if s[0] <= message.line <= s[1]]
        start = max((s[0] for s in enclosing), default=1)
        return [
            m.text for m in messages
            if m.severity == "note" and m.path == message.path and start <= m.line <= message.line
            and _first_quoted(m.text) == name
        ]


def _first_quoted(text: str) -> str | None:
    found = re.search(r'"(\w+)"', text)
    return found[1] if found else None


def _calls_behind(message: Message, source: str) -> set[str]:
    """Names called on the message's line, and those whose result was bound, above it, to
    the first name the message quotes."""
    lines = source.splitlines()
    if not 0 < message.line <= len(lines):
        return set()
    found = set(re.findall(r"(\w+)\s*\(", lines[message.line - 1]))
    name = _first_quoted(message.text)
    if name is not None:
        binding = re.compile(rf"(?:\b{re.escape(name)}\b[^=\n]*?=|\bas\s+{re.escape(name)}\b)")
        for text in lines[: message.line - 1]:
            if binding.search(text):
                found |= set(re.findall(r"(\w+)\s*\(", text))
    return found


def _names(proposal: Proposal) -> set[str]:
    """The names a caller writes for what the proposal changes: the function's; the
    class's for its constructor, and for an owned field or a releasing receiver, which make
    every instance a resource its creator must release (so ``w = Worker()`` then
    ``self.workers[pid] = w`` moves it)."""
    name = proposal.function.rpartition(".")[2]
    names = {name} if name and name != "__init__" else set()
    if proposal.cls and (name == "__init__" or proposal.place == "receiver" or proposal.place.startswith("field:")):
        names.add(proposal.cls.rpartition(".")[2])
    return names


def _named(proposal: Proposal, texts: str) -> bool:
    return any(f'"{name}"' in texts for name in _names(proposal))


def _spans(source: str) -> dict[str, Span]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    spans: dict[str, Span] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                qualname = prefix + node.name
                spans.setdefault(qualname, (node.lineno, node.end_lineno or node.lineno))
                visit(node.body, qualname + ".")
            else:
                for child in ast.iter_child_nodes(node):
                    if isinstance(child, ast.stmt):
                        visit([child], prefix)

    visit(tree.body, "")
    return spans


def describe(message: Message) -> str:
    return f"{message.path}:{message.line}: {message.code}: {message.text}"


def original_line(original: str, current: str, line: int) -> int:
    """A line of the rewritten source, as the line it was in the original (0: added). The
    rewriting edits lines in place and inserts one run of lines (the imports, and blank
    lines after them): the run is where the most lines before it and after it still match."""
    before, after = original.splitlines(), current.splitlines()
    added = len(after) - len(before)
    if added <= 0:
        return line if line <= len(before) else 0
    head = [0]
    for old, new in zip(before, after):
        head.append(head[-1] + (old == new))
    tail = [0] * (len(before) + 1)
    for i in range(len(before) - 1, -1, -1):
        tail[i] = tail[i + 1] + (before[i] == after[i + added])
    start = max(range(len(before) + 1), key=lambda k: (head[k] + tail[k], k))
    if line <= start:
        return line
    return line - added if line > start + added else 0
