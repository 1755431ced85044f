"""The provenance graph: citation, reuse and shared-source edges and the direction of reuse,
on news text written for these tests."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from provenance.corpus import Document
from provenance.trace import trace_corpus
from provenance.trace.align import align
from provenance.trace.candidates import candidate_pairs, prepare_corpus
from provenance.trace.conflicts import attribution_conflicts
from provenance.trace.graph import (
    MAX_SHARED_CITERS,
    Side,
    citation_edges,
    combine,
    orient,
    reuse_edges,
    shared_source_edges,
    source_kind_scores,
    statement_source,
)
from provenance.trace.model import Citation, Quote, Source, TraceResult
from provenance.trace.sources import source_slug


@dataclass(frozen=True)
class FakeVerdict:
    is_translation: bool
    source_language: str | None


WIRE = ("Firefighters battled a wildfire on the island of Evia for a third day on Thursday as strong winds "
        "fanned the flames towards the village of Limni. The civil protection agency said 14 water-bombing "
        "planes and 300 firefighters had been deployed and that more than 1,200 residents had been "
        "evacuated by sea. Officials said the cause of the fire was still under investigation. "
        "The European Union sent two Italian aircraft to help with the effort. "
        "Temperatures across Greece are expected to reach 44 degrees Celsius at the weekend, meteorologists said.")
REWRITE = ("ATHENS - Strong winds fanned the flames towards the village of Limni on Thursday, the third day "
           "firefighters battled the wildfire on the island of Evia. 14 water-bombing planes and 300 firefighters "
           "had been deployed, the civil protection agency said, and more than 1,200 residents had been evacuated "
           "by sea.")
SPORTS = ("The home side scored twice in the final ten minutes to win the derby 3-1 on Sunday, "
          "lifting them to second place in the league table ahead of next week's cup final.")


def docs(**dates: str | None) -> list[Document]:
    return [Document("wire.txt", WIRE, date=dates.get("wire")),
            Document("rewrite.txt", REWRITE, date=dates.get("rewrite")),
            Document("sports.txt", SPORTS, date=dates.get("sports"))]


def test_reuse_edge_joins_the_rewrite_to_its_source_and_not_the_unrelated_text():
    prepared = prepare_corpus(docs())
    calls: list[int] = []
    edges = reuse_edges(prepared, candidate_pairs(prepared), once_aligning=lambda: calls.append(len(calls)))
    assert calls == [0]  # told once that the aligning is under way
    assert [{e.source, e.target} for e in edges] == [{"wire.txt", "rewrite.txt"}]
    edge = edges[0]
    assert edge.kind == "reuse" and edge.score >= 0.5
    texts = {"wire.txt": WIRE, "rewrite.txt": REWRITE}
    for evidence in edge.evidence:  # from-spans index the from document, to-spans the to document
        assert texts[edge.source][evidence.from_start:evidence.from_end].strip()
        assert texts[edge.target][evidence.to_start:evidence.to_end].strip()
        assert 0 < evidence.similarity <= 1


def test_containment_makes_the_shorter_rewrite_derive_from_the_wire():
    prepared = prepare_corpus(docs())
    edge = reuse_edges(prepared, candidate_pairs(prepared))[0]
    assert edge.directed and edge.source == "wire.txt" and edge.target == "rewrite.txt"
    assert "contained" in edge.note


def test_dates_agreeing_with_containment_direct_the_edge():
    prepared = prepare_corpus(docs(wire="2023-07-20", rewrite="2023-07-21"))
    edge = reuse_edges(prepared, candidate_pairs(prepared))[0]
    assert edge.directed and edge.source == "wire.txt"
    assert "dates" in edge.note


def test_a_later_document_holding_all_of_an_earlier_shorter_one_took_it_the_dates_decide():
    # the short text came first (an urgent), the long one a day later holds all of it and adds more:
    # containment alone would make the earlier text derive from the later one
    prepared = prepare_corpus(docs(wire="2023-07-22", rewrite="2023-07-21"))
    edge = reuse_edges(prepared, candidate_pairs(prepared))[0]
    assert edge.directed and edge.source == "rewrite.txt" and edge.target == "wire.txt"
    assert "dates" in edge.note and "contained" not in edge.note


def test_containment_still_directs_an_edge_between_documents_of_one_day():
    prepared = prepare_corpus(docs(wire="2023-07-21", rewrite="2023-07-21"))
    edge = reuse_edges(prepared, candidate_pairs(prepared))[0]
    assert edge.directed and edge.source == "wire.txt" and "contained" in edge.note


def test_translations_from_two_languages_render_a_common_source():
    wire, rewrite, _ = prepare_corpus(docs())
    passages = align(wire, rewrite)
    verdicts = {"wire.txt": FakeVerdict(True, "el"), "rewrite.txt": FakeVerdict(True, "fr")}
    direction = orient(Side.of(wire, {}), Side.of(rewrite, {}), passages, verdicts=verdicts)
    assert direction.origin is None
    assert any("common source" in reason for reason in direction.reasons)


def test_a_translation_is_the_origin_of_its_wording_for_a_later_text_and_its_vote_only_breaks_a_tie_of_dates():
    # the translation was made from a third text: a later one sharing its wording took it from the translation
    wire, rewrite, _ = prepare_corpus(docs(wire="2023-07-21", rewrite="2023-07-24"))
    passages = align(wire, rewrite)
    verdicts = {"wire.txt": FakeVerdict(True, "el"), "rewrite.txt": FakeVerdict(False, None)}
    dated = orient(Side.of(wire, {}), Side.of(rewrite, {}), passages, verdicts=verdicts)
    assert dated.origin == "wire.txt" and not any("translation" in reason for reason in dated.reasons)
    wire, rewrite, _ = prepare_corpus(docs(wire="2023-07-21", rewrite="2023-07-21"))
    same_day = orient(Side.of(rewrite, {}), Side.of(wire, {}), align(rewrite, wire), verdicts=verdicts)
    assert "wire.txt is a translation" in same_day.reasons


def test_citing_the_other_outlet_decides_direction():
    first = Document("a.txt", SPORTS, outlet="Sport Daily")
    second = Document("b.txt", SPORTS + " Fans celebrated late into the night.", outlet="City Herald")
    a, b = prepare_corpus([first, second])
    passages = align(a, b)
    cited = {"a.txt": {source_slug("The City Herald")}}
    direction = orient(Side.of(a, {}), Side.of(b, {}), passages, cited_outlets=cited, outlets={"a.txt": "Sport Daily", "b.txt": "City Herald"})
    assert direction.origin == "b.txt"


def test_citation_edges_merge_every_span_of_one_source_in_one_document():
    afp = Source("src:afp", "AFP", "agency")
    citations = [Citation("x.txt", 90, 95, afp, "credit"), Citation("x.txt", 10, 13, afp, "according to"),
                 Citation("y.txt", 5, 8, afp, "credit")]
    edges = citation_edges(citations)
    assert [(e.source, e.target) for e in edges] == [("src:afp", "x.txt"), ("src:afp", "y.txt")]
    assert [(ev.to_start, ev.to_end) for ev in edges[0].evidence] == [(10, 13), (90, 95)]
    assert edges[0].directed and edges[0].evidence[0].from_start is None
    assert edges[0].to_dict()["from"] == "src:afp"


def test_two_documents_citing_one_tweet_share_a_source_but_a_ubiquitous_agency_pairs_nothing():
    tweet = Source("src:twitter-unhcr", "UNHCR on Twitter", "tweet")
    afp = Source("src:afp", "AFP", "agency")
    citations = [Citation("a.txt", 0, 5, tweet, "tweeted"), Citation("b.txt", 7, 12, tweet, "tweeted")]
    citations += [Citation(f"d{n:02d}.txt", 0, 3, afp, "credit") for n in range(MAX_SHARED_CITERS + 1)]
    edges, speakers = shared_source_edges(citations, [])
    assert [(e.source, e.target, e.kind) for e in edges] == [("a.txt", "b.txt", "shared-source")]
    assert edges[0].score == pytest.approx(source_kind_scores()["tweet"])
    assert (edges[0].evidence[0].from_start, edges[0].evidence[0].to_start) == (0, 7)
    assert speakers == []


def test_matched_quotes_of_one_speaker_make_a_statement_source_both_documents_cite():
    first = Quote("a.txt", 40, 95, "we will rebuild every school and every clinic in the valley",
                  "Maria Lopez", "per:lopez", "said")
    second = Quote("b.txt", 12, 70, "we shall rebuild each school and every clinic in the valley",
                   "Maria Lopez", "per:lopez", "added")
    edges, speakers = shared_source_edges([], [(first, second, 0.8)])
    assert len(edges) == 1 and edges[0].score == pytest.approx(0.8)
    assert "both quote Maria Lopez" in edges[0].note
    assert {(c.doc, c.start, c.end) for c in speakers} == {("a.txt", 40, 95), ("b.txt", 12, 70)}
    assert {c.source for c in speakers} == {statement_source("Maria Lopez")}
    assert statement_source("Maria Lopez").id == "src:statement-maria-lopez"


def test_spelling_variants_of_one_speaker_without_entity_ids_are_one_speaker_as_in_conflicts():
    first = Quote("a.txt", 0, 36, "the ceasefire must hold at all costs", "Kadhimi", None, "said")
    second = Quote("b.txt", 5, 41, "the ceasefire must hold at all costs", "al-Kadhimi", None, "said")
    edges, speakers = shared_source_edges([], [(first, second, 1.0)])
    assert "both quote Kadhimi" in edges[0].note
    assert {(c.doc, c.source.id) for c in speakers} == {("a.txt", "src:statement-kadhimi"),
                                                        ("b.txt", "src:statement-kadhimi")}
    assert attribution_conflicts([(first, second, 1.0)]) == []


def test_quotes_credited_to_different_speakers_still_share_a_source_without_a_speaker_node():
    first = Quote("a.txt", 0, 30, "the ceasefire must hold at all costs", "Ann Berg", "per:berg", "said")
    second = Quote("b.txt", 0, 30, "the ceasefire must hold at all costs", "Tom Ruiz", "per:ruiz", "said")
    edges, speakers = shared_source_edges([], [(first, second, 1.0)])
    assert "credited to Ann Berg and Tom Ruiz" in edges[0].note
    assert speakers == []


def test_a_two_word_quote_is_weak_evidence():
    short = Quote("a.txt", 0, 8, "big blow", "X", "x", "said")
    longer = Quote("b.txt", 0, 40, "a big blow to the rebels across the region", "X", "x", "said")
    edges, _ = shared_source_edges([], [(short, longer, 0.9)])
    assert edges[0].score < 0.5


def test_combine_is_a_noisy_or():
    assert combine([]) == 0.0
    assert combine([0.5, 0.5]) == pytest.approx(0.75)
    assert combine([1.0, 0.2]) == 1.0


def test_trace_result_serializes_to_the_contract_sections():
    edge = citation_edges([Citation("x.txt", 1, 4, Source("src:afp", "AFP", "agency"), "credit")])[0]
    result = TraceResult(sources=[Source("src:afp", "AFP", "agency")], edges=[edge])
    data = result.to_dict()
    assert set(data) == {"sources", "edges", "quotes", "conflicts", "clusters"}
    assert data["edges"][0]["evidence"] == [{"from_start": None, "from_end": None, "to_start": 1, "to_end": 4,
                                             "similarity": None}]


@dataclass(frozen=True)
class FakeMention:
    doc: str
    start: int
    end: int
    surface: str
    type: str
    entity: str | None
    entity_id: str | None


class LinkedNames:
    """A names-stage result linking given surfaces to entities (what trace_corpus reads)."""

    def __init__(self, docs: list[Document], names: dict[str, tuple[str, str]]):
        self._by_doc: dict[str, list[FakeMention]] = {}
        for doc in docs:
            found = []
            for surface, (entity, entity_id) in names.items():
                at = doc.text.find(surface)
                while at >= 0:
                    found.append(FakeMention(doc.id, at, at + len(surface), surface, "person", entity, entity_id))
                    at = doc.text.find(surface, at + 1)
            self._by_doc[doc.id] = sorted(found, key=lambda m: m.start)

    def by_doc(self) -> dict[str, list[FakeMention]]:
        return self._by_doc



STORM_A = Document("a.txt", (
    "Port authorities closed the harbour of Split on Monday after the storm sank three fishing boats, "
    "according to a statement published by the Croatian coastguard. \"We will not reopen the port until "
    "the breakwater has been inspected by engineers,\" said harbour master Ivana Kovacevic. "
    "The storm also cut power to 40,000 homes along the Dalmatian coast."), date="2024-02-05")
STORM_B = Document("b.txt", (
    "The harbour of Split was closed on Monday after the storm sank three fishing boats. "
    "\"We will not reopen the port until the breakwater has been inspected by engineers,\" harbour master "
    "Ivana Kovačević told reporters. Power was cut to 40,000 homes along the Dalmatian coast, the "
    "utility company said."), date="2024-02-06")
ELECTION = Document("c.txt", (
    "Voters in the northern province re-elected the incumbent governor on Sunday with 58 percent of the vote, "
    "the electoral commission said, after a campaign dominated by rising housing costs."), date="2024-02-05")


def test_trace_corpus_builds_citations_reuse_and_shared_sources_deterministically():
    corpus = [STORM_A, STORM_B, ELECTION]
    names = LinkedNames(corpus, {"Ivana Kovacevic": ("Ivana Kovačević", "per:kovacevic"),
                                 "Ivana Kovačević": ("Ivana Kovačević", "per:kovacevic")})
    result = trace_corpus(corpus, names)
    assert result.to_dict() == trace_corpus(list(reversed(corpus)), names).to_dict()
    kinds = {(e.kind, e.source, e.target) for e in result.edges}
    assert ("reuse", "a.txt", "b.txt") in kinds  # dated a day earlier and longer: a is the origin
    reuse = next(e for e in result.edges if e.kind == "reuse")
    assert reuse.directed and reuse.score >= 0.5
    assert not any("c.txt" in (e.source, e.target) for e in result.edges if e.kind != "citation")
    assert ("shared-source", "a.txt", "b.txt") in kinds  # both quote the harbour master
    speaker = "src:statement-ivana-kovacevic"
    assert {("citation", speaker, "a.txt"), ("citation", speaker, "b.txt")} <= kinds
    for edge in result.edges:
        for evidence in edge.evidence:
            if evidence.to_start is not None:
                text = {d.id: d.text for d in corpus}[edge.target]
                assert 0 <= evidence.to_start < evidence.to_end <= len(text)
    assert all(q.doc in {"a.txt", "b.txt", "c.txt"} for q in result.quotes)
    assert [s.id for s in result.sources] == sorted(s.id for s in result.sources)
    data = result.to_dict()
    assert {e["kind"] for e in data["edges"]} <= {"citation", "reuse", "shared-source"}


FORMULA = "Thank you all for coming. May God protect our brave firefighters, and may God bless the people of Greece."
BULLETINS = [
    "The regional governor opened a new hospital wing in Patras on Monday, with 40 beds for intensive care.",
    "Farmers in Thessaly counted losses after hail destroyed cotton and wheat fields across the plain.",
    "The port authority of Piraeus reported record cruise arrivals in July, up a fifth on last year.",
    "A new metro line linking the airport to the city centre of Thessaloniki will open in the autumn.",
]


def test_wording_many_documents_share_is_weaker_evidence_for_a_pair_than_wording_two_share():
    corpus = [Document(f"bulletin{i}.txt", f"{text} {FORMULA}") for i, text in enumerate(BULLETINS)]
    corpus.append(Document("wire.txt", f"{WIRE} {FORMULA}"))
    corpus.append(Document("rewrite.txt", f"{REWRITE} {FORMULA}"))
    prepared = prepare_corpus(corpus)
    scores = {frozenset((e.source, e.target)): e.score for e in reuse_edges(prepared, candidate_pairs(prepared))}
    formula_only = [score for pair, score in scores.items() if pair != {"wire.txt", "rewrite.txt"}]
    assert formula_only and max(formula_only) < 0.5
    assert scores[frozenset({"wire.txt", "rewrite.txt"})] > 0.9


# Two press releases of one ministry on unrelated matters (written for this test): the masthead
# and the lead-in formula are the same, the news is not; then the same masthead over a reprint.
HEADER_FR = ("Ministère de l'Agriculture et de la Souveraineté alimentaire\nService de presse\n"
             "Communiqué attribué au porte-parole du ministère, Claire Dubois-Lemaire :\n"
             "Le ministre de l'Agriculture s'est entretenu aujourd'hui avec ")
BODY_FR_1 = ("son homologue ukrainien au sujet des exportations de céréales par la mer Noire. Les deux ministres "
             "ont évoqué la reprise des livraisons de blé vers l'Égypte et la Tunisie, la sécurité des ports "
             "d'Odessa et le financement de nouveaux silos. Ils se retrouveront à Bruxelles le mois prochain "
             "pour préparer la conférence des donateurs.")
BODY_FR_2 = ("les représentants des éleveurs bretons touchés par l'épidémie de grippe aviaire. Plus de quarante "
             "élevages de volailles ont été abattus depuis septembre dans les Côtes-d'Armor. Le ministre a promis "
             "une indemnisation sous trente jours et annoncé une campagne de vaccination des canards dès janvier, "
             "financée par l'État et les régions.")
HEADER_ES = ("Ministerio de Sanidad\nGabinete de Prensa\n"
             "Lo siguiente es atribuible al portavoz del Ministerio, Javier Montesinos Ruiz:\n"
             "La ministra de Sanidad se reunió hoy con ")
BODY_ES_1 = ("los consejeros autonómicos para coordinar la campaña de vacunación contra la gripe. Se distribuirán "
             "doce millones de dosis entre octubre y diciembre, con prioridad para los mayores de sesenta años y "
             "el personal de las residencias.")
BODY_ES_2 = ("la directora de la Organización Mundial de la Salud en Ginebra para hablar de la resistencia a los "
             "antibióticos. Ambas acordaron reforzar la vigilancia en los hospitales y financiar un registro europeo "
             "de infecciones hospitalarias durante los próximos cinco años.")


@pytest.mark.parametrize(("header", "first", "second"), [(HEADER_FR, BODY_FR_1, BODY_FR_2),
                                                         (HEADER_ES, BODY_ES_1, BODY_ES_2)])
def test_a_shared_masthead_and_lead_in_formula_alone_are_weak_evidence_but_a_reprint_is_not(header, first,
                                                                                              second) -> None:
    language = "fr" if header is HEADER_FR else "es"
    docs = [Document("a.txt", header + first, language=language), Document("b.txt", header + second, language=language),
            Document("c.txt", header + first, language=language)]
    edges = {frozenset((e.source, e.target)): e for e in trace_corpus(docs).edges if e.kind == "reuse"}
    template = edges[frozenset(("a.txt", "b.txt"))]
    assert template.score < 0.5 and "only the openings align" in template.note
    reprint = edges[frozenset(("a.txt", "c.txt"))]
    assert reprint.score > 0.9 and "only the openings align" not in reprint.note
