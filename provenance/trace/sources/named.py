"""Citations of named organizations the catalog does not know, next to a cue; acronyms defined in the text."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ...corpus import Document
from ...names.frequency import COMMON_WORD_ZIPF, common_word
from ...names.model import Mention
from ..model import Citation, Source
from ..resources import FUNCTION_WORD_LANGS, common_words
from .catalog import (
    ACRONYM_DEFINITION,
    ARTICLES,
    COMPLEMENT_WORDS,
    WORD,
    alias_key,
    catalog,
    is_acronym,
    source_slug,
)
from .known import cue_after, cue_before, cue_kind, is_boilerplate_line, own_outlet

_NAME_WORD = r"(?:[A-Z][\w’'\-]*|of|for|and|the|on|al-\w+)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*")


@dataclass(frozen=True)
class _NamedSpan:
    start: int
    end: int
    name: str
    kind: str
    is_person: bool
    canonical: str | None = None


MIN_COMPOUND_PREFIX = 3
"""Letters a closed compound needs before its organization head (Netzeitung; not "Zeitung" alone)."""


def _organization_kind(words: Sequence[str]) -> str:
    kinds, heads = catalog().organization_kinds, catalog().compound_heads
    ends = _head_endings(heads)
    for word in reversed(words):
        folded = word.casefold()
        kind = kinds.get(folded, "")
        if not kind and folded.endswith(ends):
            kind = next((k for head, k in heads
                         if folded.endswith(head) and len(folded) - len(head) >= MIN_COMPOUND_PREFIX), "")
        if kind:
            return kind
    return ""


@cache
def _head_endings(heads: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The compound heads as one tuple, for a single ``str.endswith`` before the search for which."""
    return tuple(head for head, _ in heads)


def named_spans(text: str, mentions: Sequence[Mention]) -> list[_NamedSpan]:
    """Capitalized names with the kind of source they would be (persons marked as such)."""
    spans = []
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    for m in _NAME_RUN.finditer(text):
        words = _name_words(m.group())
        if not words:
            continue
        start = text.find(words[0], m.start())
        end = text.find(words[-1], start) + len(words[-1])
        mention = _overlapping(ordered, starts, start, end)
        if mention is not None and mention.type == "person":
            spans.append(_NamedSpan(start, end, text[start:end], "", True, mention.entity))
            continue
        kind, alone = _named_kind(words)
        canonical = None
        if mention is not None and mention.type == "organization":
            kind = kind or "organization"
            canonical = mention.entity if mention.entity_id else None
        else:
            kind = alone
        if kind:
            spans.append(_NamedSpan(start, end, text[start:end], kind, False, canonical))
    return spans


@lru_cache(maxsize=65_536)
def _name_words(run: str) -> tuple[str, ...]:
    """The words of a run of name words that may name a source: lower-case words, common words
    (not acronyms) and cue words taken off its start, lower-case words off its end."""
    words = run.split()
    if len(words) == 1 and words[0][0].islower():
        return ()  # one lower-case word ("the", or "on" inside "nation"): nothing is left of it below
    while words and (words[0][0].islower() or (words[0].casefold() in common_words() and not is_acronym(words[0]))
                     or alias_key(words[0]) in catalog().cue_kinds):  # "Laut Rotem Kreuz"; not "NOS"
        words.pop(0)
    while words and words[-1][0].islower():
        words.pop()
    return tuple(words)


@lru_cache(maxsize=65_536)
def _named_kind(words: tuple[str, ...]) -> tuple[str, str]:
    """The source kind of a name's words, and the kind it has without a mention of an
    organization (a lone acronym is one)."""
    kind = _organization_kind(words)
    if len(words) == 1 and words[0].casefold() in catalog().organization_kinds:
        kind = ""  # "Die Zeitung berichtete": a German common noun, no outlet's name
    alone = kind or ("organization" if len(words) == 1 and is_acronym(words[0]) else "")
    return kind, alone


def _overlapping(ordered: Sequence[Mention], starts: Sequence[int], start: int, end: int) -> Mention | None:
    """The first mention (by start) overlapping ``[start, end)``."""
    at = bisect_left(starts, start)
    for m in ordered[max(0, at - 3):at + 3]:
        if m.start < end and start < m.end:
            return m
    return None


def defined_acronyms(text: str, named: Sequence[_NamedSpan]) -> dict[str, _NamedSpan]:
    """Acronyms defined in the text: "Iraqi Security Media Cell (ISMC)" -> ISMC."""
    defined = {}
    for m in ACRONYM_DEFINITION.finditer(text):
        before = [n for n in named if 0 <= m.start() - n.end <= 1 and not n.is_person and n.name != m.group(1)]
        if before:
            defined[m.group(1)] = replace(before[-1], end=m.end(), name=text[before[-1].start:m.end()])
    return defined


