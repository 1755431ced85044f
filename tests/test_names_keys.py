"""Names stage: transliteration keys, folding and parsing of names, and news-style spellings.

Every text here is written for these tests (not taken from the sample corpus).
"""
from __future__ import annotations

import pytest

from provenance.corpus import Document
from provenance.names import fold_name, news_style, parse_name, translit_keys


@pytest.mark.parametrize("a, b", [
    ("Qassem Soleimani", "Qasem Suleimani"),
    ("Qassem Soleimani", "Ghassem Soleimani"),
    ("Osama bin Laden", "Usama bin Ladin"),
    ("Osama bin Laden", "Oussama ben Laden"),
    ("Zelensky", "Zelenskyy"),
    ("Zelensky", "Selenskyj"),
    ("Muammar Gaddafi", "Moammar Qaddafi"),
    ("Abdel Fattah el-Sisi", "Abdelfattah al-Sissi"),
    ("Vladimir Putin", "Wladimir Putin"),
    ("مصطفى الكاظمي", "Mustafa al-Kadhimi"),
    ("أسامة بن لادن", "Osama bin Laden"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert translit_keys(a) & translit_keys(b)


@pytest.mark.parametrize("a, b", [
    ("Mustafa al-Kadhimi", "Mohammed Shia al-Sudani"),
    ("Abu Yasir al-Issawi", "Shakir Abud Ahmad al-Issawi"),
    ("al-Issawi", "al-Ithawi"),
    ("Baghdad", "al-Baghdadi"),
    ("Tunis", "al-Tunisi"),
])
def test_different_names_do_not_share_a_key(a: str, b: str) -> None:
    assert not translit_keys(a) & translit_keys(b)


def test_fold_and_parse_name() -> None:
    assert fold_name("Abu-Ali  al-Tunisi") == "abu ali al tunisi"
    assert fold_name("Ayşe Gül") == "ayse gul"
    parsed = parse_name("Ibrahim Awad Ibrahim al-Badri")
    assert parsed.given.text == "ibrahim" and parsed.surname.text == "badri"
    kunya = parse_name("Abu Bakr al-Baghdadi")
    assert kunya.given is None and [w.text for w in kunya.kunya] == ["bakr"]
    assert parse_name("Abd al-Rahman").words[0].keys == parse_name("Abdurrahman").words[0].keys


def test_news_style_representative() -> None:
    assert news_style("Abu-Ali Al-Tunisi") == "Abu Ali al-Tunisi"
    assert news_style("Mohammed Shia’ Al Sudani") == "Mohammed Shia al-Sudani"
    assert news_style("Abd-al-Karim  El Masri") == "Abd al-Karim el-Masri"


@pytest.mark.parametrize("alone, full", [("De Santis", "Marco De Santis"), ("Del Valle", "Ramón del Valle"),
                                         ("Van Dijk", "Pieter van Dijk"), ("Dos Anjos", "Maria dos Anjos")])
def test_a_surname_that_opens_with_a_particle_is_one_name_word_alone(alone: str, full: str) -> None:
    parsed, whole = parse_name(alone), parse_name(full)
    assert parsed.single
    assert parsed.surname is not None and whole.surname is not None
    assert parsed.surname.keys == whole.surname.keys


@pytest.mark.parametrize("name", ["Du Fu", "Do Muoi", "Le Duan", "La Torre"])
def test_a_particle_that_does_not_open_surnames_stays_a_name_word(name: str) -> None:
    assert not parse_name(name).single


def test_a_parsed_name_unpickles_as_the_one_parse_of_its_words() -> None:
    import pickle

    from provenance.names.link import NameLinker

    drafts, _ = NameLinker(None).link_document_with_lone_names(
        Document("a.txt", "Mustafa al-Kadhimi met Abu Bakr al-Baghdadi's envoy. Kadhimi said no."), "en", [])
    copies = [pickle.loads(pickle.dumps(drafts)) for _ in range(2)]
    assert [d.parsed for d in copies[0]] == [d.parsed for d in drafts] != []
    assert all(a.parsed is b.parsed for a, b in zip(*copies))  # the parent keeps one parse per name
    assert parse_name("Abu Bakr al-Baghdadi").key_set == pickle.loads(pickle.dumps(parse_name("Abu Bakr al-Baghdadi"))).key_set


def test_words_compared_at_once_match_as_words_compared_one_by_one() -> None:
    # every name word of the bundled glossary (Latin, Arabic and other scripts), with spellings of
    # the same names and given names and their hypocorisms (Bob, Robert): the vectorised rule is the rule
    from provenance.glossary import default_glossary_paths, load_glossary
    from provenance.names.compare import words_match, words_matching

    names = [alias.text for entry in load_glossary(default_glossary_paths()) for alias in entry.aliases] + [
        "Kadhimi", "Kazemi", "Al-Kadhimi", "Issawi", "Isaui", "Marotto", "Maruto", "Bob", "Robert", "Bill",
        "William", "Mohammed", "Muhammad", "Mohamed", "Gaddafi", "Gheddafi", "Qaddafi", "Каддафи", "القذافي"]
    words = list(dict.fromkeys(word for name in names for word in parse_name(name).words))
    assert len(words) > 300
    for word in words[::7] + [w for w in words if w.text in ("bob", "robert", "kadhimi", "القذافي")]:
        assert words_matching(word, words) == [words_match(word, other) for other in words], word.text
    assert words_matching(words[0], []) == []


def test_the_automaton_folding_keeps_every_offset_and_folds_as_the_table_says() -> None:
    """The folding by replacements gives what the character table gives, on real news in several
    languages and scripts and on every folded character, with upper-case letters whose lower case
    is longer (İ) kept as written."""
    from provenance.names.index import AUTOMATON_FOLD, automaton_text

    from .conftest import DATA

    def by_table(text: str) -> str:
        folded = text.translate(AUTOMATON_FOLD)
        lowered = folded.lower()
        return lowered if len(lowered) == len(folded) else "".join(c.lower() if len(c.lower()) == 1 else c
                                                                    for c in folded)

    texts = [path.read_text(encoding="utf-8") for path in sorted((DATA / "originals_multi" / "corpus").glob("*.txt"))]
    texts += ["Al\u2011Sisi\u2019s \u2018deal\u2019 \u2013 K\u02bciv,\u00a0İstanbul-based ẞTRASSE", "plain ascii-text",
              "ΟΔΟΣ \u2013 Ἀθῆναι\u2019"]
    assert len(texts) > 10 and any(not t.isascii() for t in texts)
    for text in texts:
        folded = automaton_text(text)
        assert folded == by_table(text) and len(folded) == len(text)
    assert automaton_text("Al\u2011Sisi\u2019s İ") == "al sisi's İ"
