"""The shortcuts normalize takes give what the long way gives, on real texts in several languages.

- a plan without the competing candidates (``normalize --out``) makes the same decisions as one
  with them (``--review``, report.json), candidates aside;
- discovery's surname blocks, compared at once, give the pairs the pair-by-pair loop gave;
- with no Arabic-script document, the cross-script steps return the names as merging them
  document by document would have left them.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from provenance.corpus import Document, read_corpus
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.names import NamesResult
from provenance.names.arabic_finder import link_arabic_people
from provenance.names.compare import short_form_of
from provenance.names.cross_script import link_across_scripts
from provenance.names.discovery import CLUSTER_FUZZY_MIN, _close_pairs
from provenance.names.keys import ParsedName, parse_name
from provenance.names.model import unchanged_by_merging
from provenance.normalize import PlanOptions, plan_corpus
from provenance.pipeline import analyze_documents

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "benchmarks" / "data" / "normalize" / "cases.jsonl"
MARK = re.compile(r"\[\[([^|\]]+)\|[^\]]+\]\]")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(default_glossary_paths())


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    """The seeds, the multilingual originals and the normalization cases (en, fr, es, it, de ...)
    without their markup."""
    docs = list(read_corpus(ROOT / "seeds")) + list(read_corpus(ROOT / "tests" / "data" / "originals_multi"))
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            docs.append(Document(case["id"], MARK.sub(r"\1", case["text"])))
    return docs


@pytest.fixture(scope="module")
def analysis(corpus, glossary):
    return analyze_documents(corpus, ROOT, glossary=glossary, stages=("names",))


def test_a_plan_without_candidates_makes_the_same_decisions(analysis, glossary) -> None:
    docs = [r.doc for r in analysis.documents]
    for options in (PlanOptions(), PlanOptions(min_score=0.5, types=("person", "place"), include_discovered=True)):
        full = plan_corpus(docs, analysis.names, options, glossary)
        bare = plan_corpus(docs, analysis.names, options, glossary, candidates=False)
        assert any(d.candidates for d in full.decisions)  # the texts have namesakes to list
        assert not any(d.candidates for d in bare.decisions)
        assert [replace(d, candidates=()) for d in full.decisions] == bare.decisions
        assert len(bare.proposals()) > 20


def _pairwise(names: list[ParsedName]) -> list[tuple[int, int, float]]:
    """discovery's pair-by-pair loop over one surname block, as it was."""
    found = []
    for x, a in enumerate(names):
        for y in range(x + 1, len(names)):
            similarity = fuzz.token_sort_ratio(a.folded, names[y].folded)
            if similarity < CLUSTER_FUZZY_MIN and short_form_of(a, names[y]):
                similarity = CLUSTER_FUZZY_MIN
            if similarity >= CLUSTER_FUZZY_MIN:
                found.append((x, y, similarity))
    return found


def test_surname_blocks_compared_at_once_give_the_pairs_of_the_loop(glossary) -> None:
    blocks: dict[str, list[ParsedName]] = {}
    for entry in glossary:
        if entry.type == "person":
            for name in entry.names():
                parsed = parse_name(name)
                if parsed.surname is not None and not parsed.single:
                    blocks.setdefault(parsed.surname.keys[0], []).append(parsed)
    blocks["levinson"] = [parse_name(n) for n in ("Bob Levinson", "Robert Levinson", "Robert Levinsohn",
                                                  "Roberta Levinson", "Bob A. Levinson")]
    compared = 0
    for names in blocks.values():
        found = sorted(_close_pairs(names))
        assert found == sorted(_pairwise(names))
        compared += len(found)
    assert (0, 1, CLUSTER_FUZZY_MIN) in _close_pairs(blocks["levinson"])  # Bob and Robert: a short form
    assert compared > 100


def test_without_arabic_script_the_cross_script_steps_leave_the_names(analysis, corpus) -> None:
    result = analysis.names
    texts = [(doc.id, "", "en") for doc in corpus]
    assert unchanged_by_merging(result, texts, ("ar", "fa"))
    by_doc = result.by_doc()
    merged = [m for doc, _, _ in texts for m in sorted(by_doc.get(doc, []), key=lambda m: (m.start, m.end))]
    assert merged == result.mentions and len(merged) > 100
    assert link_across_scripts(result, texts) is result
    assert link_arabic_people(result, texts) is result


def test_the_cross_script_steps_run_when_merging_would_change_something(analysis, corpus) -> None:
    result = analysis.names
    texts = [(doc.id, "", "en") for doc in corpus]
    assert not unchanged_by_merging(result, [*texts[:-1], (texts[-1][0], "نص", "ar")], ("ar", "fa"))
    assert not unchanged_by_merging(result, [*texts, texts[0]], ("ar",))  # a document id twice
    shuffled = NamesResult(list(reversed(result.mentions)), result.entities)
    assert not unchanged_by_merging(shuffled, texts, ("ar",))
    assert link_across_scripts(shuffled, texts).mentions == result.mentions  # merged back into order
    assert not unchanged_by_merging(result, texts[1:], ("ar",))  # a document the texts do not list

