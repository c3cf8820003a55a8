"""The corpus runner's check that no REAL finding of the triage is lost (its full run is
not part of the suite: it takes minutes and needs PyPI)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_runner  # noqa: E402


def test_the_triage_names_the_real_findings_of_the_first_set() -> None:
    real = corpus_runner.real_findings(corpus_runner.TRIAGE, "first")
    assert len(real) == len(set(real)) >= 25
    assert "stdlib_copy/optparse.py:879" in real


def test_a_real_finding_missing_from_a_run_is_reported_lost() -> None:
    real = corpus_runner.real_findings(corpus_runner.TRIAGE, "first")
    files = sorted({where.split(":")[0] for where in real})
    corpus = corpus_runner.Corpus(Path("."), {"all": files})
    kept = corpus_runner.Message(real[0].split(":")[0], int(real[0].split(":")[1]), 1, "error", "m", "resource-leak")
    lost = corpus_runner.lost_real_findings([corpus_runner.Finding(kept)], corpus_runner.TRIAGE, "first", corpus)
    assert lost == real[1:]


def test_lines_under_the_infer_heading_belong_to_no_plain_run(tmp_path: Path) -> None:
    triage = tmp_path / "triage.md"
    triage.write_text(
        "a/b.py:1 | resource-leak | REAL | first\n"
        "## Second corpus\n\nc/d.py:2 | resource-leak | REAL | second\n"
        f"{corpus_runner.INFER_HEADING}\n\n### First corpus\n\na/b.py:9 | resource-leak | REAL | made visible\n"
        "### Second corpus\n\nc/d.py:8 | resource-leak | REAL | made visible\n"
    )
    assert corpus_runner.real_findings(triage, "first") == ["a/b.py:1"]
    assert corpus_runner.real_findings(triage, "second") == ["c/d.py:2"]
    assert corpus_runner.real_findings(triage, "infer-first") == ["a/b.py:9"]
    assert corpus_runner.real_findings(triage, "infer-second") == ["c/d.py:8"]


def test_the_triage_names_the_real_findings_infer_makes_visible() -> None:
    assert corpus_runner.real_findings(corpus_runner.TRIAGE, "infer-first") == [
        "stdlib_copy/logging/handlers.py:1260", "stdlib_copy/urllib/request.py:2421",
    ]


TINY = {
    "pkg/__init__.py": "",
    "pkg/helpers.py": textwrap.dedent("""\
        import subprocess


        def open_log(path):
            return open(path, "a")


        def start(cmd: list[str]):
            return subprocess.Popen(cmd, stdout=subprocess.PIPE)


        class Journal:
            def __init__(self, path: str) -> None:
                self.out = open(path, "a")

            def close(self) -> None:
                self.out.close()


        def peek(path: str) -> str:
            f = open(path)
            return f.read()
    """),
    "pkg/main.py": textwrap.dedent("""\
        from pkg.helpers import Journal, open_log, start


        def run(path: str) -> None:
            log = open_log(path)
            log.write("x")
            proc = start(["ls"])
            journal = Journal(path)
    """),
}


def test_infer_on_a_tiny_corpus_reports_what_it_makes_visible(tmp_path: Path) -> None:
    """--infer's step on a hand-built tree (no PyPI): the leaks across modules are new,
    the plain run's leak in helpers.py is kept (its line moved down by the imports infer
    adds, and matched back), and infer wrote one annotation of each kind it had cause to."""
    root = tmp_path / "corpus"
    for name, text in TINY.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    corpus = corpus_runner.Corpus(root, {"packages": sorted(TINY)})
    config = tmp_path / "mypy.ini"
    config.write_text(corpus_runner.mypy_config())
    plain = corpus_runner.run_group("packages", sorted(TINY), corpus, config, tmp_path, 600)
    before, _ = corpus_runner.collect_findings(plain.messages, corpus_runner.Sources(root))
    assert [(f.error.file, f.error.line, f.error.code) for f in before] == [("pkg/helpers.py", 21, "resource-leak")]
    out = tmp_path / "out"
    out.mkdir()
    text, bad = corpus_runner.infer_step(corpus, before, config, tmp_path, out, 1, 600)
    assert not bad, text
    assert "annotations written:  4 (2 -> Own, 0 Own parameters, 0 Ref/Mut, 1 fields, 1 receivers)" in text, text
    assert "files changed:        1" in text and "findings lost:        0 (must be 0)" in text, text
    assert "new annotation errors: 0" in text, text
    records = [json.loads(line) for line in (out / "findings_infer.jsonl").read_text().splitlines()]
    assert [(r["error"]["file"], r["error"]["line"], r["error"]["code"]) for r in records] == [
        ("pkg/main.py", 5, "resource-leak"), ("pkg/main.py", 7, "resource-leak"), ("pkg/main.py", 8, "resource-leak"),
    ]
    assert "+def open_log(path) -> Own[io.TextIOWrapper]:" in (out / "infer.diff").read_text()
    assert (root / "pkg/helpers.py").read_text() == TINY["pkg/helpers.py"]  # the original is untouched
