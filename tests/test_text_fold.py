"""The text layer's folds and slugs, pinned to the outputs the stages produced before they
shared them (each stage's comparison form must not change when it moves to the text layer)."""
import pytest

from provenance.glossary.model import new_id
from provenance.names.discovery import _slug
from provenance.names.keys import _strip_marks
from provenance.names.resources import plain
from provenance.text.fold import ascii_slug, fold, fold_diacritics, strip_marks, unicode_slug, word_slug
from provenance.text.stem import stem
from provenance.trace.candidates import fold as trace_fold
from provenance.trace.sources.catalog import source_slug

# (text, discovery slug, glossary id, source slug, marks stripped, trace fold, cue-word fold, English stem)
PINNED = [
    ('Abu Yasser Al-Issawi', 'abu-yasser-al-issawi', 'new:abu-yasser-al-issawi', 'abu-yasser-al-issawi', 'Abu Yasser Al-Issawi', 'abu yasser alissawi', 'abu yasser al-issawi', 'abu yasser alissawi'),
    ('ʿAbd al-Raḥmān', 'ʿabd-al-rahman', 'new:abd-al-rahman', 'abd-al-rahman', 'ʿAbd al-Rahman', 'ʿabd alrahman', 'ʿabd al-rahman', 'ʿabd alrahman'),
    ('Straße', 'strasse', 'new:strae', 'strae', 'Straße', 'strasse', 'strasse', 'strass'),
    ('İstanbul', 'istanbul', 'new:istanbul', 'istanbul', 'Istanbul', 'istanbul', 'istanbul', 'istanbul'),
    ('ıslak', 'ıslak', 'new:slak', 'slak', 'ıslak', 'ıslak', 'ıslak', 'ıslak'),
    ('Éric Zemmour', 'eric-zemmour', 'new:eric-zemmour', 'eric-zemmour', 'Eric Zemmour', 'eric zemmour', 'eric zemmour', 'eric zemmour'),
    ("d'Alembert", 'd-alembert', 'new:d-alembert', 'd-alembert', "d'Alembert", 'dalembert', "d'alembert", 'dalembert'),
    ('O’Neill', 'o-neill', 'new:oneill', 'oneill', 'O’Neill', 'oneill', 'o’neill', 'oneil'),
    ('أبو ياسر العيساوي', 'ابو-ياسر-العيساوي', 'new:bbb0bb5182', 'أبو-ياسر-العيساوي', 'ابو ياسر العيساوي', 'ابو ياسر العيساوي', 'ابو ياسر العيساوي', 'ابو ياسر العيساوي'),
    ('مُصطفى', 'مصطفى', 'new:3e5708b9d2', 'م-صطفى', 'مصطفى', 'مصطفى', 'مصطفى', 'مصطفى'),
    ('Ḥasan', 'hasan', 'new:hasan', 'hasan', 'Hasan', 'hasan', 'hasan', 'hasan'),
    ('Nguyễn Phú Trọng', 'nguyen-phu-trong', 'new:nguyen-phu-trong', 'nguyen-phu-trong', 'Nguyen Phu Trong', 'nguyen phu trong', 'nguyen phu trong', 'nguyen phu trong'),
    ('Łódź', 'łodz', 'new:odz', 'odz', 'Łodz', 'łodz', 'łodz', 'łodz'),
    ('The New York Times', 'the-new-york-times', 'new:the-new-york-times', 'new-york-times', 'The New York Times', 'the new york times', 'the new york times', 'the new york tim'),
    ('Le Monde', 'le-monde', 'new:le-monde', 'monde', 'Le Monde', 'le monde', 'le monde', 'le mond'),
    ('al-Jazeera', 'al-jazeera', 'new:al-jazeera', 'al-jazeera', 'al-Jazeera', 'aljazeera', 'al-jazeera', 'aljazeera'),
    ('AP', 'ap', 'new:ap', 'ap', 'AP', 'ap', 'ap', 'ap'),
    ('中国', '中国', 'new:101806f57c', '中国', '中国', '中国', '中国', '中国'),
    ('x', 'x', 'new:x', 'x', 'x', 'x', 'x', 'x'),
    ('', 'name', 'new:da39a3ee5e', 'unnamed', '', '', '', ''),
    ('--', 'name', 'new:e6a9fc0432', 'unnamed', '--', '', '--', ''),
    ("Mc-Donald's", 'mc-donald-s', 'new:mc-donald-s', 'mc-donald-s', "Mc-Donald's", 'mcdonald', "mc-donald's", 'mcdonald'),
    ('Jean‑Noël', 'jean-noel', 'new:jeannoel', 'jeannoel', 'Jean‐Noel', 'jeannoel', 'jean‐noel', 'jeannoel'),
    ('résumé’s', 'resume-s', 'new:resumes', 'resumes', 'resume’s', 'resume', 'resume’s', 'resum'),
    ('كَتَبَ', 'كتب', 'new:1a31c3cbb8', 'ك-ت-ب', 'كتب', 'كتب', 'كتب', 'كتب'),
    ('हिन्दी', 'ह-नद', 'new:e554e1a23a', 'ह-न-द', 'हिनदी', 'हिनदी', 'हिन्दी', 'हिनदी'),
    ('ไทย', 'ไทย', 'new:7160c86e70', 'ไทย', 'ไทย', 'ไทย', 'ไทย', 'ไทย'),
]


