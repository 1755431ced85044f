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


def test_long_words_are_the_lower_word_matches_of_four_letters_or_more() -> None:
    from .conftest import DATA

    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "lang").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "originals").rglob("*.txt"))]
    texts.append("e-mail me at abc@news.org, 12abcd abcd_ef x.abcd /path/abcd word’s ab-cdef")
    for text in texts:
        expected = [(m.start(), m.group()) for m in untranslated._LOWER_WORD.finditer(text)
                    if len(m.group()) >= untranslated.WORD_MIN_LENGTH]
        assert [(m.start(), m.group()) for m in untranslated._LONG_WORD.finditer(text)] == expected


def test_the_words_candidates_are_the_same_cached_or_not() -> None:
    from .conftest import DATA

    for lang in ("en", "fr", "es", "it", "de"):
        words = untranslated._LOWER_WORD.findall((DATA / "lang" / f"{lang}.txt").read_text(encoding="utf-8"))
        for word in [w.lower() for w in words][:300] + ["intifada", "sharia", "ministerio"]:
            cached = untranslated._source_candidates(word, lang)
            assert cached == untranslated._source_candidates.__wrapped__(word, lang) == \
                untranslated._source_candidates(word, lang)
