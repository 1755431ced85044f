"""Properties that hold for any input: offsets slice to their text, normalize then undo is the
identity, and reports on random multi-script text are valid JSON and render.

The texts are drawn from pieces of news sentences in several scripts (written for these tests)
mixed with arbitrary characters, so that the stages meet both plausible names and noise.
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from provenance.corpus import CorpusError, Document, read_corpus
from provenance.normalize import normalize_corpus, undo_normalization
from provenance.pipeline import analyze_documents
from provenance.report import write_reports

PIECES = [
    "Prime Minister Mustafa al-Kadhimi said on Tuesday that the talks would resume. ",
    "Le porte-parole Yahia Rasool a déclaré « l'opération est terminée ». ",
    "قال المتحدث باسم التحالف واين ماروتو إن العملية نجحت. ",
    "El Secretario de Estado Antony J. Blinken habló hoy con Wang Yi. ",
    "Der Tod von Alexej Nawalny sorgte für Empörung. Nawalnys Mut bleibt. ",
    "Cumhurbaşkanı Erdoğan'ın açıklaması dün yayımlandı. ",
    "国务卿表示，他曾计划访问北京。",
    "“They will never live in peace,” Wayne Marotto wrote on Twitter. ",
    "At least 32 people were killed, the Reuters news agency reported. ",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=30)), min_size=1, max_size=8).map(
    "".join)
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def analyze(bodies: list[str]):
    docs = [Document(f"d{i}.txt", body) for i, body in enumerate(bodies)]
    return docs, analyze_documents(docs, root="corpus", encoder="none")


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=3))
def test_every_offset_slices_to_its_text(bodies: list[str]) -> None:
    docs, analysis = analyze(bodies)
    text = {d.id: d.text for d in docs}
    names = analysis.names
    assert names is not None
    for mention in names.mentions:
        assert text[mention.doc][mention.start:mention.end] == mention.surface
    for document in analysis.documents:
        for artifact in document.artifacts or []:
            assert text[document.doc.id][artifact.start:artifact.end] == artifact.text
    trace = analysis.trace
    assert trace is not None
    for quote in trace.quotes:
        assert text[quote.doc][quote.start:quote.end] == quote.text
    for edge in trace.edges:
        for evidence in edge.evidence:
            for doc, start, end in ((edge.source, evidence.from_start, evidence.from_end),
                                    (edge.target, evidence.to_start, evidence.to_end)):
                if doc in text and start is not None and end is not None:
                    assert 0 <= start <= end <= len(text[doc])


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=3))
def test_reports_on_random_text_are_valid_json_and_render(tmp_path_factory, bodies: list[str]) -> None:
    _, analysis = analyze(bodies)
    out = tmp_path_factory.mktemp("out")
    written = write_reports(analysis, out)
    report = json.loads(Path(written["json"]).read_text(encoding="utf-8"))
    assert report["documents"] and len(report["documents"]) == len(bodies)
    assert Path(written["html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert Path(written["markdown"]).read_text(encoding="utf-8").strip()


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=3), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_normalize_then_undo_restores_every_byte(tmp_path_factory, bodies: list[str], encoding: str) -> None:
    assume(any(body.encode(encoding, errors="replace").decode(encoding).strip() for body in bodies))
    corpus = tmp_path_factory.mktemp("corpus")
    for i, body in enumerate(bodies):
        (corpus / f"d{i}.txt").write_bytes(body.encode(encoding, errors="replace"))
    try:
        docs = list(read_corpus(corpus, warn=lambda message: None))
    except CorpusError:  # every file was binary or blank: nothing to normalize
        return
    analysis = analyze_documents(docs, root=str(corpus), encoder="none")
    assert analysis.names is not None
    out = tmp_path_factory.mktemp("work")
    normalize_corpus(docs, analysis.names, out / "normalized", source=corpus)
    undo_normalization(out / "normalized", out / "restored")
    for doc in docs:
        assert (out / "restored" / doc.id).read_bytes() == (corpus / doc.id).read_bytes()
