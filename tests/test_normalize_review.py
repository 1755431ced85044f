"""Review, then apply, then undo, from the command line; and the normalization section of the report."""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.corpus import Document
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.pipeline import analyze_documents
from provenance.report import build_report

FILES = {
    "a.txt": (codecs.BOM_UTF8, "utf-8", "Prime Minister Mustafa al-Kazimi spoke in Baghdad on Monday. "
                                        "Kazimi called the rocket attack cowardly.\n"),
    "news/b.txt": (b"", "utf-8", "Hamas leader Ismail Haniya was killed in Tehran.\r\n"
                                 "Haniya had led the political bureau since 2017.\r\n"),
    "c.txt": (b"", "latin-1", "Saif al-Islam Gheddafi, figlio di Muammar Gheddafi, si è candidato. "
                              "Gheddafi padre governò la Libia per 42 anni.\n"),
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "provenance", *args], capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("review") / "corpus"
    for name, (bom, encoding, text) in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(bom + text.encode(encoding))
    return root


@pytest.fixture(scope="module")
def review_csv(corpus: Path) -> Path:
    target = corpus.parent / "review.csv"
    result = run("normalize", str(corpus), "--review", str(target))
    assert result.returncode == 0, result.stderr
    return target


def test_review_lists_the_certain_changes_with_their_context_and_writes_no_corpus(corpus: Path,
                                                                                 review_csv: Path) -> None:
    assert sorted(p.name for p in corpus.parent.iterdir()) == ["corpus", "review.csv"]
    rows = read_rows(review_csv)
    changes = {(r["doc"], r["surface"]): r for r in rows}
    assert changes[("a.txt", "Kazimi")]["text"] == "Kadhimi"
    assert changes[("a.txt", "Kazimi")]["sentence"] == "Kazimi called the rocket attack cowardly."
    assert changes[("a.txt", "Mustafa al-Kazimi")]["method"] and float(changes[("a.txt", "Kazimi")]["score"]) >= 0.8
    assert changes[("news/b.txt", "Ismail Haniya")]["text"] == "Ismail Haniyeh"
    assert ("c.txt", "Gheddafi") not in changes  # two Gaddafis in the text: the lone surname is uncertain
    assert changes[("c.txt", "Muammar Gheddafi")]["text"] == "Muammar Gaddafi"
    assert all(r["accept"] == "" and r["id"] == f"{r['doc']}:{r['start']}-{r['end']}:{r['surface']}" for r in rows)


