"""Names spelt by another language's conventions, or garbled by a trip through Arabic script.

For each linked name mention, the surface is compared word by word with the entity's English
reference spellings (the canonical name and the glossary aliases recorded for English or for
no language). A difference is *explained* when rewrite rules turn the reference word into the
surface word (``data/<lang>/transliteration.tsv``):

- names of Arabic origin (an Arabic particle or name element, or an Arabic letter sequence
  such as ``q`` without ``u``) may vary by the neutral rules of English transliteration
  (vowels, doubled consonants, ``y/i``, ...); a difference that needs a language's rules
  (Spanish ``w -> u``: Issawi -> Isaui) is a ``transliteration`` pointing to that language;
- names of any other origin have one spelling; a difference that Arabic script explains
  (doubled consonants lost, ``o/u`` and ``e/i`` swapped, ``J/G`` confused, a silent final
  ``e`` lost: Marotto -> Maruto, Clarke -> Clark) is a ``back-transliteration`` from Arabic.
  This needs a glossary entry: the representative of a discovered cluster may itself be the
  garbled spelling, and the rules for o/u, e/i and J/G work both ways.

A surface that the glossary records as an alias for language L supports L. Differences that
no rule explains are left alone: they are other names, not artifacts.

The glossary's context fields (roles, places) name other things the entity goes with ("Jill
and Jay Bernstein Fellow", "Fallujah"); capitalised words in the sentence of a mention are
compared with the words of those fields by the same rules.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from ..names.model import Mention
from ..text.fold import strip_marks
from .model import Artifact, Context, Spans, make_artifact
from .tables import DATA_DIR, compile_pattern, language_name, language_rows, read_table, source_languages, word_list

DETECTOR = "transliteration"
NEUTRAL_LANGUAGE = "en"
ALIGN_MIN_RATIO = 50.0
"""Minimum rapidfuzz ratio for a surface word to be compared with a reference word."""
CONTEXT_MIN_RATIO = 70.0
"""Minimum ratio for a word of a mention's sentence to be compared with a word of its entry's context."""
CONTEXT_MIN_LENGTH = 3
MAX_SEARCH_STATES = 4000
ALIAS_STRENGTH = 0.8
"""Strength of the evidence "the glossary records this spelling for language L"."""
MAX_SCORE = 0.95
KEPT_SPELLINGS = 100_000
"""Spellings an analyzer remembers what it found in before it forgets them all."""

SpellingFinding = tuple[int, int, str, tuple[str, ...], float, str]
"""What a spelling shows: its span's start and end within the mention, the kind, the candidate
languages, the score and the explanation."""

_PART = re.compile(r"[^\s\-‐‑‒–—]+")
_APOSTROPHES = re.compile("['‘’‛ʼʻʿʾ`´]")
_POSSESSIVE = re.compile(r"['’]s$")
_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]+\b")


@dataclass(frozen=True)
class Rule:
    """A rewrite from the English reference spelling to a language's spelling."""

    lang: str
    origin: str
    regex: re.Pattern[str]
    replacement: str
    strength: float
    explanation: str


@dataclass(frozen=True)
class Part:
    """One word of a name: its key (lower-case, no accents or apostrophes) and offsets in the name."""

    key: str
    start: int
    end: int
    article: str = ""  # the article written before it, with its separator ("al-", "Al ")
    article_start: int = -1


@dataclass(frozen=True)
class Derivation:
    """Which language explains a spelling, with which rules, how strongly."""

    lang: str
    reasons: tuple[str, ...]
    score: float


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rewrite rule of every language."""
    return tuple(
        Rule(lang, row["origin"], compile_pattern(row["from"]), row["to"], float(row["strength"]), row["explanation"])
        for lang, row in language_rows("transliteration.tsv")
    )


@cache
def article_styles(lang: str) -> tuple[tuple[str, float, str], ...]:
    """(style, strength, explanation) of how ``lang`` writes the Arabic article."""
    if not (DATA_DIR / lang / "articles.tsv").is_file():
        return ()
    rows = read_table(f"{lang}/articles.tsv")
    return tuple((row["style"], float(row["strength"]), row["explanation"]) for row in rows)


@lru_cache(maxsize=1)
def _arabic_parts() -> frozenset[str]:
    return frozenset(word_list("arabic_name_parts"))


@lru_cache(maxsize=1)
def _nonlatin_shapes() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in word_list("nonlatin_shapes"))


def word_key(word: str) -> str:
    """Lower case, no accents, apostrophes or possessive 's."""
    word = _POSSESSIVE.sub("", word)
    return strip_marks(_APOSTROPHES.sub("", word)).casefold()


