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
