"""The report view: its long lists made record by record as they are read, the same report."""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from provenance.embed import SentenceVectors
from provenance.pipeline import analyze
from provenance.report import Records, build_report, dump_json, report_view, write_reports

from .conftest import DATA

CORPUS = DATA / "originals_multi" / "corpus"


@pytest.fixture(scope="module")
def analysis():
    """The whole pipeline (no encoder) over real news in several languages."""
    return analyze(CORPUS, glossary=None, encoder="none", warn=lambda _: None)


def test_the_view_gives_the_report_byte_for_byte(analysis):
    view, built = report_view(analysis), build_report(analysis)
    assert isinstance(view["mentions"], Records) and isinstance(built["mentions"], list)
    assert len(view["mentions"]) > 20 and len(view["edges"]) > 0
    assert dump_json(view) == dump_json(built)
    assert json.loads(dump_json(view)) == json.loads(json.dumps(built))


def test_records_read_like_the_lists_they_stand_for(analysis):
    view, built = report_view(analysis), build_report(analysis)
    for name in ("documents", "mentions", "edges", "quotes", "clusters", "sources"):
        records, listed = view[name], built[name]
        assert len(records) == len(listed)
        assert records == listed and listed == records
        assert list(records) == listed
        assert records[1:3] == listed[1:3]
        if listed:
            assert records[0] == listed[0] and records[-1] == listed[-1]
    assert all(len(view[name]) > 1 for name in ("documents", "mentions", "edges", "sources"))
    assert view["mentions"] != built["mentions"][:-1]
    assert view["mentions"] != built["edges"]


def test_each_read_makes_fresh_records(analysis):
    """A record changed by a reader does not change what the next reader gets."""
    mentions = report_view(analysis)["mentions"]
    first = mentions[0]
    first["surface"] = "changed"
    assert mentions[0]["surface"] != "changed"
    with pytest.raises(TypeError):
        hash(mentions)


def test_the_view_does_not_keep_sentence_vectors(analysis, tmp_path):
    """The report writers hold the view while they write: the documents' vectors (large with an
    encoder) are not among what it keeps, and the report is unchanged by them."""
    vectors = SentenceVectors(encoder="test", spans=((0, 5),), vectors=np.ones((1, 4), np.float32))
    with_vectors = replace(analysis, documents=[replace(d, sentence_vectors=vectors) for d in analysis.documents])
    view = report_view(with_vectors)
    kept = view["documents"]._items
    assert all(d.sentence_vectors is None and d.fallback_vectors is None for d in kept)
    assert all(d.sentence_vectors is vectors for d in with_vectors.documents)
    assert dump_json(view) == dump_json(build_report(analysis))
    paths = write_reports(with_vectors, tmp_path)
    assert paths["json"].read_text(encoding="utf-8") == dump_json(build_report(analysis))


def test_sections_held_while_writing_are_lists_of_the_same_records(analysis, tmp_path):
    from provenance.report.records import HELD_WHILE_WRITING, held

    view = report_view(analysis)
    kept = held(view)
    assert "documents" in HELD_WHILE_WRITING and "mentions" not in HELD_WHILE_WRITING
    for name, value in view.items():
        if name in HELD_WHILE_WRITING:
            assert isinstance(kept[name], list) and kept[name] == list(value)
        else:
            assert kept[name] is value
    assert isinstance(kept["mentions"], Records) and len(kept["documents"]) > 1
    write_reports(analysis, tmp_path / "view", view)
    write_reports(analysis, tmp_path / "built", build_report(analysis))
    for name in ("report.json", "report.md", "report.html"):
        assert (tmp_path / "view" / name).read_bytes() == (tmp_path / "built" / name).read_bytes()


def test_light_edge_records_are_the_records_without_their_evidence_or_note(analysis):
    from provenance.report.records import light_records
    from provenance.report.sections import numbered_edges

    view, built = report_view(analysis), build_report(analysis)
    light = light_records(view, "edges")
    assert isinstance(light, Records) and len(light) == len(built["edges"]) > 0
    assert [{k: v for k, v in e.items() if k not in ("evidence", "note")} for e in built["edges"]] == list(light)
    assert any(e["evidence"] for e in built["edges"]) and not any("evidence" in e for e in light)
    assert light_records(built, "edges") is built["edges"]  # a list is its own light records
    assert view["mentions"].light() is view["mentions"]  # a view given no light records
    shown = {1, len(built["edges"])}
    assert list(numbered_edges(view, shown)) == [(n, built["edges"][n - 1]) for n in sorted(shown)]
    assert list(numbered_edges(view)) == list(enumerate(built["edges"], 1))
