"""A text's tokens made once (``TextTokens``) give every stretch the items tokenizing it alone gives,
in the sample texts of many languages and where a stretch's bound falls inside a token; the names
found in capitalized runs of words (kept per distinct run), in several languages; names merged over
their tokens (copied between them as slices)."""
from __future__ import annotations

import pytest

from provenance.trace.attribution.clauses import Name, fallback_names, merge_names, plain_tokens
from provenance.trace.attribution.marks import find_quoted_spans
from provenance.trace.attribution.tokens import TextTokens, raw_tokens
from tests.conftest import DATA

LANGUAGES = ("ar", "de", "en", "es", "fr", "hi", "ru", "tr", "zh")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_stretches_of_a_sample_text_give_the_items_of_tokenizing_them_alone(lang: str) -> None:
    text = (DATA / "lang" / f"{lang}.txt").read_text(encoding="utf-8")[:3000]
    tokens = TextTokens.of(text)
    assert tokens.items(0, len(text)) == plain_tokens(text, 0, len(text))
    for start in range(0, len(text), 37):  # bounds at word starts, inside words, on spaces and marks
        for end in (start, start + 1, start + 9, start + 80, len(text)):
            assert tokens.items(start, end) == plain_tokens(text, start, end), (start, end)


@pytest.mark.parametrize("text, start, end", [
    ("He said ‘no’5 times", 0, 12),  # a closing mark glued to a digit: "no’5" is one token of the text
    ("Die Ko-Regierung", 4, 7),  # the bound inside a hyphenated word
    ("قالت الوزارة", 2, 9),
    ("", 0, 0),
    ("  «Oui»  ", 3, 2),  # an empty stretch
])
def test_a_bound_inside_a_token_cuts_it_as_tokenizing_the_stretch_does(text: str, start: int, end: int) -> None:
    assert TextTokens.of(text).items(start, end) == plain_tokens(text, start, end)


@pytest.mark.parametrize("text, names", [
    ("Although Iraqi Prime Minister Mustafa Kadhimi spoke, Col. Wayne Marotto said nothing.",
     [("Iraqi Prime Minister Mustafa Kadhimi", "unknown"), ("Wayne Marotto", "unknown")]),
    ("Le porte-parole Jean-Pierre Dupont a déclaré que Ludwig van Beethoven était là.",
     [("Jean-Pierre Dupont", "unknown"), ("Ludwig van Beethoven", "unknown")]),
    ("Der Sprecher des Bundesamtes für Verfassungsschutz, Thomas Haldenwang, sagte am Montag.",
     [("Thomas Haldenwang", "unknown")]),
    ("El ministro Pedro Sánchez habló con la Organización Mundial de la Salud.",
     [("Pedro Sánchez", "unknown"), ("Organización Mundial", "unknown")]),
    ("The White House Press Secretary spoke to Reuters.", [("White House Press", "organization")]),
])
def test_fallback_names_are_the_capitalized_runs_without_the_words_around_a_name(
        text: str, names: list[tuple[str, str]]) -> None:
    assert [(n.surface, n.type) for n in fallback_names(text, plain_tokens(text, 0, len(text)))] == names


def test_a_run_met_again_is_a_name_at_its_own_place() -> None:
    text = "Abu Bakr al-Baghdadi's deputy spoke, and Abu Bakr al-Baghdadi's aide left."
    found = fallback_names(text, plain_tokens(text, 0, len(text)))
    assert [(text[n.start:n.end], n.start, n.possessive) for n in found] == [
        ("Abu Bakr al-Baghdadi", 0, True), ("Abu Bakr al-Baghdadi", 41, True)]


def test_names_take_their_tokens_from_their_first_word_to_their_end_or_a_quote() -> None:
    text = "(Le président Emmanuel Macron) a dit « non » à Olaf Scholz."
    tokens = raw_tokens(TextTokens.of(text), 0, len(text), find_quoted_spans(text))

    def name(surface: str) -> Name:
        start = text.index(surface)
        return Name(start, start + len(surface), surface, surface, None, "person")

    names = [name("Olaf Scholz"), name("(Le président Emmanuel"), name("Emmanuel Macron) a dit « non")]
    assert [(i.kind, i.text) for i in merge_names(tokens, names)] == [
        ("punct", "("), ("name", "(Le président Emmanuel"), ("name", "Emmanuel Macron) a dit « non"),
        ("quote", "non"), ("word", "à"), ("name", "Olaf Scholz"), ("punct", ".")]
    assert merge_names(tokens, []) is tokens
