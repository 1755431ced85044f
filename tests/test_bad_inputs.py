"""A corpus that mixes the seeds with every kind of bad file is reported in full: the good
documents completely, each bad file named with its reason, exit status 0."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from .conftest import SEEDS

BAD_FILES = {
    "binary.txt": (b"\x00\x01\x02\xff\xfe\x00" * 50, "skipped"),
    "empty.txt": (b"", "skipped"),
    "blank.txt": (b"  \n\t\n", "skipped"),
    "latin1.txt": ("Le président français a parlé à Genève de l'élection.".encode("latin-1"), "decoded as"),
}
GOOD_ODD_FILES = {
    "utf16.txt": "Le ministre a annoncé un plan de reconstruction des écoles.".encode("utf-16"),
    "commas.txt": "، ،".encode(),
    "chinese.txt": "国务卿表示，他曾计划访问北京。此时访问北京是不合适的。".encode(),
    "japanese.txt": "人人".encode(),
    "estonian.txt": "Eesti valitsus teatas teisipäeval, et läbirääkimised jätkuvad.".encode(),
    "utf16le.txt": "Le ministre a parlé à Genève de l'élection.".encode("utf-16-le"),  # no byte-order mark
}
BAD_LANGUAGES = {"utf16.txt": 'en"><script>', "chinese.txt": "zz", "japanese.txt": 5}
"""Manifest languages that are no BCP-47 tag: each is named and ignored, and the language detected."""


def test_seeds_mixed_with_bad_files_report_the_good_ones_and_name_the_bad(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name, (data, _) in BAD_FILES.items():
        (corpus / name).write_bytes(data)
    for name, data in GOOD_ODD_FILES.items():
        (corpus / name).write_bytes(data)
    os.symlink("/etc/passwd", corpus / "passwd.txt")
    manifest = corpus / "manifest.jsonl"
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows += [{"id": name, "language": language} for name, language in BAD_LANGUAGES.items()]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    (corpus / "manifest.csv").write_bytes('id,outlet\nestonian.txt,"Café Presse\nutf16le.txt,Le Monde\n'.encode("cp1252"))
    os.symlink(corpus, corpus / "loop")  # a folder link back into the corpus
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "provenance", "report", str(corpus), "--out", str(out),
                             "--encoder", "none", "--quiet"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    ids = {d["id"] for d in report["documents"]}
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    assert seeds | set(GOOD_ODD_FILES) | {"latin1.txt"} == ids
    warnings = report["corpus"]["warnings"]
    for name, (_, reason) in BAD_FILES.items():
        assert any(w.startswith(f"{name}:") and reason in w for w in warnings), (name, warnings)
        assert name in result.stderr
    assert any(w.startswith("passwd.txt:") for w in warnings)
    assert any(w.startswith("manifest.jsonl:") for w in warnings)
    assert "manifest.csv: not UTF-8; decoded as cp1252" in warnings
    assert any(w.startswith("manifest.csv:2: skipped:") and "unterminated quote" in w for w in warnings)
    assert "utf16le.txt: not UTF-8; decoded as utf-16-le" in warnings
    for name, language in BAD_LANGUAGES.items():
        assert f"{name}: language {str(language)!r} is not a BCP-47 language tag; ignored (the language is " \
               "detected)" in warnings
    languages = {d["id"]: d["language"] for d in report["documents"]}
    assert (languages["chinese.txt"], languages["estonian.txt"], languages["utf16le.txt"]) == ("zh", "et", "fr")
    seed_mentions = [m for m in report["mentions"] if m["doc"] in seeds]
    assert len(seed_mentions) > 50  # the seeds are analysed in full
    assert (out / "report.html").read_text(encoding="utf-8").count("<script>") == 1  # the page's own, no other


def test_warnings_of_a_record_file_corpus_keep_the_file_name(tmp_path) -> None:
    from provenance.pipeline import analyze

    path = tmp_path / "c.csv"
    path.write_text('id,text\na.txt,"Fine, with a comma."\nb.txt,\nc.txt,Plain record.\n', encoding="utf-8")
    analysis = analyze(path, stages=(), warn=lambda message: None)
    assert analysis.read_warnings == ["c.csv:3: skipped: no text in field 'text'"]
