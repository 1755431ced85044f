"""Reversible name normalization: write canonical names in place of variants, and undo it.

:func:`normalize_corpus` writes a normalized copy of every document into ``out_dir`` (a
folder corpus keeps its relative paths and its manifest of metadata; any other corpus
becomes ``normalized.jsonl``): each
linked name spelled differently from its entity's canonical name is rewritten to it (see
:func:`canonical_form`: spellings only, never a birth name, an abbreviation or another
script),
``mentions.jsonl`` with one line per change (the original span and surface, the new span
and text), and ``normalization.json`` with what restoring each document byte for byte
needs (its encoding, whether it had a byte-order mark, SHA-256 of the original bytes, and a
copy of the original bytes when its text cannot re-encode to them). The input is never
written to; every output file is written atomically.

:func:`undo_normalization` reads those files back and writes the original documents into
``restore_dir``, checking each one against its recorded SHA-256.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Iterable, Iterator

from .atomic import atomic_text_stream, write_bytes_atomic, write_text_atomic
from .corpus import MANIFEST_NAMES, TEXT_SUFFIXES, Document
from .names.keys import ParsedName, parse_name
from .names.linker import all_match, any_match, collector_paused
from .names.model import Mention, NamesResult
from .names.resources import particles
from .text import script_of

MODES = ("replace", "annotate")
MENTIONS_FILE = "mentions.jsonl"
MANIFEST_FILE = "normalization.json"
JSONL_FILE = "normalized.jsonl"
ORIGINALS_DIR = ".originals"
FORMAT = "provenance-normalization/1"
_BOM = codecs.BOM_UTF8
_JSON_LINE = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False), built once


class NormalizeError(Exception):
    """A normalization or undo that cannot be done safely (it would write into its input)."""


@dataclass
class NormalizeSummary:
    """What :func:`normalize_corpus` wrote."""

    out_dir: str
    layout: str
    documents: int = 0
    changed_documents: int = 0
    changes: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass
class UndoSummary:
    """What :func:`undo_normalization` restored."""

    restore_dir: str
    documents: int = 0
    verified: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    """One replacement: ``original[start:end] == surface`` became ``normalized[new_start:new_end] == text``."""

    doc: str
    start: int
    end: int
    surface: str
    new_start: int
    new_end: int
    text: str
    entity: str
    entity_id: str | None
    type: str
    method: str
    score: float

    def to_dict(self) -> dict:
        return {"doc": self.doc, "start": self.start, "end": self.end, "surface": self.surface,
                "new_start": self.new_start, "new_end": self.new_end, "text": self.text, "entity": self.entity,
                "entity_id": self.entity_id, "type": self.type, "method": self.method, "score": self.score}


def canonical_form(mention: Mention) -> str | None:
    """The canonical spelling of what a mention writes, or None to leave it as written.

    Only spellings are rewritten: a mention whose words are not all spellings of the
    entity's words (a birth name, an abbreviation, a nickname, a name in another script)
    stays as it is. A full name becomes the entity's name; a partial one becomes the
    matching part of it, with the article as the text had it: "Al Kazemi" becomes
    "Al-Kadhimi", "Kazemi" becomes "Kadhimi", "Abu Yasser" becomes "Abu Yasir". The first
    letter keeps its case.
    """
    if not mention.entity:
        return None
    return _canonical(mention.surface, mention.entity)


@lru_cache(maxsize=200_000)
def _canonical(surface: str, entity: str) -> str | None:
    """:func:`canonical_form` for one spelling of one entity (spellings repeat: cached)."""
    if _script(surface) != _script(entity):
        return None  # another script is another language's spelling, not a variant to rewrite
    written, target = parse_name(surface), parse_name(entity)
    names = [w for w in written.words if w.role != "patronym"]
    if not names or not all_match(names, target.words):
        return None
    if all_match((t for t in target.words if t.role != "patronym"), names):
        return _same_case(entity, surface)
    groups = _word_groups(entity)
    matched = [i for i, group in enumerate(groups) if any(any_match(t, names) for t in parse_name(group).words)]
    if not matched:
        return None
    first, last = matched[0], matched[-1]
    while first > 0 and _particle_role(groups[first - 1]) in _role_set(written):
        first -= 1
    part = groups[first:last + 1]
    lead = part[0].split(" ", 1)
    if not written.kunya and len(lead) == 2 and _particle_role(lead[0]) == "kunya":
        part[0] = lead[1]  # "Yasir" alone stays one word, not "Abu Yasir"
    if not names[0].articled and _ARTICLE_PREFIX.match(part[0]):
        part[0] = _ARTICLE_PREFIX.sub("", part[0])
    return _same_case(" ".join(part), surface)


@lru_cache(maxsize=100_000)
def _script(name: str) -> str:
    """:func:`script_of` a name (cached: entity names repeat), ASCII ones without a per-letter lookup."""
    if name.isascii():
        return "Latin" if _ASCII_LETTER.search(name) else "Common"
    return script_of(name)


_ASCII_LETTER = re.compile("[A-Za-z]")


def _word_groups(name: str) -> list[str]:
    """A name's words, each with the particles that lead into it ("Abdul Amir", "al Sudani")."""
    groups: list[str] = []
    pending = ""
    for token in name.split():
        if _particle_role(token) in ("article", "servant") or (_particle_role(token) == "kunya" and not pending):
            pending = f"{pending}{token} "
            continue
        groups.append(pending + token)
        pending = ""
    if pending:
        groups.append(pending.strip())
    return groups


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|Al|El|AL|EL)[\s\-\u2010\u2011]+(?=\w)")


