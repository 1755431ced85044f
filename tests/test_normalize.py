"""Normalization: canonical names written in, every change recorded, undo restores every byte."""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.corpus import Document, read_corpus
from provenance.names import Mention, link_corpus
from provenance.normalize import (
    MANIFEST_FILE,
    MENTIONS_FILE,
    NormalizeError,
    normalize_corpus,
    normalize_text,
    restore_text,
    undo_normalization,
)

TEXTS = {
    "a.txt": "Iraqi Prime Minister Mostafa Al Kazemi met Qasem Suleimani's successor. Al Kazemi said little.\n",
    "sub/b.txt": "Mustafa al-Kadhimi flew to Tehran.\r\nQassem Soleimani had been killed in 2020.\r\n",
    "c.txt": "Ghassem Soleimani et Moustafa al-Kazimi : deux noms, deux hommes, à Bagdad.\n",
}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_bytes(codecs.BOM_UTF8 + TEXTS["a.txt"].encode("utf-8"))
    (root / "sub" / "b.txt").write_bytes(TEXTS["sub/b.txt"].encode("utf-8"))
    (root / "c.txt").write_bytes(TEXTS["c.txt"].encode("latin-1"))
    return root


def test_folder_round_trip_restores_bom_crlf_and_latin1_byte_for_byte(corpus: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    docs = list(read_corpus(corpus, warn=lambda message: None))
    result = link_corpus(docs, None)
    out, restored = tmp_path / "out", tmp_path / "restored"
    summary = normalize_corpus(docs, result, out, source=corpus, include_discovered=True)
    assert summary.layout == "files" and summary.documents == 3 and summary.changes >= 3
    assert snapshot(corpus) == before, "the input corpus was written to"
    normalized = (out / "a.txt").read_text(encoding="utf-8")
    assert "Mostafa Al Kazemi" not in normalized
    changes = [json.loads(line) for line in (out / MENTIONS_FILE).read_text(encoding="utf-8").splitlines()]
    texts = {d.id: d.text for d in docs}
    outputs = {d.id: (out / d.id).read_text(encoding="utf-8") for d in docs}
    for change in changes:
        assert texts[change["doc"]][change["start"]:change["end"]] == change["surface"]
        assert outputs[change["doc"]][change["new_start"]:change["new_end"]] == change["text"]
    undo = undo_normalization(out, restored)
    assert undo.problems == [] and undo.verified == 3
    assert snapshot(restored) == before


def test_annotate_mode_keeps_the_variant(corpus: Path, tmp_path: Path) -> None:
    docs = list(read_corpus(corpus, warn=lambda message: None))
    result = link_corpus(docs, None)
    normalize_corpus(docs, result, tmp_path / "out", mode="annotate", source=corpus, include_discovered=True)
    text = (tmp_path / "out" / "sub" / "b.txt").read_bytes().decode("utf-8")
    rewritten = [m for m in result.mentions if m.doc == "sub/b.txt" and m.type == "person" and m.entity
                 and m.entity != m.surface]
    assert rewritten
    for mention in rewritten:
        assert f"{mention.surface} [{mention.entity}]" in text
    assert text.count("\r\n") == 2
    assert undo_normalization(tmp_path / "out", tmp_path / "back").verified == 3


def test_types_option_limits_what_is_rewritten() -> None:
    doc = Document("d.txt", "Bagdad and Baghdad; Mohamed Salah.")
    mentions = [Mention("d.txt", 0, 6, "Bagdad", "place", "Baghdad", "loc:baghdad", 0.9, "key"),
                Mention("d.txt", 20, 33, "Mohamed Salah", "person", "Mohammed Salah", "new:mohammed-salah", 0.9,
                        "cluster")]
    text, changes, _ = normalize_text(doc, mentions, types=("person",))
    assert text == "Bagdad and Baghdad; Mohammed Salah."
    text, changes, _ = normalize_text(doc, mentions, types=("person", "place"))
    assert text == "Baghdad and Baghdad; Mohammed Salah." and len(changes) == 2


@pytest.mark.parametrize("surface, entity, method, expected", [
    ("Mostafa Al Kazemi", "Mustafa al-Kadhimi", "key", "Mustafa al-Kadhimi"),
    ("Al Kazemi", "Mustafa al-Kadhimi", "partial", "Al-Kadhimi"),
    ("Kazemi", "Mustafa al-Kadhimi", "partial", "Kadhimi"),
    ("Abu Yasser", "Abu Yasir al-Issawi", "partial", "Abu Yasir"),
    ("Bin Ladin", "Osama bin Laden", "partial", "Bin Laden"),
    ("Jabbar al-Issawi", "Abu Yasir al-Issawi", "partial", None),  # a birth name is not a spelling
    ("IS", "Islamic State", "alias", None),  # nor is an abbreviation
    ("مصطفى الكاظمي", "Mustafa al-Kadhimi", "alias", None),  # nor a name in another script
])
def test_only_spellings_are_rewritten(surface: str, entity: str, method: str, expected: str | None) -> None:
    from provenance.normalize import canonical_form

    assert canonical_form(Mention("d", 0, len(surface), surface, "person", entity, "x", 0.9, method)) == expected


def test_jsonl_corpus_becomes_one_jsonl_and_comes_back(tmp_path: Path) -> None:
    docs = [Document("r1", "Ghassem Soleimani spoke.", outlet="Agency", date="2019-05-01"),
            Document("r2", "Qassem Soleimani and Qasem Suleimani are one man.")]
    result = link_corpus(docs, None)
    summary = normalize_corpus(docs, result, tmp_path / "out", include_discovered=True)
    assert summary.layout == "jsonl"
    lines = (tmp_path / "out" / "normalized.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["r1", "r2"] and records[0]["outlet"] == "Agency"
    undo = undo_normalization(tmp_path / "out", tmp_path / "back")
    assert undo.problems == []
    lines = (tmp_path / "back" / "restored.jsonl").read_text(encoding="utf-8").splitlines()
    back = [json.loads(line) for line in lines]
    assert [r["text"] for r in back] == [d.text for d in docs]


def test_refuses_to_write_into_the_input(corpus: Path) -> None:
    docs = list(read_corpus(corpus, warn=lambda message: None))
    with pytest.raises(NormalizeError):
        normalize_corpus(docs, link_corpus(docs, None), corpus / "normalized", source=corpus, include_discovered=True)


def test_an_edited_copy_is_reported_not_restored(corpus: Path, tmp_path: Path) -> None:
    docs = list(read_corpus(corpus, warn=lambda message: None))
    normalize_corpus(docs, link_corpus(docs, None), tmp_path / "out", source=corpus, include_discovered=True)
    (tmp_path / "out" / "a.txt").write_text("someone edited this", encoding="utf-8")
    undo = undo_normalization(tmp_path / "out", tmp_path / "back")
    assert undo.verified == 2 and len(undo.problems) == 1 and "a.txt" in undo.problems[0]
    assert not (tmp_path / "back" / "a.txt").exists()
    manifest = json.loads((tmp_path / "out" / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert {d["doc"] for d in manifest["documents"]} == {"a.txt", "sub/b.txt", "c.txt"}


def test_manifest_records_keep_their_key_order_and_read_back(corpus: Path, tmp_path: Path) -> None:
    from provenance.normalize import ManifestEntry

    docs = list(read_corpus(corpus, warn=lambda message: None))
    for out, source in ((tmp_path / "exact", corpus), (tmp_path / "inferred", None)):
        normalize_corpus(docs, link_corpus(docs, None), out, source=source, include_discovered=True)
        records = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))["documents"]
        for record in records:
            again = ManifestEntry.from_dict(record).to_dict()
            assert list(again.items()) == list(record.items())
        hashed = ["sha256", "exact", "encoding", "bom"] if source else ["encoding", "bom", "sha256", "exact"]
        assert [list(record)[3:7] for record in records] == [hashed] * len(records)
        assert all(record["exact"] is (source is not None) for record in records)


# ------------------------------------------------------------------------------ property tests

VARIANTS = {
    "Qassem Soleimani": ["Qasem Suleimani", "Ghassem Soleimani", "Soleimani", "قاسم سليماني"],
    "Osama bin Laden": ["Usama bin Ladin", "Oussama ben Laden", "Bin Laden"],
    "Volodymyr Zelensky": ["Zelenskyy", "Wolodymyr Selenskyj", "Володимир Зеленський"],
}
filler = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
piece = st.one_of(filler, st.sampled_from(sorted({v for vs in VARIANTS.values() for v in vs} | set(VARIANTS))))


@st.composite
def documents_with_mentions(draw) -> tuple[Document, list[Mention]]:
    """A text built from filler and name variants, with a mention on every variant."""
    text, mentions = "", []
    for part in draw(st.lists(piece, max_size=12)):
        canonical = next((c for c, vs in VARIANTS.items() if part in vs), None)
        if canonical is not None and draw(st.booleans()):
            entity = draw(st.sampled_from([canonical, canonical + " \u00e9\u0645", ""]))
            mentions.append(Mention("g.txt", len(text), len(text) + len(part), part, "person", entity or None,
                                    "x", 0.5, "key" if entity else "unlinked"))
        text += part + draw(st.sampled_from(["", " ", "\r\n", "\u00a0", ". "]))
    return Document("g.txt", text), mentions


@given(documents_with_mentions(), st.sampled_from(["replace", "annotate"]))
def test_restore_inverts_normalize(generated: tuple[Document, list[Mention]], mode: str) -> None:
    doc, mentions = generated
    normalized, changes, skipped = normalize_text(doc, mentions, mode=mode)
    assert skipped == []
    for change in changes:
        assert normalized[change.new_start:change.new_end] == change.text
    assert restore_text(normalized, changes) == doc.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(piece, max_size=8).map(" ".join), min_size=1, max_size=3),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_files_round_trip_through_disk(tmp_path_factory, texts: list[str], encoding: str) -> None:
    root = tmp_path_factory.mktemp("corpus")
    for i, text in enumerate(texts):
        try:
            (root / f"d{i}.txt").write_bytes(text.encode(encoding))
        except UnicodeEncodeError:
            (root / f"d{i}.txt").write_bytes(text.encode("utf-8"))
    before = snapshot(root)
    try:
        docs = list(read_corpus(root, warn=lambda message: None))
    except Exception:  # every generated file was empty or undecodable: nothing to normalize
        return
    result = link_corpus(docs, None)
    out = tmp_path_factory.mktemp("out")
    normalize_corpus(docs, result, out, types=("person", "place", "organization", "other"), source=root, include_discovered=True)
    back = tmp_path_factory.mktemp("back")
    undo = undo_normalization(out, back)
    assert undo.problems == []
    assert {k: v for k, v in snapshot(back).items()} == {d.id: before[d.id] for d in docs}
    assert snapshot(root) == before


def test_partial_names_keep_their_wording() -> None:
    from provenance.normalize import canonical_form

    def form(surface: str, entity: str) -> str | None:
        return canonical_form(Mention("d", 0, len(surface), surface, "person", entity, "x", 0.9, "partial"))

    assert form("Yaser", "Abu Yasir al-Issawi") == "Yasir"
    assert form("Abdulamir Yarallah", "Abdul Amir Rashid Yarallah") == "Abdul Amir Rashid Yarallah"
    assert form("al Soudani", "Mohammed Shia al-Sudani") == "al-Sudani"


def test_a_folder_copy_keeps_the_corpus_manifest_and_undo_brings_it_back(corpus: Path, tmp_path: Path) -> None:
    manifest = '{"id": "a.txt", "outlet": "Rudaw", "date": "2020-05-07"}\n{"id": "c.txt", "outlet": "Le Monde"}\n'
    (corpus / "manifest.jsonl").write_text(manifest, encoding="utf-8")
    before = snapshot(corpus)
    docs = list(read_corpus(corpus, warn=lambda message: None))
    out, restored = tmp_path / "out", tmp_path / "restored"
    normalize_corpus(docs, link_corpus(docs, None), out, source=corpus, include_discovered=True)
    assert (out / "manifest.jsonl").read_text(encoding="utf-8") == manifest
    again = {d.id: (d.outlet, d.date) for d in read_corpus(out, warn=lambda message: None)}
    assert again == {"a.txt": ("Rudaw", "2020-05-07"), "c.txt": ("Le Monde", None), "sub/b.txt": (None, None)}
    assert undo_normalization(out, restored).problems == []
    assert snapshot(restored) == before


def test_without_a_source_folder_the_copy_gets_a_manifest_from_the_documents(tmp_path: Path) -> None:
    docs = [Document("x/one.txt", "Mostafa Al Kazemi met Mustafa al-Kadhimi.", outlet="Shafaq", date="2021-03-01",
                     meta={"section": "politics"}),
            Document("two.txt", "No names here at all.")]
    normalize_corpus(docs, link_corpus(docs, None), tmp_path / "out", include_discovered=True)
    lines = (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": "x/one.txt", "outlet": "Shafaq", "date": "2021-03-01", "section": "politics"}]
    read_back = {d.id: d for d in read_corpus(tmp_path / "out", warn=lambda message: None)}
    assert read_back["x/one.txt"].outlet == "Shafaq" and read_back["x/one.txt"].meta == {"section": "politics"}


@pytest.mark.parametrize("escape", ["../../ESCAPED.txt", "/tmp/provenance-escaped.txt", "sub/../../ESCAPED.txt"])
def test_undo_writes_nothing_outside_its_folders_whatever_the_record_says(corpus: Path, tmp_path: Path,
                                                                           escape: str) -> None:
    docs = list(read_corpus(corpus))
    out = tmp_path / "work" / "out"
    normalize_corpus(docs, link_corpus(docs, None), out, source=corpus, include_discovered=True)
    record = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    record["documents"][0]["path"] = escape
    (out / MANIFEST_FILE).write_text(json.dumps(record), encoding="utf-8")
    before = snapshot(tmp_path)
    restored = undo_normalization(out, tmp_path / "work" / "restored")
    assert any("leaves the normalization or restore folder" in p for p in restored.problems)
    after = snapshot(tmp_path)
    new_files = set(after) - set(before)
    assert all(name.startswith("work/restored/") for name in new_files)
    assert not Path("/tmp/provenance-escaped.txt").exists()


@pytest.mark.parametrize("stop_after", [0, 1, 2, 3])
def test_an_interrupt_at_any_write_leaves_no_output_folder_and_no_staging(tmp_path, stop_after) -> None:
    from provenance.normalize import write_normalization

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {f"d{i}.txt": f"Prime Minister Mustafa al-Kadhimi spoke on day {i}." for i in range(4)}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    docs = list(read_corpus(corpus))

    def interrupted():
        for number, doc in enumerate(docs):
            if number == stop_after:
                raise KeyboardInterrupt  # what the SIGINT/SIGTERM handler raises between writes
            yield doc

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_normalization(interrupted(), {}, out, source=corpus)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # neither out nor a staging folder
    summary = write_normalization(docs, {}, out, source=corpus)  # a rerun writes the complete set
    assert summary.documents == 4 and (out / "normalization.json").is_file()


def test_undo_restores_the_permissions_and_modification_times_of_the_originals(corpus: Path, tmp_path: Path) -> None:
    (corpus / "a.txt").chmod(0o640)
    (corpus / "sub" / "b.txt").chmod(0o755)
    os.utime(corpus / "c.txt", ns=(1_600_000_000_123_456_789, 1_600_000_000_123_456_789))
    docs = list(read_corpus(corpus, warn=lambda message: None))
    normalize_corpus(docs, link_corpus(docs, None), tmp_path / "out", source=corpus, include_discovered=True)
    restored = tmp_path / "back"
    assert undo_normalization(tmp_path / "out", restored).verified == 3
    for name in ("a.txt", "sub/b.txt", "c.txt"):
        original, back = (corpus / name).stat(), (restored / name).stat()
        assert stat.S_IMODE(back.st_mode) == stat.S_IMODE(original.st_mode), name
        assert back.st_mtime_ns == original.st_mtime_ns, name


def test_undo_ignores_a_permission_record_that_is_not_one(corpus: Path, tmp_path: Path) -> None:
    docs = list(read_corpus(corpus, warn=lambda message: None))
    normalize_corpus(docs, link_corpus(docs, None), tmp_path / "out", source=corpus, include_discovered=True)
    manifest_path = tmp_path / "out" / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for record in manifest["documents"]:
        record["file_mode"], record["mtime_ns"] = "4777", "yesterday"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    restored = tmp_path / "back"
    assert undo_normalization(tmp_path / "out", restored).verified == 3
    assert not stat.S_IMODE((restored / "a.txt").stat().st_mode) & stat.S_ISUID


def test_the_normalized_copy_is_on_disk_before_it_is_moved_into_place(tmp_path, monkeypatch) -> None:
    from provenance import atomic
    from provenance.normalize import write_normalization

    out, seen = tmp_path / "out", []
    real_sync = getattr(atomic.os, "sync", None)

    def sync():  # what the folder holds when it is put on disk
        seen.append((out.exists(), sorted(p.name for p in tmp_path.glob(".out.partial-*/*"))))
        if real_sync:
            real_sync()

    monkeypatch.setattr(atomic.os, "sync", sync, raising=False)
    docs = [Document(f"d{i}.txt", f"President Joe Biden spoke on day {i}.") for i in range(3)]
    write_normalization(docs, {}, out)
    assert seen == [(False, ["d0.txt", "d1.txt", "d2.txt", "mentions.jsonl", "normalization.json"])]
    assert sorted(p.name for p in out.iterdir()) == ["d0.txt", "d1.txt", "d2.txt", "mentions.jsonl",
                                                     "normalization.json"]


def test_two_documents_that_would_share_a_file_stop_the_normalization(tmp_path) -> None:
    from provenance.normalize import write_normalization

    docs = [Document("a.txt", "Joe Biden spoke."), Document("a.txt", "Kamala Harris spoke.")]
    with pytest.raises(NormalizeError, match=r"a\.txt: its copy would overwrite that of another document"):
        write_normalization(docs, {}, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no output, no staging folder left


def test_a_file_system_that_refuses_a_folders_fsync_still_gets_the_normalized_copy(tmp_path, monkeypatch) -> None:
    from provenance import atomic
    from provenance.normalize import write_normalization

    real_fsync, refused = atomic.os.fsync, []

    def fsync(fd):  # as some network file systems answer for a folder
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            refused.append(fd)
            raise OSError(22, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    summary = write_normalization([Document("d.txt", "President Joe Biden spoke.")], {}, tmp_path / "out")
    assert summary.documents == 1 and (tmp_path / "out" / "d.txt").read_text(encoding="utf-8") == \
        "President Joe Biden spoke."
    assert refused or os.name != "posix"


def test_an_undo_stopped_midway_leaves_no_restore_folder_and_a_rerun_restores_all(tmp_path, monkeypatch) -> None:
    from provenance.normalize import undo as undo_module
    from provenance.normalize import write_normalization

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"d{i}.txt").write_text(f"Prime Minister Mustafa al-Kadhimi spoke on day {i}.", encoding="utf-8")
    write_normalization(list(read_corpus(corpus)), {}, tmp_path / "out", source=corpus)
    real_write, written = undo_module.write_new_file, []

    def interrupted(path, data):  # what the SIGINT handler raises between two files
        if len(written) == 2:
            raise KeyboardInterrupt
        written.append(path)
        real_write(path, data)

    monkeypatch.setattr(undo_module, "write_new_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        undo_normalization(tmp_path / "out", tmp_path / "back")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]  # neither back nor a staging folder
    monkeypatch.setattr(undo_module, "write_new_file", real_write)
    assert undo_normalization(tmp_path / "out", tmp_path / "back").verified == 4
    assert {p.name: p.read_bytes() for p in (tmp_path / "back").iterdir()} == \
        {p.name: p.read_bytes() for p in corpus.iterdir()}
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(NormalizeError, match="exists and is not an empty folder"):
        undo_normalization(tmp_path / "out", tmp_path / "again")
    assert [p.name for p in (tmp_path / "again").iterdir()] == ["keep.txt"]
