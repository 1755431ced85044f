"""Which document a copy derives from, on a small corpus written for these tests: the earliest
document holding the whole copied text comes first, ahead of one holding part of it, a later
reprint, or one whose opening the copy appends as a lead-in; sources that repeat earlier ones
are left out of ``derived_from``."""
from __future__ import annotations

from provenance.attribute import attribute_sources
from provenance.corpus import Document
from provenance.trace import trace_corpus

BRIDGE = [
    "The regional transport authority closed the old river bridge at Harwick on Monday after inspectors "
    "found deep cracks in two of its supporting piers.",
    "Engineers said the steel cables that hold the central span had corroded far faster than the original "
    "maintenance plan from 1987 had predicted.",
    "About eleven thousand commuters cross the bridge every weekday, and buses will now take a detour "
    "of nearly forty minutes through the industrial district.",
    "The mayor of Harwick, Tomasz Lindqvist, called the closure painful but unavoidable and promised a "
    "temporary ferry service within a fortnight.",
    "Shop owners on the eastern bank warned that a long closure would drive customers to the shopping "
    "centre across the county line.",
    "The authority expects a full structural report by the end of next month and has not ruled out "
    "demolishing the bridge entirely.",
]
"""The copied block: every sentence of it travels together."""
OWN_BEFORE = ("Heavy rain flooded several streets in the lower town over the weekend, and the fire brigade "
              "pumped water from dozens of cellars near the harbour.")
OWN_AFTER = ("Meanwhile the city council approved a new budget for school repairs, with most of the money "
             "going to roofs and heating systems in the northern suburbs.")
COPY_OWN = ("Readers can send questions about the closure to the newsroom, which will pass them on to the "
            "transport authority at its next press briefing.")
HARBOUR = [
    "Fishermen in the northern harbour reported the smallest herring catch in two decades, blaming warmer "
    "water and a late spring for the poor season.",
    "The fishing cooperative asked the regional government for emergency support to cover fuel costs and "
    "the repayment of loans taken out for new boats.",
    "A marine biologist at the university said the herring shoals had moved further north each year "
    "since the early two thousands.",
    "Restaurants along the quay have started to import fish from Norway to keep their traditional "
    "dishes on the menu through the summer.",
]
"""A text whose opening a copy appends as a lead-in, longer than the block it copies."""
GARDENS = [
    "Volunteers planted more than three hundred trees in the botanical gardens on Saturday as part of "
    "a campaign to replace elms lost to disease.",
    "The head gardener said the new trees were chosen for their tolerance of dry summers and of the salt "
    "spread on the nearby roads in winter.",
    "Schoolchildren from four local schools helped with the planting and will return in the autumn to "
    "measure how much each tree has grown.",
    "The gardens will stay open late on Thursdays during the summer so that workers can visit after "
    "their shifts end.",
]
"""Other stories, the rest of the documents that hold part of the block or the lead-in."""


def texts(*parts: str | list[str]) -> str:
    return " ".join(" ".join(p) if isinstance(p, list) else p for p in parts)


def reworded(sentences: list[str]) -> list[str]:
    """The sentences with the last one reworded, as a copy edits what it takes."""
    last = sentences[-1].replace("expects", "anticipates").replace("ruled out", "excluded")
    last = last.replace("called the closure", "described the closure as").replace("promised", "pledged")
    return [*sentences[:-1], last]


def derived_from(docs: list[Document], doc: str) -> list[str]:
    edges = trace_corpus(docs).edges
    answers = attribute_sources(edges, [d.id for d in docs], {d.id: d.date for d in docs})
    return [claim.id for claim in answers[doc]]


SOURCE = Document("source.txt", texts(OWN_BEFORE, BRIDGE, OWN_AFTER), date="2022-03-01")


def holders() -> list[Document]:
    """source.txt (March 1) holds the whole block inside its own text; a-half.txt (March 2) holds
    its first four sentences; a-reprint.txt (March 3) and b-reprint.txt (March 4) all of it; copy.txt
    (March 6) takes the block, its last sentence reworded, and adds a sentence of its own."""
    return [
        SOURCE,
        Document("a-half.txt", texts(BRIDGE[:4], GARDENS), date="2022-03-02"),
        Document("a-reprint.txt", texts(BRIDGE, HARBOUR[:2]), date="2022-03-03"),
        Document("b-reprint.txt", texts(GARDENS[:2], BRIDGE), date="2022-03-04"),
        Document("copy.txt", texts(reworded(BRIDGE), COPY_OWN), date="2022-03-06"),
    ]


def test_the_earliest_holder_of_the_whole_block_comes_first_not_the_closer_partial_one():
    # a-half.txt renders its four sentences word for word, the source's alignment includes the
    # reworded sentence: by credit alone a-half.txt would come first
    assert derived_from(holders(), "copy.txt")[0] == "source.txt"


def test_the_next_earliest_holder_follows_and_a_later_one_that_adds_nothing_is_left_out():
    ranked = derived_from(holders(), "copy.txt")
    assert ranked[:2] == ["source.txt", "a-reprint.txt"]
    assert "b-reprint.txt" not in ranked


def test_a_partial_holder_that_renders_its_part_more_closely_stays_after_the_holders():
    # a-half.txt has the four sentences the copy did not reword: the closest rendering of them
    assert derived_from(holders(), "copy.txt") == ["source.txt", "a-reprint.txt", "a-half.txt"]


def test_an_appended_lead_in_longer_than_the_copied_block_is_not_the_first_source():
    leader = Document("harbour.txt", texts(HARBOUR, GARDENS), date="2022-03-01")
    copy = Document("copy.txt", texts(reworded(BRIDGE[1:4]), HARBOUR), date="2022-03-06")
    ranked = derived_from([SOURCE, leader, copy], "copy.txt")
    assert ranked == ["source.txt", "harbour.txt"]
