"""Glossary: canonical entities and their name variants, from pairs of TSV files.

A glossary is one or more pairs of UTF-8 TSV files, ``NAME.entities.tsv`` (one entity a
line) and ``NAME.aliases.tsv`` (one name variant a line); ``docs/glossary.md`` describes
the format. This module loads and checks them, looks names up (:meth:`Glossary.candidates`),
writes them back, converts to and from TBX-Basic and the two-column tables that translation
tools use. (Drafting entries from a corpus is ``provenance.names.suggest_entries``.)
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .atomic import write_text_atomic
from .text import script_of

TYPES = ("person", "organization", "place", "other")
KINDS = ("variant", "kunya", "birth", "surname", "given", "abbreviation", "translation", "title")
CANONICAL = "canonical"  # the kind of the implicit alias that every canonical name is
ENTITY_COLUMNS = ("id", "type", "canonical", "roles", "places", "active", "cooccurs", "note")
ALIAS_COLUMNS = ("id", "alias", "lang", "script", "kind")
ENTITIES_SUFFIX = ".entities.tsv"
ALIASES_SUFFIX = ".aliases.tsv"

_ID = re.compile(r"[^\s|#][^\s|]*")
_LANG = re.compile(r"[a-z]{2}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63\uff0d]+")
_FOLD_CHARS = str.maketrans(
    {**{c: "'" for c in "\u2018\u2019\u201b\u02bc\u02bb\u02bf\u02be\u0060\u00b4\u2032\u02b9"},
     **{chr(c): None for c in (*range(0x064B, 0x0660), 0x0670, 0x0640)}}  # Arabic harakat, tatweel
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TBX_PREFIX = "provenance:"
_TBX_TERM_TYPES = {CANONICAL: "fullForm", "abbreviation": "abbreviation", "surname": "shortForm",
                   "given": "shortForm", "kunya": "shortForm"}
_TABLE_HEADER_WORDS = {"source", "target", "term", "terms", "variant", "alias", "canonical", "translation",
                       "src", "tgt", "original", "replacement", "from", "to", "source term", "target term"}


@dataclass(frozen=True, slots=True)
class Alias:
    """One written form of an entity's name."""

    text: str
    lang: str | None
    script: str
    kind: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entity: its canonical name, its aliases and the context that identifies it."""

    id: str
    type: str
    canonical: str
    aliases: tuple[Alias, ...] = ()
    roles: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    active: tuple[str | None, str | None] = (None, None)
    cooccurs: tuple[str, ...] = ()
    note: str = ""

    def names(self) -> list[str]:
        """The canonical name, then every alias text, without repeats."""
        return list(dict.fromkeys((self.canonical, *(alias.text for alias in self.aliases))))

    def canonical_alias(self) -> Alias:
        """The canonical name as an :class:`Alias` of kind ``canonical``."""
        return Alias(self.canonical, None, script_of(self.canonical), CANONICAL)


@dataclass(frozen=True)
class Problem:
    """One finding of :func:`check_glossary`; ``severity`` is ``error`` or ``warning``."""

    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.severity}: {self.message}"


class GlossaryError(Exception):
    """A malformed glossary file; ``str()`` is ``path:line: message`` (line 0: the whole file)."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.path, line, message)

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.message}"


def _where(path: str, line: int) -> str:
    return f"{path}:{line}" if line else path


def fold(text: str, *, case: bool = True) -> str:
    """The lookup key of a name.

    NFKC, one apostrophe for all apostrophe-like marks, hyphens/dashes and runs of white space
    as one space, Arabic short vowels and tatweel dropped, ends stripped, and casefolded unless
    ``case=False``. Articles (``al-``, ``el-``) are kept: dropping them is the linker's call.
    """
    key = _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD_CHARS)).strip()
    return key.casefold() if case else key


