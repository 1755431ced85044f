"""The pipeline's stage list, the stages a choice runs, and the analysed-document model."""
from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from provenance.artifacts.model import Verdict
from provenance.corpus import Document
from provenance.document import Analysis, AnalyzedDoc, DocumentResult
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.lang import DocLanguage
from provenance.pipeline import (
    OPTIONAL_STAGES,
    STAGES,
    RunState,
    Step,
    analyze_documents,
    languages_from_originals,
    plan,
)
from provenance.trace.graph import source_kind_scores
from provenance.trace.model import Edge, TraceResult
from provenance.types import EntityType, SourceKind

from .test_trace_translation import ENGLISH_REPORT, ENGLISH_TRANSLATION, FRENCH


def names(stages) -> list[str]:
    return [s.name for s in stages]


def test_the_stage_list_runs_every_step_in_order_feedback_included() -> None:
    assert names(STAGES) == ["language", "names", "artifacts", "original-spellings", "embed", "trace", "attribute",
                             "original-languages"]
    assert OPTIONAL_STAGES == ("names", "artifacts", "embed", "trace")
    assert names(plan(OPTIONAL_STAGES)) == names(STAGES)


@pytest.mark.parametrize(("chosen", "expected"), [
    ((), ["language"]),
    (("names",), ["language", "names"]),
    (("artifacts",), ["language", "names", "artifacts", "original-spellings"]),
    (("trace",), ["language", "names", "embed", "trace", "attribute"]),
    (("trace", "names"), ["language", "names", "embed", "trace", "attribute"]),
    (("artifacts", "trace"), names(STAGES)),
])
def test_a_choice_brings_the_stages_it_requires_and_their_feedback(chosen, expected) -> None:
    assert names(plan(chosen)) == expected


@pytest.mark.parametrize("chosen", [("language",), ("original-spellings",), ("attribute",), ("clusters",)])
def test_only_optional_stages_can_be_chosen(chosen) -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        plan(chosen)
    with pytest.raises(ValueError, match="unknown stage"):
        analyze_documents([Document("a.txt", "Some text.")], "mem", stages=chosen)


def test_a_stage_inserted_into_the_list_runs_in_its_place_when_chosen() -> None:
    quotes = Step("quotes", lambda state: None, requires=("language",))
    clusters = Step("clusters", lambda state: None, requires=("quotes", "trace"))
    stages = (*STAGES[:2], quotes, *STAGES[2:], clusters)
    assert names(plan(("quotes",), stages)) == ["language", "quotes"]
    assert names(plan(("clusters",), stages)) == ["language", "names", "quotes", "embed", "trace", "attribute",
                                                  "clusters"]
    assert names(plan(("artifacts",), stages)) == ["language", "names", "artifacts", "original-spellings"]


def test_a_stage_that_requires_a_later_one_is_refused() -> None:
    early = Step("early", lambda state: None, requires=("trace",))
    with pytest.raises(ValueError, match="'early' requires trace"):
        plan(("early",), (*STAGES[:2], early, *STAGES[2:]))


def test_the_data_files_use_only_the_literal_types() -> None:
    # the models' tuples (TYPES, KINDS, EDGE_KINDS ...) are derived from the aliases; the data must fit them
    assert set(source_kind_scores()) <= set(get_args(SourceKind))
    bundled = load_glossary(default_glossary_paths())
    assert {entry.type for entry in bundled.entries.values()} <= set(get_args(EntityType))


def test_an_analysed_document_keeps_the_document_as_read() -> None:
    declared = AnalyzedDoc(Document("a.txt", "Le texte.", language="fr"), DocLanguage("en", 0.6))
    detected = AnalyzedDoc(Document("b.txt", "The text."), DocLanguage("en", 0.9))
    assert declared.stage_doc is declared.doc and declared.stage_language == "fr"
    assert detected.stage_doc.language == detected.stage_language == "en"
    assert detected.doc.language is None
    assert DocumentResult is AnalyzedDoc


def test_each_stage_fills_its_part_of_the_analysed_documents() -> None:
    texts = {"a_fr.txt": FRENCH, "b_en.txt": ENGLISH_TRANSLATION, "c_en.txt": ENGLISH_REPORT}
    docs = [Document(doc_id, text) for doc_id, text in texts.items()]
    named = analyze_documents(docs, "mem", stages=("names",))
    assert named.stages == ("names",) and named.trace is None
    assert [d.language.lang for d in named.documents] == ["fr", "en", "en"]
    assert [d.doc for d in named.documents] == docs
    assert named.names is not None
    by_doc = named.names.by_doc()
    assert all(d.mentions == by_doc.get(d.doc.id, []) for d in named.documents)
    assert any("Marotto" in m.surface for m in named.documents[1].mentions or [])
    assert all(d.artifacts is None and d.translation is None for d in named.documents)
    full = analyze_documents(docs, "mem")
    assert full.stages == OPTIONAL_STAGES
    assert all(d.artifacts is not None and d.translation is not None for d in full.documents)
    assert full.trace is not None and any(e.kind == "translation" for e in full.trace.edges)


def test_a_translation_takes_the_detected_language_of_its_original() -> None:
    original = AnalyzedDoc(Document("a.txt", FRENCH), DocLanguage("fr", 1.0), [], Verdict(False, 0.1, None, ()))
    translation = AnalyzedDoc(Document("b.txt", ENGLISH_TRANSLATION), DocLanguage("en", 1.0), [],
                              Verdict(True, 0.7, "es", ("calques",)))
    analysis = Analysis("mem", [original, translation])
    analysis.trace = TraceResult([], [Edge("a.txt", "b.txt", "translation", 0.9, True, ())], [], [])
    languages_from_originals(RunState(analysis, []))
    assert translation.translation == Verdict(True, 0.9, "fr", ("calques", "its original is in the corpus: a.txt (fr)"))
    assert original.translation == Verdict(False, 0.1, None, ())


def test_a_careful_translation_the_artifacts_missed_is_one_when_its_original_is_in_the_corpus() -> None:
    original = AnalyzedDoc(Document("a.txt", FRENCH), DocLanguage("fr", 1.0), [], Verdict(False, 0.1, None, ()))
    translation = AnalyzedDoc(Document("b.txt", ENGLISH_TRANSLATION), DocLanguage("en", 1.0), [],
                              Verdict(False, 0.2, None, ()))
    analysis = Analysis("mem", [original, translation])
    analysis.trace = TraceResult([], [Edge("a.txt", "b.txt", "translation", 0.8, True, ())], [], [])
    languages_from_originals(RunState(analysis, []))
    assert translation.translation == Verdict(True, 0.8, "fr", ("its original is in the corpus: a.txt (fr)",))
    assert original.translation == Verdict(False, 0.1, None, ())
    analysis.trace = TraceResult([], [Edge("a.txt", "b.txt", "translation", 0.8, False, ())], [], [])
    untouched = AnalyzedDoc(Document("b.txt", ENGLISH_TRANSLATION), DocLanguage("en", 1.0), [],
                            Verdict(False, 0.2, None, ()))
    analysis.documents[1] = untouched
    languages_from_originals(RunState(analysis, []))
    assert untouched.translation == Verdict(False, 0.2, None, ())  # an undirected edge says nothing


def test_the_architecture_document_draws_the_stage_list_as_it_runs() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    drawn = re.findall(r"^  [├└]─ \d+ (\S+)\s+(\S+)", text, flags=re.MULTILINE)
    assert drawn == [(s.name, s.kind) for s in STAGES]