def test_review_apply_undo_restores_every_byte(corpus: Path, review_csv: Path, tmp_path: Path) -> None:
    before = snapshot(corpus)
    rows = read_rows(review_csv)
    for row in rows:
        row["accept"] = "no" if row["surface"] == "Haniya" else "yes"
    decided = tmp_path / "decided.csv"
    write_rows(decided, rows)
    out, back = tmp_path / "out", tmp_path / "back"
    result = run("normalize", str(corpus), "--apply", str(decided), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"applied {len(rows) - 1} accepted changes" in " ".join(result.stdout.split())
    assert (out / "a.txt").read_bytes().decode("utf-8-sig") == (
        "Prime Minister Mustafa al-Kadhimi spoke in Baghdad on Monday. Kadhimi called the rocket attack cowardly.\n")
    b_text = (out / "news" / "b.txt").read_bytes().decode("utf-8")
    assert "Ismail Haniyeh was killed" in b_text and "\r\nHaniya had led" in b_text  # the rejected row stays
    assert "Gheddafi padre" in (out / "c.txt").read_bytes().decode("latin-1")
    assert snapshot(corpus) == before
    result = run("normalize", "--undo", str(out), "--out", str(back))
    assert result.returncode == 0, result.stderr
    assert snapshot(back) == before


def test_an_accepted_row_that_no_longer_matches_the_text_is_a_one_line_error(corpus: Path, review_csv: Path,
                                                                            tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    (moved / "a.txt").write_bytes(codecs.BOM_UTF8 + ("On Monday, " + FILES["a.txt"][2]).encode("utf-8"))
    rows = read_rows(review_csv)
    for row in rows:
        row["accept"] = "yes"
    decided = tmp_path / "decided.csv"
    write_rows(decided, rows)
    result = run("normalize", str(moved), "--apply", str(decided), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    line = next(i for i, r in enumerate(rows, 2) if r["doc"] == "a.txt")
    errors = [text for text in result.stderr.splitlines() if text.startswith("provenance: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"provenance: error: {decided}:{line}: change 'a.txt:")
    assert "no longer matches the corpus text" in errors[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_only_rows_marked_accepted_are_applied(corpus: Path, review_csv: Path, tmp_path: Path) -> None:
    rows = read_rows(review_csv)
    for row in rows:
        row["accept"] = "yes" if row["surface"] == "Kazimi" else ""
    decided = tmp_path / "decided.csv"
    write_rows(decided, rows)
    assert run("normalize", str(corpus), "--apply", str(decided), "--out", str(tmp_path / "out")).returncode == 0
    assert (tmp_path / "out" / "a.txt").read_bytes().decode("utf-8-sig").startswith(
        "Prime Minister Mustafa al-Kazimi spoke in Baghdad on Monday. Kadhimi called")
    assert "Ismail Haniya was killed" in (tmp_path / "out" / "news" / "b.txt").read_text(encoding="utf-8")


def test_a_file_that_is_not_a_review_is_refused(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,value\nx,1\n", encoding="utf-8")
    result = run("normalize", str(corpus), "--apply", str(other), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "missing columns" in result.stderr and "Traceback" not in result.stderr
    assert run("normalize", str(corpus), "--review", str(other), "--apply", str(other)).returncode == 2


# A minimal DOM for the review page's script: decide the first row yes and the second no, then export.
EXPORT_STUB = r"""
const fs = require('fs');
const html = fs.readFileSync(process.argv[1], 'utf8');
const grab = id => html.match(new RegExp('<script type="application/json" id="' + id + '">(.*?)</script>', 's'))[1];
const script = html.match(/<script>(.*?)<\/script>/s)[1];
const els = {columns: {textContent: grab('columns')}, rows: {textContent: grab('rows')}, count: {}};
global.document = {
  getElementById: id => els[id] || (els[id] = {className: '', querySelectorAll: () => []}),
  querySelectorAll: () => [],
  createElement: () => ({click() { process.stdout.write(global.exported); }, remove() {}}),
  body: {appendChild() {}},
};
global.URL = {createObjectURL: blob => blob};
global.Blob = class { constructor(parts) { global.exported = parts.join(''); } };
eval(script + '\ndecide(0, "yes"); decide(1, "no"); exportCsv();');
"""


def test_the_review_page_is_self_contained_and_exports_the_review_csv(corpus: Path, review_csv: Path,
                                                                     tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    assert run("normalize", str(corpus), "--review", str(page)).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and " src=" not in html and "<link" not in html
    rows = read_rows(review_csv)
    assert all(row["id"] in html for row in rows) and "<mark>Kazimi</mark>" in html
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the page's export script is not run")
    exported = subprocess.run([node, "-e", EXPORT_STUB, str(page)], capture_output=True, text=True, check=True).stdout
    decided = read_rows_text(exported)
    assert [r["accept"] for r in decided] == ["yes", "no"] + [""] * (len(rows) - 2)
    assert [{**r, "accept": ""} for r in decided] == rows
    (tmp_path / "decided.csv").write_text(exported, encoding="utf-8")
    result = run("normalize", str(corpus), "--apply", str(tmp_path / "decided.csv"), "--out", str(tmp_path / "o"))
    assert result.returncode == 0 and "applied 1 accepted changes" in " ".join(result.stdout.split())


def read_rows_text(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_report_shows_what_normalize_would_do() -> None:
    docs = [Document("g.txt", "Saif al-Islam Gheddafi, figlio di Muammar Gheddafi, si è candidato. Gheddafi padre "
                              "governò la Libia."),
            Document("k.txt", "Prime Minister Mustafa al-Kazimi spoke. Kazimi called the attack cowardly.")]
    analysis = analyze_documents(docs, "mem", glossary=load_glossary(default_glossary_paths()), stages=("names",))
    report = build_report(analysis)
    section = report["normalization"]
    proposed = {(c["doc"], c["surface"]): c["text"] for c in section["proposed"]}
    assert proposed[("k.txt", "Kazimi")] == "Kadhimi"
    assert proposed[("g.txt", "Saif al-Islam Gheddafi")] == "Saif al-Islam Gaddafi"
    skipped = [c for c in section["skipped"] if c["surface"] == "Gheddafi"]
    assert skipped and skipped[0]["reason"] == "shared-name"
    assert section["skipped_by_reason"]["shared-name"] >= 1 and "mentions" in report and "entities" in report
