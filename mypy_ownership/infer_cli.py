"""``mypy-ownership infer PATH...``: propose the annotations a project's code implies
(docs/design.md §13).

The sources are copied to a temporary directory and checked there, round after round:
mypy with the plugin proposes annotations, they are written into the copy, and mypy runs
again on the result. A round whose result reports an ``ownership-annotation``,
``missing-lifetime`` or ``use-after-move`` error the original code did not have, or no
longer reports a finding the original code had, drops the proposals that caused it and
tries again (``infer_soundness.py``); a round that proposes nothing new ends it. What is left is printed as a
unified diff, or written in place with ``--write``.

Exit status: 0 when nothing is left to propose (or it was written), 1 when the diff is
not empty, 2 when the command could not run (usage, missing libcst, mypy stopped).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:
    from mypy_ownership.infer_mypy import Message
    from mypy_ownership.infer_soundness import Judge, Key
    from mypy_ownership.infer_rewrite import Outcome
    from mypy_ownership.inference import Proposal

MISSING_LIBCST: Final = (
    "mypy-ownership infer needs libcst to rewrite sources: pip install 'mypy-ownership[infer]'"
)
_SKIPPED_DIRS: Final = frozenset({"__pycache__", "node_modules", "build", "dist"})


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
        self.outcomes: dict[str, Outcome] = {}  # per file, what the last rewrite did
        self.targets = [os.path.join(self.copy, os.path.relpath(p, self.root)) for p in absolute]
        for path in absolute:  # the packages above a PATH, so that its modules keep their names
            for init in _package_inits(path, self.root):
                with open(init, encoding="utf-8", newline="") as f:
                    self._write(os.path.relpath(init, self.root), f.read())

    def run(self, rounds: int) -> dict[str, str]:
        try:
            return self._rounds(rounds)
        finally:
            shutil.rmtree(self.copy, ignore_errors=True)

    def _rounds(self, rounds: int) -> dict[str, str]:
        from mypy_ownership import infer_mypy
        from mypy_ownership.infer_soundness import Judge, describe

        accepted: dict[Key, Proposal] = {}
        dropped: dict[Key, str] = {}
        current = dict(self.originals)
        judge: Judge | None = None
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
            if judge is None:
                judge = Judge(self.originals, messages)
            else:
                bad = judge.bad(messages, accepted)
                if bad:
                    culprits = judge.culprits(bad, messages, accepted)
                    if not culprits:  # nothing to blame: back to the last sound set, and stop
                        print(f"  stopped: nothing to blame for {describe(bad[0])}", file=self.log)
                        accepted = sound
                        current = self._rewrite(accepted)
                        break
                    for culprit, message in culprits.items():
                        dropped[culprit] = describe(message)
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
        from mypy_ownership.infer_soundness import original_line

        rel = os.path.relpath(message.path, self.copy)
        line = message.line
        if rel in self.originals and current[rel] != self.originals[rel]:
            line = original_line(self.originals[rel], current[rel], line)
        return Message(rel, line, message.severity, message.text, message.code)

    def _summary(self, accepted: dict[Key, Proposal], dropped: dict[Key, str], failures: int) -> None:
        outcomes = self.outcomes
        applied = sum(len(o.applied) for o in outcomes.values())
        files = sum(1 for o in outcomes.values() if o.applied)
        reasons = Counter(reason for o in outcomes.values() for _, reason in o.skipped)
        print(f"mypy-ownership infer: {applied} annotations in {files} files", file=self.log)
        kinds = Counter(kind(p) for o in outcomes.values() for p in o.applied)
        if kinds:
            print("  by kind: " + ", ".join(f"{kinds[k]} {k}" for k in KINDS if kinds[k]), file=self.log)
        for reason, count in sorted(reasons.items()):
            print(f"  skipped {count}: {reason}", file=self.log)
        for (rel, function, cls, place), why in sorted(dropped.items()):
            where = function or cls
            print(f"  dropped {rel}: {where} {place}, for {why}", file=self.log)
        if failures:
            print(f"  {failures} modules whose proposals could not be computed", file=self.log)


KINDS: Final = ("-> Own", "Own parameters", "Ref/Mut", "fields", "receivers")


def kind(proposal: Proposal) -> str:
    """The summary's name for what a proposal writes (one of ``KINDS``)."""
    if proposal.mode in ("Ref", "Mut"):
        return "Ref/Mut"
    if proposal.place.startswith("field:"):
        return "fields"
    if proposal.place == "receiver":
        return "receivers"
    return "-> Own" if proposal.place == "return" else "Own parameters"


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
