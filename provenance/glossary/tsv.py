"""Glossary TSV pairs: reading (by column name), writing, and finding the bundled glossary.

A glossary is one or more pairs of UTF-8 TSV files, ``NAME.entities.tsv`` (one entity a
line) and ``NAME.aliases.tsv`` (one name variant a line); ``docs/glossary.md`` describes
the format. Cells are found through the header row, so the columns may come in any order
and a column this version does not know is ignored.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_text_atomic
from ..text import script_of
from .model import ID_PATTERN, KINDS, LANG_PATTERN, TYPES, Alias, Entry, Glossary, GlossaryError, where

ENTITY_COLUMNS = ("id", "type", "canonical", "roles", "places", "active", "cooccurs", "note")
ALIAS_COLUMNS = ("id", "alias", "lang", "script", "kind")
ENTITIES_SUFFIX = ".entities.tsv"
ALIASES_SUFFIX = ".aliases.tsv"
BUNDLED_FOLDER = "glossary"  # top-level folder of a source checkout
PACKAGED_FOLDER = "_glossary"  # the same folder inside an installed wheel (see pyproject.toml)

Report = Callable[[str, int, str, str], None]
"""Receives each finding as (path, line, severity, message); severity is ``error`` or ``warning``."""

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(slots=True)
class EntityRow:
    """One line of an entities file, with where it was read."""

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
class AliasRow:
    """One line of an aliases file, with where it was read."""

    path: str
    line: int
    id: str
    alias: Alias
    script_given: bool


def raise_errors(path: str, line: int, severity: str, message: str) -> None:
    """The :data:`Report` of a strict load: the first error is raised, warnings are dropped."""
    if severity == "error":
        raise GlossaryError(path, line, message)


# ---------------------------------------------------------------------------------------
# Finding the files


def find_pairs(paths: Iterable[str | Path], report: Report) -> list[tuple[str, str | None]]:
    """(entities file, aliases file or None) for every input path, without repeats."""
    pairs: dict[Path, tuple[str, str | None]] = {}
    for raw in paths:
        for entities in _entity_files(Path(raw), report):
            if not entities.is_file():
                report(str(entities), 0, "error", "no such file")
                continue
            aliases = _sibling(entities, ENTITIES_SUFFIX, ALIASES_SUFFIX)
            pairs.setdefault(entities.resolve(), (str(entities), str(aliases) if aliases.is_file() else None))
    return list(pairs.values())


def _entity_files(path: Path, report: Report) -> list[Path]:
    """The entities files a folder or a file of a pair stands for."""
    if path.is_dir():
        entity_files = sorted(path.glob("*" + ENTITIES_SUFFIX))
        if not entity_files:
            report(str(path), 0, "error", f"no *{ENTITIES_SUFFIX} files in this folder")
        for orphan in sorted(path.glob("*" + ALIASES_SUFFIX)):
            if not _sibling(orphan, ALIASES_SUFFIX, ENTITIES_SUFFIX).is_file():
                report(str(orphan), 0, "error", "aliases file without its entities file")
        return entity_files
    if path.name.endswith(ENTITIES_SUFFIX):
        return [path]
    if path.name.endswith(ALIASES_SUFFIX):
        return [_sibling(path, ALIASES_SUFFIX, ENTITIES_SUFFIX)]
    report(str(path), 0, "error", f"not a glossary: expected a folder, NAME{ENTITIES_SUFFIX} or NAME{ALIASES_SUFFIX}")
    return []


def _sibling(path: Path, suffix: str, other: str) -> Path:
    return path.with_name(path.name[: -len(suffix)] + other)


def default_glossary_paths() -> list[Path]:
    """The bundled glossary folder: ``glossary/`` of a source checkout, else the packaged copy."""
    package = Path(__file__).resolve().parent.parent  # provenance/, whose parent is the checkout
    for folder in (package.parent / BUNDLED_FOLDER, package / PACKAGED_FOLDER):
        if folder.is_dir() and any(folder.glob("*" + ENTITIES_SUFFIX)):
            return [folder]
    return []


# ---------------------------------------------------------------------------------------
# Reading lines and cells


def _rows(path: str, columns: tuple[str, ...], report: Report) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells in the order of ``columns``) of every data line.

    The header row (the first line that is not a comment) says where each column is. Without
    one, lines are read in the documented column order, so a check can go on past the error.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed by the with below, after the error report)
    except OSError as exc:
        report(path, 0, "error", f"cannot read: {exc.strerror or exc}")
        return
    header: list[str] | None = None
    positions = list(range(len(columns)))
    with handle:
        for number, cells in _cell_lines(path, handle, report):
            if header is None:
                header, found = _read_header(path, number, cells, columns, report)
                if found is not None:
                    positions = found
                if found is not None or any(cell in columns for cell in cells):
                    continue  # a header (whole or damaged), not data
            if len(cells) != len(header):
                report(path, number, "error",
                       f"expected {len(header)} tab-separated columns ({', '.join(header)}), found {len(cells)}")
                continue
            yield number, [cells[i] for i in positions]
    if header is None:
        report(path, 1, "error", f"missing header: no line names the columns {' '.join(columns)}")


def _cell_lines(path: str, handle: Iterable[bytes], report: Report) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of every line that is not blank or a comment."""
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
        yield number, list(map(str.strip, line.split("\t")))