def _particle_role(token: str) -> str | None:
    found = particles().get(token.lower())
    return found.role if found else None


def _role_set(parsed: ParsedName) -> set[str]:
    """Particle roles a written name carries (so its canonical part keeps them: bin Laden)."""
    return {"kunya" if w.role == "kunya" else w.role for w in parsed.words if w.role in ("kunya", "patronym")}


def _same_case(text: str, model: str) -> str:
    """``text`` with its first letter in the case of ``model``'s first letter."""
    if model[:1].upper() == model[:1].lower():
        return text  # a script without case
    first = text[:1].upper() if model[:1].isupper() else text[:1].lower()
    return first + text[1:]


def _replacement(mention: Mention, mode: str) -> str | None:
    """The text that takes a mention's place, or None when it stays as written."""
    if mention.surface == mention.entity:
        return None  # already the canonical spelling
    canonical = canonical_form(mention)
    if canonical is None or canonical == mention.surface:
        return None
    return canonical if mode == "replace" else f"{mention.surface} [{canonical}]"


def normalize_text(doc: Document, mentions: Iterable[Mention], types: Iterable[str] = ("person",),
                   mode: str = "replace") -> tuple[str, list[Change], list[str]]:
    """The normalized text of one document, its changes, and the mentions skipped (with why)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    wanted = frozenset(types)
    pieces: list[str] = []
    changes: list[Change] = []
    skipped: list[str] = []
    cursor = 0
    new_length = 0
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.type not in wanted:
            continue
        replacement = _replacement(mention, mode)
        if replacement is None:
            continue
        if mention.start < cursor or doc.text[mention.start:mention.end] != mention.surface:
            skipped.append(f"{doc.id}:{mention.start}-{mention.end}: span does not match the text or overlaps")
            continue
        kept = doc.text[cursor:mention.start]
        pieces.append(kept)
        new_length += len(kept)
        pieces.append(replacement)
        changes.append(Change(doc.id, mention.start, mention.end, mention.surface, new_length,
                              new_length + len(replacement), replacement, mention.entity or "", mention.entity_id,
                              mention.type, mention.method, mention.score))
        new_length += len(replacement)
        cursor = mention.end
    pieces.append(doc.text[cursor:])
    return "".join(pieces), changes, skipped


def restore_text(normalized: str, changes: Iterable[Change | dict]) -> str:
    """The original text of a document from its normalized text and its changes.

    Raises :class:`NormalizeError` when the normalized text no longer holds a recorded change.
    """
    pieces: list[str] = []
    cursor = 0
    for change in sorted((c if isinstance(c, dict) else c.to_dict() for c in changes), key=lambda c: c["new_start"]):
        if normalized[change["new_start"]:change["new_end"]] != change["text"]:
            raise NormalizeError(f"{change['doc']}: the normalized text changed at {change['new_start']} "
                                 f"(expected {change['text']!r})")
        pieces.append(normalized[cursor:change["new_start"]])
        pieces.append(change["surface"])
        cursor = change["new_end"]
    pieces.append(normalized[cursor:])
    return "".join(pieces)


def _layout(doc_ids: list[str], source: Path | None) -> str:
    if source is not None:
        return "files" if source.is_dir() else "jsonl"
    files = doc_ids and all(_safe_relative(i) and i.lower().endswith(TEXT_SUFFIXES) for i in doc_ids)
    return "files" if files else "jsonl"


def _safe_relative(doc_id: str) -> bool:
    path = PurePosixPath(doc_id)
    return bool(doc_id) and not path.is_absolute() and ".." not in path.parts and "\\" not in doc_id


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _original_bytes(doc: Document, source: Path | None) -> bytes | None:
    """The bytes of a folder document's file, when the source folder is known."""
    if source is None or not source.is_dir():
        return None
    path = source / doc.id
    try:
        return path.read_bytes()
    except OSError:
        return None


