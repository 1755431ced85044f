"""Source attribution: each document's most likely sources, from the trace stage's edges."""
from pathlib import Path

import pytest

from provenance.attribute import attribute_sources
from provenance.corpus import Document
from provenance.trace import trace_corpus
from provenance.trace.model import Edge, Evidence

from .test_trace_graph import SPORTS, WIRE

ROOT = Path(__file__).resolve().parent.parent

BUDGET = ("Parliament approved the budget on Wednesday after a long night of debate, with 158 votes in favour "
          "and 142 against, the speaker announced. The opposition said it would challenge two articles of the "
          "law before the constitutional court, arguing that they cut pensions without consultation.")


def edge(source, target, kind="reuse", score=0.8, directed=True, spans=((0, 100),), similarity=None, note=""):
    evidence = tuple(Evidence(None, None, start, end, similarity) for start, end in spans)
    return Edge(source, target, kind, score, directed, evidence, note)


def test_a_directed_edge_makes_its_origin_the_source_and_the_origin_derives_from_nothing():
    answers = attribute_sources([edge("wire.txt", "outlet.txt", note="dates 2022-03-01 / 2022-03-02")],
                                ["wire.txt", "outlet.txt"])
    assert [c.id for c in answers["outlet.txt"]] == ["wire.txt"]
    assert answers["outlet.txt"][0].cue.endswith("dates 2022-03-01 / 2022-03-02")
    assert answers["wire.txt"] == []


def test_an_undirected_link_whose_votes_found_a_common_source_claims_no_source_either_way():
    common = "translations from es and ar: a common source"
    answers = attribute_sources([edge("a.txt", "b.txt", directed=False, note=common)], ["a.txt", "b.txt"])
    assert answers == {"a.txt": [], "b.txt": []}


def test_texts_of_one_day_sharing_wording_name_each_other_with_the_direction_unknown():
    # nothing voted (same date, neither holds the other): one took the other's text, which is unknown
    answers = attribute_sources([edge("a.txt", "b.txt", directed=False), edge("a.txt", "c.txt", directed=False, score=0.5)],
                                ["a.txt", "b.txt", "c.txt"])
    assert [(c.id, c.directed) for c in answers["a.txt"]] == [("b.txt", False), ("c.txt", False)]
    assert [c.id for c in answers["b.txt"]] == ["a.txt"]
    assert answers["b.txt"][0].score == 0.4 and "unknown" in answers["b.txt"][0].cue
    assert answers["b.txt"][0].to_dict()["directed"] is False
    # a document a directed edge explains names its source only
    answers = attribute_sources([edge("a.txt", "b.txt", directed=False), edge("wire.txt", "b.txt")],
                                ["a.txt", "b.txt", "wire.txt"])
    assert [c.id for c in answers["b.txt"]] == ["wire.txt"]


def test_a_text_of_the_same_day_holding_all_that_earlier_sources_hold_part_of_comes_first_undirected():
    dates = {"part.txt": "2023-07-20", "d.txt": "2023-07-21", "whole.txt": "2023-07-21"}
    part = edge("part.txt", "d.txt", spans=((0, 120),))
    # the undirected edge runs from the document to the other text: its evidence is turned round
    whole = Edge("d.txt", "whole.txt", "reuse", 0.9, False, (Evidence(0, 400, 50, 450, 0.95),), "")
    answers = attribute_sources([part, whole], list(dates), dates)
    assert [(c.id, c.directed) for c in answers["d.txt"]] == [("whole.txt", False), ("part.txt", True)]
    assert "which came first is unknown" in answers["d.txt"][0].cue and answers["d.txt"][0].score == 0.45
    # an earlier source holding as much leaves the text of the same day out
    answers = attribute_sources([edge("part.txt", "d.txt", spans=((0, 400),)), whole], list(dates), dates)
    assert [c.id for c in answers["d.txt"]] == ["part.txt"]


