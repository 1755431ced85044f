"""Fluency evidence: wording a causal language model finds far more surprising than its sentence.

Each sentence is read by the model with the sentence before it as context, giving every word
a surprise (-log p, summed over its tokens). A word much more surprising than the rest of its
sentence (thresholds in ``data/common/fluency.json``) is unusual wording: with its more
surprising neighbour it becomes a ``calque`` candidate (common words in an uncommon
combination) or a ``mistranslation`` candidate (an odd word choice). Names, numbers and quoted
words do not count, nor does a span a rule-based detector already reported. The model is off by
default (see :mod:`provenance.neural.lm`).
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..names.frequency import common_word
from ..neural.lm import CausalLM, TokenSurprise
from .model import Artifact, Context, make_artifact
from .tables import read_json

DETECTOR = "fluency"
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
WEB_MARKS = frozenset("/@#")
QUOTED = re.compile(r"[\"“”«»„][^\"“”«»„]*[\"“”«»„]")


@cache
def settings() -> dict[str, Any]:
    """The detector's thresholds and scores."""
    return read_json("fluency")


@dataclass(frozen=True)
class Word:
    """A word of a sentence (document offsets) and its surprise in nats."""

    start: int
    end: int
    text: str
    surprise: float


def word_surprises(sentence_start: int, sentence: str, tokens: Sequence[TokenSurprise]) -> list[Word]:
    """The sentence's words, each with the summed surprise of the tokens that end inside it."""
    found = []
    for match in WORD.finditer(sentence):
        total = sum(t.surprise for t in tokens if match.start() < t.end <= match.end())
        found.append(Word(sentence_start + match.start(), sentence_start + match.end(), match.group(), total))
    return found


def _explained(ctx: Context, word: Word, sentence_start: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether names (found, or capitalised rare words), numbers, web addresses or quotes explain a
    word's surprise."""
    if any(ch.isdigit() for ch in word.text) or ctx.text[word.start - 1:word.start] in WEB_MARKS \
            or ctx.text[word.end:word.end + 1] in WEB_MARKS:
        return True  # a number, or a piece of a web address or handle
    rare = common_word(word.text, ctx.language) < settings()["common_zipf"]
    if word.text[:1].isupper() and word.start > sentence_start and rare:
        return True  # a capitalised rare word is a name; a capitalised common one ("from During") is not
    if any(m.start < word.end and word.start < m.end for m in ctx.mentions):
        return True
    return any(start <= word.start and word.end <= end for start, end in quoted)


def unusual_words(ctx: Context, sentence_start: int, sentence: str, words: list[Word]) -> list[int]:
    """Indices of the words far more surprising than their sentence, names and the like apart."""
    config = settings()
    if len(words) < config["min_words"]:
        return []
    values = [w.surprise for w in words]
    median, mean, spread = statistics.median(values), statistics.fmean(values), statistics.pstdev(values)
    quoted = [(sentence_start + m.start(), sentence_start + m.end()) for m in QUOTED.finditer(sentence)]
    return [i for i, w in enumerate(words)
            if w.surprise >= config["min_surprise"] and w.surprise >= config["ratio"] * median
            and w.surprise - mean >= config["z_score"] * spread and not _explained(ctx, w, sentence_start, quoted)]


def _span(words: list[Word], i: int) -> tuple[Word, Word]:
    """The unusual word with the more surprising of its neighbours (the combination is the clue)."""
    before = words[i - 1] if i > 0 else None
    after = words[i + 1] if i + 1 < len(words) else None
    if before is not None and (after is None or before.surprise >= after.surprise):
        return before, words[i]
    return words[i], after if after is not None else words[i]


def _artifact(ctx: Context, first: Word, last: Word, peak: Word) -> Artifact:
    config = settings()
    text = ctx.text[first.start:last.end]
    common = all(common_word(w.group(), ctx.language) >= config["common_zipf"] for w in WORD.finditer(text))
    kind = "calque" if common else "mistranslation"
    score = min(config["base_score"] + config["score_per_nat"] * (peak.surprise - config["min_surprise"]),
                config["max_score"])
    what = "common words in an unusual combination" if common else "an unusual word choice"
    explanation = (f"unusual wording here: '{text}' ({what}; '{peak.text}' is {peak.surprise:.1f} nats "
                   f"of surprise to the language model, far above its sentence)")
    return make_artifact(ctx, first.start, last.end, kind, (), score, explanation, DETECTOR)


def detect(ctx: Context, found: Sequence[Artifact], model: CausalLM) -> list[Artifact]:
    """Fluency artifacts of the document, leaving out spans that ``found`` artifacts cover."""
    if ctx.language not in settings()["languages"] or not ctx.sentences:
        return []
    sentences = ctx.sentences
    contexts = ["", *(s.text for s in sentences[:-1])]
    surprises = model.surprises([s.text for s in sentences], contexts)
    artifacts: list[Artifact] = []
    for sentence, tokens in zip(sentences, surprises):
        words = word_surprises(sentence.start, sentence.text, tokens)
        for i in unusual_words(ctx, sentence.start, sentence.text, words):
            first, last = _span(words, i)
            covered = any(a.start < last.end and first.start < a.end for a in [*found, *artifacts])
            if not covered:
                artifacts.append(_artifact(ctx, first, last, words[i]))
    return artifacts
