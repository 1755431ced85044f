"""Names stage: its data tables and weights (read by column and key name) and the person-evidence rules."""
from __future__ import annotations

from provenance.names.evidence import WORD_RULES, context_evidence, word_evidence
from provenance.names.finder import find_candidates
from provenance.names.resources import (
    folding_table,
    linking_weights,
    particles,
    person_evidence_weights,
    places,
    type_cues,
)

CONTEXT_RULES = {"says_after", "apposition_title", "article_before", "title_before"}


def test_tables_are_read_by_column_name() -> None:
    der = particles()["der"]
    assert der.role == "connector" and der.after == {"von", "van", "vander"}
    assert particles()["as"].hyphen_only  # as-Sadr, not the English "as"
    assert type_cues()["last"]["square"] == "place"
    assert places()["iraq"] == "country" and places()["mosul"] == "city"
    assert folding_table("latin_folding.tsv")["sch"] == ("X",)
    assert "form" not in particles() and "name" not in places()  # the header line is no row


def test_every_evidence_rule_has_a_weight_and_every_weight_a_rule() -> None:
    weights = person_evidence_weights()
    assert set(weights) == {name for name, _ in WORD_RULES} | CONTEXT_RULES
    assert weights["title_cut"] > 0 > weights["only_common_words"]


def test_linking_weights_are_scores_and_similarities() -> None:
    weights = linking_weights()
    assert all(0 < value <= 1 for value in weights["context"].values())
    assert all(0 < value <= 1 for value in weights["partials"].values())
    assert weights["partials"]["surname"] > weights["partials"]["other_word"] > weights["partials"]["ambiguous"]
    assert 0 < weights["compare"]["keyed_spelling_min"] < weights["compare"]["spelling_min"] <= 100


def test_word_evidence_favours_names_and_disfavours_headings() -> None:
    assert word_evidence(("Abu", "Bakr", "al-Baghdadi"), False, "en") >= 3  # kunya, articled surname, length
    assert word_evidence(("Mohammed", "Shia", "al-Sudani"), True, "en") > word_evidence(
        ("Mohammed", "Shia", "al-Sudani"), False, "en")  # a title cut off the span counts
    assert word_evidence(("Enduring", "Partnership"), False, "en") < 0  # a title-case heading
    assert word_evidence(("Baghdad", "Province", "Council"), False, "en") < 0  # a place first


def test_context_evidence_reads_the_words_around_a_span() -> None:
    text = "Officials met. Then Hadi Farhan said the talks went on, and the Farhan Group left."
    said = text.index("Hadi Farhan")
    assert context_evidence(text, said, said + len("Hadi Farhan")) > 0  # a verb of saying follows
    group = text.index("Farhan Group")
    assert context_evidence(text, group, group + len("Farhan Group")) < 0  # "the" before it
    found = {c.surface: c.evidence for c in find_candidates(text, "en")}
    assert found["Hadi Farhan"] > found.get("Farhan Group", 0.0)
