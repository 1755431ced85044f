"""Conflicts: one quote credited to different speakers; one fact stated with different figures.

The texts are written for these tests (news-style sentences, not from the sample corpus).
"""
from __future__ import annotations

import math
import random
from datetime import date
from itertools import combinations

import pytest

from provenance.corpus import Document
from provenance.names.model import Mention
from provenance.trace.attribution import analyze_frames, extract_quotes
from provenance.trace.conflicts import (
    Claim,
    Figure,
    _contradict,
    _Stories,
    age_claims,
    attribution_conflicts,
    casualty_claims,
    compatible,
    contradicted,
    figure,
    find_conflicts,
    parse_number,
)
from provenance.trace.model import Quote
from provenance.trace.quote_match import match_quotes, same_speaker


def quotes_in(doc: Document, mentions: list[Mention]) -> list[Quote]:
    """The quotes of ``doc``, its frames analyzed the way the trace stage does."""
    return extract_quotes(doc, analyze_frames(doc, mentions))


def mention(doc: Document, surface: str, entity: str | None = None, type: str = "person", nth: int = 0,
            entity_id: str | None = "auto") -> Mention:
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(surface, at + 1)
    entity = entity or surface
    eid = entity.lower().replace(" ", "-") if entity_id == "auto" else entity_id
    return Mention(doc.id, at, at + len(surface), surface, type, entity, eid, 1.0, "alias")


