"""Writing a normalization: the normalized corpus, ``mentions.jsonl`` and the ``normalization.json`` manifest.

The manifest records, for every document, what restoring it byte for byte needs: its encoding,
whether it had a byte-order mark, SHA-256 of the original bytes, and a copy of the original
bytes when its text cannot re-encode to them. The input is never written to; the output is
written into a staging folder, put on disk, then moved into place at once.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ..allocator import collector_paused
from ..atomic import staged_folder, write_new_file
from ..corpus import MANIFEST_NAMES, TEXT_SUFFIXES, Document
from ..glossary import Glossary
from ..names.model import NamesResult
from .plan import DEFAULT_MIN_SCORE, NormalizationPlan, PlanOptions, plan_corpus
from .rewrite import Change, Edit, NormalizeError, check_mode, rewrite_text

MENTIONS_FILE = "mentions.jsonl"
MANIFEST_FILE = "normalization.json"
JSONL_FILE = "normalized.jsonl"
ORIGINALS_DIR = ".originals"
FORMAT = "provenance-normalization/1"
_BOM = codecs.BOM_UTF8
_JSON_LINE = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), built once


@dataclass
class NormalizeSummary:
    """What :func:`normalize_corpus` wrote."""

    out_dir: str
    layout: str
    documents: int = 0
    changed_documents: int = 0
    changes: int = 0
    skipped: list[str] = field(default_factory=list)
    uncertain: int = 0  # candidates the plan left as written (see .plan.REASONS)


@dataclass
class ManifestEntry:
    """One document's record in ``normalization.json``.

    ``sha256`` is of the original file's bytes when ``exact`` (the source folder was known),
    else of the text as UTF-8; ``encoding`` (None: none re-encodes the text to those bytes) and
    ``bom`` turn the restored text back into them. A folder corpus's document has its ``path``
    (and an ``original_copy`` when no encoding fits); a JSONL one its ``line``. ``file_mode``
    (octal, e.g. ``"0644"``) and ``mtime_ns`` are the original file's permissions and
    modification time, recorded when the source folder is known, for undo to put back.
    """

    doc: str
    changes: int
    normalized_sha256: str
    sha256: str
    exact: bool
    encoding: str | None
    bom: bool
    path: str | None = None
    original_copy: str | None = None
    line: int | None = None
    file_mode: str | None = None
    mtime_ns: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON record, its keys in the order the format has always written them."""
        digest = {"sha256": self.sha256, "exact": self.exact}
        encoding = {"encoding": self.encoding, "bom": self.bom}
        record: dict[str, Any] = {"doc": self.doc, "changes": self.changes, "normalized_sha256": self.normalized_sha256,
                                  **(digest | encoding if self.exact else encoding | digest)}
        for key in ("path", "original_copy", "line", "file_mode", "mtime_ns"):
            if getattr(self, key) is not None:
                record[key] = getattr(self, key)
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> ManifestEntry:
        """The entry of a JSON record read back."""
        return cls(record["doc"], record["changes"], record["normalized_sha256"], record["sha256"],
                   record.get("exact", False), record.get("encoding"), record.get("bom", False), record.get("path"),
                   record.get("original_copy"), record.get("line"), record.get("file_mode"), record.get("mtime_ns"))


def normalize_corpus(docs: Iterable[Document], names_result: NamesResult, out_dir: str | Path,
                     types: Iterable[str] = ("person",), mode: str = "replace",
                     source: str | Path | None = None, *, min_score: float = DEFAULT_MIN_SCORE,
                     include_discovered: bool = False, glossary: Glossary | None = None) -> NormalizeSummary:
    """Write normalized copies of ``docs`` and the record of every change into ``out_dir``.

    What is rewritten is decided by :mod:`.plan`: mentions of ``types`` linked at ``min_score``
    or more, to a glossary entry (or to a discovered one with ``include_discovered``), short
    forms only when one person can carry them (``glossary`` lists the namesakes). ``mode`` is
    ``replace`` (the canonical name in place of the variant) or ``annotate`` (``variant
    [canonical]``). ``source`` is the corpus path: a folder keeps its layout and lets undo
    restore files byte for byte (BOM and encoding included); without it, folder layout is
    inferred from the document ids.
    """
    docs = list(docs)
    options = PlanOptions(min_score, tuple(sorted(set(types))), include_discovered)
    return write_plan(docs, plan_corpus(docs, names_result, options, glossary), out_dir, mode, source)


