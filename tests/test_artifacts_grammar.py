"""Grammar slips of machine translation."""
from __future__ import annotations

import pytest

from provenance.artifacts import grammar
from provenance.artifacts.grammar import is_past_form
from provenance.artifacts.model import Context


def detect(text: str, date: str | None = None):
    return [(a.text, a.candidates) for a in grammar.detect(Context.from_text(text, date=date))]


def test_infinitive_with_past_form() -> None:
    assert detect("The unions are waiting for the cabinet to approved the new contract.") == \
        [("to approved", ())]


def test_modal_with_past_form() -> None:
    assert detect("The court could decided the case next week.")[0][0] == "could decided"


def test_present_perfect_with_finished_time() -> None:
    found = detect("The ministry has announced the new tax in early 2019, months before the vote.",
                   date="2021-03-02")
    assert found and found[0][0].startswith("has announced") and "fr" in found[0][1]


def test_present_perfect_with_yesterday() -> None:
    assert detect("The president has signed the decree yesterday.")


def test_present_perfect_with_this_weekday() -> None:
    found = detect("The mayor has assured this Tuesday that the metro will reopen.")
    assert found == [("has assured this Tuesday", ("es", "fr", "it"))]


def test_uncountable_plural() -> None:
    assert detect("The agency shared new informations about the outbreak.") == \
        [("informations", ("fr", "it", "es", "de"))]


@pytest.mark.parametrize("text, date", [
    ("Exposed to armed groups, villagers fled to nearby towns.", None),
    ("The plan is to proceed with the vote and to need no recount.", None),
    ("The company has grown steadily since 2015.", "2023-01-01"),
    ("The United States has provided aid in 2023 alone.", "2023-06-01"),
    ("Officials have said for years that the dam was unsafe.", None),
    ("Prices returned to limited levels after the shock.", None),
])
def test_native_english(text: str, date: str | None) -> None:
    assert detect(text, date) == []


@pytest.mark.parametrize("word, expected", [
    ("agreed", True), ("planned", True), ("tried", True), ("need", False), ("proceed", False),
    ("exceed", False),
])
def test_past_forms(word: str, expected: bool) -> None:
    assert is_past_form(word) is expected


def _with_names(text: str) -> Context:
    from provenance.corpus import Document
    from provenance.names import link_corpus

    return Context.from_text(text, "en", link_corpus([Document("d.txt", text)]).mentions)


def test_she_for_an_institution_that_spoke() -> None:
    text = ("The Ministry of Health said in a statement that 14 people were treated for burns.\n\n"
            "She explained that \"the teams reached the site within an hour.\"")
    assert [a.text for a in grammar.detect(_with_names(text))] == ["She explained"]


@pytest.mark.parametrize("text", [
    "The Ministry of Health said 14 people were treated. Spokeswoman Layla Haddad was at the scene. She added that "
    "the teams arrived quickly.",
    "Marta Ruiz joined the agency in 2019. The agency said the program works. She explained that it needs money.",
    "She explained that the ministry had not been told, the nurse said.",
])
def test_she_for_a_woman(text: str) -> None:
    assert [a.text for a in grammar.detect(_with_names(text)) if a.text.startswith("She")] == []
