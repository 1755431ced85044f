"""Loading the detectors' data files: per-language tables and shared word lists.

Everything a detector knows about a language lives under ``data/``: one folder per source
language (``data/ar``, ``data/es``, ...) with TSV tables, and ``data/common`` with word lists
and tables shared by all languages. Tables have a header row; lines starting with ``#`` are
comments. In regular expressions, ``{NAME}`` expands to an alternation of the entries of
``data/common/<name>.txt`` (longest first, escaped), e.g. ``{WEEKDAYS}``.
"""
from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
COMMON = "common"
DEFAULT_DOCUMENT_LANGUAGE = "en"
"""The document language of a pattern-table row without an ``in`` cell."""
_MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")


class DataError(Exception):
    """A data file of the artifacts stage is missing or malformed."""


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [line.rstrip("\r\n") for line in handle if line.strip() and not line.startswith("#")]


@cache
def read_table(relative: str) -> tuple[dict[str, str], ...]:
    """Rows of the TSV file ``data/<relative>`` as dictionaries (empty cells are "")."""
    path = DATA_DIR / relative
    lines = _lines(path)
    if not lines:
        raise DataError(f"{path}: empty table")
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for number, cells in enumerate(reader, 2):
        if len(cells) > len(header):
            raise DataError(f"{path}: row {number} has {len(cells)} cells for {len(header)} columns")
        rows.append({name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)})
    return tuple(rows)


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/common/<name>.txt``, one a line."""
    return tuple(line.strip() for line in _lines(DATA_DIR / COMMON / f"{name}.txt"))


@cache
def read_json(name: str) -> Any:
    """The parsed ``data/common/<name>.json``."""
    with open(DATA_DIR / COMMON / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def source_languages() -> tuple[str, ...]:
    """Codes of the languages that have a data folder, sorted."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir() if p.is_dir() and p.name != COMMON))


def language_rows(table: str) -> list[tuple[str, dict[str, str]]]:
    """(language, row) for every row of ``data/<lang>/<table>`` over all languages that have it."""
    rows: list[tuple[str, dict[str, str]]] = []
    for lang in source_languages():
        if (DATA_DIR / lang / table).is_file():
            rows.extend((lang, row) for row in read_table(f"{lang}/{table}"))
    return rows


def expand(pattern: str) -> str:
    """``pattern`` with every ``{NAME}`` replaced by the alternation of a common word list."""

    def alternation(match: re.Match[str]) -> str:
        entries = sorted(word_list(match.group(1).lower()), key=lambda e: (-len(e), e))
        return "(?:" + "|".join(re.escape(e) for e in entries) + ")"

    return _MACRO.sub(alternation, pattern)


@cache
def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a data-file regular expression (macros expanded), naming the pattern on error."""
    try:
        return re.compile(expand(pattern), flags)
    except re.error as exc:
        raise DataError(f"bad regular expression {pattern!r}: {exc}") from None


@cache
def language_names() -> dict[str, str]:
    """English names of languages by ISO 639-1 code."""
    return {row["code"]: row["name"] for row in read_table(f"{COMMON}/languages.tsv")}


def language_name(code: str) -> str:
    """The English name of a language code (the code itself when unknown)."""
    return language_names().get(code, code)


def document_languages(row: dict[str, str]) -> tuple[str, ...]:
    """The document languages a pattern row applies to: its ``in`` cell, else English."""
    return candidate_list(row.get("in", "")) or (DEFAULT_DOCUMENT_LANGUAGE,)


def candidate_list(cell: str) -> tuple[str, ...]:
    """A comma-separated cell of language codes as a tuple (empty cell: empty tuple)."""
    return tuple(code.strip() for code in cell.split(",") if code.strip())
