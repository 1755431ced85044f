"""Hostile input to the corpus reader: encodings, links out of the corpus, record files not in UTF-8."""
import json

import pytest

from provenance.corpus import decode_bytes, read_corpus

FRENCH = "Le président français a annoncé un accord à Genève. « C'est un pas décisif », a-t-il déclaré."
GERMAN = "Die Regierung äußerte sich am Dienstag über die Größe der Straße in München."
SPANISH = "El señor presidente viajó a Bogotá el miércoles; ¿qué dijo el ministro?"
RUSSIAN = "Президент России заявил во вторник, что переговоры продолжатся."


@pytest.mark.parametrize(("text", "encoding", "named"), [
    (FRENCH, "latin-1", "cp1252"), (GERMAN, "latin-1", "cp1252"), (SPANISH, "cp1252", "cp1252"),
    (RUSSIAN, "cp1251", "cp1251"), (FRENCH, "utf-16-le", "utf-16-le"), (FRENCH, "utf-16-be", "utf-16-be"),
    (FRENCH, "utf-16", "utf-16-le"), (FRENCH, "utf-32", "utf-32-le"), (GERMAN, "utf-8-sig", None)])
def test_every_encoding_is_decoded_to_the_text_and_named(text, encoding, named) -> None:
    warnings = []
    assert decode_bytes(text.encode(encoding), "x.txt", warnings.append) == text
    assert warnings == ([f"x.txt: not UTF-8; decoded as {named}"] if named else [])


def test_binary_data_is_still_skipped() -> None:
    warnings = []
    assert decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "x.png.txt", warnings.append) is None
    assert warnings == ["x.png.txt: skipped: binary file (contains NUL bytes)"]


def test_a_link_out_of_the_corpus_is_skipped_and_linked_folders_are_not_followed(tmp_path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    (corpus / "sub").mkdir(parents=True)
    outside.mkdir()
    (corpus / "a.txt").write_text(FRENCH, encoding="utf-8")
    (outside / "secret.txt").write_text("not for the report", encoding="utf-8")
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "again.txt").symlink_to(corpus / "a.txt")  # a link inside the corpus is a document
    (corpus / "sub" / "loop").symlink_to(corpus)
    (corpus / "sub" / "elsewhere").symlink_to(outside)
    warnings = []
    docs = list(read_corpus(corpus, warn=warnings.append))
    assert [d.id for d in docs] == ["a.txt", "again.txt"]
    assert warnings == [f"{corpus / 'secret.txt'}: skipped: a link to a file outside the corpus "
                        f"({(outside / 'secret.txt').resolve()})"]


def test_record_files_and_manifests_in_legacy_encodings_are_read(tmp_path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_bytes((json.dumps({"id": "fr", "text": FRENCH}, ensure_ascii=False) + "\n").encode("latin-1"))
    table = tmp_path / "records.csv"
    table.write_bytes(f'id,text\nde,"{GERMAN}"\n'.encode("utf-16"))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "manifest.csv").write_bytes("id,outlet\na.txt,Le Monde diplomatique édition\n".encode("cp1252"))
    warnings = []
    assert [d.text for d in read_corpus(records, warn=warnings.append)] == [FRENCH]
    assert [d.text for d in read_corpus(table, warn=warnings.append)] == [GERMAN]
    assert [d.outlet for d in read_corpus(folder, warn=warnings.append)] == ["Le Monde diplomatique édition"]
    assert len(warnings) == 3 and all("not UTF-8; decoded as" in w for w in warnings)


def test_a_duplicate_id_is_named_with_its_file_and_both_lines(tmp_path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                                 [("a", "First text."), ("b", "Second text."), ("a", "A third text, same id.")]) + "\n",
                       encoding="utf-8")
    warnings = []
    assert [d.text for d in read_corpus(records, warn=warnings.append)] == ["First text.", "Second text."]
    assert warnings == [f"{records}:3: skipped: duplicate document id 'a' (first on line 1)"]


def test_an_unterminated_quote_in_a_csv_is_named_not_swallowed_silently(tmp_path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('id,text\na.txt,"Fine, with a comma."\nb.txt,"This quote never ends\n'
                    'c.txt,"Third record."\nd.txt,Plain record.\n', encoding="utf-8")
    warnings: list[str] = []
    docs = list(read_corpus(path, warn=warnings.append))
    assert [d.id for d in docs] == ["a.txt", "d.txt"]
    assert warnings == [f"{path}:3: skipped: a quoted field runs on over lines 3-4 that look like records "
                        "of their own (an unterminated quote?)"]


def test_a_quoted_field_over_several_lines_is_one_record(tmp_path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('id,text\na.txt,"First paragraph.\nSecond paragraph, with a comma.\nThird one."\nb.txt,Two.\n',
                    encoding="utf-8")
    warnings: list[str] = []
    docs = list(read_corpus(path, warn=warnings.append))
    assert [d.id for d in docs] == ["a.txt", "b.txt"] and warnings == []
    assert docs[0].text == "First paragraph.\nSecond paragraph, with a comma.\nThird one."
