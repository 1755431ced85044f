"""Two-column glossary tables (DeepL, Google Translate, CAT tools): ``variant, canonical`` rows."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..atomic import write_text_atomic
from ..text import script_of
from .model import Alias, Entry, Glossary, GlossaryError, iso639_1, new_id

_TABLE_HEADER_WORDS = {"source", "target", "term", "terms", "variant", "alias", "canonical", "translation",
                       "src", "tgt", "original", "replacement", "from", "to", "source term", "target term"}

_Languages = tuple[str | None, str | None]  # (source, target) language of one row


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
    groups = _read_groups(path, text, source_lang, target_lang)
    entries: list[Entry] = []
    used: set[str] = set()
    for canonical, variants in groups.items():
        aliases = tuple(Alias(variant, src, script_of(variant), _kind(src, tgt))
                        for variant, (src, tgt) in variants.items() if variant != canonical)
        id = new_id("imp", canonical, used)
        used.add(id)
        entries.append(Entry(id, "other", canonical, aliases))
    return Glossary(entries, [str(path)])


def _read_groups(path: str | Path, text: str, source_lang: str | None,
                 target_lang: str | None) -> dict[str, dict[str, _Languages]]:
    """The variants of each canonical term, in table order, with their row's languages."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path))
    groups: dict[str, dict[str, _Languages]] = {}
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
                raise GlossaryError(path, reader.line_num,
                                    "expected two columns: a term variant, then its canonical term")
            groups.setdefault(cells[1], {}).setdefault(cells[0], _row_languages(cells, source_lang, target_lang))
    except csv.Error as exc:
        raise GlossaryError(path, reader.line_num, f"bad table row ({exc})") from None
    return groups


def _row_languages(cells: list[str], source_lang: str | None, target_lang: str | None) -> _Languages:
    """The languages given, else those of a DeepL-style third and fourth column."""
    source = source_lang or (iso639_1(cells[2]) if len(cells) > 2 else None)
    target = target_lang or (iso639_1(cells[3]) if len(cells) > 3 else None)
    return source, target


def _kind(source: str | None, target: str | None) -> str:
    """``translation`` between two known, different languages, else ``variant``."""
    return "translation" if source and target and source != target else "variant"


def _delimiter(path: str | Path) -> str:
    return "," if str(path).lower().endswith(".csv") else "\t"


def _is_table_header(cells: list[str], source_lang: str | None, target_lang: str | None) -> bool:
    pair = [cell.casefold() for cell in cells[:2]]
    if len(pair) < 2:
        return False
    if all(cell in _TABLE_HEADER_WORDS for cell in pair):
        return True
    return source_lang is not None and target_lang is not None and pair == [source_lang.casefold(),
                                                                            target_lang.casefold()]
