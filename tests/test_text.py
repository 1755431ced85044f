"""Text layer: every token and sentence slices back to its text; scripts."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.text import normalize_punct, script_of, sentences, tokenize, words

from .conftest import SEEDS

SAMPLES = {
    "en": "“We promised and we delivered,” declared Prime Minister Mustafa al-Kadhimi (…) killed” . "
          "The U.S.-led coalition’s 2,500 troops left. Col. Wayne Marotto said so.",
    "ar": "قال رئيس الوزراء مصطفى الكاظمي، إن العملية «نجحت». وأضاف أن القوات ستواصل ملاحقة عناصر داعش.",
    "fr": "« C'est une victoire », a déclaré jeudi le Premier ministre à Kirkouk. L'armée s'est retirée.",
    "es": "¿Dónde está? El portavoz, Wayne Marotto, confirmó la muerte de Abu Yaser al Isaui en Irak.",
    "de": "Die Koalition meldete „einen schweren Schlag“ gegen den IS. Selenskyj äußerte sich nicht.",
}


def assert_exact(text, spans):
    for span in spans:
        assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_tokens_slice_back_to_their_text(lang):
    text = SAMPLES[lang]
    tokens = tokenize(text, lang)
    assert_exact(text, tokens)
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)
    covered = "".join(t.text for t in tokens)
    assert covered == "".join(text.split())  # nothing of the text is lost


def test_token_norm_carries_moses_punctuation_normalization():
    tokens = tokenize("He said “no” … and left.", "en")
    norms = {t.text: t.norm for t in tokens}
    assert norms["“"] == '"' and norms["…"] == "..."


def test_seed_texts_tokens_are_exact():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        tokens = tokenize(text)
        assert_exact(text, tokens)
        assert len(tokens) > 300


def test_sentences_respect_abbreviations_and_lowercase_continuations():
    text = "Col. Wayne Marotto spoke on Jan. 27 in the U.S. Embassy. It was late. damage. possible.\nNew line here"
    assert [s.text for s in sentences(text)] == [
        "Col. Wayne Marotto spoke on Jan. 27 in the U.S. Embassy.",
        "It was late. damage. possible.",
        "New line here",
    ]


def test_sentences_in_arabic_and_after_quotes():
    text = SAMPLES["ar"]
    spans = sentences(text, "ar")
    assert len(spans) == 2
    assert_exact(text, spans)
    spans = sentences("He said “it is over.” Then he left.")
    assert [s.text for s in spans] == ["He said “it is over.”", "Then he left."]


def test_words_keep_inner_hyphens_and_apostrophes():
    assert [w.text for w in words("al-Kadhimi’s forces, Abd-al-Jalil and O'Neil")] == [
        "al-Kadhimi’s", "forces", "Abd-al-Jalil", "and", "O'Neil"]


def test_scripts():
    assert script_of("Kirkuk") == "Latin"
    assert script_of("كركوك") == "Arabic"
    assert script_of("Зеленский") == "Cyrillic"
    assert script_of("Ζελένσκι") == "Greek"
    assert script_of("2021 - 10") == "Common"
    assert script_of("Kirkuk كركوك كركوك") == "Arabic"


def test_normalize_punct():
    assert normalize_punct("«Oui»  — dit-il") != "«Oui»  — dit-il"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_tokenizes_to_exact_spans(text):
    assert_exact(text, tokenize(text))
    assert_exact(text, sentences(text))