def _read_header(path: str, number: int, cells: list[str], columns: tuple[str, ...],
                 report: Report) -> tuple[list[str], list[int] | None]:
    """The column names that rows must match, and where each of ``columns`` is (None: not a header).

    A header names every column once, in any order; a column it adds is ignored (a warning).
    """
    missing = [column for column in columns if cells.count(column) != 1]
    if not missing:
        for extra in dict.fromkeys(cell for cell in cells if cell not in columns):
            report(path, number, "warning", f"unknown column {extra!r} is ignored")
        return cells, [cells.index(column) for column in columns]
    if any(cell in columns for cell in cells):
        report(path, number, "error", f"bad header: it must name each of the columns {' '.join(columns)} once "
               f"(missing or repeated: {', '.join(missing)})")
    else:
        report(path, number, "error", f"missing header: the first line must name the columns {' '.join(columns)}")
    return list(columns), None


def split_list(value: str, interned: dict[str, str] | None = None) -> tuple[str, ...]:
    """The items of a ``|``-separated cell, each shared through ``interned`` when given."""
    items = [value] if "|" not in value else [item.strip() for item in value.split("|")]
    if interned is None:
        return tuple(item for item in items if item)
    return tuple(interned.setdefault(item, item) for item in items if item)


def parse_active(value: str) -> tuple[str | None, str | None]:
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
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    month = month or (12 if last else 1)
    try:
        return dt.date(year, month, day or (calendar.monthrange(year, month)[1] if last else 1))
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None


# ---------------------------------------------------------------------------------------
# Parsing rows


def parse_pairs(pairs: list[tuple[str, str | None]], report: Report) -> tuple[list[EntityRow], list[AliasRow]]:
    """Entity rows from every entities file, then alias rows from every aliases file."""
    interned: dict[str, str] = {}  # one string object for repeated roles, places, ids, codes
    seen: dict[str, tuple[str, int]] = {}
    entities = [row for path, _ in pairs for row in _entity_rows(path, seen, interned, report)]
    kept = {row.id: row.id for row in entities}
    aliases = [row for _, path in pairs if path is not None
               for row in _alias_rows(path, seen, kept, interned, report)]
    return entities, aliases


def _entity_rows(path: str, seen: dict[str, tuple[str, int]], interned: dict[str, str],
                 report: Report) -> Iterator[EntityRow]:
    """The valid rows of one entities file; ``seen`` records where each id was first defined."""
    for number, (id, type, canonical, roles, places, active, cooccurs, note) in _rows(path, ENTITY_COLUMNS, report):
        if not ID_PATTERN.fullmatch(id):
            report(path, number, "error",
                   f"bad id {id!r}: ids are non-empty, without spaces or '|' (e.g. per:jane-doe)")
            continue
        if id in seen:
            report(path, number, "error", f"duplicate id {id} (first defined at {where(*seen[id])})")
            continue
        seen[id] = (path, number)
        if type not in TYPES:
            report(path, number, "error", f"unknown type {type!r} (expected {', '.join(TYPES)})")
            continue
        if not canonical:
            report(path, number, "error", f"empty canonical name for {id}")
            continue
        try:
            span = parse_active(active)
        except ValueError as exc:
            report(path, number, "error", f"bad active dates {active!r}: {exc}")
            span = (None, None)
        yield EntityRow(path, number, id, interned.setdefault(type, type), canonical, split_list(roles, interned),
                        split_list(places, interned), span, split_list(cooccurs, interned), note)


def _alias_rows(path: str, seen: dict[str, tuple[str, int]], kept: dict[str, str], interned: dict[str, str],
                report: Report) -> Iterator[AliasRow]:
    """The valid rows of one aliases file, for the ids in ``kept`` (``seen``: every id read)."""
    for number, (id, text, lang, script, kind) in _rows(path, ALIAS_COLUMNS, report):
        if id not in seen:
            report(path, number, "error", f"alias for unknown id {id!r}")
            continue
        if id not in kept:
            continue  # its entity line is in error already
        if not text:
            report(path, number, "error", f"empty alias for {id}")
            continue
        if lang and not LANG_PATTERN.fullmatch(lang):
            report(path, number, "error", f"bad language code {lang!r} (expected ISO 639-1 like en, ar, or empty)")
            lang = ""
        if kind not in KINDS:
            report(path, number, "error", f"unknown kind {kind!r} (expected {', '.join(KINDS)})")
            kind = "variant"
        alias = Alias(text, interned.setdefault(lang, lang) or None,
                      interned.setdefault(script, script) if script else script_of(text),
                      interned.setdefault(kind, kind))
        yield AliasRow(path, number, kept[id], alias, bool(script))


def _build(pairs: list[tuple[str, str | None]], entities: list[EntityRow], aliases: list[AliasRow]) -> Glossary:
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
    pairs = find_pairs(paths, raise_errors)
    return _build(pairs, *parse_pairs(pairs, raise_errors))


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
            format_active(entry.active), _cell_list(entry.cooccurs), _cell(entry.note))))
        for alias in entry.aliases:
            alias_lines.append("\t".join((_cell(entry.id), _cell(alias.text), alias.lang or "", alias.script,
                                          alias.kind)))
    entities_path = directory / f"{name}{ENTITIES_SUFFIX}"
    aliases_path = directory / f"{name}{ALIASES_SUFFIX}"
    write_text_atomic(entities_path, "\n".join(entity_lines) + "\n")
    write_text_atomic(aliases_path, "\n".join(alias_lines) + "\n")
    return entities_path, aliases_path


def _cell(value: str) -> str:
    return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value


def _cell_list(values: Iterable[str]) -> str:
    return "|".join(_cell(value).replace("|", "/") for value in values)


def format_active(active: tuple[str | None, str | None]) -> str:
    """The ``active`` cell of a (from, to) pair: ``FROM..TO``, or empty when both are unknown."""
    return "" if active == (None, None) else f"{active[0] or ''}..{active[1] or ''}"
