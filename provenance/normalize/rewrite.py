"""Rewriting names to their canonical spelling in one document's text, and undoing it."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..corpus import Document
from ..names.keys import ParsedName, parse_name
from ..names.linker import all_match, any_match
from ..names.model import Mention
from ..names.resources import particles
from ..text import script_of

MODES = ("replace", "annotate")
_ASCII_LETTER = re.compile("[A-Za-z]")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|Al|El|AL|EL)[\s\-\u2010\u2011]+(?=\w)")


class NormalizeError(Exception):
    """A normalization or undo that cannot be done safely (it would write into its input)."""


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

    def to_dict(self) -> dict[str, Any]:
        """The change as a ``mentions.jsonl`` record."""
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
    part = _matched_part(groups, matched[0], matched[-1], written, articled=names[0].articled)
    return _same_case(" ".join(part), surface)


def _matched_part(groups: list[str], first: int, last: int, written: ParsedName, *, articled: bool) -> list[str]:
    """The word groups ``first..last`` of the entity's name, with the particles the written name has
    (``articled``: whether its first name word carries the article)."""
    while first > 0 and _particle_role(groups[first - 1]) in _role_set(written):
        first -= 1
    part = groups[first:last + 1]
    lead = part[0].split(" ", 1)
    if not written.kunya and len(lead) == 2 and _particle_role(lead[0]) == "kunya":
        part[0] = lead[1]  # "Yasir" alone stays one word, not "Abu Yasir"
    if not articled and _ARTICLE_PREFIX.match(part[0]):
        part[0] = _ARTICLE_PREFIX.sub("", part[0])
    return part


@lru_cache(maxsize=100_000)
def _script(name: str) -> str:
    """:func:`script_of` a name (cached: entity names repeat), ASCII ones without a per-letter lookup."""
    if name.isascii():
        return "Latin" if _ASCII_LETTER.search(name) else "Common"
    return script_of(name)


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


@dataclass(frozen=True)
class Edit:
    """A change to make: ``text`` in place of ``doc.text[start:end] == surface``, with the link behind it."""

    doc: str
    start: int
    end: int
    surface: str
    text: str
    entity: str
    entity_id: str | None
    type: str
    method: str
    score: float


def check_mode(mode: str) -> None:
    """Raise ValueError unless ``mode`` is one of :data:`MODES`."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


def mention_edits(mentions: Iterable[Mention], types: Iterable[str] = ("person",)) -> list[Edit]:
    """Every mention of ``types`` written differently from its canonical spelling, as an edit
    (no certainty checks: :mod:`.plan` decides what a corpus normalization rewrites)."""
    wanted = frozenset(types)
    edits = []
    for mention in mentions:
        if mention.type not in wanted or mention.surface == mention.entity:
            continue
        canonical = canonical_form(mention)
        if canonical is not None and canonical != mention.surface:
            edits.append(Edit(mention.doc, mention.start, mention.end, mention.surface, canonical,
                              mention.entity or "", mention.entity_id, mention.type, mention.method, mention.score))
    return edits


def normalize_text(doc: Document, mentions: Iterable[Mention], types: Iterable[str] = ("person",),
                   mode: str = "replace") -> tuple[str, list[Change], list[str]]:
    """The normalized text of one document, its changes, and the mentions skipped (with why),
    rewriting every mention of ``types`` that is a variant spelling."""
    return rewrite_text(doc, mention_edits(mentions, types), mode)


def rewrite_text(doc: Document, edits: Iterable[Edit], mode: str = "replace") -> tuple[str, list[Change], list[str]]:
    """The text of ``doc`` with ``edits`` made, the changes made, and the edits skipped (with why)."""
    check_mode(mode)
    pieces: list[str] = []
    changes: list[Change] = []
    skipped: list[str] = []
    cursor = 0
    new_length = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor or doc.text[edit.start:edit.end] != edit.surface:
            skipped.append(f"{doc.id}:{edit.start}-{edit.end}: span does not match the text or overlaps")
            continue
        replacement = edit.text if mode == "replace" else f"{edit.surface} [{edit.text}]"
        kept = doc.text[cursor:edit.start]
        pieces.append(kept)
        new_length += len(kept)
        pieces.append(replacement)
        changes.append(Change(doc.id, edit.start, edit.end, edit.surface, new_length, new_length + len(replacement),
                              replacement, edit.entity, edit.entity_id, edit.type, edit.method, edit.score))
        new_length += len(replacement)
        cursor = edit.end
    pieces.append(doc.text[cursor:])
    return "".join(pieces), changes, skipped


def restore_text(normalized: str, changes: Iterable[Change | dict[str, Any]]) -> str:
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
