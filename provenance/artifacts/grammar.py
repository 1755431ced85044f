"""Grammar slips typical of machine translation into English.

Patterns live in ``data/common/grammar.tsv``; each names a check the code applies to a match:

- ``past-form``: the captured verb is the past form of a real English verb ("agreed" from
  "agree"), not a base form that happens to end in -ed ("need", "proceed");
- ``finished-time``: the present perfect is used with a finished past time ("has declared
  ... in late 2017"); a bare year counts only when it is before the document's year (or,
  for an undated document, before the latest year the text mentions);
- ``institution-she``: "She" opens a sentence of saying while the last speaker was an
  institution ("The Ministry of Interior said ... She explained"), with no person named in
  between: Arabic, French, Spanish and Italian give a ministry or the police a feminine
  gender, and the translation keeps the pronoun.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..text import zipf
from .model import Artifact, Context
from .patterns import Hit, merge_hits, spans
from .tables import COMMON, candidate_list, compile_pattern, read_table, word_list

DETECTOR = "grammar"
VERB_MIN_ZIPF = 3.0
"""A base form must be at least this frequent in English (wordfreq Zipf scale) to count as a verb."""


@dataclass(frozen=True)
class GrammarRule:
    """One row of the grammar table."""

    name: str
    regex: re.Pattern[str]
    check: str
    candidates: tuple[str, ...]
    score: float
    explanation: str


@lru_cache(maxsize=1)
def grammar_rules() -> tuple[GrammarRule, ...]:
    """The rows of the grammar table."""
    rules = tuple(
        GrammarRule(row["name"], compile_pattern(row["pattern"]), row["check"], candidate_list(row["candidates"]),
                    float(row["score"]), row["explanation"])
        for row in read_table(f"{COMMON}/grammar.tsv")
    )
    unknown = sorted({r.check for r in rules} - set(CHECKS))
    if unknown:
        raise ValueError(f"grammar.tsv names unknown checks: {', '.join(unknown)}")
    return rules


def base_forms(past: str) -> list[str]:
    """Candidate base forms of a regular past form: agreed -> agree, planned -> plan, tried -> try."""
    stem = past[:-2]
    forms = [past[:-1], stem]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.append(stem[:-1])
    if stem.endswith("i"):
        forms.append(stem[:-1] + "y")
    return forms


def is_past_form(word: str) -> bool:
    """Whether ``word`` is the regular past form of a common English verb."""
    word = word.lower()
    if word in word_list("ed_base_verbs"):
        return False
    return any(zipf(base, "en") >= VERB_MIN_ZIPF for base in base_forms(word) if len(base) > 2)


def _past_form(match: re.Match[str], ctx: Context) -> bool:
    return is_past_form(match.group("verb"))


def _finished_time(match: re.Match[str], ctx: Context) -> bool:
    year = match.groupdict().get("year")
    if not year:
        return True  # "last week", "yesterday", "two days ago", "on Friday"
    if re.match(r"in (?:late|early|mid)", match.group("time")):
        return ctx.year is None or int(year) < ctx.year
    reference = ctx.year if ctx.year is not None else ctx.latest_year_mentioned
    return reference is not None and int(year) < reference


INSTITUTION_WINDOW = 400
"""Characters before "She" searched for the institution that spoke."""


@lru_cache(maxsize=1)
def _institution_speaks() -> re.Pattern[str]:
    """An institution of ``speaking_institutions.txt`` as the subject of a verb of saying
    ("The Ministry of Interior said", "the police (PNC) stated")."""
    nouns = "|".join(f"[{n[0]}{n[0].lower()}]{re.escape(n[1:])}" for n in word_list("speaking_institutions"))
    return re.compile(rf"\b[Tt]he (?:[A-Z][\w-]* )*(?:{nouns})\b(?: of(?: the)?(?: [A-Z][\w-]*)+)?"
                      r"(?: \([^)]{1,20}\))? (?:said|stated|announced|added|explained|indicated|noted|confirmed|"
                      r"reported|declared)\b")


def _institution_she(match: re.Match[str], ctx: Context) -> bool:
    """Whether an institution spoke just before this "She" and no person is named near it
    (a woman named there is who "she" is)."""
    start = match.start()
    window_start = max(0, start - INSTITUTION_WINDOW)
    if _institution_speaks().search(ctx.text, window_start, start) is None:
        return False
    return not any(window_start <= m.start < start for m in ctx.mentions if m.type == "person")


def _always(match: re.Match[str], ctx: Context) -> bool:
    return True


CHECKS: dict[str, Callable[[re.Match[str], Context], bool]] = {
    "past-form": _past_form,
    "finished-time": _finished_time,
    "institution-she": _institution_she,
    "none": _always,
}


def detect(ctx: Context) -> list[Artifact]:
    """Grammar artifacts of an English document."""
    if ctx.language != "en":
        return []
    hits = []
    for rule in grammar_rules():
        check = CHECKS[rule.check]
        for start, end, match in spans(rule.regex, ctx.text, ctx.folded):
            if check(match, ctx):
                hits.append(Hit(start, end, "grammar", rule.candidates, rule.score, rule.explanation))
    return merge_hits(ctx, hits, DETECTOR)