def split_name(name: str) -> list[Part]:
    """The words of a name; Arabic articles are attached to the word they precede."""
    parts: list[Part] = []
    pending: tuple[str, int] | None = None
    articles = {"al", "el"}
    for match in _PART.finditer(name):
        key = word_key(match.group())
        if not key:
            continue
        if key in articles and match.end() < len(name):
            pending = (name[match.start():match.end() + 1], match.start())
            continue
        article, article_start = pending if pending else ("", -1)
        parts.append(Part(key, match.start(), match.end(), article, article_start))
        pending = None
    return parts


def is_arabic_origin(names: Iterable[str]) -> bool:
    """Whether any of these spellings has an Arabic particle, name element or letter sequence."""
    known = _arabic_parts()
    for name in names:
        keys = [word_key(w) for w in _PART.findall(name)]
        if any(k in known for k in keys):
            return True
        folded = " ".join(keys)
        if any(p.search(folded) for p in _nonlatin_shapes()):
            return True
    return False


@lru_cache(maxsize=100_000)
def derive(reference: str, target: str, rules: tuple[Rule, ...]) -> tuple[Rule, ...] | None:
    """The rules (fewest non-neutral ones) that rewrite ``reference`` into ``target``, or None.

    A uniform-cost search over single rewrites; only rewrites that bring the word strictly
    closer to the target (Levenshtein distance) are followed, so the search is short.
    """
    if reference == target:
        return ()
    start_distance = Levenshtein.distance(reference, target)
    frontier: list[tuple[int, int, int, str, tuple[Rule, ...]]] = [(0, start_distance, 0, reference, ())]
    best_cost: dict[str, int] = {reference: 0}
    counter = 0
    while frontier and counter < MAX_SEARCH_STATES:
        cost, distance, _, word, used = heapq.heappop(frontier)
        if word == target:
            return used
        for rule in rules:
            for match in rule.regex.finditer(word):
                new = word[:match.start()] + match.expand(rule.replacement) + word[match.end():]
                new_distance = Levenshtein.distance(new, target)
                if new_distance >= distance:
                    continue
                new_cost = cost + (rule.strength > 0)
                if best_cost.get(new, 1 << 30) <= new_cost:
                    continue
                best_cost[new] = new_cost
                counter += 1
                heapq.heappush(frontier, (new_cost, new_distance, counter, new, (*used, rule)))
    return None


def _align(surface: list[Part], reference: list[Part]) -> list[tuple[Part, Part]]:
    """Monotonic pairs of similar words (surface word, reference word)."""
    pairs = []
    next_ref = 0
    for part in surface:
        scored = [(ratio(part.key, ref.key), i) for i, ref in enumerate(reference) if i >= next_ref]
        scored = [(score, i) for score, i in scored if score >= ALIGN_MIN_RATIO]
        if scored:
            _, index = max(scored, key=lambda p: (p[0], -p[1]))
            pairs.append((part, reference[index]))
            next_ref = index + 1
    return pairs


@dataclass(frozen=True)
class NameCheck:
    """The unexplained word differences between a surface and one reference spelling."""

    reference: str
    pairs: tuple[tuple[Part, Part], ...]
    aligned: int
    similarity: float


def _check(surface: list[Part], reference: str, neutral: tuple[Rule, ...]) -> NameCheck | None:
    ref_parts = split_name(reference)
    aligned = _align(surface, ref_parts)
    if not aligned:
        return None
    differing = tuple((s, r) for s, r in aligned if s.key != r.key and derive(r.key, s.key, neutral) is None)
    similarity = sum(ratio(s.key, r.key) for s, r in aligned)
    return NameCheck(reference, differing, len(aligned), similarity)


def _score(strengths: Iterable[float]) -> float:
    remaining = 1.0
    for strength in strengths:
        remaining *= 1.0 - strength
    return min(MAX_SCORE, 1.0 - remaining)


