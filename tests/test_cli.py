"""The command line: the report on the seeds, determinism, and one-line errors."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEEDS


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "provenance", *args], capture_output=True, text=True, cwd=cwd)


def test_report_on_the_seeds_follows_the_contract(tmp_path):
    result = run("report", str(SEEDS), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == "provenance-report/1"
    assert report["corpus"]["documents"] == 5
    docs = {d["id"]: d for d in report["documents"]}
    assert set(docs) == {p.name for p in SEEDS.glob("*.txt")}
    assert all(d["language"] == "en" for d in docs.values())
    assert docs["000_143aa2ad503c7983.txt"]["date"] == "2021-01-29"
    assert docs["002_7088ef5f1ca439ae.txt"]["outlet"] == "Israel Hayom"
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<html" in html and "Israel Hayom" in html and "http" not in html.split("<body>")[0]
    assert "| 003_3c737952dd87d946.txt | Nova News |" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "5 documents" in result.stdout


def test_report_bytes_are_deterministic_from_any_working_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name, corpus, cwd in (("a", str(SEEDS), None), ("b", str(SEEDS), elsewhere), ("c", SEEDS.name, SEEDS.parent),
                              ("d", ".", SEEDS)):  # the corpus given by other paths too
        assert run("report", corpus, "--out", str(tmp_path / name), "--quiet", cwd=cwd).returncode == 0
    for file in ("report.json", "report.md", "report.html"):
        assert len({(tmp_path / name / file).read_bytes() for name in "abcd"}) == 1
    glossary = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))["corpus"]["glossary"]
    assert glossary and all(" sha256:" in entry and "/" not in entry for entry in glossary)


def test_missing_corpus_is_one_line_error(tmp_path):
    result = run("report", str(tmp_path / "missing"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"provenance: error: {tmp_path / 'missing'}: no such file or directory"
    assert not (tmp_path / "o").exists()


def test_empty_corpus_is_one_line_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("report", str(tmp_path / "empty"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("no documents found (empty corpus)")
    assert "Traceback" not in result.stderr


def test_bad_files_are_skipped_with_warnings_and_the_rest_goes_on(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("The minister said on Monday that talks would resume in Baghdad.", encoding="utf-8")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / "old.txt").write_bytes("Le ministre a déclaré lundi que les négociations reprendraient à Bagdad.".encode("cp1252"))
    result = run("report", str(corpus), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert f"provenance: warning: {corpus / 'blob.txt'}: skipped: binary file (contains NUL bytes)" in lines
    assert any("old.txt: not UTF-8; decoded as cp1252" in line for line in lines)
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in report["documents"]) == ["good.txt", "old.txt"]
    assert {d["id"]: d["language"] for d in report["documents"]} == {"good.txt": "en", "old.txt": "fr"}


def test_malformed_jsonl_line_is_named(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "A good record about the coalition."}\n{oops\n', encoding="utf-8")
    result = run("report", str(path), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 0
    assert f"provenance: warning: {path}:2: skipped: malformed JSON" in result.stderr


def test_out_path_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = run("report", str(SEEDS), "--out", str(tmp_path / "f"))
    assert result.returncode == 2 and "exists and is not a folder" in result.stderr
    assert (tmp_path / "f").read_text(encoding="utf-8") == "x"


def test_artifacts_command_prints_a_verdict_per_document(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "mt.txt").write_text(
        "The minister manifested that the umpteenth crisis will be resolved since two weeks. "
        "In declarations to the press , he assured that the actual government will not fall . "
        "Reading time: 2 min", encoding="utf-8")
    (corpus / "native.txt").write_text(
        "The minister said on Tuesday that the government would survive the latest crisis, "
        "and that talks with the opposition would resume next week in the capital.", encoding="utf-8")
    result = run("artifacts", str(corpus), "--details", "--glossary", "none")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("│ ")}
    assert "yes" in rows["mt.txt"] and "no" in rows["native.txt"]
    details = [line for line in result.stdout.splitlines() if ".txt:" in line]
    assert details and all(line.startswith("mt.txt:") for line in details)


def test_trace_command_prints_edges_with_evidence():
    result = run("trace", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert " citation " in result.stdout and " reuse " in result.stdout
    assert "conflict (attribution)" in result.stdout


def test_normalize_and_undo_round_trip_through_the_cli(tmp_path):
    out, back = tmp_path / "norm", tmp_path / "back"
    result = run("normalize", str(SEEDS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    changes = [json.loads(line) for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert changes and all({"start", "end", "new_start", "new_end", "surface", "text"} <= set(c) for c in changes)
    normalized = (out / "000_143aa2ad503c7983.txt").read_text(encoding="utf-8")
    first = next(c for c in changes if c["doc"] == "000_143aa2ad503c7983.txt")
    assert normalized[first["new_start"]:first["new_end"]] == first["text"]
    assert run("normalize", str(SEEDS), "--out", str(out)).returncode == 2  # never overwrites
    assert run("normalize", "--undo", str(out), "--out", str(back)).returncode == 0
    for path in SEEDS.glob("*.txt"):
        assert (back / path.name).read_bytes() == path.read_bytes()


def test_without_a_glossary_names_are_rewritten_to_the_spelling_of_the_english_original(tmp_path):
    out = tmp_path / "norm"
    assert run("normalize", str(SEEDS), "--out", str(out), "--glossary", "none", "--include-discovered").returncode == 0
    texts = {json.loads(line)["text"] for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()}
    assert "Mustafa al-Kadhimi" in (SEEDS / "002_7088ef5f1ca439ae.txt").read_text(encoding="utf-8")  # the original
    assert any("Kadhimi" in text for text in texts)
    assert not any("Kazemi" in text for text in texts)  # the translations' spelling is never the target


def test_glossary_commands(tmp_path):
    assert run("glossary", "check").returncode == 0
    result = run("glossary", "suggest", str(SEEDS), "--out", str(tmp_path / "s"), "--glossary", "none")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s" / "suggested.entities.tsv").read_text(encoding="utf-8").count("new:") >= 5
    assert run("glossary", "export", "--out", str(tmp_path / "g.tbx")).returncode == 0
    assert run("glossary", "import", str(tmp_path / "g.tbx"), "--out", str(tmp_path / "imp")).returncode == 0
    assert (tmp_path / "imp" / "imported.entities.tsv").exists()
    bad = tmp_path / "bad.entities.tsv"
    bad.write_text("id\ttype\tcanonical\troles\tplaces\tactive\tcooccurs\tnote\nper:x\tperson\tX\t\t\t2020..2019\t\t\n", encoding="utf-8")
    (tmp_path / "bad.aliases.tsv").write_text("id\talias\tlang\tscript\tkind\n", encoding="utf-8")
    result = run("glossary", "check", str(bad))
    assert result.returncode == 1 and f"{bad}:2:" in result.stderr


def test_outputs_are_never_written_into_the_corpus(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The minister spoke in Baghdad on Monday.", encoding="utf-8")
    for args in (("report", str(corpus), "--out", str(corpus / "out")), ("normalize", str(corpus), "--out", str(corpus / "norm"))):
        result = run(*args)
        assert result.returncode == 2 and "inside the corpus folder" in result.stderr
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]


def test_report_reads_chinese_japanese_estonian_and_punctuation_only_texts(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"zh.txt": "中国外交部发言人周二表示，双方将于下周在开罗恢复停火谈判。",
             "ja.txt": "人人", "et.txt": "Eesti valitsus teatas teisipäeval, et läbirääkimised jätkuvad.",
             "commas.txt": "، ،"}
    for name, text in texts.items():
        (corpus / name).write_text(text + "\n", encoding="utf-8")
    result = run("report", str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in report["documents"]) == sorted(texts)
    assert [d["language"] for d in sorted(report["documents"], key=lambda d: d["id"])][2:] == ["ja", "zh"]


def test_a_signal_raised_where_python_cannot_pass_it_on_is_dropped_quietly_and_raised_again() -> None:
    """A signal during an import can land in the module lock's weakref callback: Python prints what such
    a callback raises, with a traceback, and drops it. The interrupt is dropped quietly, and raised again
    at the next check; any other exception there is still printed."""
    script = """
