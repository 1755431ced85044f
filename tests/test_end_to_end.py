"""End to end: the report on the sample corpus meets every issue's bounds under the shared scorer.

The scorer and gold live in ../shared (beside the checkout in CI); without them these tests
are skipped. Gold is only read by the scorer, never by the tool.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from provenance.glossary import default_glossary_paths, load_glossary
from provenance.pipeline import analyze
from provenance.report import build_report, dump_json

from .conftest import DATA, GOLD, ROOT, SEEDS

SCORER = ROOT.parent / "shared" / "score.py"
needs_gold = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer and gold not beside the checkout")

WITH_GLOSSARY = [
    "language.accuracy=1", "names.f1=0.95", "clusters.bcubed_f1=0.95",
    "translation.accuracy=1", "source_language.accuracy=1", "artifacts.recall=0.8",
    "edges.recall=1", "citations.recall=0.8", "conflicts.recall=1",
]
MAXIMA = ["artifacts.false_alarms_on_originals=1", "edges.false_links=0"]


def score(report_path, minima, maxima=()):
    args = [sys.executable, str(SCORER), str(report_path), str(GOLD / "seeds")]
    args += [f"--min={m}" for m in minima] + [f"--max={m}" for m in maxima]
    return subprocess.run(args, capture_output=True, text=True)


@needs_gold
def test_seeds_meet_every_bound_with_the_bundled_glossary(tmp_path):
    analysis = analyze(SEEDS, glossary=load_glossary(default_glossary_paths()))
    (tmp_path / "report.json").write_text(dump_json(build_report(analysis)), encoding="utf-8")
    result = score(tmp_path / "report.json", WITH_GLOSSARY, MAXIMA)
    assert result.returncode == 0, result.stdout


@needs_gold
def test_variants_are_grouped_without_a_glossary(tmp_path):
    analysis = analyze(SEEDS, glossary=None)
    (tmp_path / "report.json").write_text(dump_json(build_report(analysis)), encoding="utf-8")
    result = score(tmp_path / "report.json", ["clusters.bcubed_f1=0.85", "translation.accuracy=1", "names.f1=0.9",
                                              "artifacts.recall=0.8", "conflicts.recall=1"], MAXIMA)
    assert result.returncode == 0, result.stdout


def test_original_english_news_is_not_called_a_translation():
    analysis = analyze(DATA / "originals", glossary=load_glossary(default_glossary_paths()),
                       stages=("names", "artifacts"))
    words = sum(len(r.doc.text.split()) for r in analysis.documents)
    artifacts = sum(len(r.artifacts) for r in analysis.documents)
    assert len(analysis.documents) >= 15
    assert not [r.doc.id for r in analysis.documents if r.translation.is_translation]
    assert artifacts / words * 1000 <= 1.0
