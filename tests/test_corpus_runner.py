"""The corpus runner's check that no REAL finding of the triage is lost (its full run is
not part of the suite: it takes minutes and needs PyPI)."""

from __future__ import annotations

import sys
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