def test_the_trace_leaves_texts_it_cannot_order_for_attribution_to_name_as_such():
    # one story, each text adding its own: of one day nothing orders them; a day apart the date does
    def answers(date_a, date_b):
        docs = [Document("a.txt", BUDGET + "\n\n" + WIRE, date=date_a),
                Document("b.txt", WIRE + "\n\n" + SPORTS + " " + SPORTS, date=date_b)]
        edges = trace_corpus(docs).edges
        return attribute_sources(edges, ["a.txt", "b.txt"], {d.id: d.date for d in docs})

    same_day = answers("2023-07-21", "2023-07-21")
    assert [(c.id, c.directed) for c in same_day["a.txt"]] == [("b.txt", False)]
    assert [(c.id, c.directed) for c in same_day["b.txt"]] == [("a.txt", False)]
    apart = answers("2023-07-21", "2023-07-22")
    assert [(c.id, c.directed) for c in apart["b.txt"]] == [("a.txt", True)] and apart["a.txt"] == []


def test_the_source_that_explains_most_of_the_text_comes_first_even_at_a_lower_edge_score():
    edges = [edge("short.txt", "d.txt", score=0.9, spans=((0, 50),), similarity=0.9),
             edge("long.txt", "d.txt", score=0.7, spans=((0, 400),), similarity=0.7)]
    answers = attribute_sources(edges, ["short.txt", "long.txt", "d.txt"])
    assert [c.id for c in answers["d.txt"]] == ["long.txt", "short.txt"]
    assert "best source of 88%" in answers["d.txt"][0].cue


def test_each_stretch_goes_to_its_most_similar_source():
    # both align the same 100 characters; the closer rendering takes the whole stretch
    edges = [edge("near.txt", "d.txt", score=0.6, similarity=0.95), edge("far.txt", "d.txt", score=0.8, similarity=0.6)]
    answers = attribute_sources(edges, ["near.txt", "far.txt", "d.txt"])
    assert [c.id for c in answers["d.txt"]] == ["near.txt", "far.txt"]


def test_a_cited_outside_source_follows_the_corpus_documents():
    edges = [edge("src:reuters", "d.txt", kind="citation", score=1.0), edge("wire.txt", "d.txt", score=0.7)]
    answers = attribute_sources(edges, ["wire.txt", "d.txt"])
    assert [(c.id, c.kind) for c in answers["d.txt"]] == [("wire.txt", "reuse"), ("src:reuters", "citation")]
    assert answers["d.txt"][1].score == 0.5


def test_a_cited_source_alone_is_the_answer():
    answers = attribute_sources([edge("src:ministry", "d.txt", kind="citation", score=1.0)], ["d.txt"])
    assert [c.id for c in answers["d.txt"]] == ["src:ministry"]
    assert answers["d.txt"][0].to_dict() == {"id": "src:ministry", "kind": "citation", "score": 0.5,
                                              "cue": "cited in the text", "directed": True}


def test_the_earliest_of_the_sources_holding_the_whole_text_comes_first_then_the_next_earliest():
    edges = [edge("late.txt", "d.txt", spans=((0, 400),), similarity=0.9),
             edge("early.txt", "d.txt", spans=((0, 395),), similarity=0.9),
             edge("middle.txt", "d.txt", spans=((0, 400),), similarity=0.9),
             edge("part.txt", "d.txt", spans=((0, 300),), similarity=1.0)]
    dates = {"early.txt": "2022-03-01", "middle.txt": "2022-03-02", "late.txt": "2022-03-03", "part.txt": "2022-03-01",
             "d.txt": "2022-03-05"}
    answers = attribute_sources(edges, [*dates], dates)
    # late.txt repeats earlier holders; part.txt holds part, though more closely, and stays after them
    assert [c.id for c in answers["d.txt"]] == ["early.txt", "middle.txt", "part.txt"]
    assert answers["d.txt"][0].cue.startswith("earliest source holding the whole aligned text; ")


