"""Broken sentences: lower-case starts after a full stop, orphan infinitives, split paragraphs.

Machine translation works sentence by sentence; where it splits or joins wrongly it leaves
"damage. possible.", a lone "To reunite." after a finished sentence, or a paragraph break
inside a sentence. These rules hold for any language written in a cased script.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sacremoses import MosesTokenizer

from .model import Artifact, Context, make_artifact
from .tables import word_list

DETECTOR = "fragments"
MAX_FRAGMENT_WORDS = 5
"""A lower-case continuation up to this many words long is reported whole."""

_LOWER_AFTER_STOP = re.compile(r"(?P<prev>\b[^\W\d_][\w'’-]*)\.(?P<gap>[ \t]+)(?P<next>[^\W\d_][\w'’-]*)\b(?![./@:]\w)")
_ORPHAN_INFINITIVE = re.compile(r"To [a-z]+(?: [a-z]+)?[.!]")
_SPLIT_PARAGRAPH = re.compile(r"(?<![a-z])(?P<prev>[a-z]+),?[ \t]*(?:\r?\n[ \t]*){2,}(?P<next>[a-z]+)\b")
"""A lower-case word, a paragraph break, a lower-case word; the first word taken whole (a match can
only start where a run of lower-case letters does, so no other start is tried)."""
_FRAGMENT_END = re.compile(r"[.!?…]")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8)
def abbreviations(lang: str) -> frozenset[str]:
    """Lower-cased words after which a full stop does not end a sentence."""
    try:
        tokenizer = MosesTokenizer(lang)
    except Exception:  # sacremoses has no list for this language: use the English one
        tokenizer = MosesTokenizer("en")
    prefixes = {p.split(" ", 1)[0].lower() for p in tokenizer.NONBREAKING_PREFIXES}
    return frozenset(prefixes | set(word_list("abbreviations")))


def _continuation_end(text: str, start: int) -> int:
    """End of the short lower-case fragment starting at ``start`` (its terminal mark included)."""
    stop = _FRAGMENT_END.search(text, start)
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if stop and stop.start() < line_end and len(_WORD.findall(text[start:stop.start()])) <= MAX_FRAGMENT_WORDS:
        return stop.end()
    word = _WORD.match(text, start)
    return start + (len(word.group()) if word else 0)


def lower_case_starts(ctx: Context) -> list[Artifact]:
    """A full stop followed by a lower-case word: a sentence broken in two."""
    known = abbreviations(ctx.language)
    found = []
    for match in _LOWER_AFTER_STOP.finditer(ctx.text):
        prev = match.group("prev")
        if not match.group("next")[0].islower():
            continue
        if len(prev) == 1 or prev.lower() in known or ctx.text[match.start() - 1:match.start()] == ".":
            continue
        end = _continuation_end(ctx.text, match.start("next"))
        found.append(make_artifact(ctx, match.start(), end, "fragment", (), 0.7,
                                   "a sentence starts in lower case after a full stop: a broken sentence split",
                                   DETECTOR))
    return found


def orphan_infinitives(ctx: Context) -> list[Artifact]:
    """A sentence that is only "To <verb>." standing after another sentence on its line."""
    if ctx.language != "en":
        return []
    found = []
    for sent in ctx.sentences:
        line_start = ctx.text.rfind("\n", 0, sent.start) + 1
        if _ORPHAN_INFINITIVE.fullmatch(sent.text) and ctx.text[line_start:sent.start].strip():
            found.append(make_artifact(ctx, sent.start, sent.end, "fragment", (), 0.65,
                                       "an orphan infinitive with no clause to attach to: a purpose clause cut off "
                                       "from its sentence", DETECTOR))
    return found


def split_paragraphs(ctx: Context) -> list[Artifact]:
    """A paragraph break between a lower-case word and a lower-case word: one sentence split."""
    return [
        make_artifact(ctx, m.start(), m.end(), "fragment", (), 0.6,
                      "a paragraph break inside a sentence", DETECTOR)
        for m in _SPLIT_PARAGRAPH.finditer(ctx.text)
    ]


def detect(ctx: Context) -> list[Artifact]:
    """Fragment artifacts of a document in a cased script."""
    return lower_case_starts(ctx) + orphan_infinitives(ctx) + split_paragraphs(ctx)
