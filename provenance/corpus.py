"""Corpus readers: folders of text files, JSONL, CSV and Parquet, streamed as Documents.

Every reader yields :class:`Document` objects whose ``text`` is the file's text exactly as
decoded (UTF-8, BOM removed, no newline translation), so that offsets reported by later
stages index into it directly.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from .parts import Part, decoded_blocks, in_blocks, number_width, part_id, split_parts, stream_encoding

TEXT_SUFFIXES = (".txt", ".md")
MANIFEST_NAMES = ("manifest.jsonl", "manifest.csv")
METADATA_FIELDS = ("outlet", "date", "url", "language")
_LEADING_DATE = re.compile(r"\A\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_SNIFF_BYTES = 8192
PREFERRED_CHARSETS = ("cp1252", "latin_1", "cp1256", "iso8859_6", "cp1251", "koi8_r", "iso8859_15", "cp1250", "utf_16")
"""Tie-breaking order for charset guesses that fit a file equally well (commonest first)."""


@dataclass(frozen=True)
class Document:
    """One text of the corpus with the metadata known about it."""

    id: str
    text: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    part_of: str | None = None
    """The id of the file this text is a part of, when a big file is read in parts (None: the whole file)."""
    offset: int = 0
    """Where the text starts in that file's text (characters): offsets in a part plus this index the file."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its text as UTF-8 bytes: CPython's pickle keeps the UTF-8 form of a string it
        writes inside that string for as long as it lives, a second copy of every text the parent
        hands to its workers (290 MB at 100,000 files of 3 KB)."""
        values = (self.text.encode("utf-8", "surrogatepass") if f.name == "text" else getattr(self, f.name)
                  for f in fields(self))
        return _document_from_bytes, tuple(values)


def _document_from_bytes(*values: Any) -> Document:
    """The :class:`Document` that :meth:`Document.__reduce__` pickled."""
    decoded: list[Any] = [v.decode("utf-8", "surrogatepass") if isinstance(v, bytes) else v for v in values]
    return Document(*decoded)


class CorpusError(Exception):
    """A problem that stops the whole corpus from being read."""

    def __init__(self, path: str | Path, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


class CorpusWarning(UserWarning):
    """A record was skipped or read with a fallback; the rest of the corpus goes on."""


Warn = Callable[[str], None]


def _default_warn(message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=3)


def leading_date(text: str) -> str | None:
    """The date of a leading ``date YYYY-MM-DD`` line or prefix, if the text has one."""
    match = _LEADING_DATE.match(text)
    return match.group(1) if match else None


def _charset_rank(match: Any) -> tuple[float, float, int]:
    """Order charset guesses: least chaos, most coherence, then the commoner encoding."""
    name = match.encoding.lower()
    prior = PREFERRED_CHARSETS.index(name) if name in PREFERRED_CHARSETS else len(PREFERRED_CHARSETS)
    return (round(match.chaos, 3), -round(match.coherence, 3), prior)


def decode_bytes(data: bytes, path: str | Path, warn: Warn) -> str | None:
    """Decode a file's bytes: a byte-order mark first (UTF-8, UTF-16, UTF-32), then UTF-16
    without one (by its NUL pattern), then UTF-8, then Western text in cp1252, then a detected
    charset; None (with a warning) for binary data."""
    unicode = _unicode_encoding(data)
    if unicode is not None:
        try:
            text = data.decode(unicode)
        except UnicodeDecodeError:
            text = None
        if text is not None:
            if unicode not in ("utf-8-sig",):
                warn(f"{path}: not UTF-8; decoded as {unicode.removesuffix('-sig')}")
            return text.removeprefix("\ufeff")
    if b"\x00" in data[:_SNIFF_BYTES]:
        warn(f"{path}: skipped: binary file (contains NUL bytes)")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        warn(f"{path}: not UTF-8; decoded as cp1252")
        return western
    from charset_normalizer import from_bytes

    matches = sorted(from_bytes(data), key=_charset_rank)
    best = matches[0] if matches else None
    if best is None:
        warn(f"{path}: skipped: not text (no character encoding fits)")
        return None
    warn(f"{path}: not UTF-8; decoded as {best.encoding}")
    return str(best)


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
WESTERN_ACCENTED_SHARE = 0.3
"""At most this share of a Western text's letters are beyond ASCII (French, Spanish, German: 2-6%)."""
_WESTERN_EXTRA = frozenset("’‘“”„‚–—…€«»‹›°•·§¶©®™¿¡ºª±×÷£¥¢µ¹²³¼½¾")
"""Non-letters that cp1252 Western text commonly has beyond ASCII."""