import signal, weakref
from provenance.interrupt import Interrupted, check, install
install()
class Held: pass
def interrupted(_):
    signal.raise_signal(signal.SIGINT)  # the handler raises in the callback
def failing(_):
    raise ValueError("kept")
held, other = Held(), Held()
refs = [weakref.ref(held, interrupted), weakref.ref(other, failing)]
del held, other
print("went on", flush=True)
try:
    check()
except Interrupted as stop:
    print("raised again", stop.signum)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.split("\n")[:2] == ["went on", "raised again 2"]
    assert "Interrupted" not in done.stderr and done.stderr.count("Traceback") == 1 and "ValueError: kept" in done.stderr


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
@pytest.mark.parametrize("delay", [0.05, 0.6, 1.0, 2.0])
def test_a_signal_at_import_or_mid_run_ends_in_one_line_and_leaves_no_temp_file(tmp_path, signum, code, delay):
    corpus = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "crosslingual" / "corpus"
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "provenance", "report", str(corpus), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PROVENANCE_CACHE": "off"})
    time.sleep(delay)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    started = "Fatal Python error: init_import_site" not in stderr  # Python's own start cut short: it exits 1
    if process.returncode == -signum or not started:  # on a loaded machine the signal can land while the
        assert delay < 0.5 and not out.exists()  # interpreter starts, before any code of ours: nothing written
        return
    assert process.returncode == code
    assert stderr.strip().splitlines()[-1] == "provenance: interrupted" and "Traceback" not in stderr
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")] if out.exists() else []
    assert leftovers == []


