"""The human-readable reports: summary, graph layout, word diffs, HTML, Markdown and terminal."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from provenance.report.diff import context, passage, word_diff
from provenance.report.graph import layout
from provenance.report.render import render_html, render_markdown
from provenance.report.summary import derivations, node_labels, plain_verdict, short_ids, summarize
from provenance.report.terminal import print_summary

TEXTS = {
    "a-wire.txt": "Baghdad, 29 January. The Prime Minister Mustafa al-Kadhimi said the operation killed 10 fighters "
                  "near Kirkuk on Thursday, and promised more raids.",
    "b-paper.txt": "The Prime Minister Mostafa Al Kazemi said the operation killed 12 fighters near Kirkuk on "
                   "Thursday. <script>alert(1)</script> </textarea>",
    "c-ar.txt": "قال رئيس الوزراء مصطفى الكاظمي إن العملية قتلت عشرة مسلحين قرب كركوك.",
}


def sample_report(clusters: bool = False) -> dict[str, Any]:
    """A small report in the provenance-report/1 shape: a wire story, a paper that derives from it
    (a name respelt, a figure changed), an Arabic text, one outside source, one conflict."""
    a, b, c = TEXTS
    name = TEXTS[b].index("Mostafa Al Kazemi")
    report: dict[str, Any] = {
        "schema": "provenance-report/1",
        "corpus": {"root": "sample", "documents": 3, "glossary": [], "version": "0", "warnings": [],
                   "stages": ["language", "names", "artifacts", "trace"]},
        "documents": [
            {"id": a, "outlet": "Wire Service", "date": "2021-01-29", "language": "en", "language_confidence": 1.0,
             "mixed_language": False, "foreign_segments": [],
             "translation": {"is_translation": False, "score": 0.1, "source_language": None, "reasons": []},
             "artifacts": [], "derived_from": [{"id": "src:pm", "kind": "citation", "score": 0.5, "cue": "said"}]},
            {"id": b, "outlet": "Daily Paper", "date": "2021-01-30", "language": "en", "language_confidence": 1.0,
             "mixed_language": False, "foreign_segments": [],
             "translation": {"is_translation": True, "score": 0.9, "source_language": "es", "reasons": ["names"]},
             "artifacts": [{"start": name, "end": name + 17, "text": "Mostafa Al Kazemi", "kind": "transliteration",
                            "source_language": "es", "score": 0.8, "explanation": "Spanish spelling"}],
             "derived_from": [{"id": a, "kind": "reuse", "score": 0.8, "cue": "earlier"}]},
            {"id": c, "outlet": None, "date": None, "language": "ar", "language_confidence": 1.0,
             "mixed_language": False, "foreign_segments": [],
             "translation": {"is_translation": False, "score": 0.0, "source_language": None, "reasons": []},
             "artifacts": [], "derived_from": []},
        ],
        "mentions": [{"doc": b, "start": name, "end": name + 17, "surface": "Mostafa Al Kazemi", "type": "person",
                      "entity": "Mustafa al-Kadhimi", "score": 0.9, "method": "key"}],
        "entities": [{"entity": "Mustafa al-Kadhimi", "type": "person", "in_glossary": True,
                      "variants": {"Mustafa al-Kadhimi": 1, "Mostafa Al Kazemi": 1}, "docs": [a, b]}],
        "sources": [{"id": "src:pm", "name": "Mustafa al-Kadhimi statement", "kind": "statement"}],
        "edges": [
            {"from": "src:pm", "to": a, "kind": "citation", "score": 1.0, "directed": True,
             "evidence": [{"from_start": None, "from_end": None, "to_start": 61, "to_end": 65, "similarity": None}]},
            {"from": a, "to": b, "kind": "reuse", "score": 0.8, "directed": True, "note": "b is later",
             "evidence": [{"from_start": 22, "from_end": 118, "to_start": 0, "to_end": 95, "similarity": 0.9}]},
            {"from": a, "to": b, "kind": "shared-source", "score": 0.5, "directed": False, "evidence": []},
        ],
        "quotes": [],
        "conflicts": [{"kind": "fact", "summary": "fighters killed: 10 vs 12",
                       "items": [{"doc": a, "start": 92, "end": 94, "value": "10"},
                                 {"doc": b, "start": 61, "end": 63, "value": "12"}]}],
    }
    if clusters:
        report["clusters"] = [{"id": "c0001", "kind": "reuse", "size": 2, "origin": None, "witnesses": [
            {"doc": b, "start": 0, "end": 40, "date": "2021-01-30", "text": "The Prime Minister Mostafa"},
            {"doc": a, "start": 22, "end": 60, "date": "2021-01-29", "text": "The Prime Minister Mustafa"}]}]
    return report


def test_short_ids_are_the_shortest_prefixes_that_tell_documents_apart() -> None:
    assert short_ids(["000_1a.txt", "001_2b.txt"]) == {"000_1a.txt": "000", "001_2b.txt": "001"}
    assert short_ids(["doc-017-ar.txt", "doc-018-ar.txt"]) == {"doc-017-ar.txt": "doc-017", "doc-018-ar.txt": "doc-018"}


def test_summary_answers_first() -> None:
    summary = summarize(sample_report())
    assert summary["translations"]["count"] == 1
    assert summary["translations"]["by_language"] == [{"language": "Spanish", "docs": ["b-paper.txt"]}]
    assert [(r["doc"], r["source"]) for r in summary["derivations"]] == [("b-paper.txt", "a-wire.txt"),
                                                                         ("a-wire.txt", "src:pm")]
    assert [e["kind"] for e in summary["links"]] == ["reuse", "shared-source"]
    assert summary["names"][0]["entity"] == "Mustafa al-Kadhimi" and summary["names"][0]["count"] == 2
    assert plain_verdict(sample_report()["documents"][1]) == (
        "reads as a translation from Spanish: 1 piece of evidence, most of them transliteration (1)")


def test_word_diff_marks_shared_and_changed_words() -> None:
    left, right, shared = word_diff("The operation killed 10 fighters near Kirkuk",
                                    "the operation killed 12 fighters near Kirkuk")
    assert [p["text"] for p in left if p["mark"] == "changed"] == ["10"]
    assert [p["text"] for p in right if p["mark"] == "changed"] == ["12"]
    assert "".join(p["text"] for p in left) == "The operation killed 10 fighters near Kirkuk"
    assert shared == round(12 / 14, 3)


def test_passages_and_context_end_at_word_boundaries() -> None:
    text = " ".join(f"word{i}" for i in range(400))
    cut = passage(text, 0, len(text))
    assert " … " in cut and all(re.fullmatch(r"word\d+", w) for w in cut.replace(" … ", " ").split())
    before, after = context(text, text.index("word100"), text.index("word110") - 1)
    assert all(re.fullmatch(r"word\d+", w) for w in (before + " " + after).split())


def test_graph_layout_places_sources_on_top_and_derived_texts_below() -> None:
    report = sample_report()
    graph = layout(report, node_labels(report))
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert len(nodes) == 4
    assert nodes["src:pm"]["y"] < min(nodes[d]["y"] for d in TEXTS)
    assert nodes["b-paper.txt"]["y"] > nodes["a-wire.txt"]["y"]  # derives from it
    assert nodes["a-wire.txt"]["x"] < nodes["c-ar.txt"]["x"]  # dated before undated
    paths = [e["path"] for e in graph["edges"]]
    assert len(set(paths)) == len(paths) == 3  # the two edges between a and b bow apart
    assert [e["directed"] for e in graph["edges"]] == [True, True, False]


def test_html_escapes_the_texts_and_is_deterministic() -> None:
    report = sample_report()
    html = render_html(report, TEXTS)
    assert html == render_html(sample_report(), dict(TEXTS))
    body = html.split("<body>", 1)[1]
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;/textarea&gt;" in body and body.count("<script>") == 1
    assert 'marker-end="url(#arrow-reuse)"' in html and 'marker-end="url(#arrow-shared-source)"' not in html
    assert 'id="edge-2"' in html and 'href="#edge-2"' in html  # the graph links to the evidence
    assert '<div class="doctext" dir="auto">' in html
    assert '<mark class="chg">12</mark>' in html  # the changed figure in the diff
    assert "http" not in html.split("<body>")[0]


def test_reuse_clusters_render_only_when_present() -> None:
    assert 'id="clusters"' not in render_html(sample_report(), TEXTS)
    html = render_html(sample_report(clusters=True), TEXTS)
    section = html.split('id="clusters"', 1)[1].split("</details>", 1)[0]
    first = section.index("2021-01-29")
    assert first < section.index("2021-01-30")  # witnesses by date
    assert '<tr class="origin"><td>2021-01-29' in section  # the earliest marked as the origin


def test_markdown_opens_on_the_summary() -> None:
    markdown = render_markdown(sample_report(), TEXTS)
    assert markdown.index("## Summary") < markdown.index("## Documents")
    assert "- **Conflicts (1):** fighters killed: 10 vs 12." in markdown
    assert "Daily Paper · b-p ← Wire Service · a-w (reuse 0.80)" in markdown


def test_a_source_of_unknown_direction_is_shown_as_such_in_every_report() -> None:
    report = sample_report()
    report["documents"][1]["derived_from"][0]["directed"] = False
    assert "Daily Paper · b-p ↔ Wire Service · a-w (reuse 0.80)" in render_markdown(report, TEXTS)
    html = render_html(report, TEXTS)
    assert "(reuse 0.80, direction unknown)" in html and "</a> ↔ <span" in html
    out = io.StringIO()
    print_summary(report, Console(file=out, width=120, color_system=None))
    assert "direction unknown" in out.getvalue()
    assert ", direction unknown)" not in render_html(sample_report(), TEXTS)
    # two texts naming each other so make one row of the summary
    a, b, _ = TEXTS
    report["documents"][0]["derived_from"] = [{"id": b, "kind": "reuse", "score": 0.8, "cue": "", "directed": False}]
    assert [(r["doc"], r["source"]) for r in derivations(report)] == [(a, b)]


def test_terminal_summary_fits_80_columns_without_splitting_words_and_ends_with_findings() -> None:
    report = sample_report()
    report["sources"][0]["name"] = "Iraqi Counter-Terrorism Service on Facebook and Twitter"
    out = io.StringIO()
    print_summary(report, Console(file=out, width=80, color_system=None))
    printed = out.getvalue()
    assert max(len(line) for line in printed.splitlines()) <= 80
    words = {w for w in re.findall(r"\S+", " ".join(node_labels(report).values())) if len(w) > 1}
    words |= {"2021-01-29", "2021-01-30", "Counter-Terrorism", "(citation"}
    assert all(w in printed.split() or w in printed for w in words)
    assert all(re.search(rf"(^|\s){re.escape(w)}(\s|$)", printed) for w in ("2021-01-29", "Counter-Terrorism"))
    assert printed.rstrip().splitlines()[-1].strip() == "1. fighters killed: 10 vs 12"


def test_show_prints_one_document_annotated() -> None:
    from provenance.cli.show import print_document

    out = io.StringIO()
    print_document(sample_report(), TEXTS, "b-", Console(file=out, width=100, color_system=None))
    printed = out.getvalue()
    assert printed.startswith("Daily Paper · b-p  (b-paper.txt, 2021-01-30, en)")
    assert "It reads as a translation from Spanish" in printed
    assert "Sources: Wire Service · a-w (reuse 0.80)." in printed
    assert "Mostafa Al Kazemi [Mustafa al-Kadhimi][1]" in printed
    assert "[1] transliteration: 'Mostafa Al Kazemi': Spanish spelling" in printed
    assert "<script>alert(1)</script>" in printed  # the text as written


def test_show_command_on_the_seeds() -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = subprocess.run([sys.executable, "-m", "provenance", "show", str(seeds), "003", "--encoder", "none"],
                            capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nova News · 003  (003_3c737952dd87d946.txt, undated, en)")
    assert "It reads as a translation from Italian" in result.stdout
    assert "Evidence of translation:" in result.stdout and "[1] " in result.stdout
    missing = subprocess.run([sys.executable, "-m", "provenance", "show", str(seeds), "9", "--encoder", "none"],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "9: no such document in the corpus" in missing.stderr


def test_report_json_holds_one_record_a_line_and_reads_back_as_the_report() -> None:
    from provenance.report import dump_json

    report: dict[str, Any] = {
        "schema": "provenance-report/1", "corpus": {"root": "x", "stages": ["names"], "warnings": []},
        "documents": [{"id": "a.txt", "derived_from": [{"id": "b.txt", "score": 0.5}]}, {"id": "b.txt"}],
        "edges": [], "quotes": [[1, 2], []], "note": "d\u00e9j\u00e0 \"vu\"\n", "score": 1e-7,
    }
    text = dump_json(report)
    assert json.loads(text) == report
    lines = text.splitlines()
    assert ' {"id": "a.txt", "derived_from": [{"id": "b.txt", "score": 0.5}]},' in [line[1:] for line in lines]
    assert '  "stages": [' in lines and '   "names"' in lines  # objects and lists around records are laid out
    assert ' "edges": [],' in lines and "d\u00e9j\u00e0" in text  # not escaped
    assert text.endswith("}\n") and text == dump_json(report)
