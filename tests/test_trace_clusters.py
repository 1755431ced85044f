"""Passage clusters and bounded edges, on a wire story reprinted by several outlets."""
from __future__ import annotations

from provenance.corpus import Document
from provenance.trace import trace_corpus
from provenance.trace.clusters import bound_edges, passage_clusters
from provenance.trace.model import Edge, Evidence

WIRE = ("Firefighters battled a wildfire on the island of Evia for a third day on Thursday as strong winds "
        "fanned the flames towards the village of Limni. The civil protection agency said 14 water-bombing "
        "planes and 300 firefighters had been deployed and that more than 1,200 residents had been "
        "evacuated by sea. Officials said the cause of the fire was still under investigation.")
LEADS = ["Markets in Tokyo closed higher after the central bank kept its rates unchanged.",
         "A new bridge over the Danube opened to traffic in the morning.",
         "The national football team named a young goalkeeper for the qualifiers.",
         "Farmers in the south reported a record olive harvest this autumn.",
         "A museum in Lyon returned three paintings to the heirs of their owners."]
UNRELATED = ("The city council approved a budget for new cycle lanes and a tram extension, "
             "with construction expected to start next spring after a public consultation.")


def reprints() -> list[Document]:
    docs = [Document("wire.txt", WIRE, outlet="wire", date="2021-08-05")]
    for number, lead in enumerate(LEADS):
        docs.append(Document(f"outlet{number}.txt", f"{lead}\n\n{WIRE}", outlet=f"o{number}",
                             date=f"2021-08-{6 + number:02d}"))
    docs.append(Document("council.txt", UNRELATED, date="2021-08-01"))
    return docs


def test_a_reprinted_story_is_one_cluster_with_every_witness_and_the_earliest_as_origin() -> None:
    docs = reprints()
    clusters = passage_clusters(trace_corpus(docs).edges, {d.id: d for d in docs})
    assert len(clusters) == 1
    cluster = clusters[0].to_dict()
    assert cluster["id"] == "c0001" and cluster["kind"] == "reuse" and cluster["size"] == 6
    assert cluster["origin"] == "wire.txt"
    assert [w["doc"] for w in cluster["witnesses"]] == ["wire.txt", *(f"outlet{n}.txt" for n in range(5))]
    by_doc = {d.id: d.text for d in docs}
    for witness in cluster["witnesses"]:
        covered = by_doc[witness["doc"]][witness["start"]:witness["end"]]
        assert "Limni" in covered and witness["text"].startswith(covered[:40])
        assert len(witness["text"]) <= 120


def test_edges_are_bounded_per_document_and_an_edge_stays_when_either_end_keeps_it() -> None:
    docs = reprints()
    full = trace_corpus(docs).edges
    reuse = [e for e in full if e.kind == "reuse"]
    assert len(reuse) == 15  # every pair of the six witnesses
    bounded = bound_edges(full, per_doc=2)
    kept = [e for e in bounded if e.kind == "reuse"]
    assert len(kept) < len(reuse)
    for doc in (d.id for d in docs):
        ranked = sorted((e for e in reuse if doc in (e.source, e.target)), key=lambda e: -e.score)
        best = {(e.source, e.target) for e in ranked[:2]}
        assert best <= {(e.source, e.target) for e in kept}
    assert [e for e in bounded if e.kind == "citation"] == [e for e in full if e.kind == "citation"]


def test_undated_witnesses_take_the_origin_the_directed_edges_point_from() -> None:
    docs = {"a.txt": Document("a.txt", "alpha beta gamma delta"), "b.txt": Document("b.txt", "alpha beta gamma delta"),
            "c.txt": Document("c.txt", "x alpha beta gamma delta")}
    edges = [Edge("b.txt", "a.txt", "reuse", 0.9, True, (Evidence(0, 22, 0, 22, 0.9),)),
             Edge("b.txt", "c.txt", "reuse", 0.9, True, (Evidence(0, 22, 2, 24, 0.9),))]
    assert [(c.origin, [w.doc for w in c.witnesses]) for c in passage_clusters(edges, docs)] == [
        ("b.txt", ["a.txt", "b.txt", "c.txt"])]
    undirected = [Edge(e.source, e.target, e.kind, e.score, False, e.evidence) for e in edges]
    assert passage_clusters(undirected, docs)[0].origin is None



def test_a_long_passage_is_excerpted_from_its_head_as_from_the_whole() -> None:
    """The excerpt of a passage longer than the head it is read from is the whole passage's, on
    real news in several scripts and on generated runs of spaces, tabs and line breaks."""
    import random
    import re
    from pathlib import Path

    from provenance.trace.clusters import EXCERPT_CHARS, EXCERPT_HEAD, _excerpt

    def whole(text: str, start: int, end: int) -> str:
        words = re.sub(r"\s+", " ", text[start:end]).strip()
        return words if len(words) <= EXCERPT_CHARS else words[:EXCERPT_CHARS - 1].rstrip() + "…"

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "data" / "originals_multi").rglob("*.txt"))]
    pick = random.Random(7)
    for _ in range(300):  # long stretches of white space around and inside the head
        texts.append("".join(pick.choice(["word ", "mot\t", " \n\n ", " " * 200, "\u00a0", "é", "\n"])
                             for _ in range(pick.randint(1, 400))))
    checked = 0
    for text in texts:
        for start in range(0, max(1, len(text) - 1), 97):
            for end in (start + EXCERPT_HEAD - 1, start + EXCERPT_HEAD + 1, start + 3 * EXCERPT_HEAD, len(text)):
                assert _excerpt(text, start, end) == whole(text, start, end)
                checked += 1
    assert checked > 1000