def test_normalize_into_an_existing_file_is_a_one_line_error(tmp_path):
    (tmp_path / "taken.txt").write_text("keep me", encoding="utf-8")
    result = run("normalize", str(SEEDS), "--out", str(tmp_path / "taken.txt"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"provenance: error: {tmp_path / 'taken.txt'}: exists and is not a folder"
    assert (tmp_path / "taken.txt").read_text(encoding="utf-8") == "keep me"


def test_a_single_file_of_white_space_is_named_and_the_corpus_is_empty(tmp_path):
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    result = run("report", str(tmp_path / "blank.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"provenance: warning: {tmp_path / 'blank.txt'}: skipped: empty document (white space only)",
        f"provenance: error: {tmp_path / 'blank.txt'}: no documents found (empty corpus)"]


def test_the_three_reports_are_replaced_as_one_set(tmp_path, monkeypatch):
    from provenance import atomic

    out = tmp_path / "out"
    out.mkdir()
    old = {name: f"old {name}" for name in ("report.json", "report.md", "report.html")}
    for name, text in old.items():
        (out / name).write_text(text, encoding="utf-8")
    real_fsync, calls = atomic.os.fsync, []

    def failing_fsync(fd):  # the disk fills up while the third file is written
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        atomic.write_texts_atomic({out / name: "new" for name in old})
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == old  # no temp file, old set whole
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    atomic.write_texts_atomic({out / name: "new" for name in old})
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == dict.fromkeys(old, "new")


def test_reports_get_the_mode_the_umask_gives_a_new_file(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(["sh", "-c", f'umask 022 && "{sys.executable}" -m provenance report "{SEEDS}" '
                             f'--out "{out}" --quiet --encoder none'], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in out.iterdir()} == dict.fromkeys(
        ("report.json", "report.md", "report.html"), "0o644")

