"""Text layer: every token and sentence slices back to its text; scripts."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.text import normalize_punct, script_of, sentences, tokenize, word_count, words

from .conftest import DATA, SEEDS

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


def test_sentences_in_scripts_without_spaces_and_with_their_own_full_stops():
    # Chinese (the State Department's translation of a 2023 readout) runs sentences together
    # after "。", and so does Japanese; Hindi and Urdu have their own full stops.
    chinese = "国务卿表示，他曾计划访问北京。国务卿注意到中华人民共和国表示遗憾的声明！此时访问北京是不合适的。"
    assert [s.text for s in sentences(chinese)] == [
        "国务卿表示，他曾计划访问北京。", "国务卿注意到中华人民共和国表示遗憾的声明！", "此时访问北京是不合适的。"]
    japanese = "外相は火曜日に会見した。「協議は来週再開される」と述べた。"
    assert [s.text for s in sentences(japanese)] == ["外相は火曜日に会見した。", "「協議は来週再開される」と述べた。"]
    hindi = "विदेश मंत्री ने मंगलवार को कहा कि बातचीत फिर शुरू होगी। बैठक काहिरा में होगी।"
    assert len(sentences(hindi)) == 2 and sentences(hindi)[0].text.endswith("।")
    urdu = "وزیر خارجہ نے منگل کو کہا کہ بات چیت دوبارہ شروع ہوگی۔ اجلاس قاہرہ میں ہوگا۔"
    assert len(sentences(urdu)) == 2


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
    assert word_count(text) == len(words(text))


def test_word_count_counts_the_words_of_texts_in_every_language() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted((DATA / "lang").glob("*.txt"))]
    assert len(texts) > 10
    for text in texts:
        assert word_count(text) == len(words(text)) > 0


def test_the_dominant_script_counts_every_letter_once() -> None:
    import random

    from provenance.text import char_script
    from provenance.text.scripts import letter_scripts

    rng = random.Random(5)
    pieces = ["Kirkuk ", "كركوك ", "Москва ", "北京 ", "Αθήνα ", "12, 3. ", "«»—", "ş", "ß"]
    ascii_pieces = ["Abu Yasser al-Issawi ", "12, 3. ", "(AP) - ", "O'Brien\t"]  # the ASCII shortcut
    for index in range(400):
        chosen = pieces if index % 4 else ascii_pieces
        text = "".join(rng.choice(chosen) for _ in range(rng.randint(0, 12)))
        counts: dict[str, int] = {}
        for char in text:  # one letter at a time, as a reference
            if char.isalpha():
                counts[char_script(char)] = counts.get(char_script(char), 0) + 1
        assert letter_scripts(text) == counts
        assert script_of(text) == (max(sorted(counts), key=counts.__getitem__) if counts else "Common")


def test_collapse_space_folds_every_kind_of_white_space_as_the_pattern_does() -> None:
    """Every code point that ``\\s`` matches (no-break, ideographic, separator controls) is folded,
    and nothing else (a zero-width space is not white space), on real news too."""
    import re

    from provenance.text import collapse_space

    every_space = "".join(chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c)))
    assert len(every_space) > 20 and "\u00a0" in every_space and "\u3000" in every_space
    texts = [f"{every_space}a{every_space}b\u200bc{every_space}", "", every_space, "one"]
    texts += [path.read_text(encoding="utf-8") for path in sorted((DATA / "originals_multi" / "corpus").glob("*.txt"))]
    for text in texts:
        assert collapse_space(text) == re.sub(r"\s+", " ", text).strip()
    assert collapse_space(texts[0]) == "a b\u200bc"