class NameAnalyzer:
    """Compares name mentions with their entity's reference spellings, for one document language."""

    def __init__(self, language: str, glossary: Any = None):
        self.language = language
        self.glossary = glossary
        rules = all_rules()
        neutral_langs = {NEUTRAL_LANGUAGE, language}
        self.neutral = tuple(r for r in rules if r.lang in neutral_langs and r.origin == "nonlatin")
        self.forward = {
            lang: tuple(r for r in rules if r.lang == lang and r.origin == "nonlatin")
            for lang in source_languages() if lang not in neutral_langs
        }
        self.back = {
            lang: tuple(r for r in rules if r.lang == lang and r.origin == "latin")
            for lang in source_languages() if lang != language
        }
        self.spellings: dict[tuple[str, str | None, str | None], SpellingFinding | None] = {}

    def references(self, mention: Mention) -> tuple[list[str], dict[str, list[str]], Any]:
        """English reference spellings, Latin aliases by language, and the glossary entry."""
        entry = self.glossary.get(mention.entity_id) if self.glossary is not None and mention.entity_id else None
        references = [mention.entity] if mention.entity else []
        by_language: dict[str, list[str]] = {}
        if entry is not None:
            references.append(entry.canonical)
            for alias in entry.aliases:
                if alias.script != "Latin" or alias.kind == "translation":
                    continue
                if alias.lang in (None, "", NEUTRAL_LANGUAGE):
                    references.append(alias.text)
                else:
                    by_language.setdefault(alias.lang, []).append(alias.text)
        return list(dict.fromkeys(references)), by_language, entry

    def analyze(self, ctx: Context, mention: Mention) -> Artifact | None:
        """The artifact a mention's spelling shows, or None (worked out once per spelling of an
        entity: a corpus names the same people in the same words thousands of times)."""
        seen = (mention.surface, mention.entity, mention.entity_id)
        if seen not in self.spellings:
            if len(self.spellings) >= KEPT_SPELLINGS:
                self.spellings.clear()
            self.spellings[seen] = self._spelling(mention)
        found = self.spellings[seen]
        if found is None:
            return None
        start, end, kind, languages, score, explanation = found
        return make_artifact(ctx, mention.start + start, mention.start + end, kind, languages, score, explanation,
                             DETECTOR)

    def _spelling(self, mention: Mention) -> SpellingFinding | None:
        """What :meth:`analyze` finds in a mention's spelling, its span relative to the mention."""
        references, by_language, entry = self.references(mention)
        if not references:
            return None
        arabic = is_arabic_origin(references)
        if not arabic and entry is None:
            return None  # a discovered cluster's representative may itself be the garbled spelling
        surface = split_name(mention.surface)
        neutral = self.neutral if arabic else ()
        checks = [c for c in (_check(surface, ref, neutral) for ref in references) if c is not None]
        if not checks:
            return None
        best = min(checks, key=lambda c: (-c.aligned, len(c.pairs), -c.similarity, c.reference))
        if not best.pairs:
            return None
        derivations = self._derivations(best.pairs, arabic, neutral)
        derivations = self._add_alias_support(derivations, mention.surface, by_language)
        if not derivations:
            return None
        derivations = self._add_article_support(derivations, best.pairs)
        derivations.sort(key=lambda d: (-d.score, d.lang))
        kind = "transliteration" if arabic or derivations[0].lang != "ar" else "back-transliteration"
        first = best.pairs[0][0]
        start = first.article_start if first.article_start >= 0 else first.start
        end = best.pairs[-1][0].end
        explanation = self._explain(best.pairs, derivations, kind)
        return start, end, kind, tuple(d.lang for d in derivations), derivations[0].score, explanation

    def analyze_context(self, ctx: Context, mention: Mention,
                        taken: Sequence[tuple[int, int]] | Spans) -> list[Artifact]:
        """Artifacts for words near a mention that misspell names of its entry's roles and places."""
        _, _, entry = self.references(mention)
        if entry is None:
            return []
        known: dict[str, str] = {}
        for field_text in (*entry.roles, *entry.places):
            for word in _CAPITALISED.findall(field_text):
                if len(word) >= CONTEXT_MIN_LENGTH:
                    known.setdefault(word_key(word), word)
        if not known:
            return []
        spans = taken if isinstance(taken, Spans) else Spans(taken)
        sentence = ctx.sentence_at(mention.start)
        found = []
        for match in _CAPITALISED.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            key = word_key(match.group())
            if len(key) < CONTEXT_MIN_LENGTH or key in known or spans.overlaps(start, end):
                continue
            close = [(ratio(key, k), k) for k in known if ratio(key, k) >= CONTEXT_MIN_RATIO]
            for _, ref_key in sorted(close, reverse=True)[:1]:
                arabic = is_arabic_origin([known[ref_key]])
                pair = (Part(key, start, end), Part(ref_key, 0, len(ref_key)))
                neutral = self.neutral if arabic else ()
                if derive(ref_key, key, neutral) is not None:
                    continue
                derivations = self._derivations([pair], arabic, neutral)
                if not derivations:
                    continue
                derivations.sort(key=lambda d: (-d.score, d.lang))
                kind = "transliteration" if arabic or derivations[0].lang != "ar" else "back-transliteration"
                explanation = self._explain([pair], derivations, kind) + (
                    f" (the glossary writes {known[ref_key]!r} for {entry.canonical})")
                found.append(make_artifact(ctx, start, end, kind, [d.lang for d in derivations],
                                           derivations[0].score, explanation, DETECTOR))
        return found

    def _derivations(self, pairs: Sequence[tuple[Part, Part]], arabic: bool,
                     neutral: tuple[Rule, ...]) -> list[Derivation]:
        found = []
        for lang, lang_rules in sorted((self.forward if arabic else self.back).items()):
            if not lang_rules:
                continue
            rules = neutral + lang_rules
            used: list[Rule] = []
            for surface_part, ref_part in pairs:
                derived = derive(ref_part.key, surface_part.key, rules)
                if derived is None:
                    break
                used.extend(r for r in derived if r.strength > 0)
            else:
                reasons = tuple(dict.fromkeys(r.explanation for r in used))
                found.append(Derivation(lang, reasons, _score(r.strength for r in used)))
        return found

    def _add_alias_support(self, derivations: list[Derivation], surface: str,
                           by_language: dict[str, list[str]]) -> list[Derivation]:
        surface_keys = [p.key for p in split_name(surface)]
        supported = {lang for lang, names in by_language.items() if lang != self.language
                     and any(surface_keys == [p.key for p in split_name(n)] for n in names)}
        def recorded(lang: str) -> str:
            return f"the glossary records this spelling for {language_name(lang)}"

        result = []
        for d in derivations:
            if d.lang in supported:
                d = Derivation(d.lang, (*d.reasons, recorded(d.lang)), _score([d.score, ALIAS_STRENGTH]))
            result.append(d)
        known = {d.lang for d in derivations}
        result.extend(Derivation(lang, (recorded(lang),), ALIAS_STRENGTH) for lang in sorted(supported - known))
        return result

    def _add_article_support(self, derivations: list[Derivation],
                             pairs: Sequence[tuple[Part, Part]]) -> list[Derivation]:
        written = {s.article for s, _ in pairs if s.article}
        result = []
        for d in derivations:
            styles = [(strength, why) for style, strength, why in article_styles(d.lang) if style in written]
            if styles:
                d = Derivation(d.lang, d.reasons + tuple(why for _, why in styles),
                               _score([d.score, *(strength for strength, _ in styles)]))
            result.append(d)
        return result

    def _explain(self, pairs: Sequence[tuple[Part, Part]], derivations: list[Derivation], kind: str) -> str:
        best = derivations[0]
        words = ", ".join(f"{r.key} -> {s.key}" for s, r in pairs)
        text = f"{words}: {'; '.join(best.reasons)}"
        others = [language_name(d.lang) for d in derivations[1:]]
        if others:
            text += f" (also fits {', '.join(others)})"
        if kind == "back-transliteration":
            text = "a Latin-script name read back from Arabic script: " + text
        return text


def detect(ctx: Context) -> list[Artifact]:
    """Transliteration and back-transliteration artifacts of the document's linked mentions."""
    analyzer = _analyzer(ctx.language, ctx.glossary)
    linked = [m for m in ctx.mentions if m.entity and ctx.text[m.start:m.end] == m.surface]
    taken = Spans((m.start, m.end) for m in ctx.mentions)
    found = []
    for mention in linked:
        artifact = analyzer.analyze(ctx, mention)
        if artifact is not None:
            found.append(artifact)
        found.extend(analyzer.analyze_context(ctx, mention, taken))
    return found


_analyzers: dict[str, tuple[Any, NameAnalyzer]] = {}


def _analyzer(language: str, glossary: Any) -> NameAnalyzer:
    """The analyzer of a document language, kept while the glossary stays the same."""
    kept = _analyzers.get(language)
    if kept is None or kept[0] is not glossary:
        kept = _analyzers[language] = (glossary, NameAnalyzer(language, glossary))
    return kept[1]