class Glossary:
    """Entries by id, in file order, with a name index built on first lookup."""

    def __init__(self, entries: Iterable[Entry] = (), sources: Iterable[str] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise ValueError(f"duplicate glossary id {entry.id!r}")
            self.entries[entry.id] = entry
        self.sources: list[str] = [str(source) for source in sources]
        self._index: tuple[dict[str, str | list[str]], dict[str, str | list[str]]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def get(self, id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.entries.get(id)

    def aliases(self) -> Iterator[tuple[Alias, Entry]]:
        """Every (alias, entry) pair, each entry's canonical name first (kind ``canonical``)."""
        for entry in self.entries.values():
            yield entry.canonical_alias(), entry
            for alias in entry.aliases:
                yield alias, entry

    def candidates(self, text: str) -> list[Entry]:
        """Entries having ``text`` as canonical name or alias, compared by :func:`fold`.

        Aliases of kind ``abbreviation`` are compared case-sensitively (``IS`` but not ``is``).
        """
        folded, exact = self._lookup_index()
        found = _ids(folded.get(fold(text))) + _ids(exact.get(fold(text, case=False)))
        return [self.entries[id] for id in dict.fromkeys(found)]

    def _lookup_index(self) -> tuple[dict[str, str | list[str]], dict[str, str | list[str]]]:
        if self._index is None:
            folded: dict[str, str | list[str]] = {}
            exact: dict[str, str | list[str]] = {}
            for entry in self.entries.values():
                _index_add(folded, fold(entry.canonical), entry.id)
                for alias in entry.aliases:
                    if alias.kind == "abbreviation":
                        _index_add(exact, fold(alias.text, case=False), entry.id)
                    else:
                        _index_add(folded, fold(alias.text), entry.id)
            self._index = (folded, exact)
        return self._index


def _index_add(index: dict[str, str | list[str]], key: str, id: str) -> None:
    """Add ``id`` under ``key``; a single id is stored bare, several as a list."""
    held = index.get(key)
    if held is None:
        index[key] = id
    elif isinstance(held, str):
        if held != id:
            index[key] = [held, id]
    elif id not in held:
        held.append(id)


def _ids(held: str | list[str] | None) -> list[str]:
    if held is None:
        return []
    return [held] if isinstance(held, str) else held


# ---------------------------------------------------------------------------------------
# Reading TSV pairs


@dataclass(slots=True)
class _EntityRow:
    path: str
    line: int
    id: str
    type: str
    canonical: str
    roles: tuple[str, ...]
    places: tuple[str, ...]
    active: tuple[str | None, str | None]
    cooccurs: tuple[str, ...]
    note: str


@dataclass(slots=True)
class _AliasRow:
    path: str
    line: int
    id: str
    alias: Alias
    script_given: bool


class _Report:
    """Collects problems; in strict mode the first error is raised as a GlossaryError."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.problems: list[Problem] = []

    def __call__(self, path: str, line: int, severity: str, message: str) -> None:
        if self.strict and severity == "error":
            raise GlossaryError(path, line, message)
        self.problems.append(Problem(path, line, severity, message))


def _pairs(paths: Iterable[str | Path], report: _Report) -> list[tuple[str, str | None]]:
    """(entities file, aliases file or None) for every input path, without repeats."""
    pairs: dict[Path, tuple[str, str | None]] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            entity_files = sorted(path.glob("*" + ENTITIES_SUFFIX))
            if not entity_files:
                report(str(path), 0, "error", f"no *{ENTITIES_SUFFIX} files in this folder")
            for orphan in sorted(path.glob("*" + ALIASES_SUFFIX)):
                if not _sibling(orphan, ALIASES_SUFFIX, ENTITIES_SUFFIX).is_file():
                    report(str(orphan), 0, "error", "aliases file without its entities file")
        elif path.name.endswith(ENTITIES_SUFFIX):
            entity_files = [path]
        elif path.name.endswith(ALIASES_SUFFIX):
            entity_files = [_sibling(path, ALIASES_SUFFIX, ENTITIES_SUFFIX)]
        else:
            report(str(path), 0, "error",
                   f"not a glossary: expected a folder, NAME{ENTITIES_SUFFIX} or NAME{ALIASES_SUFFIX}")
            continue
        for entities in entity_files:
            if not entities.is_file():
                report(str(entities), 0, "error", "no such file")
                continue
            aliases = _sibling(entities, ENTITIES_SUFFIX, ALIASES_SUFFIX)
            pairs.setdefault(entities.resolve(), (str(entities), str(aliases) if aliases.is_file() else None))
    return list(pairs.values())


def _sibling(path: Path, suffix: str, other: str) -> Path:
    return path.with_name(path.name[: -len(suffix)] + other)


def _rows(path: str, columns: tuple[str, ...], report: _Report) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of every data line; comments and blank lines skipped."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        report(path, 0, "error", f"cannot read: {exc.strerror or exc}")
        return
    header_seen = False
    with handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                report(path, number, "error", "not valid UTF-8")
                continue
            if number == 1:
                line = line.removeprefix("\ufeff")
            if not line or line.startswith("#") or line.isspace():
                continue
            cells = list(map(str.strip, line.split("\t")))
            if not header_seen:
                header_seen = True
                if tuple(cells) == columns:
                    continue
                report(path, number, "error", f"missing header: the first line must name the columns {' '.join(columns)}")
                if cells[0] == columns[0]:
                    continue  # a damaged header, not data
            if len(cells) != len(columns):
                report(path, number, "error",
                       f"expected {len(columns)} tab-separated columns ({', '.join(columns)}), found {len(cells)}")
                continue
            yield number, cells
    if not header_seen:
        report(path, 1, "error", f"missing header: no line names the columns {' '.join(columns)}")


def _split_list(value: str, interned: dict[str, str] | None = None) -> tuple[str, ...]:
    """The items of a ``|``-separated cell, each shared through ``interned`` when given."""
    items = [value] if "|" not in value else [item.strip() for item in value.split("|")]
    if interned is None:
        return tuple(item for item in items if item)
    return tuple(interned.setdefault(item, item) for item in items if item)


def _parse(pairs: list[tuple[str, str | None]], report: _Report) -> tuple[list[_EntityRow], list[_AliasRow]]:
    """Entity rows from every entities file, then alias rows from every aliases file."""
    entities: list[_EntityRow] = []
    seen: dict[str, tuple[str, int]] = {}
    interned: dict[str, str] = {}  # one string object for repeated roles, places, ids, codes
    for path, _ in pairs:
        for number, (id, type, canonical, roles, places, active, cooccurs, note) in _rows(path, ENTITY_COLUMNS, report):
            if not _ID.fullmatch(id):
                report(path, number, "error", f"bad id {id!r}: ids are non-empty, without spaces or '|' (e.g. per:jane-doe)")
                continue
            if id in seen:
                report(path, number, "error", f"duplicate id {id} (first defined at {_where(*seen[id])})")
                continue
            seen[id] = (path, number)
            if type not in TYPES:
                report(path, number, "error", f"unknown type {type!r} (expected {', '.join(TYPES)})")
                continue
            if not canonical:
                report(path, number, "error", f"empty canonical name for {id}")
                continue
            try:
                span = _parse_active(active)
            except ValueError as exc:
                report(path, number, "error", f"bad active dates {active!r}: {exc}")
                span = (None, None)
            entities.append(_EntityRow(path, number, id, interned.setdefault(type, type), canonical,
                                       _split_list(roles, interned), _split_list(places, interned), span,
                                       _split_list(cooccurs, interned), note))
    kept = {row.id: row.id for row in entities}
    aliases: list[_AliasRow] = []
    for _, path in pairs:
        if path is None:
            continue
        for number, (id, text, lang, script, kind) in _rows(path, ALIAS_COLUMNS, report):
            if id not in seen:
                report(path, number, "error", f"alias for unknown id {id!r}")
                continue
            if id not in kept:
                continue  # its entity line is in error already
            if not text:
                report(path, number, "error", f"empty alias for {id}")
                continue
            if lang and not _LANG.fullmatch(lang):
                report(path, number, "error", f"bad language code {lang!r} (expected ISO 639-1 like en, ar, or empty)")
                lang = ""
            if kind not in KINDS:
                report(path, number, "error", f"unknown kind {kind!r} (expected {', '.join(KINDS)})")
                kind = "variant"
            alias = Alias(text, interned.setdefault(lang, lang) or None,
                          interned.setdefault(script, script) if script else script_of(text),
                          interned.setdefault(kind, kind))
            aliases.append(_AliasRow(path, number, kept[id], alias, bool(script)))
    return entities, aliases


def _parse_active(value: str) -> tuple[str | None, str | None]:
    """``FROM..TO`` (``YYYY[-MM[-DD]]`` each, either may be empty) as a pair; raises ValueError."""
    if not value:
        return None, None
    if ".." not in value:
        raise ValueError("expected FROM..TO, e.g. 2014-06..2019-10-27, 2020.. or ..2021")
    start, _, end = (part.strip() for part in value.partition(".."))
    first = _date_bound(start, last=False) if start else None
    last = _date_bound(end, last=True) if end else None
    if first and last and first > last:
        raise ValueError(f"{start} is after {end}")
    return start or None, end or None


def _date_bound(value: str, *, last: bool) -> dt.date:
    """The first (or last) day of a YYYY[-MM[-DD]] date; raises ValueError."""
    match = _DATE.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(group) if group else None for group in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    month = month or (12 if last else 1)
    try:
        return dt.date(year, month, day or (calendar.monthrange(year, month)[1] if last else 1))
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None


def _build(pairs: list[tuple[str, str | None]], entities: list[_EntityRow], aliases: list[_AliasRow]) -> Glossary:
    by_id: dict[str, list[Alias]] = defaultdict(list)
    for row in aliases:
        by_id[row.id].append(row.alias)
    sources = [path for pair in pairs for path in pair if path is not None]
    return Glossary((Entry(row.id, row.type, row.canonical, tuple(by_id.get(row.id, ())), row.roles, row.places,
                           row.active, row.cooccurs, row.note) for row in entities), sources)


def load_glossary(paths: Iterable[str | Path]) -> Glossary:
    """Load glossary folders (every ``*.entities.tsv`` pair in them) and files (either file
    of a pair). Every entities file is read before any aliases file, so an aliases file may
    add names to entities of another pair. Raises :class:`GlossaryError` on the first error.
    """
    report = _Report(strict=True)
    pairs = _pairs(paths, report)
    return _build(pairs, *_parse(pairs, report))


def default_glossary_paths() -> list[Path]:
    """The bundled glossary folder: ``glossary/`` of a source checkout, else the packaged copy."""
    here = Path(__file__).resolve().parent
    for folder in (here.parent / "glossary", here / "_glossary"):
        if folder.is_dir() and any(folder.glob("*" + ENTITIES_SUFFIX)):
            return [folder]
    return []


# ---------------------------------------------------------------------------------------
# Checking


def check_glossary(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem in the glossary files, in file and line order.

    Errors: anything :func:`load_glossary` rejects, an alias whose script column does not
    match its text, and one alias shared by entries of one type that nothing tells apart
    (same roles, places, active dates and co-occurring entities). Warnings: an alias shared
    by entries that their context does tell apart, an alias repeating its entry's canonical
    name or another alias, and ``cooccurs`` ids that no loaded entry has.
    """
    report = _Report(strict=False)
    pairs = _pairs(paths, report)
    entities, aliases = _parse(pairs, report)
    known = {row.id: row for row in entities}
    for row in entities:
        for other in row.cooccurs:
            if _ID.fullmatch(other) and ":" in other and other not in known:
                report(row.path, row.line, "warning", f"{row.id}: cooccurs names unknown id {other}")
    claims: dict[tuple[bool, str], list[tuple[str, str, str, int]]] = defaultdict(list)
    for row in entities:
        claims[(True, fold(row.canonical))].append((row.canonical, row.id, row.path, row.line))
    spelled: set[tuple[str, str]] = set()
    for row in aliases:
        alias = row.alias
        actual = script_of(alias.text)
        if row.script_given and actual != "Common" and actual != alias.script:
            report(row.path, row.line, "error", f"alias {alias.text!r} is written in {actual} script, not {alias.script}")
        key = (alias.kind != "abbreviation", fold(alias.text, case=alias.kind != "abbreviation"))
        if fold(alias.text) == fold(known[row.id].canonical):
            report(row.path, row.line, "warning", f"alias {alias.text!r} repeats the canonical name of {row.id}")
        elif (row.id, key[1]) in spelled:
            report(row.path, row.line, "warning", f"alias {alias.text!r} is listed twice for {row.id}")
        else:
            spelled.add((row.id, key[1]))
            claims[key].append((alias.text, row.id, row.path, row.line))
    for claimants in claims.values():
        _check_shared(claimants, known, report)
    order = {path: index for index, path in enumerate(path for pair in pairs for path in pair if path is not None)}
    return sorted(report.problems, key=lambda p: (order.get(p.path, -1), p.line))


def _check_shared(claimants: list[tuple[str, str, str, int]], known: Mapping[str, _EntityRow], report: _Report) -> None:
    """Report one name (as (text, id, path, line) claims) claimed by several entries of one type."""
    by_type: dict[str, dict[str, tuple[str, str, int]]] = defaultdict(dict)
    for text, id, path, line in claimants:
        by_type[known[id].type].setdefault(id, (text, path, line))
    for type, claims in by_type.items():
        if len(claims) < 2:
            continue
        by_context: dict[tuple, list[str]] = defaultdict(list)
        for id in claims:
            by_context[_context(known[id])].append(id)
        twins = [ids for ids in by_context.values() if len(ids) > 1]
        if twins:
            for ids in twins:
                text, path, line = claims[ids[-1]]
                report(path, line, "error", f"{text!r} names {type} entries {', '.join(ids)} with the same roles, "
                       "places, active dates and co-occurrences: nothing tells them apart")
        else:
            text, path, line = list(claims.values())[-1]
            report(path, line, "warning",
                   f"{text!r} is shared by {type} entries {', '.join(claims)} (their context tells them apart)")


def _context(row: _EntityRow) -> tuple:
    return (frozenset(role.casefold() for role in row.roles), frozenset(place.casefold() for place in row.places),
            row.active, frozenset(row.cooccurs))


# ---------------------------------------------------------------------------------------
# Writing TSV pairs


def write_glossary(glossary: Glossary, directory: str | Path, name: str) -> tuple[Path, Path]:
    """Write ``NAME.entities.tsv`` and ``NAME.aliases.tsv`` into ``directory`` (atomically)."""
    if not name or "/" in name or "\\" in name or name.endswith((ENTITIES_SUFFIX, ALIASES_SUFFIX)):
        raise ValueError(f"bad glossary name {name!r}: expected a bare name like 'iraq'")
    directory = Path(directory)
    entity_lines = ["\t".join(ENTITY_COLUMNS)]
    alias_lines = ["\t".join(ALIAS_COLUMNS)]
    for entry in glossary:
        entity_lines.append("\t".join((
            _cell(entry.id), entry.type, _cell(entry.canonical), _cell_list(entry.roles), _cell_list(entry.places),
            _format_active(entry.active), _cell_list(entry.cooccurs), _cell(entry.note))))
        for alias in entry.aliases:
            alias_lines.append("\t".join((_cell(entry.id), _cell(alias.text), alias.lang or "", alias.script, alias.kind)))
    entities_path = directory / f"{name}{ENTITIES_SUFFIX}"
    aliases_path = directory / f"{name}{ALIASES_SUFFIX}"
    write_text_atomic(entities_path, "\n".join(entity_lines) + "\n")
    write_text_atomic(aliases_path, "\n".join(alias_lines) + "\n")
    return entities_path, aliases_path


def _cell(value: str) -> str:
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def _cell_list(values: Iterable[str]) -> str:
    return "|".join(_cell(value).replace("|", "/") for value in values)


def _format_active(active: tuple[str | None, str | None]) -> str:
    return "" if active == (None, None) else f"{active[0] or ''}..{active[1] or ''}"


# ---------------------------------------------------------------------------------------
# TBX-Basic


def export_tbx(glossary: Glossary, path: str | Path, *, lang: str = "en") -> None:
    """Write ``glossary`` as TBX-Basic (TBX v2 ``martif``); ``lang`` is the canonical names' language.

    Each entry is a ``termEntry`` with its id, its type as ``descrip type="subjectField"``,
    roles/places/active/cooccurs as ``provenance:FIELD=VALUE`` notes, and one ``langSet`` per
    language (``und`` for aliases of unknown language). The canonical name is the preferred
    term; each alias's kind and script are kept in a ``provenance:`` note on its ``tig``.
    """
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: lang})
    header = ET.SubElement(root, "martifHeader")
    source = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source, "p").text = "provenance glossary" + (": " + ", ".join(glossary.sources) if glossary.sources else "")
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary:
        term_entry = ET.SubElement(body, "termEntry", {"id": entry.id})
        ET.SubElement(term_entry, "descrip", {"type": "subjectField"}).text = entry.type
        for field, value in (("roles", "|".join(entry.roles)), ("places", "|".join(entry.places)),
                             ("active", _format_active(entry.active)), ("cooccurs", "|".join(entry.cooccurs))):
            if value:
                ET.SubElement(term_entry, "note").text = f"{_TBX_PREFIX}{field}={value}"
        if entry.note:
            ET.SubElement(term_entry, "note").text = entry.note
        by_lang: dict[str, list[Alias]] = defaultdict(list)
        by_lang[lang].append(entry.canonical_alias())
        for alias in entry.aliases:
            by_lang[alias.lang or "und"].append(alias)
        for language, items in by_lang.items():
            lang_set = ET.SubElement(term_entry, "langSet", {_XML_LANG: language})
            for alias in items:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = alias.text
                ET.SubElement(tig, "termNote", {"type": "termType"}).text = _TBX_TERM_TYPES.get(alias.kind, "variant")
                status = "preferredTerm-admn-sts" if alias.kind == CANONICAL else "admittedTerm-admn-sts"
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
                if alias.kind != CANONICAL:
                    ET.SubElement(tig, "note").text = f"{_TBX_PREFIX}kind={alias.kind};script={alias.script}"
    ET.indent(root)
    write_text_atomic(path, '<?xml version="1.0" encoding="UTF-8"?>\n'
                            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
                      + ET.tostring(root, encoding="unicode") + "\n")


