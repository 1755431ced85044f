"""Big text files read in parts: exact offsets, paragraph cuts, long lines, multi-byte characters."""
from __future__ import annotations

from pathlib import Path

import pytest

from provenance import parts as parts_module
from provenance.corpus import Document, read_corpus
from provenance.pipeline import analyze
from provenance.report import build_report

from .conftest import DATA

ORIGINALS = sorted((DATA / "originals").glob("*.txt"))


def collect(path: Path, part_size: int | None) -> tuple[list[Document], list[str]]:
    warnings: list[str] = []
    return list(read_corpus(path, warn=warnings.append, part_size=part_size)), warnings


def file_text(path: Path, encoding: str = "utf-8-sig") -> str:
    with path.open(encoding=encoding, newline="") as handle:
        return handle.read()


def laid_out(docs: list[Document], length: int) -> str:
    """The parts laid at their offsets; what no part covers is shown as NUL."""
    text = ["\x00"] * length
    for doc in docs:
        text[doc.offset:doc.offset + len(doc.text)] = doc.text
    return "".join(text)


def paragraphs_file(path: Path, copies: int) -> Path:
    block = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in ORIGINALS[:4]) + "\n\n"
    path.write_text(block * copies, encoding="utf-8", newline="")
    return path


def test_paragraph_file_is_split_at_blank_lines_and_parts_rebuild_it_byte_for_byte(tmp_path):
    path = paragraphs_file(tmp_path / "big.txt", 3)
    docs, warnings = collect(path, part_size=4000)
    text = file_text(path)
    assert warnings == []
    assert len(docs) > 5
    width = len(docs[0].id) - len("big.txt#")
    assert [d.id for d in docs] == [f"big.txt#{n:0{width}d}" for n in range(1, len(docs) + 1)]
    assert [d.id for d in docs] == sorted(d.id for d in docs)
    assert all(d.part_of == "big.txt" for d in docs)
    assert "".join(d.text for d in docs).encode("utf-8") == path.read_bytes()
    assert all(text[d.offset:d.offset + len(d.text)] == d.text for d in docs)
    assert all(len(d.text) <= 4000 for d in docs)
    assert all(d.text.endswith("\n\n") for d in docs[:-1])


def test_a_file_within_the_part_size_stays_one_document(tmp_path):
    path = paragraphs_file(tmp_path / "small.txt", 1)
    docs, _ = collect(path, part_size=10_000_000)
    assert [(d.id, d.part_of, d.offset) for d in docs] == [("small.txt", None, 0)]
    assert docs[0].text == file_text(path)


def test_a_mention_in_a_part_maps_back_to_the_same_words_in_the_file(tmp_path):
    path = paragraphs_file(tmp_path / "big.txt", 1)
    text = file_text(path)
    analysis = analyze(path, glossary=None, stages=("names",), part_size=3000, warn=lambda _: None)
    report = build_report(analysis)
    documents = {d["id"]: d for d in report["documents"]}
    assert all(d["part_of"] == "big.txt" for d in documents.values())
    in_later_parts = [m for m in report["mentions"] if documents[m["doc"]]["offset"] > 0]
    assert len(in_later_parts) > 10
    for mention in in_later_parts:
        offset = documents[mention["doc"]]["offset"]
        assert text[offset + mention["start"]:offset + mention["end"]] == mention["surface"]


