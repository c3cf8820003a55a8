"""One mypy run for ``infer``, in this process (docs/design.md §13).

mypy is built with the user's configuration and the plugin on (added when the
configuration does not name it), without any cache, so that every module is checked and
reaches the post-check hook; bodies of unannotated functions are checked too
(``check_untyped_defs``), since a factory is often one. The plugin appends its proposals to
the file named by ``MYPY_OWNERSHIP_INFER_OUTPUT``; the run gives them back with mypy's
messages, parsed.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from mypy import build  # first: mypy's modules import cleanly in this order only
from mypy.errors import CompileError
from mypy.main import process_options
from mypy.options import Options
from mypy.plugin import Plugin

from mypy_ownership.inference import Proposal
from mypy_ownership.plugin import INFER_OUTPUT_VARIABLE

PLUGIN_MODULE: Final = "mypy_ownership.plugin"
# "path:line[:column]: severity: message  [code]"; a note carries no code
_MESSAGE: Final = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?:\d+:)? (?P<severity>error|note|warning): (?P<message>.*?)"
    r"(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)


CANNOT_FIND_VOCABULARY: Final = (
    'mypy cannot find the "mypy_ownership" package, so annotations using it would mean nothing:'
    " install mypy-ownership where mypy looks for packages (an editable install hides it from"
    " mypy; a regular install or PYTHONPATH does not)"
)


class MypyFailed(Exception):
    """mypy stopped before checking (a blocking error, a bad option): its own words."""


@dataclass(frozen=True)
class Message:
    path: str  # absolute
    line: int
    severity: str
    text: str
    code: str  # "" for a note


@dataclass
class Run:
    messages: list[Message] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # proposals the plugin failed to compute


def run(paths: Sequence[str], config_file: str | None) -> Run:
    """mypy over ``paths`` (absolute) with the plugin, in this process."""
    args = [*(["--config-file", config_file] if config_file else []), *paths]
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        sources, options = process_options(args, stdout=stdout, stderr=stderr)
    except SystemExit:
        raise MypyFailed((stderr.getvalue() or stdout.getvalue()).strip()) from None
    options.incremental = False
    options.cache_dir = os.devnull
    options.check_untyped_defs = True
    options.pretty = False
    options.show_error_context = False
    options.show_error_end = False
    options.show_absolute_path = True
    options.hide_error_codes = False
    options.fast_exit = False
    options.error_summary = False
    with tempfile.TemporaryDirectory(prefix="mypy-ownership-infer-") as scratch:
        output = os.path.join(scratch, "proposals.jsonl")
        previous = os.environ.get(INFER_OUTPUT_VARIABLE)
        os.environ[INFER_OUTPUT_VARIABLE] = output
        try:
            extra = [] if _names_plugin(options.plugins) else [_plugin(options)]
            result = build.build(sources, options, extra_plugins=extra, stdout=stdout, stderr=stderr)
        except CompileError as err:
            raise MypyFailed("\n".join(err.messages)) from None
        finally:
            if previous is None:
                del os.environ[INFER_OUTPUT_VARIABLE]
            else:
                os.environ[INFER_OUTPUT_VARIABLE] = previous
        found = Run(messages=parse_messages(result.errors))
        if any(m.code == "import-not-found" and '"mypy_ownership"' in m.text for m in found.messages):
            raise MypyFailed(CANNOT_FIND_VOCABULARY)
        if os.path.exists(output):
            with open(output, encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    if "failed" in record:
                        found.failures.append(record["failed"])
                    else:
                        found.proposals.append(Proposal(**record))
    return found


def _names_plugin(plugins: Sequence[str]) -> bool:
    return any(p.split(":")[0] == PLUGIN_MODULE or p.endswith("mypy_ownership/plugin.py") for p in plugins)


def _plugin(options: Options) -> Plugin:
    from mypy_ownership.plugin import OwnershipPlugin

    return OwnershipPlugin(options)


def parse_messages(lines: Sequence[str]) -> list[Message]:
    """mypy's output lines as messages. Notes stay messages of their own: mypy sorts them by
    line, so a move's note comes before the use after it, and no order tells whose they are."""
    messages: list[Message] = []
    for line in lines:
        found = _MESSAGE.match(line)
        if found is not None:
            path = os.path.abspath(found["path"])
            messages.append(Message(path, int(found["line"]), found["severity"], found["message"], found["code"] or ""))
    return messages
