"""``mypy-ownership infer PATH...``: propose the annotations a project's code implies
(docs/design.md §13).

The sources are copied to a temporary directory and checked there, round after round:
mypy with the plugin proposes annotations, they are written into the copy, and mypy runs
again on the result. A round whose result reports an ``ownership-annotation``,
``missing-lifetime`` or ``use-after-move`` error the original code did not have, or no
longer reports a finding the original code had, drops the proposals that caused it and
tries again; a round that proposes nothing new ends it. What is left is printed as a
unified diff, or written in place with ``--write``.

Exit status: 0 when nothing is left to propose (or it was written), 1 when the diff is
not empty, 2 when the command could not run (usage, missing libcst, mypy stopped).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:
    from mypy_ownership.infer_mypy import Message
    from mypy_ownership.inference import Proposal

MISSING_LIBCST: Final = (
    "mypy-ownership infer needs libcst to rewrite sources: pip install 'mypy-ownership[infer]'"
)
# errors a proposal must never add (the soundness rule); the other codes may appear,
# being the cross-module findings the annotations make visible
GUARDED_CODES: Final = frozenset({"ownership-annotation", "missing-lifetime", "use-after-move"})
OWNERSHIP_CODES: Final = frozenset({
    "use-after-move", "resource-leak", "move-from-borrow", "borrow-escape", "borrow-conflict",
    "missing-lifetime", "ownership-annotation",
})
_SKIPPED_DIRS: Final = frozenset({"__pycache__", "node_modules", "build", "dist"})

Key = tuple[str, str, str, str]  # file, function, class, place


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mypy-ownership", description="Tools of the mypy-ownership plugin.")
    commands = parser.add_subparsers(dest="command", required=True)
    infer = commands.add_parser(
        "infer", help="propose Own/Ref/Mut annotations from the code's own behaviour",
        description="Propose the Own/Ref/Mut annotations that make a project's ownership visible"
        " across modules; print them as a unified diff, or apply them with --write.",
    )
    infer.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to check")
    infer.add_argument("--write", action="store_true", help="apply the proposals in place")
    infer.add_argument("--config-file", help="mypy's configuration file (default: mypy's own search)")
    infer.add_argument("--rounds", type=int, default=8, help="at most this many mypy runs (default 8)")
    args = parser.parse_args(argv)
    try:
        import libcst  # noqa: F401
    except ImportError:
        print(MISSING_LIBCST, file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        print(f"mypy-ownership infer: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    from mypy_ownership.infer_mypy import MypyFailed

    try:
        changed = Inference(args.paths, args.config_file, sys.stderr).run(args.rounds)
    except MypyFailed as err:
        print(f"mypy-ownership infer: mypy stopped:\n{err}", file=sys.stderr)
        return 2
    if args.write:
        for path, text in changed.items():
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        return 0
    sys.stdout.writelines(unified_diff(changed))
    return 1 if changed else 0


def unified_diff(changed: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for path, text in sorted(changed.items()):
        with open(path, encoding="utf-8", newline="") as f:
            before = f.read()
        shown = os.path.relpath(path)
        lines += difflib.unified_diff(
            before.splitlines(keepends=True), text.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
        )
    return lines


class Inference:
    """The rounds over a temporary copy of the sources; ``run`` gives each changed file's
    new text, by its real path."""

    def __init__(self, paths: Sequence[str], config_file: str | None, log: TextIO) -> None:
        self.log = log
        self.config_file = os.path.abspath(config_file) if config_file else None
        absolute = [os.path.abspath(p) for p in paths]
        self.root = _root(absolute)
        self.originals: dict[str, str] = {}  # relative to root -> text
        for path in absolute:
            for file in _python_files(path):
                with open(file, encoding="utf-8", newline="") as f:
                    self.originals[os.path.relpath(file, self.root)] = f.read()
        self.copy = tempfile.mkdtemp(prefix="mypy-ownership-infer-")
        self.targets = [os.path.join(self.copy, os.path.relpath(p, self.root)) for p in absolute]
        for path in absolute:  # the packages above a PATH, so that its modules keep their names
            for init in _package_inits(path, self.root):
                self._write(os.path.relpath(init, self.root), open(init, encoding="utf-8").read())

    def run(self, rounds: int) -> dict[str, str]:
        try:
            return self._rounds(rounds)
        finally:
            shutil.rmtree(self.copy, ignore_errors=True)

    def _rounds(self, rounds: int) -> dict[str, str]:
        from mypy_ownership import infer_mypy

        accepted: dict[Key, Proposal] = {}
        dropped: dict[Key, str] = {}
        current = dict(self.originals)
        baseline: list[Message] | None = None
        sound: dict[Key, Proposal] = {}
        failures = 0
        for _ in range(max(rounds, 1)):
            for rel, text in current.items():
                self._write(rel, text)
            result = infer_mypy.run(self.targets, self.config_file)
            failures += len(result.failures)
            for failure in result.failures:
                print(f"mypy-ownership infer: {failure}", file=self.log)
            messages = [self._relative(m, current) for m in result.messages]
            if baseline is None:
                baseline = messages
            else:
                bad = _new_guarded(baseline, messages) + _lost(baseline, messages)
                if bad:
                    culprits = _culprits(bad, accepted, self.originals)
                    if not culprits:  # nothing to blame: back to the last sound set, and stop
                        accepted = sound
                        current = self._rewrite(accepted)
                        break
                    for culprit, message in culprits.items():
                        dropped[culprit] = _describe(message)
                        del accepted[culprit]
                    current = self._rewrite(accepted)
                    continue
            sound = dict(accepted)
            fresh: dict[Key, Proposal] = {}
            for p in result.proposals:
                place = self._key(p)
                if place is not None and place not in accepted and place not in dropped:
                    fresh[place] = p
            if not fresh:
                break
            accepted.update(fresh)
            current = self._rewrite(accepted)
        else:
            accepted = sound
            current = self._rewrite(accepted)
        self._summary(accepted, dropped, failures)
        return {
            os.path.join(self.root, rel): text for rel, text in current.items() if text != self.originals[rel]
        }

    def _key(self, proposal: Proposal) -> Key | None:
        """A proposal's place, or None when it is in a file outside the PATHs."""
        rel = os.path.relpath(os.path.abspath(proposal.path), self.copy)
        if rel not in self.originals:
            return None
        return rel, proposal.function, proposal.cls, proposal.place

    def _rewrite(self, accepted: dict[Key, Proposal]) -> dict[str, str]:
        from mypy_ownership.infer_rewrite import annotate

        by_file: dict[str, list[Proposal]] = {}
        for key, proposal in accepted.items():
            by_file.setdefault(key[0], []).append(proposal)
        self.outcomes = {rel: annotate(self.originals[rel], ps, ps[0].module) for rel, ps in by_file.items()}
        return {rel: self.outcomes[rel].source if rel in self.outcomes else text for rel, text in self.originals.items()}

    def _write(self, rel: str, text: str) -> None:
        path = os.path.join(self.copy, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(text)

    def _relative(self, message: Message, current: dict[str, str]) -> Message:
        """The message with its file relative to the copy and its line in the original
        source (0 for a line the rewriting added), so that rounds compare."""
        from mypy_ownership.infer_mypy import Message

        rel = os.path.relpath(message.path, self.copy)
        line = message.line
        if rel in self.originals and current[rel] != self.originals[rel]:
            line = _original_line(self.originals[rel], current[rel], line)
        return Message(rel, line, message.severity, message.text, message.code, message.notes)

    def _summary(self, accepted: dict[Key, Proposal], dropped: dict[Key, str], failures: int) -> None:
        outcomes = getattr(self, "outcomes", {})
        applied = sum(len(o.applied) for o in outcomes.values())
        files = sum(1 for o in outcomes.values() if o.applied)
        reasons = Counter(reason for o in outcomes.values() for _, reason in o.skipped)
        print(f"mypy-ownership infer: {applied} annotations in {files} files", file=self.log)
        for reason, count in sorted(reasons.items()):
            print(f"  skipped {count}: {reason}", file=self.log)
        for (rel, function, cls, place), why in sorted(dropped.items()):
            where = function or cls
            print(f"  dropped {rel}: {where} {place}, for {why}", file=self.log)
        if failures:
            print(f"  {failures} modules whose proposals could not be computed", file=self.log)


def _new_guarded(baseline: list[Message], now: list[Message]) -> list[Message]:
    before = {(m.path, m.line, m.code, m.text) for m in baseline}
    return [m for m in now if m.code in GUARDED_CODES and (m.path, m.line, m.code, m.text) not in before]


def _lost(baseline: list[Message], now: list[Message]) -> list[Message]:
    after = {(m.path, m.line, m.code) for m in now}
    return [m for m in baseline if m.code in OWNERSHIP_CODES and (m.path, m.line, m.code) not in after]


def _culprits(bad: list[Message], accepted: dict[Key, Proposal], originals: dict[str, str]) -> dict[Key, Message]:
    """The proposals to blame for messages a round added or lost: those whose function the
    message or its notes name, or whose definition is on the message's line; else those of
    the functions called on that line or that produced the value the message names
    (``f = opener(...)`` above ``f`` used after move); else every proposal of its file."""
    blamed: dict[Key, Message] = {}
    for message in bad:
        texts = " ".join((message.text, *message.notes))
        called = _calls_behind(message, originals.get(message.path, ""))
        tiers = (
            lambda key, p: f'"{_short(p)}"' in texts or (key[0] == message.path and abs(p.line - message.line) <= 1),
            lambda key, p: _short(p) in called,
            lambda key, p: key[0] == message.path,
        )
        for tier in tiers:
            found = {key for key, p in accepted.items() if tier(key, p)}
            if found:
                blamed.update((key, message) for key in found if key not in blamed)
                break
    return blamed


def _calls_behind(message: Message, source: str) -> set[str]:
    """Names called on the message's line, and those whose result was bound, above it, to
    the first name the message quotes."""
    lines = source.splitlines()
    if not 0 < message.line <= len(lines):
        return set()
    found = set(re.findall(r"(\w+)\s*\(", lines[message.line - 1]))
    quoted = re.search(r'"(\w+)"', message.text)
    if quoted:
        name = re.escape(quoted[1])
        binding = re.compile(rf"(?:\b{name}\b[^=\n]*?=|\bas\s+{name}\b)")
        for text in lines[: message.line - 1]:
            if binding.search(text):
                found |= set(re.findall(r"(\w+)\s*\(", text))
    return found


def _short(proposal: Proposal) -> str:
    """The name a caller writes: the function's, or the class's for its constructor."""
    name = proposal.function.rpartition(".")[2]
    return proposal.cls.rpartition(".")[2] if name == "__init__" else name


def _describe(message: Message) -> str:
    return f"{message.path}:{message.line}: {message.code}: {message.text}"


def _original_line(original: str, current: str, line: int) -> int:
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


def _root(paths: list[str]) -> str:
    """The directory the copy mirrors: the PATHs' common directory, widened to the top of
    the package it is in, so that every module keeps its dotted name."""
    root = os.path.commonpath([p if os.path.isdir(p) else os.path.dirname(p) for p in paths])
    if any(os.path.isdir(p) and os.path.samefile(p, root) for p in paths):
        root = os.path.dirname(root)  # a package PATH keeps its own name
    while os.path.isfile(os.path.join(root, "__init__.py")):
        root = os.path.dirname(root)
    return root


def _package_inits(path: str, root: str) -> list[str]:
    found = []
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    while os.path.commonpath([folder, root]) == root and folder != root:
        init = os.path.join(folder, "__init__.py")
        if os.path.isfile(init):
            found.append(init)
        folder = os.path.dirname(folder)
    return found


def _python_files(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    found = []
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and d not in _SKIPPED_DIRS
            and not os.path.isfile(os.path.join(folder, d, "pyvenv.cfg"))
        )
        found += [os.path.join(folder, f) for f in sorted(files) if f.endswith((".py", ".pyi"))]
    return found
