"""Original English news (tests/data/originals): no translation verdicts, few artifacts."""
from __future__ import annotations

from pathlib import Path

import pytest

from provenance.artifacts import detect_artifacts, translation_verdict
from provenance.corpus import read_corpus
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.names import link_corpus
from provenance.text import words

ORIGINALS = Path(__file__).resolve().parent / "data" / "originals"
MAX_ARTIFACTS_PER_1000_WORDS = 1.0


@pytest.mark.skipif(not ORIGINALS.is_dir(), reason="tests/data/originals is not there")
def test_originals_are_not_translations() -> None:
    docs = list(read_corpus(ORIGINALS))
    glossary = load_glossary(default_glossary_paths())
    mentions = link_corpus(docs, glossary).by_doc()
    total_words = total_artifacts = 0
    for doc in docs:
        artifacts = detect_artifacts(doc, "en", mentions.get(doc.id, ()), glossary)
        verdict = translation_verdict(doc, "en", artifacts)
        assert not verdict.is_translation, (doc.id, verdict.reasons)
        total_words += len(words(doc.text))
        total_artifacts += len(artifacts)
    assert docs and 1000.0 * total_artifacts / total_words <= MAX_ARTIFACTS_PER_1000_WORDS