def unknown_citations(doc: Document, named: Sequence[_NamedSpan], acronyms: dict[str, _NamedSpan],
                      known: Sequence[Citation]) -> list[Citation]:
    """Named organizations and outlets next to a citation cue, outside the known catalog (``named``:
    the document's :func:`named_spans`; ``acronyms``: their :func:`defined_acronyms`)."""
    text = doc.text
    known_spans = [(c.start, c.end) for c in known]
    found = []
    for span in named:
        if span.is_person or any(a < span.end and span.start < b for a, b in known_spans):
            continue
        if is_boilerplate_line(text, span.start, span.end):
            continue
        definition = acronyms.get(span.name)
        full = definition or next((d for d in acronyms.values() if d.start == span.start), None) or span
        known_alias = catalog().aliases.get(alias_key(span.name))
        cue = cue_before(text, span.start)
        if cue is None and not _is_complement(text, span.start):
            cue = cue_after(text, _definition_end(text, span, acronyms))
        if not cue:
            continue
        # an ambiguous known alias whose cue was after the acronym is the known source
        source = catalog().sources[known_alias.source_id] if known_alias is not None else _named_source(full, cue)
        if own_outlet(doc, source, span.name):
            continue
        found.append(Citation(doc.id, span.start, span.end, source, cue))
    return found


_QUOTED_NAME = re.compile(r"[„“\"«‹‚‘]\s?(?P<name>[^„“”\"«»‹›\n.,;:!?]{2,40}?)\s?[“”\"»›‘’]")
MAX_QUOTED_NAME_WORDS = 4


def quoted_citations(doc: Document, taken: Sequence[Citation]) -> list[Citation]:
    """An outlet named in quotation marks right after a cue ("sagte er gegenüber „heise online“",
    "selon « Le Parisien »"); a quoted phrase of common words only is a scare quote, not a name."""
    text = doc.text
    spans = [(c.start, c.end) for c in taken]
    found = []
    for m in _QUOTED_NAME.finditer(text):
        start, end = m.span("name")
        name = m.group("name").strip()
        words = WORD.findall(name)
        if not 1 <= len(words) <= MAX_QUOTED_NAME_WORDS or not name[:1].isalnum() \
                or any(a < end and start < b for a, b in spans) or is_boilerplate_line(text, start, end):
            continue
        alias = catalog().aliases.get(alias_key(name))
        if alias is None and _scare_quote(words):
            continue
        cue = cue_before(text, m.start())
        if not cue:
            continue
        source = catalog().sources[alias.source_id] if alias is not None else Source(
            f"src:{source_slug(name)}", name, _organization_kind(words) or cue_kind(cue) or "newspaper")
        if not own_outlet(doc, source, name):
            found.append(Citation(doc.id, start, start + len(name), source, cue))
    return found


def _zipf(word: str) -> float:
    return max(common_word(word, lang) for lang in FUNCTION_WORD_LANGS)


def _scare_quote(words: Sequence[str]) -> bool:
    """Quoted words that are no outlet's name: a common word in lower case first ("offiziellen
    Angaben"; an outlet's name may start in lower case, as "heise online" or "taz" do), or common
    words only with no capital after the first ("Rebellen")."""
    if words[0][:1].islower():
        return _zipf(words[0]) >= COMMON_WORD_ZIPF
    common = all(w.casefold() in common_words() or _zipf(w) >= COMMON_WORD_ZIPF for w in words)
    return common and not any(w[:1].isupper() for w in words[1:])


def _named_source(span: _NamedSpan, cue: str) -> Source:
    """The source a named span stands for: under the names stage's canonical name when it has
    one (so that spellings and translations of one organization share an id), with the
    acronym the text defines kept in the displayed name."""
    acronym = re.search(r"\(([^)]*)\)\s*$", span.name)
    base = span.canonical or without_acronym(span.name)
    name = f"{base} ({acronym.group(1)})" if acronym and span.canonical else span.name
    return Source(f"src:{source_slug(base)}", name, span.kind or cue_kind(cue) or "organization")


def _is_complement(text: str, start: int) -> bool:
    before = WORD.findall(text[max(0, start - 30):start])
    before = [w for w in before if w.casefold() not in ARTICLES]
    return bool(before) and before[-1].casefold() in COMPLEMENT_WORDS


def _definition_end(text: str, span: _NamedSpan, acronyms: dict[str, _NamedSpan]) -> int:
    """End of a name, past the acronym defined right after it."""
    for definition in acronyms.values():
        if definition.start == span.start:
            return definition.end
    return span.end


def without_acronym(name: str) -> str:
    """``name`` without a trailing acronym in parentheses."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name)


def acronym_known(acronyms: dict[str, _NamedSpan]) -> dict[str, str]:
    """Defined acronyms that are aliases of known sources: full name -> known source id."""
    out = {}
    for acronym, span in acronyms.items():
        alias = catalog().aliases.get(alias_key(acronym))
        if alias is not None:
            out[alias_key(without_acronym(span.name))] = alias.source_id
    return out
