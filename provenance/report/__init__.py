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
    the analysis's report when it was built already)."""
    out = Path(out_dir)
    if report is None:
        report = build_report(analysis)
    texts = {r.doc.id: r.doc.text for r in analysis.documents}
    writers = {"json": ("report.json", lambda: json_pieces(report)),
               "markdown": ("report.md", lambda: render_markdown(report, texts)),
               "html": ("report.html", lambda: render_html(report, texts))}
    files = {}
    for kind, (name, render) in writers.items():
        with progress.stage(f"writing {name}"):
            files[kind] = (out / name, render())
    write_texts_atomic({path: content for path, content in files.values()})
    return {kind: path for kind, (path, _) in files.items()}
