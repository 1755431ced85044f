"""Corpus readers: folders, manifests, JSONL, CSV, Parquet, and bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.corpus import CorpusError, Document, leading_date, read_corpus

from .conftest import SEEDS


def collect(path, **kwargs):
    warnings: list[str] = []
    docs = list(read_corpus(path, warn=warnings.append, **kwargs))
    return docs, warnings


def test_seed_folder_reads_every_text_with_manifest_metadata():
    docs, warnings = collect(SEEDS)
    assert warnings == []
    assert [d.id for d in docs] == sorted(p.name for p in SEEDS.glob("*.txt"))
    by_id = {d.id: d for d in docs}
    assert by_id["002_7088ef5f1ca439ae.txt"].outlet == "Israel Hayom"
    assert by_id["003_3c737952dd87d946.txt"].outlet == "Nova News"
    assert by_id["000_143aa2ad503c7983.txt"].date == "2021-01-29"
    assert by_id["001_aea68b335b6b7adf.txt"].date is None


def test_text_is_exactly_the_file_text(tmp_path):
    raw = "\ufeffFirst line\r\nSecond line\rthird\n".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(raw)
    docs, _ = collect(tmp_path)
    assert docs[0].text == "First line\r\nSecond line\rthird\n"


def test_leading_date_line_is_metadata_and_text_untouched(tmp_path):
    text = " date 2021-01-29 Iraq proclaimed its victory."
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "e.md").write_text("date: 2019-05-02\n# Title\nBody.", encoding="utf-8")
    docs, _ = collect(tmp_path)
    assert [(d.id, d.date) for d in docs] == [("d.txt", "2021-01-29"), ("e.md", "2019-05-02")]
    assert docs[0].text == text
    assert leading_date("Update 2021-01-29: nothing") is None


def test_folder_is_recursive_and_ids_are_relative_paths(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Deep text.", encoding="utf-8")
    (tmp_path / "top.md").write_text("Top text.", encoding="utf-8")
    (tmp_path / "ignored.json").write_text("{}", encoding="utf-8")
    docs, _ = collect(tmp_path)
    assert [d.id for d in docs] == ["a/b/x.txt", "top.md"]


def test_manifest_csv_sets_metadata_and_keeps_extra_fields(tmp_path):
    (tmp_path / "x.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("id,outlet,date,section\nx.txt,VOA,2024-01-02,World\n", encoding="utf-8")
    docs, _ = collect(tmp_path)
    assert (docs[0].outlet, docs[0].date, docs[0].meta) == ("VOA", "2024-01-02", {"section": "World"})


def test_jsonl_with_custom_fields_and_a_malformed_line(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"key": "n1", "body": "Text one.", "outlet": "AFP", "lang": "en"}),
        '{"key": "n2", "body": broken',
        json.dumps({"key": "n3", "body": "Text three."}),
        json.dumps({"key": "n4"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, warnings = collect(path, id_field="key", text_field="body")
    assert [d.id for d in docs] == ["n1", "n3"]
    assert docs[0].outlet == "AFP" and docs[0].meta == {"lang": "en"}
    assert warnings[0].startswith(f"{path}:2: skipped: malformed JSON")
    assert warnings[1] == f"{path}:4: skipped: no text in field 'body'"


def test_csv_and_tsv_records(tmp_path):
    (tmp_path / "c.csv").write_text('id,text,date\na,"Hello, world.",2020-01-01\nb,"Line one\nline two",\n', encoding="utf-8")
    docs, _ = collect(tmp_path / "c.csv")
    assert [(d.id, d.text, d.date) for d in docs] == [("a", "Hello, world.", "2020-01-01"), ("b", "Line one\nline two", None)]
    (tmp_path / "t.tsv").write_text("id\ttext\nz\tTab text.\n", encoding="utf-8")
    assert [d.text for d in collect(tmp_path / "t.tsv")[0]] == ["Tab text."]


def test_parquet_records(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"id": ["p1", "p2"], "text": ["Première phrase.", "Zweiter Satz."], "outlet": ["Le Monde", None]})
    pq.write_table(table, tmp_path / "c.parquet")
    docs, _ = collect(tmp_path / "c.parquet")
    assert docs == [Document("p1", "Première phrase.", outlet="Le Monde"), Document("p2", "Zweiter Satz.")]


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or directory"):
        read_corpus(tmp_path / "nope")


def test_empty_corpus_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no documents found"):
        collect(tmp_path)


def test_unknown_format_is_an_error(tmp_path):
    (tmp_path / "c.xlsx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match="unknown corpus format"):
        read_corpus(tmp_path / "c.xlsx")


def test_non_utf8_file_is_decoded_with_a_detector_and_a_warning(tmp_path):
    text = "Le président a déclaré que l'opération était « réussie » à Kirkouk, près de la frontière."
    (tmp_path / "latin.txt").write_bytes((text * 3).encode("cp1252"))
    docs, warnings = collect(tmp_path)
    assert docs[0].text == text * 3
    assert len(warnings) == 1 and "not UTF-8; decoded as" in warnings[0] and "latin.txt" in warnings[0]


def test_binary_file_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    docs, warnings = collect(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    assert warnings == [f"{tmp_path / 'bad.txt'}: skipped: binary file (contains NUL bytes)"]


def test_corpus_is_streamed(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Text {i}.", encoding="utf-8")
    stream = read_corpus(tmp_path, warn=lambda m: None)
    assert next(stream).id == "0.txt"


def test_hidden_files_and_folders_are_not_documents(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("not a document", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("not a document either", encoding="utf-8")
    (tmp_path / "story.txt").write_text("A document.", encoding="utf-8")
    assert [d.id for d in read_corpus(tmp_path)] == ["story.txt"]
