"""Words and passages left in the source language or script.

Three signals: runs of letters in another script than the document's (Arabic script in an
English text), sentences that the language layer identifies as another language and whose
words are confirmed by word frequencies, and single words common in a source language but
(nearly) absent from the document's language.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from ..lang import Segment, detect_document
from ..text import char_script, script_of, zipf
from ..text.scripts import letter_scripts
from .model import Artifact, Context, Spans, make_artifact
from .tables import COMMON, candidate_list, language_name, read_table, source_languages

DETECTOR = "untranslated"
SEGMENT_MIN_CONFIDENCE = 0.9
"""Confidence the language layer must give a sentence in another language."""
SEGMENT_MIN_SHARE = 0.6
"""Share of a foreign sentence's words that must be more frequent in its language than in the document's."""
WORD_MAX_ZIPF_HOME = 1.5
"""A single foreign word must be rarer than this in the document's language (wordfreq Zipf)..."""
WORD_MIN_ZIPF_SOURCE = 3.5
"""...and at least this frequent in the source language."""
WORD_MIN_LENGTH = 4


def zipf_frequency(word: str, lang: str) -> float:
    """The word's Zipf frequency in ``lang`` (the text layer's guarded, cached lookup)."""
    return zipf(word, lang)


_LETTERS = re.compile(r"[^\W\d_]+(?:[\s\u200c\u200d'’-]+[^\W\d_]+)*")
_WORD_OF = r"(?<![\w.@/])[^\W\d_]{%s}(?![\w@/])"
"""A whole run of letters (not part of an address or a path) of as many letters as the count says."""
_LOWER_WORD = re.compile(_WORD_OF % "1,")
_LONG_WORD = re.compile(_WORD_OF % f"{WORD_MIN_LENGTH},")


@lru_cache(maxsize=1)
def script_candidates() -> dict[str, tuple[str, ...]]:
    """Source languages by script (``data/common/scripts.tsv``)."""
    return {row["script"]: candidate_list(row["candidates"]) for row in read_table(f"{COMMON}/scripts.tsv")}


@cache
def _latin_sources(home: str) -> tuple[str, ...]:
    """Latin-script source languages for single words (English loanwords in other languages do not count)."""
    latin = {row["code"] for row in read_table(f"{COMMON}/languages.tsv") if row["script"] == "Latin"}
    return tuple(lang for lang in source_languages() if lang in latin and lang not in (home, "en"))


def foreign_script_runs(ctx: Context) -> list[Artifact]:
    """Runs of letters in a non-Latin script (``scripts.tsv``) other than the document's main script.

    Latin words in an Arabic or Russian text (acronyms, handles, names) are ordinary there.
    """
    scripts = letter_scripts(ctx.text)
    if len(scripts) < 2:
        return []  # letters of one script: no run can be in another
    home = script_of(ctx.text)
    found = []
    for match in _LETTERS.finditer(ctx.text):
        script = script_of(match.group())
        if script == home or script not in script_candidates():
            continue
        if any(char_script(c) == home for c in match.group() if c.isalpha()):
            continue
        candidates = tuple(c for c in script_candidates()[script] if c != ctx.language)
        found.append(make_artifact(ctx, match.start(), match.end(), "untranslated", candidates, 0.7,
                                   f"words left in {script} script in a {home}-script text", DETECTOR))
    return found


def _leans_to(word: str, source: str, home: str) -> bool:
    return zipf_frequency(word, source) > zipf_frequency(word, home) + 0.5


def foreign_sentences(ctx: Context, segments: Sequence[Segment]) -> list[Artifact]:
    """Sentences in another language, confirmed word by word with word frequencies."""
    found = []
    for seg in segments:
        if seg.confidence < SEGMENT_MIN_CONFIDENCE or seg.lang == ctx.language:
            continue
        text = ctx.text[seg.start:seg.end]
        tokens = [w.lower() for w in _LOWER_WORD.findall(text)]
        if not tokens or script_of(text) != script_of(ctx.text):
            continue  # other scripts are reported by foreign_script_runs
        share = sum(_leans_to(w, seg.lang, ctx.language) for w in tokens) / len(tokens)
        if share >= SEGMENT_MIN_SHARE:
            found.append(make_artifact(ctx, seg.start, seg.end, "untranslated", (seg.lang,), 0.5 + 0.4 * share,
                                       f"a sentence left in {language_name(seg.lang)}", DETECTOR))
    return found


@lru_cache(maxsize=65_536)
def _source_candidates(word: str, home: str) -> tuple[str, ...]:
    """The source languages ``word`` is common in, most frequent first; none when it is not rare in ``home``."""
    if zipf_frequency(word, home) >= WORD_MAX_ZIPF_HOME:
        return ()
    scored = sorted(((zipf_frequency(word, lang), lang) for lang in _latin_sources(home)),
                    key=lambda p: (-p[0], p[1]))
    return tuple(lang for zipf, lang in scored if zipf >= WORD_MIN_ZIPF_SOURCE)


def foreign_words(ctx: Context) -> list[Artifact]:
    """Lower-case words that are common in a source language and all but unknown in the document's."""
    mention_spans = Spans((m.start, m.end) for m in ctx.mentions)
    found = []
    for match in _LONG_WORD.finditer(ctx.text):
        word = match.group()
        if not word.islower() or mention_spans.covers(match.start()):
            continue
        candidates = _source_candidates(word, ctx.language)
        if candidates:
            found.append(make_artifact(ctx, match.start(), match.end(), "untranslated", candidates, 0.5,
                                       f"a word common in {language_name(candidates[0])} and rare in "
                                       f"{language_name(ctx.language)}", DETECTOR))
    return found


def detect(ctx: Context, segments: Sequence[Segment] | None = None) -> list[Artifact]:
    """Untranslated artifacts; ``segments`` are the language layer's foreign sentences when known."""
    if segments is None:
        segments = detect_document(ctx.text, ctx.sentences).segments
    return foreign_script_runs(ctx) + foreign_sentences(ctx, segments) + foreign_words(ctx)