def _unicode_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark names, or UTF-16 told by its NULs: one byte of each pair
    NUL in most pairs, as Latin-script text in UTF-16 has."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:_SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2 or b"\x00" not in sample:
        return None
    even_nuls = sample[0:2 * pairs:2].count(0)
    odd_nuls = sample[1:2 * pairs:2].count(0)
    if odd_nuls >= 0.6 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.6 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def _western(data: bytes) -> str | None:
    """``data`` as cp1252 when every character beyond ASCII is then a Latin letter or common
    Western punctuation, and accented letters are a minority of the letters, as in Latin-1
    French, Spanish or German (Cyrillic or Greek in a legacy code page read as cp1252 gives
    accented letters almost only); None otherwise."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    beyond = [c for c in text if ord(c) > 127]
    letters = sum(1 for c in text if c.isalpha())
    if not beyond or sum(1 for c in beyond if c.isalpha()) > WESTERN_ACCENTED_SHARE * letters:
        return None
    if all((c.isalpha() and "LATIN" in unicodedata.name(c, "")) or c in _WESTERN_EXTRA or c == "\xa0" for c in beyond):
        return text
    return None


def _document(doc_id: str, text: str, meta: dict[str, Any], where: str | Path, warn: Warn) -> Document:
    """Build a Document, taking known metadata fields out of ``meta``; a declared language that
    is no BCP-47 tag is dropped with a warning naming ``where`` (the language is then detected)."""
    known = {k: (str(meta[k]) if meta.get(k) not in (None, "") else None) for k in METADATA_FIELDS}
    for key in METADATA_FIELDS:
        meta.pop(key, None)
    declared = known["language"]
    if declared is not None and not _valid_language(declared):
        warn(f"{where}: language {declared!r} is not a BCP-47 language tag; ignored (the language is detected)")
        known["language"] = None
    if known["date"] is None:
        known["date"] = leading_date(text)
    return Document(id=doc_id, text=text, meta=meta, outlet=known["outlet"], date=known["date"], url=known["url"],
                    language=known["language"])


@lru_cache(maxsize=1024)
def _valid_language(tag: str) -> bool:
    """Whether ``tag`` is a valid BCP-47 language tag (``en``, ``pt-BR``, ``zh-Hant``)."""
    import langcodes

    return bool(langcodes.tag_is_valid(tag))


def _read_manifest(root: Path, warn: Warn) -> dict[str, dict[str, Any]]:
    """Metadata by document id from a folder's manifest.jsonl or manifest.csv."""
    rows: dict[str, dict[str, Any]] = {}
    for name in MANIFEST_NAMES:
        path = root / name
        if not path.is_file():
            continue
        records = _iter_jsonl(path, warn) if name.endswith(".jsonl") else _iter_csv(path, warn)
        for lineno, record in records:
            doc_id = record.get("id")
            if not doc_id:
                warn(f"{path}:{lineno}: manifest row has no 'id'; ignored")
                continue
            rows[str(doc_id)] = {k: v for k, v in record.items() if k != "id"}
    return rows


def _decoded(path: Path, warn: Warn) -> str:
    """A record file's text, decoded as documents are (a file that is no text is an error)."""
    text = decode_bytes(path.read_bytes(), path, warn)
    if text is None:
        raise CorpusError(path, "not a text file")
    return text


