"""Citations of catalogued sources: aliases next to a cue, as a credit, or distinctive anywhere; cue look-ups."""
from __future__ import annotations

import re

from ...corpus import Document
from ...names.resources import type_cues
from ...text.literals import fold_for_match
from ..model import Citation, Source
from .catalog import (
    ARABIC,
    ARTICLES,
    CONTEXT_CHARS,
    CUE_CLITICS,
    MAX_AFTER_CUE_CHARS,
    MAX_CUE_GAP_WORDS,
    WORD,
    Alias,
    alias_key,
    catalog,
    last_word,
    source_slug,
)

# Contexts


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


_LINE_HEAD = 1000
"""How much of a line the boilerplate test reads: the start of a line is enough (the longest
call to action is 236 characters), and a line of megabytes is not folded whole for each name on it."""


def is_boilerplate_line(text: str, start: int, end: int) -> bool:
    """Whether the line around ``text[start:end]`` is an outlet's call to action."""
    line_start, line_end = _line_bounds(text, start, end)
    head = text[line_start:min(line_end, line_start + _LINE_HEAD)].lstrip()
    if len(head) < _LINE_HEAD // 2 and line_end > line_start + _LINE_HEAD:  # white space first
        head = text[line_start:line_end].lstrip()
    return head.rstrip().casefold().startswith(catalog().boilerplate)


_AGENCY_CODE = re.compile(r"[A-Z]{2,5}|[a-z]{2,5}")
"""A wire service's short code, as joined to another by a slash in a credit ("dpa/GNA", "AFP/ANSA")."""

_SLASHED_DATELINE = re.compile(r"(?:/[A-Za-z]{2,5})+\s*[-–—]\s")
"""Codes joined to a name by slashes, then a dateline's dash ("dpa/GNA – ...")."""


def _slashed_codes(inner: str) -> set[str]:
    """The agency codes of a slash-joined credit ("dpa/GNA" gives both), empty without a slash."""
    parts = [p.strip() for p in inner.split("/")] if "/" in inner else []
    return {p.casefold() for p in parts if _AGENCY_CODE.fullmatch(p)}


_SLASHED_CREDIT = re.compile(r"(?:^|[.!?]\s)\s*(\w+)(?:/\w+)?\s*:[^.:!?\n]{0,80}/$")
"""A credit label ("Bild:", "Foto/Quelle:") opening a line or following a caption's last sentence,
then a holder and a slash right before the agency's name."""


def _after_slash_on_credit_line(text: str, start: int, end: int) -> bool:
    """The name ends a line's credit after a slash ("... ereignet hat. Bild: Polizeiinspektion Magdeburg/dpa")."""
    line_start, line_end = _line_bounds(text, start, end)
    label = _SLASHED_CREDIT.search(text[max(line_start, start - 200):start])
    return bool(label and label.group(1).casefold() in catalog().credit_words and not text[end:line_end].strip())


def _is_credit(text: str, start: int, end: int) -> bool:
    """The name stands as a credit: alone in parentheses (possibly joined to other agency codes
    by slashes, "(dpa/GNA)"), before slashed codes and a dateline dash, or on a credit line ("Photo: AFP")."""
    words = catalog().credit_words
    open_at = text.rfind("(", max(0, start - 30), start)
    close_at = text.find(")", end, end + 40)
    if open_at >= 0 and close_at >= 0 and "\n" not in text[open_at:close_at]:
        rest = text[open_at + 1:start] + " " + text[end:close_at]
        allowed = words | _slashed_codes(text[open_at + 1:close_at])
        if all(w.casefold() in allowed for w in WORD.findall(rest)) and ")" not in text[open_at:start]:
            return True
    if _SLASHED_DATELINE.match(text, end) or _after_slash_on_credit_line(text, start, end):
        return True
    line_start, line_end = _line_bounds(text, start, end)
    rest = text[line_start:start] + " " + text[end:line_end]
    return len(text[line_start:line_end].strip()) < 80 and all(w.casefold() in words for w in WORD.findall(rest))


_LAST_WORD = re.compile(r"[\s(\"“„«‹'‘‚]*[\w’'\-]+[\s(\"“„«‹'‘‚]*$")


def _may_end_with_cue(head: str) -> bool:
    """Whether ``head`` may end with a cue before a name: its last word is a cue's last word (a cue
    is followed by nothing but spaces and marks; a one-word Arabic cue may have و or ف glued
    before it). Checked before the search of every cue, which tries every position of ``head``."""
    word, endings = fold_for_match(last_word(head)), catalog().before_cue_endings
    return word in endings or (len(word) > 1 and word[0] in CUE_CLITICS and word[1:] in endings)