def write_plan(docs: Iterable[Document], plan: NormalizationPlan, out_dir: str | Path, mode: str = "replace",
               source: str | Path | None = None) -> NormalizeSummary:
    """Write ``docs`` with the changes ``plan`` proposes made (:func:`write_normalization`); the
    summary counts the plan's skipped candidates as uncertain."""
    edits = {doc: [d.edit() for d in decisions] for doc, decisions in plan.by_doc().items()}
    summary = write_normalization(docs, edits, out_dir, plan.options.types, mode, source)
    summary.uncertain = len(plan.skips())
    return summary


def write_normalization(docs: Iterable[Document], edits: Mapping[str, Iterable[Edit]], out_dir: str | Path,
                        types: Iterable[str] = ("person",), mode: str = "replace",
                        source: str | Path | None = None) -> NormalizeSummary:
    """Write ``docs`` with the ``edits`` of each (by document id) made into ``out_dir``, with
    ``mentions.jsonl`` and the ``normalization.json`` manifest that undo reads."""
    check_mode(mode)
    out = Path(out_dir).resolve()
    src = Path(source).resolve() if source is not None else None
    if src is not None and (inside(out, src) if src.is_dir() else out == src):
        raise NormalizeError(f"{out}: the output folder must be outside the input corpus {src}")
    if src is None:
        docs = list(docs)
    types = tuple(sorted(set(types)))
    layout = _layout([d.id for d in docs] if src is None else [], src)
    summary = NormalizeSummary(str(out), layout)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise NormalizeError(f"{out}: exists and is not an empty folder")
    with staged_folder(out) as staging:  # everything is written there, then moved into place at once
        _write_into(docs, edits, staging, types, mode, src, layout, summary)
    return summary


def _write_into(docs: Iterable[Document], edits: Mapping[str, Iterable[Edit]], out: Path, types: tuple[str, ...],
                mode: str, src: Path | None, layout: str, summary: NormalizeSummary) -> None:
    """Write the normalized copies, ``mentions.jsonl`` and the manifest into the staging folder
    ``out``, which :func:`write_normalization` then moves into place."""
    entries: list[ManifestEntry] = []
    with collector_paused(), open(out / MENTIONS_FILE, "x", encoding="utf-8", newline="") as mentions_out, \
            _maybe_jsonl(out, layout) as jsonl_out:
        for line, doc in enumerate(docs, 1):
            text, changes, skipped = rewrite_text(doc, edits.get(doc.id, ()), mode)
            _count(summary, changes, skipped)
            original = _original_bytes(doc, src)
            entry = _manifest_entry(doc, text, len(changes), original)
            if jsonl_out is None:
                _write_file(doc, text, entry, original, out, src)
            else:
                jsonl_out.write(_JSON_LINE.encode(_document_record(doc, text)) + "\n")
                entry.line = line
            entries.append(entry)
            for change in changes:
                mentions_out.write(_JSON_LINE.encode(change.to_dict()) + "\n")
    manifest: dict[str, Any] = {"format": FORMAT, "layout": layout, "mode": mode, "types": list(types),
                                "source": str(src) if src else None, "documents": [e.to_dict() for e in entries]}
    if layout == "files":
        manifest["corpus_manifests"] = _carry_corpus_manifest(docs if src is None else (), src, out)
    write_new_file(out / MANIFEST_FILE, _manifest_text(manifest).encode("utf-8"))


def _count(summary: NormalizeSummary, changes: list[Change], skipped: list[str]) -> None:
    summary.documents += 1
    summary.changes += len(changes)
    summary.changed_documents += bool(changes)
    summary.skipped.extend(skipped)


def _write_file(doc: Document, text: str, entry: ManifestEntry, original: bytes | None, out: Path,
                source: Path | None) -> None:
    """Write a folder document's normalized copy (and its original bytes when no encoding gives them back)."""
    if not _safe_relative(doc.id):
        raise NormalizeError(f"{doc.id}: a document id must be a relative path to keep the folder layout")
    target = out / doc.id  # inside the new staging folder, which is outside the corpus: never an input file
    try:
        write_new_file(target, text.encode("utf-8"))
    except FileExistsError:  # "A.txt" and "a.txt" on a folder that ignores case
        raise NormalizeError(f"{source / doc.id if source else doc.id}: its copy would overwrite that of "
                             "another document (file names that differ only in case?)") from None
    entry.path = doc.id
    if source is not None:
        _record_file_metadata(entry, source / doc.id)
    if entry.encoding is None and original is not None:
        write_new_file(out / ORIGINALS_DIR / doc.id, original)
        entry.original_copy = f"{ORIGINALS_DIR}/{doc.id}"