def import_tbx(path: str | Path) -> Glossary:
    """Read a TBX file (TBX-Basic v2 ``termEntry``/``langSet``/``tig``, or TBX v3
    ``conceptEntry``/``langSec``/``termSec``). Entries keep their id when it is usable and
    unique, else get ``imp:<slug>``; the preferred term (else the first) is the canonical name.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GlossaryError(path, exc.position[0], f"not well-formed XML ({exc})") from None
    except OSError as exc:
        raise GlossaryError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    entries: list[Entry] = []
    used: set[str] = set()
    for element in root.iter():
        if _local(element.tag) in ("termEntry", "conceptEntry"):
            entry = _tbx_entry(element, used, str(path))
            if entry is not None:
                used.add(entry.id)
                entries.append(entry)
    return Glossary(entries, [str(path)])


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _tbx_entry(element: ET.Element, used: set[str], path: str) -> Entry | None:
    fields: dict[str, str] = {}
    notes: list[str] = []
    type = "other"
    terms: list[tuple[Alias, bool]] = []  # (alias, preferred)
    for child in element:
        tag = _local(child.tag)
        text = "".join(child.itertext()).strip()
        if tag == "descrip" and child.get("type") == "subjectField":
            if text.casefold() in TYPES:
                type = text.casefold()
            elif text:
                notes.append(f"subject field: {text}")
        elif tag == "note" and text.startswith(_TBX_PREFIX) and "=" in text:
            field, _, value = text[len(_TBX_PREFIX):].partition("=")
            fields[field] = value
        elif tag == "note" and text:
            notes.append(text)
        elif tag in ("langSet", "langSec"):
            language = _iso639_1(child.get(_XML_LANG) or child.get("lang") or "")
            for holder in child:
                if _local(holder.tag) in ("tig", "ntig", "termSec"):
                    terms.extend(_tbx_term(holder, language))
    if not terms:
        return None
    preferred = [alias for alias, is_preferred in terms if is_preferred]
    canonical = (preferred or [terms[0][0]])[0].text
    aliases: dict[tuple[str, str | None], Alias] = {}
    for alias, _ in terms:
        if alias.text != canonical:
            aliases.setdefault((alias.text, alias.lang), alias)
    try:
        active = _parse_active(fields.get("active", ""))
    except ValueError as exc:
        raise GlossaryError(path, 0, f"termEntry {element.get('id') or canonical!r}: bad active dates: {exc}") from None
    id = element.get("id") or ""
    if not _ID.fullmatch(id) or id in used:
        id = _new_id("imp", canonical, used)
    return Entry(id, type, canonical, tuple(aliases.values()), _split_list(fields.get("roles", "")),
                 _split_list(fields.get("places", "")), active, _split_list(fields.get("cooccurs", "")), "; ".join(notes))


def _tbx_term(holder: ET.Element, lang: str | None) -> list[tuple[Alias, bool]]:
    """The term of a ``tig``/``ntig``/``termSec`` as (alias, is the preferred term)."""
    text, term_type, preferred = "", "", False
    ours: dict[str, str] = {}
    for node in holder.iter():
        tag, value = _local(node.tag), "".join(node.itertext()).strip()
        if tag == "term" and not text:
            text = value
        elif tag == "termNote" and node.get("type") == "administrativeStatus":
            preferred = value.startswith("preferredTerm")
        elif tag == "termNote" and node.get("type") == "termType":
            term_type = value
        elif tag == "note" and value.startswith(_TBX_PREFIX):
            ours.update(item.partition("=")[::2] for item in value[len(_TBX_PREFIX):].split(";"))
    if not text:
        return []
    kind = ours.get("kind", "")
    if kind not in KINDS:
        kind = "abbreviation" if term_type in ("abbreviation", "acronym") else "variant"
    return [(Alias(text, lang, ours.get("script") or script_of(text), kind), preferred)]


def _iso639_1(tag: str) -> str | None:
    primary = tag.split("-")[0].split("_")[0].lower()
    return primary if _LANG.fullmatch(primary) else None


def _new_id(prefix: str, name: str, used: set[str]) -> str:
    """``prefix:<slug of name>``, with ``-2``, ``-3``... added when taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    base = f"{prefix}:{slug or hashlib.sha1(name.encode()).hexdigest()[:10]}"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# ---------------------------------------------------------------------------------------
