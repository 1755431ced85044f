"""Report writers: report.json (the contract), report.md, report.html, terminal summary."""
from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from .. import progress
from ..atomic import write_texts_atomic
from ..document import Analysis
from .contract import SCHEMA, build_report
from .render import render_html, render_markdown
from .terminal import print_summary

__all__ = ["SCHEMA", "build_report", "dump_json", "json_pieces", "print_summary", "write_reports"]

#: Encoder pieces joined into one write when report.json is streamed.
PIECES_PER_WRITE = 4096


def dump_json(report: dict[str, Any]) -> str:
    """Serialize a report deterministically (same input, same bytes)."""
    return "".join(json_pieces(report))


def json_pieces(report: dict[str, Any]) -> Iterator[str]:
    """The bytes of :func:`dump_json` as they are encoded, a few thousand pieces at a time, so that
    report.json is written without holding the whole text in memory."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=False)
    pieces = encoder.iterencode(report)
    while chunk := "".join(islice(pieces, PIECES_PER_WRITE)):
        yield chunk
    yield "\n"


def write_reports(analysis: Analysis, out_dir: str | Path, report: dict[str, Any] | None = None) -> dict[str, Path]:
    """Write report.json, report.md and report.html into ``out_dir`` as one atomic set (``report``:
    the analysis's report when it was built already). report.md and report.html are rendered
    first; report.json is encoded as it is written, its pieces counted as progress."""
    out = Path(out_dir)
    if report is None:
        report = build_report(analysis)
    texts = {r.doc.id: r.doc.text for r in analysis.documents}
    with progress.stage("writing report.md"):
        markdown = render_markdown(report, texts)
    with progress.stage("writing report.html"):
        html = render_html(report, texts)
    paths = {"json": out / "report.json", "markdown": out / "report.md", "html": out / "report.html"}
    with progress.stage("writing report.json"):
        write_texts_atomic({paths["json"]: _counted(json_pieces(report)), paths["markdown"]: markdown,
                            paths["html"]: html})
    return paths


def _counted(pieces: Iterator[str]) -> Iterator[str]:
    """``pieces``, each one reported as progress when it is written."""
    for piece in pieces:
        yield piece
        progress.advance()