def cue_before(text: str, start: int) -> str | None:
    """The citation cue right before ``start`` (a few words, an article, a bracket or an opening
    quotation mark between)."""
    window = text[max(0, start - CONTEXT_CHARS):start]
    window = window[max(window.rfind("\n"), window.rfind("."), window.rfind(";")) + 1:]
    head = window
    for gap in range(0, MAX_CUE_GAP_WORDS + 1):
        if gap:  # one more word left out between the cue and the name
            match = _LAST_WORD.search(head)
            if not match:
                break
            head = head[:match.start()]
        cue = catalog().before_cues.search(head.rstrip() + " ") if _may_end_with_cue(head) else None
        if cue and not re.search(r"[,:;)]", head[cue.end():]):
            phrase = cue.group().strip(" \t(\"“„«‹'‘‚")
            between = WORD.findall(window[len(head):])
            if _cue_is_tight(phrase) and not all(_is_modifier(w) for w in between):
                continue
            return phrase
    return None


def _cue_is_tight(phrase: str) -> bool:
    """Cues ending in "by"/"to" ("published by", "told") allow only articles and adjectives
    between them and the name; "according to" allows a few words ("a recently published")."""
    folded = phrase.casefold()
    return folded.endswith((" by", " to", "told")) and not folded.startswith("according")


def _is_modifier(word: str) -> bool:
    """An article, a capitalized adjective such as a nationality ("the American"), or a noun
    naming an outlet ("to the newspaper Asharq Al-Awsat")."""
    folded = word.casefold()
    return folded in ARTICLES or (word[:1].isupper() and not word.isupper()) or \
        type_cues()["before"].get(folded) == "organization"


def cue_after(text: str, end: int) -> str | None:
    """The citation cue right after ``end`` ("reported", "first reported", "'s report")."""
    rest = text[end:end + CONTEXT_CHARS]
    skip = re.match(r"(?:['’]s)?[\s)\"”“»›'’‘,]*", rest)
    offset = skip.end() if skip else 0
    if offset > MAX_AFTER_CUE_CHARS + 2:
        return None
    cue = catalog().after_cues.search(rest[offset:])
    return cue.group("cue") if cue else None


def cue_kind(phrase: str | None) -> str:
    """The source kind a cue implies; empty without a cue or for a cue that implies none."""
    kind = catalog().cue_kinds.get(alias_key(phrase)) if phrase else None
    return kind if kind and kind != "-" else ""


def own_outlet(doc: Document, source: Source, alias: str) -> bool:
    """Whether ``source`` is the outlet that published ``doc`` (its own name is no citation)."""
    if not doc.outlet:
        return False
    outlet = alias_key(doc.outlet)
    return outlet in (alias_key(alias), alias_key(source.name)) or source.id == f"src:{source_slug(doc.outlet)}"


# ---------------------------------------------------------------------------------------------
# Finders


_OTHER_SPACE = re.compile(r"[^\S ]")
"""White space other than a space: made a space, every space being one already."""


def _alias_matches(text: str) -> list[tuple[int, int, Alias]]:
    """Known aliases in ``text`` (longest at each place), on word boundaries; an Arabic alias
    may carry proclitics (و, ف, ب, ل, ك), which stay out of the span."""
    cat = catalog()
    spaced = _OTHER_SPACE.sub(" ", text)
    lowered = spaced.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two: keep offsets exact
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in spaced)
    found = []
    for haystack, automaton in ((lowered, cat.folded_aliases), (spaced, cat.exact_aliases)):
        if not len(automaton):
            continue
        for last, (key, alias) in automaton.iter(haystack):
            start, end = last - len(key) + 1, last + 1
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            if ARABIC.search(key):
                start = _after_proclitics(text, start)
                if start is None:
                    continue
                if key != alias.text.lower():  # the ل form: the article's ل is the preposition's
                    start += 1
            elif start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            found.append((start, end, alias))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    longest: list[tuple[int, int, Alias]] = []
    for match in found:
        if longest and match[0] < longest[-1][1]:
            continue
        longest.append(match)
    return longest


def _after_proclitics(text: str, start: int) -> int | None:
    """``start`` if a word boundary precedes it, past at most two proclitic letters; else None."""
    at = start
    while at > 0 and start - at < 2 and text[at - 1] in "وفبلك":
        at -= 1
    if at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
        return None
    return start


def known_citations(doc: Document) -> list[Citation]:
    """Citations of catalogued sources in ``doc``: distinctive aliases anywhere, others by a cue or as a credit."""
    text = doc.text
    cat = catalog()
    found = []
    for start, end, alias in _alias_matches(text):
        source = cat.sources[alias.source_id]
        if is_boilerplate_line(text, start, end) or own_outlet(doc, source, alias.text):
            continue
        cue = cue_before(text, start) or cue_after(text, end)
        credit = _is_credit(text, start, end)
        if alias.mode == "credit" and not credit:
            continue
        if alias.mode == "cue" and not (credit or cue):
            continue
        found.append(Citation(doc.id, start, end, source, cue or ("credit" if credit else "name")))
    return found
