"""Review, then apply: the proposed changes as a CSV (or HTML) file to decide on, and the accepted ones read back.

A review file has one row per proposed change, with its stable id (``doc:start-end:surface``),
the sentence around it, the canonical name, the method and score of the link and the other
people who could carry the name. Its ``accept`` column is empty: write ``yes`` (or y, true, 1,
x) in the rows to apply. :func:`read_accepted` checks that every accepted row still matches the
corpus text and names the file and line of the first that does not.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..corpus import Document
from ..text import sentences
from .plan import Decision, change_id
from .rewrite import Edit, NormalizeError

COLUMNS = ("id", "accept", "doc", "start", "end", "surface", "text", "entity", "entity_id", "type", "method",
           "score", "candidates", "sentence")
"""The review file's columns, in order (the HTML page exports the same)."""
REQUIRED = ("id", "accept", "doc", "start", "end", "surface", "text")
ACCEPTED = frozenset({"yes", "y", "true", "1", "x", "accept", "accepted", "oui", "sí", "si"})
CANDIDATE_SEPARATOR = "; "


def review_rows(decisions: Iterable[Decision], texts: Mapping[str, str]) -> list[dict[str, str]]:
    """The review rows of the proposed changes among ``decisions`` (``texts``: document id -> text)."""
    rows = []
    sentence_spans: dict[str, list[tuple[int, int]]] = {}
    for decision in decisions:
        if not decision.proposed:
            continue
        text = texts.get(decision.doc, "")
        if decision.doc not in sentence_spans:
            sentence_spans[decision.doc] = [(s.start, s.end) for s in sentences(text)]
        rows.append({
            "id": decision.id, "accept": "", "doc": decision.doc, "start": str(decision.start),
            "end": str(decision.end), "surface": decision.surface, "text": decision.text or "",
            "entity": decision.entity, "entity_id": decision.entity_id or "", "type": decision.type,
            "method": decision.method, "score": f"{decision.score:.4f}",
            "candidates": CANDIDATE_SEPARATOR.join(decision.candidates),
            "sentence": _sentence(text, decision.start, decision.end, sentence_spans[decision.doc]),
        })
    return rows


def _sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The sentence (or sentences) around a span, on one line."""
    first = min((s for s, e in spans if s <= start < e), default=start)
    last = max((e for s, e in spans if s < end <= e), default=end)
    return " ".join(text[first:last].split())


def csv_text(rows: Iterable[Mapping[str, str]]) -> str:
    """Rows as CSV text with the :data:`COLUMNS` header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return buffer.getvalue()


def write_review(path: str | Path, decisions: Iterable[Decision], texts: Mapping[str, str]) -> int:
    """Write the review file of the proposed changes (HTML when ``path`` ends in .html or .htm,
    else CSV), atomically; returns the number of changes written."""
    from .review_html import review_page

    target = Path(path)
    rows = review_rows(decisions, texts)
    html = target.suffix.lower() in (".html", ".htm")
    write_text_atomic(target, review_page(rows, COLUMNS) if html else csv_text(rows))
    return len(rows)


def read_accepted(path: str | Path, docs: Iterable[Document]) -> dict[str, list[Edit]]:
    """The accepted changes of a review file, by document id.

    Raises :class:`NormalizeError` (``file:line: ...``) for a file that is not a review file, and
    for an accepted row whose id, document or span no longer matches the corpus text.
    """
    source = Path(path)
    texts = {doc.id: doc.text for doc in docs}
    try:
        content = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise NormalizeError(f"{source}: cannot read the review file ({exc})") from exc
    reader = csv.DictReader(io.StringIO(content, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise NormalizeError(f"{source}:1: not a review file (missing columns: {', '.join(missing)})")
    accepted: dict[str, list[Edit]] = {}
    for row in reader:
        if (row.get("accept") or "").strip().lower() not in ACCEPTED:
            continue
        edit = _edit(row, texts, f"{source}:{reader.line_num}")
        accepted.setdefault(edit.doc, []).append(edit)
    return accepted


def _edit(row: dict[str, Any], texts: Mapping[str, str], where: str) -> Edit:
    """The change an accepted row asks for, checked against the corpus text."""
    change = row.get("id") or ""
    try:
        start, end = int(row["start"]), int(row["end"])
        score = float(row.get("score") or 0.0)
    except (TypeError, ValueError):
        raise NormalizeError(f"{where}: change {change!r} has no valid start, end or score") from None
    doc, surface, text = row.get("doc") or "", row.get("surface") or "", row.get("text") or ""
    if change != change_id(doc, start, end, surface):
        raise NormalizeError(f"{where}: change {change!r} does not match its doc, start, end and surface columns")
    if doc not in texts:
        raise NormalizeError(f"{where}: change {change!r}: no document {doc!r} in the corpus")
    if texts[doc][start:end] != surface:
        raise NormalizeError(f"{where}: change {change!r} no longer matches the corpus text "
                             f"(found {texts[doc][start:end]!r})")
    if not text.strip():
        raise NormalizeError(f"{where}: change {change!r} has no text to write")
    return Edit(doc, start, end, surface, text, row.get("entity") or text, row.get("entity_id") or None,
                row.get("type") or "person", row.get("method") or "", score)