@pytest.mark.parametrize("text, value", [
    ("32", 32), ("2,500", 2500), ("ten", 10), ("thirty-two", 32), ("a hundred", 100),
    ("two hundred", 200), ("Twenty one", 21), ("zillion", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_figures_are_ranges() -> None:
    at_least = figure("32", "at least", "at least 32")
    exactly = figure("32", None, "32")
    thirty = figure("30", None, "30")
    nearly = figure("30", "nearly", "nearly 30")
    assert at_least is not None and exactly is not None and thirty is not None and nearly is not None
    assert at_least.high == math.inf
    assert compatible(at_least, exactly)
    assert not compatible(at_least, thirty)
    assert compatible(nearly, figure("28", None, "28"))  # type: ignore[arg-type]
    assert figure("12", "dozens of", "dozens of 12") is None


def test_ages_next_to_a_name_in_several_forms() -> None:
    doc = Document("a.txt", (
        "The suspect, Karim Haddad (34 years), was arrested in Lyon. "
        "His brother Omar Haddad, 29, fled. "
        "Police also questioned 41-year-old neighbour Sami Nasser. "
        "Leila Aziz, aged 52, was released."))
    mentions = [mention(doc, "Karim Haddad"), mention(doc, "Omar Haddad"), mention(doc, "Sami Nasser"),
                mention(doc, "Leila Aziz")]
    claims = {c.subject: doc.text[c.start:c.end] for c in age_claims(doc, mentions)}
    assert claims == {"id:karim-haddad": "34", "id:omar-haddad": "29", "id:sami-nasser": "41",
                      "id:leila-aziz": "52"}


def test_a_year_in_brackets_is_not_an_age() -> None:
    doc = Document("a.txt", "The novel by Naguib Mahfouz (1988) won the prize.")
    assert age_claims(doc, [mention(doc, "Naguib Mahfouz")]) == []


def _age_docs(age_a: str, age_b: str, date_b: str = "2023-05-02", same_entity: bool = True):
    a = Document("a.txt", f"The commander, Hassan Jaber ({age_a} years), was killed in the raid.", date="2023-05-01")
    b = Document("b.txt", f"The raid killed {age_b}-year-old Hasan Jabir, a senior commander.", date=date_b)
    ma = [mention(a, "Hassan Jaber", "Hassan Jaber")]
    mb = [mention(b, "Hasan Jabir", "Hassan Jaber" if same_entity else "Hasan Jabir")]
    return [a, b], {"a.txt": ma, "b.txt": mb}


def test_age_conflict_for_one_person() -> None:
    docs, mentions = _age_docs("43", "39")
    [conflict] = find_conflicts(docs, [], [], mentions)
    assert conflict.kind == "fact"
    assert [(i.doc, i.value) for i in conflict.items] == [("a.txt", "43"), ("b.txt", "39")]
    assert "Hassan Jaber" in conflict.summary
    for item in conflict.items:
        assert {"a.txt": docs[0], "b.txt": docs[1]}[item.doc].text[item.start:item.end] == item.value


def test_no_age_conflict_when_figures_agree_people_differ_or_years_passed() -> None:
    assert find_conflicts(*_age_docs("43", "43")[:1], [], [], _age_docs("43", "43")[1]) == []
    docs, mentions = _age_docs("43", "39", same_entity=False)
    assert find_conflicts(docs, [], [], mentions) == []
    docs, mentions = _age_docs("43", "47", date_b="2027-06-01")
    assert find_conflicts(docs, [], [], mentions) == []


def _toll_doc(doc_id: str, sentence: str, date: str | None) -> tuple[Document, list[Mention]]:
    doc = Document(doc_id, sentence, date=date)
    places = [mention(doc, p, type="place") for p in ("Mosul", "Kabul") if p in sentence]
    return doc, places


def _toll_conflicts(first: str, second: str, date_a: str | None = "2022-03-10",
                    date_b: str | None = "2022-03-11"):
    a, ma = _toll_doc("a.txt", first, date_a)
    b, mb = _toll_doc("b.txt", second, date_b)
    return find_conflicts([a, b], [], [], {"a.txt": ma, "b.txt": mb})


def test_casualty_figures_of_one_event_conflict() -> None:
    [conflict] = _toll_conflicts("A car bomb attack in Mosul killed 12 people on Thursday.",
                                 "At least 20 people were killed when a bomb exploded at a market in Mosul.")
    assert conflict.kind == "fact"
    assert [i.value for i in conflict.items] == ["12", "At least 20"]
    assert "mosul" in conflict.summary.casefold()


def test_casualty_figures_that_can_both_hold_or_concern_other_things_do_not_conflict() -> None:
    same = ("The bombing in Mosul killed 20 people.", "At least 20 people died in the Mosul bombing.")
    assert _toll_conflicts(*same) == []
    other_place = ("The bombing in Mosul killed 12 people.", "The bombing in Kabul killed 20 people.")
    assert _toll_conflicts(*other_place) == []
    other_group = ("The raid in Mosul killed 12 militants.", "The raid in Mosul killed 3 soldiers.")
    assert _toll_conflicts(*other_group) == []
    other_measure = ("The bombing in Mosul killed 12 people.", "The bombing in Mosul wounded 40 people.")
    assert _toll_conflicts(*other_measure) == []
    month_apart = ("The bombing in Mosul killed 12 people.", "The bombing in Mosul killed 20 people.")
    assert _toll_conflicts(*month_apart, date_b="2022-04-20") == []
    vague = ("The bombing in Mosul killed dozens of people.", "The bombing in Mosul killed 20 people.")
    assert _toll_conflicts(*vague) == []


def test_undated_casualty_figures_need_another_sign_of_one_story() -> None:
    pair = ("The bombing in Mosul killed 12 people.", "The bombing in Mosul killed 20 people.")
    assert _toll_conflicts(*pair, date_a=None, date_b=None) == []


def test_a_figure_borrows_the_event_from_the_previous_sentence() -> None:
    doc = Document("a.txt", "Two blasts hit a market in Mosul on Friday. At least 15 people were killed.")
    claims = casualty_claims(doc, [mention(doc, "Mosul", type="place")])
    assert [(c.subject, doc.text[c.start:c.end]) for c in claims] == [("attack|mosul|people", "At least 15")]


def _quote(doc: str, text: str, speaker: str | None, speaker_id: str | None = None, start: int = 0) -> Quote:
    return Quote(doc, start, start + len(text), text, speaker, speaker_id, "said")


def test_attribution_conflict_from_matched_quotes() -> None:
    a = _quote("a.txt", "they will never live in peace", "Karim Nassar", "karim-nassar")
    b = _quote("b.txt", "Terrorists, you will never live in peace", "Ray Doss", "ray-doss")
    [conflict] = attribution_conflicts([(a, b, 1.0)])
    assert conflict.kind == "attribution"
    assert [(i.doc, i.value) for i in conflict.items] == [("a.txt", "Karim Nassar"), ("b.txt", "Ray Doss")]
    assert "never live in peace" in conflict.summary


def test_no_attribution_conflict_for_one_speaker_or_an_unknown_one() -> None:
    a = _quote("a.txt", "we will rebuild", "Mustafa al-Kadhimi", "kadhimi")
    b = _quote("b.txt", "we shall rebuild", "Mustafa al-Kadhimi", "kadhimi")
    c = _quote("c.txt", "we will rebuild it", "Mostafa Al Kazemi")  # no id: a spelling variant
    d = _quote("d.txt", "we will rebuild all", None)
    assert attribution_conflicts([(a, b, 1.0), (b, c, 0.9), (a, d, 1.0)]) == []
    assert same_speaker(b, c)
    assert not same_speaker(a, _quote("e.txt", "x", "Ray Doss"))


def test_end_to_end_attribution_conflict_from_texts() -> None:
    a = Document("a.txt", "“Those who attacked us will never live in peace,” Interior Minister Karim Nassar said.")
    b = Document("b.txt", "“Those who attacked us will never live in peace,” said police chief Ray Doss.")
    mentions = {"a.txt": [mention(a, "Karim Nassar")], "b.txt": [mention(b, "Ray Doss")]}
    quotes = [q for d in (a, b) for q in quotes_in(d, mentions[d.id])]
    conflicts = find_conflicts([a, b], quotes, match_quotes(quotes), mentions)
    assert [(c.kind, [i.value for i in c.items]) for c in conflicts] == [
        ("attribution", ["Karim Nassar", "Ray Doss"])]


def test_the_attackers_name_the_event_too() -> None:
    [conflict] = _toll_conflicts("Gunmen killed 9 people at a checkpoint in Mosul on Monday.",
                                 "A shooting at a checkpoint in Mosul left 14 people dead.")
    assert [i.value for i in conflict.items] == ["9", "14"]


def test_a_quoted_term_or_an_organization_as_speaker_is_no_attribution_conflict() -> None:
    term_a = _quote("a.txt", "deputy caliph", "Karim Nassar", "karim-nassar")
    term_b = _quote("b.txt", "deputy caliph", "Ray Doss", "ray-doss")
    assert attribution_conflicts([(term_a, term_b, 1.0)]) == []  # a term in quotation marks, not speech
    said_a = _quote("a.txt", "the bridge will reopen next week", "Karim Nassar", "karim-nassar")
    said_b = _quote("b.txt", "the bridge will reopen next week", "Transport Ministry", "new:transport-ministry")
    assert attribution_conflicts([(said_a, said_b, 1.0)], {"new:transport-ministry": "organization"}) == []
    said_c = _quote("c.txt", "the bridge will reopen next week", "Ray Doss", "ray-doss")
    [conflict] = attribution_conflicts([(said_a, said_c, 1.0)], {"karim-nassar": "person", "ray-doss": "person"})
    assert [i.value for i in conflict.items] == ["Karim Nassar", "Ray Doss"]


def test_the_contradicted_claims_are_those_every_pair_finds() -> None:
    """The search for one contradicting partner per claim gives the claims a comparison of every
    pair gives, on random ages and casualty figures over dated, undated and same-file documents."""
    rng = random.Random(5)
    for _ in range(60):
        docs = [f"d{i}" for i in range(rng.randint(2, 14))]
        files = {doc: rng.choice(["f0", "f1", doc]) for doc in docs}
        stories = _Stories({doc: rng.choice([None, date(2020, 1, 1), date(2020, 1, 3), date(2024, 6, 1)])
                            for doc in docs},
                           {doc: frozenset(rng.sample(["a", "b", "c"], rng.randint(0, 3))) for doc in docs},
                           frozenset({("d0", "d1")}))
        attribute = rng.choice(["age", "killed"])
        claims = []
        for start in range(rng.randint(1, 25)):
            value = rng.choice([40, 41, 44, 45, 50, 300])
            spread = rng.choice([0, 0, 5])
            claims.append(Claim(rng.choice(docs), start, start + 2, attribute, "id:x", "X",
                                Figure(str(value), value, value - spread, value + spread), rng.random() < 0.5))
        every_pair = {c for a, b in combinations(claims, 2)
                      if files[a.doc] != files[b.doc] and _contradict(a, b, stories) for c in (a, b)}
        assert contradicted(claims, files, stories) == [c for c in claims if c in every_pair]