def _encoding_record(doc: Document, data: bytes | None) -> dict:
    """How to turn the document's text back into its original bytes."""
    if data is None:
        encoded = doc.text.encode("utf-8")
        return {"encoding": "utf-8", "bom": False, "sha256": hashlib.sha256(encoded).hexdigest(), "exact": False}
    record = {"sha256": hashlib.sha256(data).hexdigest(), "exact": True}
    bom = data.startswith(_BOM)
    for encoding in _candidate_encodings(data):
        try:
            encoded = (_BOM if bom and encoding == "utf-8" else b"") + doc.text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        if encoded == data:
            return {**record, "encoding": encoding, "bom": bom and encoding == "utf-8"}
    return {**record, "encoding": None, "bom": bom}


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


def _document_record(doc: Document, text: str) -> dict:
    record = {"id": doc.id, "text": text}
    for key in ("outlet", "date", "url", "language"):
        if getattr(doc, key) is not None:
            record[key] = getattr(doc, key)
    for key, value in sorted(doc.meta.items()):
        record.setdefault(key, value)
    return record


def normalize_corpus(docs: Iterable[Document], names_result: NamesResult, out_dir: str | Path,
                     types: Iterable[str] = ("person",), mode: str = "replace",
                     source: str | Path | None = None) -> NormalizeSummary:
    """Write normalized copies of ``docs`` and the record of every change into ``out_dir``.

    ``types`` are the mention types to rewrite; ``mode`` is ``replace`` (the canonical name
    in place of the variant) or ``annotate`` (``variant [canonical]``). ``source`` is the
    corpus path: a folder keeps its layout and lets undo restore files byte for byte (BOM and
    encoding included); without it, folder layout is inferred from the document ids.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    out = Path(out_dir).resolve()
    src = Path(source).resolve() if source is not None else None
    if src is not None and (_inside(out, src) if src.is_dir() else out == src):
        raise NormalizeError(f"{out}: the output folder must be outside the input corpus {src}")
    if src is None:
        docs = list(docs)
    types = tuple(sorted(set(types)))
    layout = _layout([d.id for d in docs] if src is None else [], src)
    by_doc = names_result.by_doc()
    summary = NormalizeSummary(str(out), layout)
    manifest_docs: list[dict] = []
    out.mkdir(parents=True, exist_ok=True)
    with collector_paused(), atomic_text_stream(out / MENTIONS_FILE) as mentions_out, \
            _maybe_jsonl(out, layout) as jsonl_out:
        for line, doc in enumerate(docs, 1):
            text, changes, skipped = normalize_text(doc, by_doc.get(doc.id, ()), types, mode)
            summary.documents += 1
            summary.changes += len(changes)
            summary.changed_documents += bool(changes)
            summary.skipped.extend(skipped)
            entry = {"doc": doc.id, "changes": len(changes),
                     "normalized_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
            original = _original_bytes(doc, src)
            entry.update(_encoding_record(doc, original))
            if layout == "files":
                if not _safe_relative(doc.id):
                    raise NormalizeError(f"{doc.id}: a document id must be a relative path to keep the folder layout")
                target = out / doc.id
                if src is not None and target.resolve() == (src / doc.id).resolve():
                    raise NormalizeError(f"{target}: would overwrite an input file")
                write_text_atomic(target, text)
                entry["path"] = doc.id
                if entry["encoding"] is None and original is not None:
                    write_bytes_atomic(out / ORIGINALS_DIR / doc.id, original)
                    entry["original_copy"] = f"{ORIGINALS_DIR}/{doc.id}"
            else:
                jsonl_out.write(_JSON_LINE.encode(_document_record(doc, text)) + "\n")
                entry["line"] = line
            manifest_docs.append(entry)
            for change in changes:
                mentions_out.write(_JSON_LINE.encode(change.to_dict()) + "\n")
    manifest = {"format": FORMAT, "layout": layout, "mode": mode, "types": list(types),
                "source": str(src) if src else None, "documents": manifest_docs}
    if layout == "files":
        manifest["corpus_manifests"] = _carry_corpus_manifest(docs if src is None else (), src, out)
    write_text_atomic(out / MANIFEST_FILE, _manifest_text(manifest))
    return summary


def _carry_corpus_manifest(docs: Iterable[Document], source: Path | None, out: Path) -> list[str]:
    """Give a normalized folder its documents' metadata (outlet, date, url ...), so that it
    reads as the same corpus: the source folder's manifest files, copied byte for byte, or
    without a source folder, a manifest.jsonl written from the documents. Returns the names
    written (undo copies them back)."""
    if source is not None:
        names = [name for name in MANIFEST_NAMES if (source / name).is_file()]
        for name in names:
            write_bytes_atomic(out / name, (source / name).read_bytes())
        return names
    records = []
    for doc in docs:
        record = _document_record(doc, "")
        del record["text"]
        if len(record) > 1:
            records.append(_JSON_LINE.encode(record) + "\n")
    if not records:
        return []
    write_text_atomic(out / MANIFEST_NAMES[0], "".join(records))
    return [MANIFEST_NAMES[0]]


def _manifest_text(manifest: dict) -> str:
    """The manifest as JSON with one document record per line (readable, and written by the C
    encoder: an indented dump of a large corpus's records took seconds)."""
    head = _JSON_LINE.encode({key: value for key, value in manifest.items() if key != "documents"})
    records = ",\n".join(_JSON_LINE.encode(record) for record in manifest["documents"])
    return f'{head[:-1]}, "documents": [\n{records}\n]}}\n' if records else f'{head[:-1]}, "documents": []}}\n'


@contextmanager
def _maybe_jsonl(out: Path, layout: str) -> Iterator[IO[str] | None]:
    if layout == "jsonl":
        with atomic_text_stream(out / JSONL_FILE) as handle:
            yield handle
    else:
        yield None


def _read_changes(out: Path) -> dict[str, list[dict]]:
    changes: dict[str, list[dict]] = {}
    with open(out / MENTIONS_FILE, encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.strip():
                change = json.loads(line)
                changes.setdefault(change["doc"], []).append(change)
    return changes


def _restored_bytes(entry: dict, text: str, out: Path) -> bytes:
    """The original bytes of one document from its restored text and its manifest entry."""
    if entry.get("original_copy"):
        return (out / entry["original_copy"]).read_bytes()
    encoding = entry.get("encoding") or "utf-8"
    return (_BOM if entry.get("bom") else b"") + text.encode(encoding)


def undo_normalization(out_dir: str | Path, restore_dir: str | Path) -> UndoSummary:
    """Restore the original documents of a normalization in ``out_dir`` into ``restore_dir``.

    Folder corpora come back file for file (byte for byte when the normalization knew the
    source folder); other corpora come back as ``restored.jsonl`` with every text exact.
    A document whose normalized copy was edited since, or whose bytes do not match the
    recorded SHA-256, is reported in ``problems`` and not written.
    """
    out = Path(out_dir).resolve()
    restore = Path(restore_dir).resolve()
    if _inside(restore, out) or _inside(out, restore):
        raise NormalizeError(f"{restore}: restore into a folder apart from the normalization {out}")
    try:
        manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NormalizeError(f"{out}: not a normalization folder ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise NormalizeError(f"{out / MANIFEST_FILE}: unknown format {manifest.get('format')!r}")
    source = manifest.get("source")
    if source and _inside(restore, Path(source)) and Path(source).is_dir():
        raise NormalizeError(f"{restore}: restoring into the original corpus folder would overwrite it")
    changes = _read_changes(out)
    summary = UndoSummary(str(restore))
    entries = {entry["doc"]: entry for entry in manifest["documents"]}
    if manifest["layout"] == "files":
        for name in manifest.get("corpus_manifests", ()):
            if name in MANIFEST_NAMES and (out / name).is_file():
                write_bytes_atomic(restore / name, (out / name).read_bytes())
        for doc_id, entry in entries.items():
            summary.documents += 1
            text = (out / entry["path"]).read_bytes().decode("utf-8")
            _restore_one(entry, text, changes.get(doc_id, []), out, summary,
                         lambda data, path=entry["path"]: write_bytes_atomic(restore / path, data))
    else:
        with open(out / JSONL_FILE, encoding="utf-8", newline="") as handle, \
                atomic_text_stream(restore / "restored.jsonl") as restored:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                entry = entries.get(record["id"])
                summary.documents += 1
                if entry is None:
                    summary.problems.append(f"{record['id']}: not in {MANIFEST_FILE}")
                    continue

                def write(data: bytes, record: dict = record) -> None:
                    restored.write(json.dumps({**record, "text": data.decode("utf-8")}, ensure_ascii=False) + "\n")

                _restore_one(entry, record["text"], changes.get(record["id"], []), out, summary, write)
    return summary


def _restore_one(entry: dict, normalized: str, changes: list[dict], out: Path, summary: UndoSummary,
                 write) -> None:
    """Restore one document, check it against the recorded hash, and hand its bytes to ``write``."""
    if hashlib.sha256(normalized.encode("utf-8")).hexdigest() != entry["normalized_sha256"]:
        summary.problems.append(f"{entry['doc']}: the normalized copy was edited; not restored")
        return
    try:
        text = restore_text(normalized, changes)
    except NormalizeError as exc:
        summary.problems.append(str(exc))
        return
    data = _restored_bytes(entry, text, out)
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        summary.problems.append(f"{entry['doc']}: restored bytes differ from the original; not restored")
        return
    write(data)
    summary.verified += 1
