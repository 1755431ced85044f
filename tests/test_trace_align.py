"""Matching keys, candidate pairs and passage alignment of the trace stage, on news text
written for these tests (not the sample corpus)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from provenance.corpus import Document
from provenance.trace.align import AlignParams, align, pair_score
from provenance.trace.candidates import (
    candidate_pairs,
    fold,
    idf_damping,
    load_lexicon,
    prepare_corpus,
    prepare_document,
)
from provenance.trace.packed import PackedCorpus


@dataclass(frozen=True)
class FakeMention:
    doc: str
    start: int
    end: int
    surface: str
    entity: str | None
    entity_id: str | None


def mentions_of(doc: Document, names: dict[str, str]) -> list[FakeMention]:
    """Mentions for every occurrence of each surface form, linked to the given entity id."""
    found = []
    for surface, entity in names.items():
        at = doc.text.find(surface)
        while at >= 0:
            found.append(FakeMention(doc.id, at, at + len(surface), surface, entity, entity))
            at = doc.text.find(surface, at + 1)
    return sorted(found, key=lambda m: m.start)


FLOOD_WIRE = Document("wire.txt", (
    "Heavy rain caused the river Sava to burst its banks overnight, flooding hundreds of homes in "
    "the eastern town of Zupanja. Interior Minister Davor Bozinovic said rescuers had evacuated "
    "more than 2,000 residents and warned that the water level would keep rising until Thursday. "
    "Farmers in the region said the harvest had been destroyed for the second year in a row."),
    date="2023-05-16")
FLOOD_COPY = Document("copy.txt", (
    "ZAGREB - Officials held an emergency meeting on Tuesday. "
    "Interior Minister Davor Bozinovic said rescuers had evacuated more than 2,000 residents and "
    "warned that the water level would keep rising until Thursday. The army sent two helicopters."),
    date="2023-05-17")
FLOOD_PARAPHRASE = Document("para.txt", (
    "According to Interior Minister Davor Božinović, emergency crews evacuated over 2,000 "
    "inhabitants, and he cautioned that the water levels would continue rising through Thursday. "
    "Schools across the county will stay closed, the education office added. "
    "The Sava river burst its banks overnight after torrential rain and flooded hundreds of houses "
    "in the eastern town of Županja."))
UNRELATED = Document("other.txt", (
    "Security forces said on Tuesday that the government would hold talks with opposition leaders "
    "next week. The president said the talks would focus on the economy and the security forces."))


def test_prepared_tokens_keep_exact_offsets_and_skip_the_date_line():
    doc = Document("d.txt", "date 2024-03-01 The government’s aides declared a state of emergency.")
    prepared = prepare_document(doc)
    assert all(doc.text[t.start:t.end].strip() for t in prepared.tokens)
    surfaces = [doc.text[t.start:t.end] for t in prepared.tokens]
    assert surfaces[0] == "The" and "2024" not in surfaces
    government = next(t for t in prepared.tokens if doc.text[t.start:t.end] == "government’s")
    assert government.key == "govern"  # possessive dropped, stemmed


def test_synonyms_and_inflections_share_a_key_but_acronyms_stay_apart():
    doc = Document("d.txt", "Officials declared victory. Rebels proclaimed it. US troops told us.")
    keys = {doc.text[t.start:t.end]: t.key for t in prepare_document(doc).tokens}
    assert keys["declared"] == keys["proclaimed"]
    assert keys["US"] != keys["us"]
    assert fold("Božinović") == fold("Bozinovic") and fold("counter-terrorism") == "counterterrorism"


def test_function_words_weigh_nothing_and_rare_words_weigh_most():
    doc = Document("d.txt", "The floodwaters of the Sava reached the town.")
    weights = {doc.text[t.start:t.end]: t.weight for t in prepare_document(doc).tokens}
    assert weights["the"] == 0.0 and weights["of"] == 0.0
    assert weights["floodwaters"] > weights["town"] > weights["the"]


def test_linked_mentions_become_one_entity_token_and_appositions_merge():
    doc = Document("d.txt", "The Islamic State (IS) said Mustafa al-Kadhimi lied.")
    mentions = mentions_of(doc, {"Islamic State": "org:is", "IS": "org:is", "Mustafa al-Kadhimi": "per:kadhimi"})
    tokens = prepare_document(doc, mentions).tokens
    entities = [(t.key, doc.text[t.start:t.end]) for t in tokens if t.key.startswith("ent:")]
    assert entities == [("ent:org:is", "Islamic State (IS"), ("ent:per:kadhimi", "Mustafa al-Kadhimi")]


def test_lexicon_refuses_a_word_in_two_sets(tmp_path):
    path = tmp_path / "syn.tsv"
    path.write_text("en\tdeclare, announce\nen\tsay, announce\n", encoding="utf-8")
    with pytest.raises(ValueError, match="announce"):
        load_lexicon(path)


def test_verbatim_copy_is_one_passage_with_exact_spans():
    a, b = prepare_corpus([FLOOD_WIRE, FLOOD_COPY])
    passages = align(a, b)
    assert len(passages) == 1
    p = passages[0]
    copied = "Interior Minister Davor Bozinovic said rescuers had evacuated more than 2,000 residents and " \
             "warned that the water level would keep rising until Thursday"
    assert FLOOD_WIRE.text[p.a_start:p.a_end] == copied
    assert FLOOD_COPY.text[p.b_start:p.b_end] == copied
    assert p.similarity == pytest.approx(1.0)
    assert pair_score(passages) > 0.8


def test_paraphrase_with_reordering_yields_every_local_alignment():
    a, b = prepare_corpus([FLOOD_WIRE, FLOOD_PARAPHRASE])
    passages = align(a, b)
    assert len(passages) == 2  # both sentences, although their order is swapped
    flood, evacuation = ((FLOOD_WIRE.text[p.a_start:p.a_end], FLOOD_PARAPHRASE.text[p.b_start:p.b_end])
                         for p in passages)
    assert flood[0].startswith("river Sava") and flood[0].endswith("Zupanja")
    assert flood[1].startswith("Sava river") and flood[1].endswith("Županja")
    assert evacuation[0].startswith("Interior Minister") and evacuation[0].endswith("until Thursday")
    assert evacuation[1].startswith("Interior Minister") and evacuation[1].endswith("through Thursday")
    assert all(0.4 < p.similarity < 1.0 for p in passages)
    assert pair_score(passages) >= 0.5


def test_clauses_swapped_within_a_sentence_stay_one_passage():
    first = Document("x.txt", "The storm destroyed the harbour wall and sank three fishing boats, forcing "
                              "the coastguard to close the port of Split until further notice.")
    second = Document("y.txt", "The coastguard was forced to close the port of Split until further notice, "
                               "after the storm destroyed the harbour wall and sank three fishing boats.")
    passages = align(*prepare_corpus([first, second]))
    assert len(passages) == 1
    assert first.text[passages[0].a_start:passages[0].a_end].startswith("storm destroyed")
    assert passages[0].a_end >= first.text.index("notice")


def test_name_canonicalization_makes_transliterations_align():
    first = Document("x.txt", "Prime Minister Mostafa Al Kazemi vowed a thunderous response to the twin "
                              "bombing and promised to pursue the attackers to the ends of the earth.")
    second = Document("y.txt", "Prime Minister Mustafa al-Kadhimi pledged a thundering response to the twin "
                               "bombing, promising to chase the attackers to the ends of the earth.")
    names = {"Mostafa Al Kazemi": "kadhimi", "Mustafa al-Kadhimi": "kadhimi"}
    linked = {d.id: mentions_of(d, names) for d in (first, second)}
    plain = align(*prepare_corpus([first, second]))
    canonical = align(*prepare_corpus([first, second], linked))
    assert len(canonical) == 1
    assert canonical[0].a_start == first.text.index("Prime")
    assert pair_score(canonical) > pair_score(plain)


def test_generic_news_phrasing_does_not_align():
    a, b = prepare_corpus([FLOOD_WIRE, UNRELATED])
    assert align(a, b) == []
    generic = Document("g.txt", "Police said on Tuesday that the suspect would appear in court next month.")
    assert align(*prepare_corpus([UNRELATED, generic])) == []


def test_stricter_thresholds_drop_short_passages():
    a, b = prepare_corpus([FLOOD_WIRE, FLOOD_PARAPHRASE])
    assert align(a, b, AlignParams(min_matches=30)) == []


def test_idf_damping_runs_from_one_to_the_floor():
    assert idf_damping(1, 100) == pytest.approx(1.0)
    assert idf_damping(100, 100) == pytest.approx(0.5, abs=0.01)
    assert idf_damping(2, 100) > idf_damping(50, 100)


def test_candidate_pairs_find_related_documents_and_cap_common_keys():
    docs = [FLOOD_WIRE, FLOOD_COPY, FLOOD_PARAPHRASE, UNRELATED]
    prepared = prepare_corpus(docs)
    pairs = {(prepared[p.a].id, prepared[p.b].id) for p in candidate_pairs(prepared)}
    assert ("wire.txt", "copy.txt") in pairs and ("wire.txt", "para.txt") in pairs
    assert not any("other.txt" in pair for pair in pairs)
    capped = candidate_pairs(prepared, max_df=1, rare_keys=0)
    assert len(capped) == 0  # every shared key pair is in two documents or more
    narrow, wide = (set(zip(np.repeat(p.keys, p.sizes).tolist(), p.holders.tolist()))
                    for p in (PackedCorpus.of(prepared).postings(window) for window in (3, 5)))
    assert narrow < wide  # each key pair once per document holding it, wider windows holding more


def test_each_document_keeps_its_best_candidate_partners_only():
    docs = [FLOOD_WIRE, FLOOD_COPY, FLOOD_PARAPHRASE, UNRELATED]
    prepared = prepare_corpus(docs)
    every = candidate_pairs(prepared)
    best = candidate_pairs(prepared, max_candidates=1)
    assert len(best) < len(every)
    for number in range(len(prepared)):  # each document still has its best partner
        mine = [p for p in every if number in (p.a, p.b)]
        if mine:
            top = max(mine, key=lambda p: p.shared)
            assert any(p.shared == top.shared and number in (p.a, p.b) for p in best)