def test_a_further_source_inside_an_earlier_one_and_no_closer_is_left_out_but_not_an_undated_one():
    edges = [edge("whole.txt", "d.txt", spans=((0, 400),), similarity=0.95),
             edge("part.txt", "d.txt", spans=((100, 300),), similarity=0.95),
             edge("undated.txt", "d.txt", spans=((0, 200),), similarity=0.9)]
    dates = {"whole.txt": "2022-03-01", "part.txt": "2022-03-02", "undated.txt": None, "d.txt": "2022-03-05"}
    answers = attribute_sources(edges, [*dates], dates)
    assert [c.id for c in answers["d.txt"]] == ["whole.txt", "undated.txt"]


def test_a_further_source_of_the_same_date_as_the_one_it_repeats_stays():
    # within a day, which of the two holds the text first is unknown
    edges = [edge("whole.txt", "d.txt", spans=((0, 400),), similarity=0.95),
             edge("part.txt", "d.txt", spans=((100, 300),), similarity=0.95),
             edge("later.txt", "d.txt", spans=((100, 300),), similarity=0.95)]
    dates = {"whole.txt": "2022-03-01", "part.txt": "2022-03-01", "later.txt": "2022-03-02", "d.txt": "2022-03-05"}
    answers = attribute_sources(edges, [*dates], dates)
    assert [c.id for c in answers["d.txt"]] == ["whole.txt", "part.txt"]


def test_a_source_lending_only_its_opening_to_the_end_of_the_text_is_not_first_however_long():
    lead_in = Edge("leader.txt", "d.txt", "reuse", 0.9, True, (Evidence(0, 500, 300, 800, 1.0),))
    body = Edge("origin.txt", "d.txt", "reuse", 0.6, True, (Evidence(120, 420, 0, 300, 0.9),))
    dates = {"leader.txt": "2022-03-01", "origin.txt": "2022-03-02", "d.txt": "2022-03-05"}
    answers = attribute_sources([lead_in, body], [*dates], dates)
    assert [c.id for c in answers["d.txt"]] == ["origin.txt", "leader.txt"]
    alone = attribute_sources([lead_in], [*dates], dates)
    assert [c.id for c in alone["d.txt"]] == ["leader.txt"]


def test_a_source_holding_only_the_appended_lead_in_elsewhere_is_not_first_either():
    # d.txt: its own text (0-300, from origin.txt), then the opening of leader.txt appended
    # (310-800). copy.txt carries the same lead-in below its own text: not its opening, but the
    # stretch leader.txt lends as one, after a seam no source runs across.
    body = Edge("origin.txt", "d.txt", "reuse", 0.6, True, (Evidence(100, 400, 0, 300, 0.95),))
    leader = Edge("d.txt", "leader.txt", "reuse", 0.7, False, (Evidence(310, 800, 0, 490, 1.0),))
    copy = Edge("copy.txt", "d.txt", "reuse", 0.9, True, (Evidence(900, 1390, 310, 800, 1.0),))
    dates = {"copy.txt": "2022-03-01", "origin.txt": "2022-03-02", "leader.txt": "2022-03-02", "d.txt": "2022-03-05"}
    answers = attribute_sources([body, leader, copy], [*dates], dates)
    assert [c.id for c in answers["d.txt"]][:2] == ["origin.txt", "copy.txt"]
    # a source running on across the seam holds one text there, not a lead-in: the widest wins
    whole = Edge("whole.txt", "d.txt", "reuse", 0.9, True, (Evidence(0, 800, 0, 800, 0.99),))
    dates["whole.txt"] = "2022-03-03"
    answers = attribute_sources([body, leader, copy, whole], [*dates], dates)
    assert answers["d.txt"][0].id == "whole.txt"