@pytest.mark.parametrize(("text", "slug", "glossary_id", "source", "stripped", "folded", "cue", "stemmed"), PINNED)
def test_every_fold_and_slug_keeps_its_output(text, slug, glossary_id, source, stripped, folded, cue, stemmed) -> None:
    assert _slug(text) == slug and (unicode_slug(text) or "name") == slug
    assert new_id("new", text, set()).startswith("new:") and new_id("new", text, set()) == glossary_id
    assert source_slug(text) == source
    assert _strip_marks(text) == stripped == strip_marks(text)
    assert trace_fold(text) == folded
    assert plain(text) == cue == fold_diacritics(text)
    assert stem(folded, "en") == stemmed


def test_the_folds_differ_where_their_uses_need_it() -> None:
    assert fold("ʿAbd al-Raḥmān") == "ʿabd al-rahman"  # the ʿayn is a letter, not a mark
    assert fold("İstanbul") == "istanbul" and fold("Straße") == "strasse"
    assert strip_marks("हिन्दी") == "हिनदी" and fold_diacritics("हिन्दी") == "हिन्दी"  # a virama spells the word
    assert ascii_slug("Nguyễn Phú Trọng") == "nguyen-phu-trong" and ascii_slug("中国") == ""
    assert unicode_slug("أبو ياسر العيساوي") == "ابو-ياسر-العيساوي" and word_slug("中国 外交") == "中国-外交"


def test_articles_come_from_one_data_file_by_language_and_kind() -> None:
    from provenance.text.wordlists import articles

    assert articles(["en"]) == {"the", "a", "an"}
    assert {"gli", "lo", "il"} <= articles(["it"]) and "des" not in articles(["fr"])
    assert "des" in articles(["fr"], kinds=("contracted",))
    assert "une" not in articles(kinds=("definite",)) and "al" in articles(kinds=("definite",))


def test_a_source_slug_drops_a_leading_article_of_any_listed_language() -> None:
    assert source_slug("Le Monde") == "monde" and source_slug("Gli Stati Uniti") == "stati-uniti"
    assert source_slug("The New York Times") == "new-york-times" and source_slug("Al Jazeera") == "jazeera"


def test_the_transliteration_word_key_keeps_its_output() -> None:
    from provenance.artifacts.transliteration import word_key

    words = ["Al-Isaui’s", "d'Alembert", "ʿAbd", "Straße", "İstanbul", "Ḥasan", "هيئة", "Nguyễn", "O’Neill"]
    assert [word_key(w) for w in words] == ["al-isaui", "dalembert", "abd", "strasse", "istanbul", "hasan", "هيية",
                                            "nguyen", "oneill"]
