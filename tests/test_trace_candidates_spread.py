"""Candidate pairs from key pairs held by more documents than the cap (issue 13): a text that
copies a passage many others also quote stays a candidate of the documents just before it,
and the pairs grow with the number of holders, not its square."""
from __future__ import annotations

from pathlib import Path

from provenance.corpus import Document
from provenance.text import sentences
from provenance.trace.candidates import FIRST_HOLDERS, REACH, candidate_pairs, prepare_corpus

ORIGINALS = Path(__file__).parent / "data" / "originals"


def sentences_of(name: str) -> list[str]:
    text = (ORIGINALS / name).read_text(encoding="utf-8")
    return [text[s.start:s.end].replace("\n", " ") for s in sentences(text)]


QUOTED = " ".join(sentences_of("01_wh_statement_israel_lebanon_maritime_boundary.txt")[:4])
OWN_TEXTS = sorted(p.name for p in ORIGINALS.glob("*.txt"))[1:]


def holders(count: int) -> list[Document]:
    """``count`` dated documents that each quote the same passage beside wording of their own."""
    return [Document(f"h{i:02d}.txt", QUOTED + "\n\n" + " ".join(sentences_of(OWN_TEXTS[i % len(OWN_TEXTS)])[:3]),
                     date=f"2022-03-{1 + i:02d}") for i in range(count)]


def test_a_copy_of_a_widely_quoted_passage_pairs_with_the_documents_just_before_it():
    corpus = holders(8)
    source_own = sentences_of(OWN_TEXTS[7])[0].split()
    derived = Document("derived.txt", " ".join(source_own[:3]) + ".\n\n" + QUOTED, date="2022-03-20")
    unrelated = Document("other.txt", " ".join(sentences_of(OWN_TEXTS[-1])[4:9]), date="2022-03-21")
    prepared = prepare_corpus([*corpus, derived, unrelated])
    pairs = {frozenset((prepared[p.a].id, prepared[p.b].id)) for p in candidate_pairs(prepared, max_df=4)}
    assert frozenset(("h07.txt", "derived.txt")) in pairs  # its source, the last holder before it
    assert frozenset(("h00.txt", "derived.txt")) in pairs  # the first holder, the likely original
    assert not any("other.txt" in pair for pair in pairs)
    capped = candidate_pairs(prepared, max_df=4, rare_keys=0)  # the cap alone drops the passage
    assert not any("derived.txt" in (prepared[p.a].id, prepared[p.b].id) for p in capped)


def test_pairs_from_a_widely_quoted_passage_grow_with_its_holders_not_their_square():
    for count in (12, 27):
        prepared = prepare_corpus(holders(count))
        pairs = candidate_pairs(prepared, max_df=4, max_candidates=count)
        own_wording = candidate_pairs(prepared, max_df=4, max_candidates=count, rare_keys=0)
        assert count - 1 <= len(pairs) - len(own_wording) <= count * (REACH + FIRST_HOLDERS)
        assert len(pairs) < count * (count - 1) // 2
        partners = {frozenset((prepared[p.a].id, prepared[p.b].id)) for p in pairs}
        assert all(frozenset((f"h{i - 1:02d}.txt", f"h{i:02d}.txt")) in partners for i in range(1, count))