def _iter_jsonl(path: Path, warn: Warn) -> Iterator[tuple[int, dict[str, Any]]]:
    with io.StringIO(_decoded(path, warn), newline="") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                warn(f"{path}:{lineno}: skipped: malformed JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                warn(f"{path}:{lineno}: skipped: a JSON object was expected")
                continue
            yield lineno, record


def _iter_csv(path: Path, warn: Warn) -> Iterator[tuple[int, dict[str, Any]]]:
    csv.field_size_limit(sys.maxsize)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with io.StringIO(_decoded(path, warn), newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            first_line = 1
            for record in reader:
                start, first_line = first_line + 1, reader.line_num
                if None in record:
                    warn(f"{path}:{reader.line_num}: skipped: more fields than the header has")
                    continue
                if _swallows_records(record, len(reader.fieldnames or ()), delimiter):
                    warn(f"{path}:{start}: skipped: a quoted field runs on over lines {start}-{reader.line_num} "
                         "that look like records of their own (an unterminated quote?)")
                    continue
                yield reader.line_num, dict(record)
        except csv.Error as exc:
            raise CorpusError(path, f"line {reader.line_num}: malformed CSV ({exc})") from None


def _swallows_records(record: dict[str, Any], width: int, delimiter: str) -> bool:
    """Whether a field spanning lines holds a line that parses as a record of its own (an id
    without spaces, then the other fields): the mark of a quote left open."""
    for value in record.values():
        if not isinstance(value, str) or "\n" not in value:
            continue
        for line in value.splitlines()[1:]:
            fields = next(csv.reader([line], delimiter=delimiter), [])
            if width > 1 and len(fields) == width and fields[0] and len(fields[0]) <= 100 \
                    and not any(c.isspace() for c in fields[0]):
                return True
    return False


def read_folder(root: Path, warn: Warn = _default_warn, part_size: int | None = None) -> Iterator[Document]:
    """Every .txt/.md file below ``root`` (sorted), with manifest metadata when present.
    Hidden files and folders (.git, .originals ...) are not documents; a link to a file outside
    the corpus is skipped with a warning, and linked folders are not followed (no loops)."""
    manifest = _read_manifest(root, warn)
    inside = root.resolve()
    for doc_id, path in _text_files(root):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            warn(f"{path}: skipped: a link to a file outside the corpus ({path.resolve()})")
            continue
        try:
            yield from read_text_file(path, doc_id, dict(manifest.get(doc_id, {})), warn, part_size)
        except OSError as exc:
            warn(f"{path}: skipped: {exc.strerror or exc}")


def read_text_file(path: Path, doc_id: str, meta: dict[str, Any], warn: Warn,
                   part_size: int | None = None) -> Iterator[Document]:
    """The document of a text file, or, when it has more bytes than ``part_size``, its parts
    (:mod:`provenance.parts`): ids ``doc_id#01``, ``doc_id#02`` ..., each with ``part_of`` and
    its ``offset`` in the file's text, read block by block; white-space-only parts are left out,
    and a file that makes a single part is one document as usual."""
    width = 1
    if part_size is None or path.stat().st_size <= part_size:
        text = decode_bytes(path.read_bytes(), path, warn)
        parts: Iterator[Part] = iter(() if text is None else (Part(0, text),))
    else:
        parts, width = _file_parts(path, part_size, warn), number_width(path.stat().st_size, part_size)
    first, second = next(parts, None), next(parts, None)
    if first is None:
        return
    if second is None and first.text.strip():
        yield _document(doc_id, first.text, meta, path, warn)
        return
    number, template = 0, None
    for part in chain((first,), () if second is None else (second,), parts):
        if not part.text.strip():
            continue
        number += 1
        template = template or _document(doc_id, part.text, meta, path, warn)
        yield replace(template, id=part_id(doc_id, number, width), text=part.text, part_of=doc_id,
                      offset=part.offset)
    if not number:
        warn(f"{path}: skipped: empty document (white space only)")


def _text_files(root: Path) -> list[tuple[str, Path]]:
    """(id, path) of every .txt/.md file below ``root`` that no hidden folder holds, sorted by
    id (the path relative to ``root``, with forward slashes)."""
    found = []
    for path in root.rglob("*"):
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        relative = path.relative_to(root)
        if not any(part.startswith(".") for part in relative.parts) and path.is_file():
            found.append((relative.as_posix(), path))
    return sorted(found, key=lambda item: item[0])


def read_records(
    path: Path,
    records: Iterable[tuple[int, dict[str, Any]]],
    id_field: str,
    text_field: str,
    warn: Warn,
) -> Iterator[Document]:
    """Documents from (line number, record) pairs of a JSONL, CSV or Parquet file; a record
    whose id an earlier one has is skipped, with both lines named."""
    first_line: dict[str, int] = {}
    for lineno, record in records:
        text = record.pop(text_field, None)
        if not isinstance(text, str) or not text.strip():
            warn(f"{path}:{lineno}: skipped: no text in field '{text_field}'")
            continue
        doc_id = record.pop(id_field, None)
        doc_id = str(doc_id) if doc_id not in (None, "") else f"{path.name}:{lineno}"
        if doc_id in first_line:
            warn(f"{path}:{lineno}: skipped: duplicate document id {doc_id!r} (first on line {first_line[doc_id]})")
            continue
        first_line[doc_id] = lineno
        yield _document(doc_id, text, record, f"{path}:{lineno}", warn)


def _iter_parquet(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError(path, "reading Parquet needs pyarrow (pip install 'provenance[parquet]')") from None
    row = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            for record in batch.to_pylist():
                row += 1
                yield row, record
    except Exception as exc:  # pyarrow raises several unrelated types for bad files
        raise CorpusError(path, f"not a readable Parquet file ({exc})") from None


def read_corpus(
    path: str | Path,
    *,
    id_field: str = "id",
    text_field: str = "text",
    warn: Warn = _default_warn,
    part_size: int | None = None,
) -> Iterator[Document]:
    """Stream the documents of a folder, JSONL, CSV/TSV or Parquet corpus; a text file of more
    bytes than ``part_size`` is read in parts (:func:`read_text_file`; None: every file whole).

    Raises :class:`CorpusError` when the path is missing or of an unknown kind, and when it
    yields no document at all; skipped records are reported through ``warn``.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file or directory")
    suffix = path.suffix.lower()
    if path.is_dir():
        docs: Iterator[Document] = read_folder(path, warn, part_size)
    elif suffix == ".jsonl":
        docs = read_records(path, _iter_jsonl(path, warn), id_field, text_field, warn)
    elif suffix in (".csv", ".tsv"):
        docs = read_records(path, _iter_csv(path, warn), id_field, text_field, warn)
    elif suffix == ".parquet":
        docs = read_records(path, _iter_parquet(path), id_field, text_field, warn)
    elif suffix in TEXT_SUFFIXES:
        docs = read_text_file(path, path.name, {}, warn, part_size)
    else:
        raise CorpusError(path, "unknown corpus format (expected a folder, .txt, .md, .jsonl, .csv, .tsv or .parquet)")
    return _non_empty(path, _unique(docs, warn))


def _file_parts(path: Path, part_size: int, warn: Warn) -> Iterator[Part]:
    """The parts of a big file, decoded block by block when a BOM, UTF-16's NULs or UTF-8 fit
    it whole, else (a legacy charset) decoded at once as :func:`decode_bytes` does."""
    encoding = stream_encoding(path, _unicode_encoding)
    if encoding is None:
        text = decode_bytes(path.read_bytes(), path, warn)
        return split_parts(in_blocks(text), part_size) if text is not None else iter(())
    if encoding != "utf-8-sig":
        warn(f"{path}: not UTF-8; decoded as {encoding.removesuffix('-sig')}")
    return split_parts(decoded_blocks(path, encoding), part_size)


def _unique(docs: Iterator[Document], warn: Warn) -> Iterator[Document]:
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            warn(f"{doc.id}: skipped: duplicate document id")
            continue
        seen.add(doc.id)
        yield doc


def _non_empty(path: Path, docs: Iterator[Document]) -> Iterator[Document]:
    count = 0
    for doc in docs:
        count += 1
        yield doc
    if not count:
        raise CorpusError(path, "no documents found (empty corpus)")
