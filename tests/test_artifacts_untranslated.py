"""Words and passages left in the source language or script."""
from __future__ import annotations

from provenance.artifacts import untranslated
from provenance.artifacts.model import Context
from provenance.lang import Segment


def detect(text: str, language: str = "en", segments=None):
    return untranslated.detect(Context.from_text(text, language), segments)


def test_arabic_script_in_english() -> None:
    (artifact,) = detect("The group calls itself the Islamic Resistance (المقاومة الإسلامية) in its statements.")
    assert artifact.text == "المقاومة الإسلامية" and artifact.candidates[0] == "ar"


def test_latin_words_in_arabic_text_are_ordinary() -> None:
    text = "قالت وكالة Reuters إن الاجتماع انتهى دون اتفاق، بحسب مسؤولين في CNN."
    assert detect(text, "ar") == []


def test_foreign_sentence_confirmed_by_word_frequencies() -> None:
    text = ("The prefect addressed the crowd. Nous ne céderons jamais devant la violence des casseurs. "
            "Then he left.")
    start = text.index("Nous")
    end = text.index("casseurs.") + len("casseurs.")
    found = detect(text, segments=[Segment(start, end, "fr", 0.99)])
    assert any(a.text == text[start:end] and a.source_language == "fr" for a in found)


def test_misidentified_english_sentence_is_not_confirmed() -> None:
    text = "The new bridge will open to traffic next spring, officials said."
    assert detect(text, segments=[Segment(0, len(text), "fr", 0.95)]) == []


def test_single_foreign_words() -> None:
    found = detect("Thousands of manifestants marched to the préfecture on Saturday.", segments=[])
    assert [a.text for a in found] == ["manifestants", "préfecture"]
    assert all(a.source_language == "fr" for a in found)


def test_english_words_are_not_foreign() -> None:
    assert detect("The committee approved the budget after a long debate on Thursday.", segments=[]) == []