def test_an_ordinary_document_has_no_part_keys_in_the_report(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Joe Biden met Emmanuel Macron in Paris on Monday.\n", encoding="utf-8")
    report = build_report(analyze(path, glossary=None, stages=("names",), warn=lambda _: None))
    assert "part_of" not in report["documents"][0]
    assert "offset" not in report["documents"][0]


def test_a_single_three_megabyte_line_is_cut_after_white_space(tmp_path):
    words = " ".join(file_text(p) for p in ORIGINALS).split()
    line = " ".join(words)
    line = (line + " ") * (3_000_000 // len(line) + 1)
    path = tmp_path / "line.txt"
    path.write_text(line[:3_000_000], encoding="utf-8", newline="")
    docs, _ = collect(path, part_size=parts_module.PART_SIZE)
    assert len(docs) in (3, 4, 5, 6)
    assert "".join(d.text for d in docs) == line[:3_000_000]
    assert all(len(d.text) <= parts_module.PART_SIZE for d in docs)
    assert all(d.text.endswith(" ") for d in docs[:-1])


def test_a_line_without_white_space_is_cut_at_the_part_size_but_never_before_an_accent(tmp_path):
    text = "ab\u0301c" * 3000
    path = tmp_path / "word.txt"
    path.write_text(text, encoding="utf-8")
    docs, _ = collect(path, part_size=1000)
    assert "".join(d.text for d in docs) == text
    assert all(len(d.text) <= 1000 for d in docs)
    assert not any(d.text[0] == "\u0301" for d in docs)


@pytest.mark.parametrize("block", [1, 2, 3, 5, 7])
def test_multi_byte_characters_across_read_blocks_and_part_ends(tmp_path, monkeypatch, block):
    monkeypatch.setattr(parts_module, "READ_BYTES", block)
    text = "".join(f"Привет {n} мир 你好世界 🌍🇫🇷 مرحبا\n" + ("\n" if n % 3 == 0 else "") for n in range(200))
    path = tmp_path / "multi.txt"
    path.write_bytes(text.encode("utf-8"))
    docs, warnings = collect(path, part_size=1000)
    assert warnings == []
    assert len(docs) > 3
    assert "".join(d.text for d in docs).encode("utf-8") == path.read_bytes()
    assert all(text[d.offset:d.offset + len(d.text)] == d.text for d in docs)


def test_a_utf16_file_is_read_in_parts_without_its_bom(tmp_path, monkeypatch):
    monkeypatch.setattr(parts_module, "READ_BYTES", 333)
    text = "Ein Absatz über Zürich.\n\n" * 300
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode("utf-16"))
    docs, warnings = collect(path, part_size=2000)
    assert warnings == [f"{path}: not UTF-8; decoded as utf-16-le"]
    assert len(docs) > 3
    assert "".join(d.text for d in docs) == text


def test_a_latin1_file_in_parts_is_decoded_as_a_whole_file_is(tmp_path):
    text = "Le président français a parlé à Genève.\n\n" * 200
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    docs, warnings = collect(path, part_size=2000)
    whole, _ = collect(path, part_size=None)
    assert warnings == [f"{path}: not UTF-8; decoded as cp1252"]
    assert len(docs) > 3
    assert "".join(d.text for d in docs) == whole[0].text == text


def test_white_space_only_stretches_are_not_parts_and_offsets_stay_exact(tmp_path):
    text = "First paragraph here.\n\n" + " " * 5000 + "\n\nLast paragraph here.\n"
    path = tmp_path / "gap.txt"
    path.write_text(text, encoding="utf-8")
    docs, _ = collect(path, part_size=1000)
    assert [d.id for d in docs] == ["gap.txt#01", "gap.txt#02"]
    assert laid_out(docs, len(text)).replace("\x00", " ") == text


def test_parts_of_one_file_are_never_a_trace_pair_but_pair_with_other_documents(tmp_path):
    from provenance.trace.candidates import candidate_pairs, prepare_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraphs_file(corpus / "big.txt", 2)
    copied = file_text(ORIGINALS[1]).strip().split("\n\n")
    (corpus / "copy.txt").write_text("\n\n".join(copied[:4]) + "\n", encoding="utf-8")
    docs, _ = collect(corpus, part_size=4000)
    assert sum(d.part_of == "big.txt" for d in docs) > 5
    prepared = prepare_corpus(docs)
    pairs = {(prepared[p.a].id, prepared[p.b].id) for p in candidate_pairs(prepared)}
    assert pairs
    assert all("copy.txt" in pair for pair in pairs)


def test_the_parts_of_one_file_share_no_quote_source_or_conflict(tmp_path):
    from provenance.trace import trace_corpus

    block = ('The minister said "we will rebuild every school in the province this year" on Monday.\n\n'
             "The ministry cites Reuters and says 12 people died in the flood.\n\n")
    path = tmp_path / "repeats.txt"
    path.write_text(block * 20 + block.replace("12 people", "14 people") * 20, encoding="utf-8")
    docs, _ = collect(path, part_size=1000)
    assert len(docs) > 4
    result = trace_corpus(docs)
    assert result.quotes
    assert [e for e in result.edges if e.kind in ("reuse", "shared-source")] == []
    assert result.conflicts == []