def _record_file_metadata(entry: ManifestEntry, path: Path) -> None:
    """Record the permissions and modification time of the original file, for undo."""
    try:
        info = path.stat()
    except OSError:
        return
    entry.file_mode = f"{stat.S_IMODE(info.st_mode):04o}"
    entry.mtime_ns = info.st_mtime_ns


# ---------------------------------------------------------------------------------------
# Layout


def _layout(doc_ids: list[str], source: Path | None) -> str:
    if source is not None:
        return "files" if source.is_dir() else "jsonl"
    files = doc_ids and all(_safe_relative(i) and i.lower().endswith(TEXT_SUFFIXES) for i in doc_ids)
    return "files" if files else "jsonl"


def _safe_relative(doc_id: str) -> bool:
    path = PurePosixPath(doc_id)
    return bool(doc_id) and not path.is_absolute() and ".." not in path.parts and "\\" not in doc_id


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies within it."""
    return path == folder or folder in path.parents


@contextmanager
def _maybe_jsonl(out: Path, layout: str) -> Iterator[IO[str] | None]:
    """The ``normalized.jsonl`` stream of a JSONL layout; None for a folder layout."""
    if layout == "jsonl":
        with open(out / JSONL_FILE, "x", encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield None


# ---------------------------------------------------------------------------------------
# Encodings


def _original_bytes(doc: Document, source: Path | None) -> bytes | None:
    """The bytes of a folder document's file, when the source folder is known."""
    if source is None or not source.is_dir():
        return None
    path = source / doc.id
    try:
        return path.read_bytes()
    except OSError:
        return None


def _manifest_entry(doc: Document, text: str, changes: int, data: bytes | None) -> ManifestEntry:
    """A document's record: its normalized text's hash, and how to turn its text back into ``data``."""
    normalized = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if data is None:
        encoded = doc.text.encode("utf-8")
        return ManifestEntry(doc.id, changes, normalized, hashlib.sha256(encoded).hexdigest(), exact=False,
                             encoding="utf-8", bom=False)
    encoding, bom = _encoding_of(doc.text, data)
    return ManifestEntry(doc.id, changes, normalized, hashlib.sha256(data).hexdigest(), exact=True,
                         encoding=encoding, bom=bom)


def _encoding_of(text: str, data: bytes) -> tuple[str | None, bool]:
    """The encoding (None: none fits) and byte-order mark that turn ``text`` into ``data``."""
    bom = data.startswith(_BOM)
    for encoding in _candidate_encodings(data):
        try:
            encoded = (_BOM if bom and encoding == "utf-8" else b"") + text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        if encoded == data:
            return encoding, bom and encoding == "utf-8"
    return None, bom


def _candidate_encodings(data: bytes) -> list[str]:
    """UTF-8 first, then the encoding charset-normalizer finds (as the corpus reader does)."""
    found = ["utf-8"]
    try:
        data.decode("utf-8-sig")
        return found
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        found.append(best.encoding)
    return found


# ---------------------------------------------------------------------------------------
# Manifests


def _document_record(doc: Document, text: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": doc.id, "text": text}
    for key in ("outlet", "date", "url", "language"):
        if getattr(doc, key) is not None:
            record[key] = getattr(doc, key)
    for key, value in sorted(doc.meta.items()):
        record.setdefault(key, value)
    return record


def _carry_corpus_manifest(docs: Iterable[Document], source: Path | None, out: Path) -> list[str]:
    """Give a normalized folder its documents' metadata (outlet, date, url ...), so that it
    reads as the same corpus: the source folder's manifest files, copied byte for byte, or
    without a source folder, a manifest.jsonl written from the documents. Returns the names
    written (undo copies them back)."""
    if source is not None:
        names = [name for name in MANIFEST_NAMES if (source / name).is_file()]
        for name in names:
            write_new_file(out / name, (source / name).read_bytes())
        return names
    records = []
    for doc in docs:
        record = _document_record(doc, "")
        del record["text"]
        if len(record) > 1:
            records.append(_JSON_LINE.encode(record) + "\n")
    if not records:
        return []
    write_new_file(out / MANIFEST_NAMES[0], "".join(records).encode("utf-8"))
    return [MANIFEST_NAMES[0]]


def _manifest_text(manifest: dict[str, Any]) -> str:
    """The manifest as JSON with one document record per line (readable, and written by the C
    encoder: an indented dump of a large corpus's records took seconds)."""
    head = _JSON_LINE.encode({key: value for key, value in manifest.items() if key != "documents"})
    records = ",\n".join(_JSON_LINE.encode(record) for record in manifest["documents"])
    return f'{head[:-1]}, "documents": [\n{records}\n]}}\n' if records else f'{head[:-1]}, "documents": []}}\n'
