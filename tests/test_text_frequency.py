"""The guarded word-frequency layer: every language, script and code, and no lookup raises."""
import pytest

from provenance.text import top_words, zipf
from provenance.text.frequency import tokenizer_ready


def test_common_words_are_frequent_and_unknown_words_score_zero() -> None:
    assert zipf("the", "en") > 7 and zipf("gobierno", "es") > 4 and zipf("حكومة", "ar") > 3
    assert zipf("qxzvbl", "en") == 0.0


@pytest.mark.parametrize(("word", "lang"), [("人人", "ja"), ("中国", "zh")])
def test_chinese_and_japanese_words_are_found_without_their_tokenizers(word, lang) -> None:
    # wordfreq needs jieba or MeCab to tokenize these; without them the word is looked up whole
    assert zipf(word, lang) > 3


@pytest.mark.parametrize("lang", ["et", "zz", "5", 'en"><script>', ""])
def test_languages_without_a_word_list_and_invalid_codes_have_no_frequencies(lang) -> None:
    assert zipf("tere", lang) == 0.0
    assert top_words(lang, 10) == ()
    assert not tokenizer_ready(lang)


def test_top_words_are_the_most_frequent_first() -> None:
    assert top_words("en", 3) == ("the", "to", "and")
    assert "de" in top_words("fr", 5)


def test_top_words_do_not_keep_the_word_lists_they_are_taken_from() -> None:
    """wordfreq keeps every word list it reads (tens of MB each): the top words keep only themselves."""
    from wordfreq import get_frequency_list

    top_words.cache_clear()
    words = top_words("fr", 50)
    assert words[:3] == ("de", "la", "le") and len(words) == 50
    assert get_frequency_list.cache_info().currsize == 0
    assert zipf("gouvernement", "fr") > 4  # a lookup reads what it needs again


def _listed(lang: str, count: int, seed: int) -> list[str]:
    import random

    from wordfreq import get_frequency_list

    words = [word for band in get_frequency_list(lang) for word in band]
    get_frequency_list.cache_clear()
    return random.Random(seed).sample(words, count)


@pytest.mark.parametrize("lang", ["en", "fr", "de", "ar", "ru", "es"])
def test_the_zipf_frequency_is_wordfreqs_for_listed_unlisted_and_several_token_words(lang) -> None:
    from wordfreq import zipf_frequency

    listed = _listed(lang, 400, seed=7)
    words = [*listed, *(w.upper() for w in listed[:50]), *(w + "qz" for w in listed[:50]),
             *(f"{a} {b}" for a, b in zip(listed[:40], listed[40:80], strict=True)),
             "2019", "1,234", "3.5%", "U.S.", "co-operate", "don’t", "l'État", "Al-Kadhimi", "", " ", "\ud800x"]
    assert [zipf(w, lang) for w in words] == [zipf_frequency(w, lang) for w in words]


def test_a_word_table_finds_exactly_the_listed_words_when_keys_collide(monkeypatch) -> None:
    from provenance.text import frequency

    monkeypatch.setattr(frequency, "_KEY_MASK", 0x3)  # four keys: nearly every lookup meets other words' keys
    bands = [["the"], [], ["of", "and"], ["état", "دولة"], ["x"]]
    table = frequency.WordTable.of(bands)
    assert len(table) == 6
    assert [table.frequency(w) for w in ("the", "and", "دولة", "x")] == [1.0, 10 ** -0.02, 10 ** -0.03, 10 ** -0.04]
    assert not any(w in table for w in ("th", "thee", "etat", "Of", "", "\ud800", "of and"))


def test_a_word_table_holds_a_fraction_of_wordfreqs_dictionary() -> None:
    """wordfreq's dictionary of German words takes over 100 MB in every process that looks one up."""
    import tracemalloc

    from wordfreq import get_frequency_list

    from provenance.text.frequency import word_table

    word_table.cache_clear()
    tracemalloc.start()
    try:
        table = word_table("de")
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        word_table.cache_clear()
    assert len(table) > 500_000 and held < 25_000_000
    assert get_frequency_list.cache_info().currsize == 0
