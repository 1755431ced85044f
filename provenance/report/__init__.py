"""Report writers: report.json (the contract), report.md, report.html, terminal summary."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from .. import progress
from ..allocator import collector_paused
from ..atomic import ForkedWriter, write_texts_atomic
from ..document import Analysis
from .contract import SCHEMA, build_report, report_view
from .records import Records, held
from .render import html_pieces, markdown_pieces, report_context
from .terminal import print_summary
from .texts import PackedTexts

__all__ = ["SCHEMA", "Records", "build_report", "document_texts", "dump_json", "json_pieces", "print_summary",
           "report_view", "write_report_files", "write_reports"]

#: Pieces joined into one write when a report is streamed.
PIECES_PER_WRITE = 4096
WRITE_BESIDE_BELOW = 1 << 30
"""report.md and report.json are written by a forked child beside report.html only while the command
holds less than this (1 GiB resident): the child comes to copy about every page of the report it
reads. At 100,000 documents of 3 KB (2.7 GB resident) its copy took 2.2 GB, the run's peak, to save
about a third of the reports' 60-90 s; beyond this size they are written one after another."""


def dump_json(report: dict[str, Any]) -> str:
    """Serialize a report (:func:`build_report`'s or :func:`report_view`'s) deterministically (same
    input, same bytes)."""
    return "".join(json_pieces(report))


def json_pieces(report: dict[str, Any]) -> Iterator[str]:
    """The bytes of :func:`dump_json` as they are encoded, a few thousand pieces at a time, so that
    report.json is written without holding the whole text in memory.

    Each record (an object in a list: a document, a mention, an edge) is one line, encoded whole by
    the standard library's compiled encoder; the objects and lists around the records are laid out
    one entry a line. An indented encoding goes through the pure-Python encoder, five times slower."""
    yield from _batched(_laid_out(report, json.JSONEncoder(ensure_ascii=False).encode, " "))
    yield "\n"


def _laid_out(value: Any, encode: Callable[[Any], str], indent: str) -> Iterator[str]:
    """``value`` as JSON: a non-empty object or list one entry a line (``indent`` before each), an
    object inside a list and every scalar on one line."""
    if isinstance(value, dict) and value:
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield f"{',' if n else ''}\n{indent}{encode(key)}: "
            yield from _laid_out(item, encode, indent + " ")
        yield f"\n{indent[:-1]}}}"
    elif isinstance(value, list | Records) and value:
        yield "["
        for n, item in enumerate(value):
            yield f"{',' if n else ''}\n{indent}"
            yield from (_laid_out(item, encode, indent + " ") if isinstance(item, list) else (encode(item),))
        yield f"\n{indent[:-1]}]"
    else:
        yield encode([] if isinstance(value, Records) else value)


def write_reports(analysis: Analysis, out_dir: str | Path, report: dict[str, Any] | None = None) -> dict[str, Path]:
    """Write report.md, report.html and report.json into ``out_dir`` as one atomic set (``report``:
    the analysis's report when it was built already)."""
    return write_report_files(report if report is not None else report_view(analysis), document_texts(analysis),
                              out_dir)


def document_texts(analysis: Analysis) -> PackedTexts:
    """Each document's text by id, as the reports quote them (packed: :class:`PackedTexts`)."""
    return PackedTexts((r.doc.id, r.doc.text) for r in analysis.documents)


def write_report_files(report: dict[str, Any], texts: Mapping[str, str], out_dir: str | Path, *,
                       cores: int = 1) -> dict[str, Path]:
    """:func:`write_reports` from the report and the documents' texts alone, so that a caller can let
    the analysis go first (at 100,000 documents its objects take a gigabyte besides the report).
    Each file is rendered or encoded as it is written, never whole in memory; report.json's
    pieces are counted as progress. With two ``cores`` or more, report.md and report.json are
    written by a child process meanwhile (:class:`~provenance.atomic.ForkedWriter`, on Linux),
    while this one writes report.html, as long as this process holds less than
    :data:`WRITE_BESIDE_BELOW`: the same bytes."""
    out = Path(out_dir)
    paths = {"json": out / "report.json", "markdown": out / "report.md", "html": out / "report.html"}
    with collector_paused():  # the writers make no cycles; a full collection walks every record's objects
        with progress.stage("preparing the reports"):  # rows both pages show: tens of seconds at scale
            report = held(report)
            context = report_context(report, texts)
        pieces: dict[Path, str | Iterable[str]] = {
            paths["markdown"]: _staged("writing report.md", _batched(markdown_pieces(report, texts, context))),
            paths["html"]: _staged("writing report.html", _batched(html_pieces(report, texts, context))),
            paths["json"]: _staged("writing report.json", _counted(json_pieces(report))),
        }
        del context  # the two renderings hold it: it goes when they are written
        beside = cores > 1 and ForkedWriter.available(WRITE_BESIDE_BELOW)
        write_texts_atomic(pieces, alongside=(paths["markdown"], paths["json"]) if beside else ())
    return paths


def _batched(pieces: Iterator[str]) -> Iterator[str]:
    """``pieces`` joined a few thousand at a time (one write each)."""
    while chunk := "".join(islice(pieces, PIECES_PER_WRITE)):
        yield chunk


def _staged(name: str, pieces: Iterator[str]) -> Iterator[str]:
    """``pieces``, produced inside the progress stage ``name``."""
    with progress.stage(name):
        yield from pieces


def _counted(pieces: Iterator[str]) -> Iterator[str]:
    """``pieces``, each one reported as progress when it is written."""
    for piece in pieces:
        yield piece
        progress.advance()
