"""Original (untranslated) news in German, French, Spanish and Arabic (tests/data/originals_multi):
the full default analysis calls none of them a translation and finds each one's language."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.document import Analysis
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.pipeline import analyze

CORPUS = Path(__file__).resolve().parent / "data" / "originals_multi" / "corpus"
MANIFEST = CORPUS / "manifest.jsonl"
LANGUAGES = {row["id"]: row["language"]
             for row in map(json.loads, MANIFEST.read_text(encoding="utf-8").splitlines()) if row}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return analyze(CORPUS, glossary=load_glossary(default_glossary_paths()))


def test_the_corpus_has_originals_in_four_languages(analysis: Analysis) -> None:
    assert sorted(d.doc.id for d in analysis.documents) == sorted(LANGUAGES)
    assert set(LANGUAGES.values()) >= {"de", "fr", "es", "ar"}
    assert sum(lang == "ar" for lang in LANGUAGES.values()) >= 3


@pytest.mark.parametrize("doc_id", sorted(LANGUAGES))
def test_an_original_is_not_called_a_translation(analysis: Analysis, doc_id: str) -> None:
    document = next(d for d in analysis.documents if d.doc.id == doc_id)
    assert document.translation is not None
    assert not document.translation.is_translation, (doc_id, document.translation.reasons)


@pytest.mark.parametrize("doc_id", sorted(LANGUAGES))
def test_the_language_found_is_the_manifest_language(analysis: Analysis, doc_id: str) -> None:
    document = next(d for d in analysis.documents if d.doc.id == doc_id)
    assert document.language.lang == LANGUAGES[doc_id]
