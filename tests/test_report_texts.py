"""The documents' texts packed into one buffer for the report writers: the same texts, the same reports."""
from __future__ import annotations

import pytest

from provenance.pipeline import analyze
from provenance.report import report_view, write_report_files
from provenance.report.texts import PackedTexts

from .conftest import DATA

CORPUS = DATA / "originals_multi" / "corpus"


def test_packed_texts_read_back_as_they_were_given() -> None:
    given = [("en", "The minister said: “no”."), ("ar", "قال الوزير إن الحكومة"), ("zh", "外交部发言人 🙂"),
             ("empty", ""), ("broken", "caf\udce9 au lait"), ("en", "A second text under the same id")]
    packed = PackedTexts(given)
    assert dict(packed) == dict(given)
    assert len(packed) == 5 and list(packed) == ["en", "ar", "zh", "empty", "broken"]
    assert "ar" in packed and "fr" not in packed and packed.get("fr") is None
    with pytest.raises(KeyError):
        packed["fr"]
    for _ in range(2):  # read again after other texts pushed them out of the recent ones
        assert [packed[doc_id] for doc_id in ("zh", "broken", "empty", "zh", "ar")] == \
            [dict(given)[doc_id] for doc_id in ("zh", "broken", "empty", "zh", "ar")]


@pytest.fixture(scope="module")
def analysis():
    """The whole pipeline (no encoder) over real news in several languages."""
    return analyze(CORPUS, glossary=None, encoder="none", warn=lambda _: None)


def test_the_view_holds_neither_the_texts_nor_the_documents_mentions(analysis) -> None:
    view = report_view(analysis)
    held = view["documents"]._items
    assert all(d.doc.text == "" and d.mentions is None for d in held)
    assert [d.doc.id for d in held] == [d.doc.id for d in analysis.documents]
    assert list(view["mentions"]) == [m.to_dict() for m in analysis.names.mentions]


def test_the_reports_from_packed_texts_are_the_reports_from_the_texts(analysis, tmp_path) -> None:
    texts = {r.doc.id: r.doc.text for r in analysis.documents}
    assert any(not text.isascii() for text in texts.values())
    view = report_view(analysis)
    assert all(record["id"] in texts for record in view["documents"])
    plain = write_report_files(view, texts, tmp_path / "plain")
    packed = write_report_files(view, PackedTexts(texts.items()), tmp_path / "packed", cores=2)
    for kind, path in plain.items():
        assert packed[kind].read_bytes() == path.read_bytes(), kind
    page = plain["html"].read_text(encoding="utf-8")
    assert sum(text.split("\n")[0][:40] in page for text in texts.values()) >= len(texts) // 2  # the texts shown