def test_an_earlier_source_rendering_the_text_much_less_closely_is_another_text_not_the_first_holder():
    # two statements from one template align sentence by sentence; the translated one is closer
    edges = [edge("template.txt", "d.txt", spans=((0, 60), (140, 900)), similarity=0.63),
             edge("original.txt", "d.txt", spans=((0, 60), (140, 900)), similarity=0.82)]
    dates = {"template.txt": "2022-11-04", "original.txt": "2023-11-04", "d.txt": "2023-11-04"}
    answers = attribute_sources(edges, [*dates], dates)
    assert answers["d.txt"][0].id == "original.txt"


def _paragraphs(path: str, first: int, count: int) -> str:
    text = (ROOT / "tests" / "data" / path).read_text(encoding="utf-8")
    return "\n\n".join([p for p in text.split("\n\n") if len(p) > 150][first:first + count])


def _without_word(text: str, at: int) -> str:
    """``text`` with its ``at``-th word left out (an edit a copy makes)."""
    words = text.split(" ")
    return " ".join(words[:at] + words[at + 1:])


@pytest.mark.parametrize("story, own", [
    ("originals/06_voa_north_korea_expels_bbc_journalists.txt", "originals/08_voa_montana_city_elects_former_refugee_mayor.txt"),
    ("originals_multi/corpus/de_01.txt", "originals_multi/corpus/de_02.txt"),
    ("originals_multi/corpus/es_01.txt", "originals_multi/corpus/es_02.txt"),
])
def test_of_an_original_and_an_edited_copy_the_source_is_the_one_whose_changes_the_document_shares(story, own):
    original = _paragraphs(story, 0, 2)
    edited = _without_word(original, 12)  # an earlier edited copy of the original
    addition = "\n\n" + _paragraphs(own, 0, 1)

    def first_sources(derived: str) -> tuple[str, str]:
        docs = [Document("original.txt", original, date="2023-05-01"), Document("edited.txt", edited, date="2023-05-02"),
                Document("d.txt", derived + addition, date="2023-05-04")]
        edges = trace_corpus(docs).edges
        ids, dates = [d.id for d in docs], {d.id: d.date for d in docs}
        with_texts = attribute_sources(edges, ids, dates, {d.id: d.text for d in docs})["d.txt"]
        return with_texts[0].id, attribute_sources(edges, ids, dates)["d.txt"][0].id

    # a copy of the edited copy, with a change of its own: it keeps the edited copy's change
    assert first_sources(_without_word(edited, 40)) == ("edited.txt", "original.txt")
    # a copy of the original, with a change of its own: the edited copy's change is not in it
    assert first_sources(_without_word(original, 40)) == ("original.txt", "original.txt")


def test_lead_ins_are_found_by_search_as_by_comparing_every_pair_of_stretches() -> None:
    """The lead-ins are found with sorted ends and the furthest reach so far: the same as comparing
    each closing stretch with every stretch of the document's own, on generated stretches near the
    seam distances."""
    import random

    from provenance.attribute import LEAD_IN_CHARS, _lead_ins, _union

    def by_every_pair(stretches):
        own = [(start, end) for start, end, opening in stretches if not opening]
        last = max((end for _, end, _ in stretches), default=0)
        return _union((start, end) for start, end, opening in stretches
                      if opening and start > LEAD_IN_CHARS and end >= last - LEAD_IN_CHARS
                      and any(start - LEAD_IN_CHARS <= o_end <= start + LEAD_IN_CHARS for _, o_end in own)
                      and not any(o_start < start - LEAD_IN_CHARS and o_end > start + LEAD_IN_CHARS
                                  for o_start, o_end in own))

    pick = random.Random(3)
    found = 0
    for _ in range(20_000):
        stretches = []
        for _ in range(pick.randint(0, 9)):
            start = pick.choice([pick.randint(0, 3000), pick.randint(0, 6) * LEAD_IN_CHARS + pick.randint(-2, 2)])
            stretches.append((start, start + pick.randint(1, 3 * LEAD_IN_CHARS), pick.random() < 0.4))
        expected = by_every_pair(stretches)
        assert _lead_ins(stretches) == expected
        found += bool(expected)
    assert found > 200  # lead-ins were there to find (333 of the 20,000)