# Two-column tables (DeepL, Google Translate, CAT tools)


def export_table(glossary: Glossary, path: str | Path, *, lang: str | None = None) -> None:
    """Write ``variant, canonical`` rows without header (comma for ``.csv``, else tab).

    With ``lang``, only aliases in that language or of unknown language are written. Aliases
    that name more than one entry (``al-Issawi``) are left out: a translation tool would
    rewrite every namesake into one person. An entry with no row written gets a
    ``canonical, canonical`` row (a do-not-translate term).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=_delimiter(path), lineterminator="\n")
    for entry in glossary:
        rows = [(alias.text, entry.canonical) for alias in entry.aliases
                if (lang is None or alias.lang in (None, lang)) and len(glossary.candidates(alias.text)) == 1]
        writer.writerows(rows or [(entry.canonical, entry.canonical)])
    write_text_atomic(path, buffer.getvalue())


def import_table(path: str | Path, source_lang: str | None = None, target_lang: str | None = None) -> Glossary:
    """Read ``variant, canonical`` rows (comma for ``.csv``, else tab; optional header row).

    Rows sharing a canonical term become one ``other`` entry with id ``imp:<slug>``.
    Variants get ``source_lang`` (or a DeepL-style third column) as language, and kind
    ``translation`` when the source and target languages differ, else ``variant``.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GlossaryError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise GlossaryError(path, 0, "not valid UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path))
    groups: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    first = True
    try:
        for row in reader:
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if first and _is_table_header(cells, source_lang, target_lang):
                first = False
                continue
            first = False
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise GlossaryError(path, reader.line_num, "expected two columns: a term variant, then its canonical term")
            row_source = source_lang or (_iso639_1(cells[2]) if len(cells) > 2 else None)
            row_target = target_lang or (_iso639_1(cells[3]) if len(cells) > 3 else None)
            groups.setdefault(cells[1], {}).setdefault(cells[0], (row_source, row_target))
    except csv.Error as exc:
        raise GlossaryError(path, reader.line_num, f"bad table row ({exc})") from None
    entries: list[Entry] = []
    used: set[str] = set()
    for canonical, variants in groups.items():
        aliases = tuple(
            Alias(variant, src, script_of(variant), "translation" if src and tgt and src != tgt else "variant")
            for variant, (src, tgt) in variants.items() if variant != canonical)
        id = _new_id("imp", canonical, used)
        used.add(id)
        entries.append(Entry(id, "other", canonical, aliases))
    return Glossary(entries, [str(path)])


def _delimiter(path: str | Path) -> str:
    return "," if str(path).lower().endswith(".csv") else "\t"


def _is_table_header(cells: list[str], source_lang: str | None, target_lang: str | None) -> bool:
    pair = [cell.casefold() for cell in cells[:2]]
    if len(pair) < 2:
        return False
    return all(cell in _TABLE_HEADER_WORDS for cell in pair) or (
        source_lang is not None and target_lang is not None and pair == [source_lang.casefold(), target_lang.casefold()])
