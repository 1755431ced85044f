"""Language layer on real sentences (tests/data/lang: UDHR translations, public-domain news)."""
from __future__ import annotations

import pytest

from provenance.lang import UNDETERMINED, detect, detect_document

from .conftest import DATA, SEEDS

LANGS = ("en", "ar", "es", "fr", "it", "de")


def real_sentences(code: str) -> list[str]:
    return [line for line in (DATA / "lang" / f"{code}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("code", LANGS)
def test_real_sentences_are_identified(code):
    sentences = real_sentences(code)
    right = sum(detect(s).lang == code for s in sentences)
    assert len(sentences) >= 25
    # both detectors take two Spanish UDHR sentences ("Nadie será sometido ...") for Portuguese
    assert right / len(sentences) >= 0.93, f"{code}: {right}/{len(sentences)}"


@pytest.mark.parametrize("code", LANGS)
def test_short_segments_are_identified(code):
    segments = [" ".join(s.split()[:4]) for s in real_sentences(code) if len(s.split()) > 4]
    right = sum(detect(s).lang == code for s in segments)
    assert right / len(segments) >= 0.85, f"{code}: {right}/{len(segments)}"


def test_detection_is_deterministic():
    text = "Le gouvernement a annoncé la mort du chef de l'organisation près de Kirkouk."
    assert len({detect(text) for _ in range(5)}) == 1
    long_text = " ".join(real_sentences("es")[:5])
    assert len({detect(long_text) for _ in range(5)}) == 1


def test_text_without_letters_is_undetermined():
    assert detect("2021-01-29 — 32 / 100").lang == UNDETERMINED


def test_seed_documents_are_english_and_not_mixed():
    for path in sorted(SEEDS.glob("*.txt")):
        found = detect_document(path.read_text(encoding="utf-8"))
        assert (found.lang, found.mixed) == ("en", False), path.name
        assert found.confidence > 0.9


def test_mixed_document_is_flagged_with_its_foreign_sentences():
    english = real_sentences("en")[6:12]
    french = real_sentences("fr")[6:9]
    text = " ".join(english[:3] + french + english[3:])
    found = detect_document(text)
    assert found.lang == "en" and found.mixed
    assert {s.lang for s in found.segments} == {"fr"}
    assert all(text[s.start:s.end] in french for s in found.segments)


def test_one_quoted_foreign_sentence_does_not_make_a_document_mixed():
    text = " ".join(real_sentences("en")[6:14] + [real_sentences("de")[8]])
    found = detect_document(text)
    assert found.lang == "en" and not found.mixed
    assert [s.lang for s in found.segments] == ["de"]
