"""Outside sources a document cites: agencies, newspapers, reports, statements, social posts.

Each citation is the span of the document that names the source, with a :class:`Source`
whose id is the same across documents for the same outside source:

- known agencies, outlets and institutions with their aliases and translations
  (``data/sources/sources.tsv``, ``aliases.tsv``: "The New York Times"/"NYT"/"نيويورك تايمز"
  are ``src:new-york-times``; "Anatolia"/"الأناضول" are ``src:anadolu``), found anywhere for
  distinctive names, and next to a citation cue or as a credit ("(AFP)") for ambiguous ones;
- other named organizations and outlets next to a citation cue ("according to", "reported",
  "communicated by", "selon", "según", "laut", "وفقا ل"; ``data/sources/cues.tsv``),
  with acronyms defined in the text ("Iraqi Security Media Cell (ISMC)") tied to their name;
- posts on social platforms ("tweeted", "took to Twitter", "said on its Facebook page"), the
  owner being the speaker of the sentence, and tweets embedded as ``— Name (@handle) date``;
- back-references ("according to the report") to the last cited source of that kind.

Boilerplate lines ("Follow us on Twitter") and the document's own outlet are not citations.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from ..corpus import Document
from ..names.model import Mention
from ..names.resources import type_cues
from .attribution.clauses import Frame, Name
from .attribution.frames import DocumentFrames
from .model import Citation, Source
from .resources import DATA_DIR, common_words, conventions, read_tsv

SOURCE_DATA = DATA_DIR / "sources"
MAX_CUE_GAP_WORDS = 3
"""Words allowed between a citation cue and the source's name ("according to a recently published ...")."""
MAX_AFTER_CUE_CHARS = 3
CONTEXT_CHARS = 80
MAX_ACRONYM = 10
ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l", "el", "los", "las", "il", "lo", "der", "die", "das",
                      "des", "al"})
COMPLEMENT_WORDS = frozenset({"of", "for", "at", "from", "de", "di", "del", "du", "des", "von"})
"""A name after one of these ("the head of the X said") is a complement, not who speaks."""
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")
_ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z]{1,%d})\s*\)" % MAX_ACRONYM)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
PLATFORM_NAMES = {"twitter": "Twitter", "facebook": "Facebook", "telegram": "Telegram", "instagram": "Instagram",
                  "youtube": "YouTube", "tiktok": "TikTok", "truth-social": "Truth Social", "linkedin": "LinkedIn",
                  "whatsapp": "WhatsApp", "weibo": "Weibo", "vk": "VKontakte", "threads": "Threads",
                  "bluesky": "Bluesky"}


@dataclass(frozen=True)
class Alias:
    """One way a known source is written, and where it counts as a citation."""

    source_id: str
    text: str
    lang: str
    mode: str


@dataclass(frozen=True)
class Cue:
    """A citation cue: its words, which side of the name it stands on, the kind it implies."""

    phrase: str
    side: str
    kind: str


@dataclass(frozen=True)
class Catalog:
    """Known sources, their aliases, cues and platforms (``data/sources/``)."""

    sources: dict[str, Source]
    folded_aliases: ahocorasick.Automaton
    exact_aliases: ahocorasick.Automaton
    aliases: dict[str, Alias]
    before_cues: re.Pattern[str]
    after_cues: re.Pattern[str]
    cue_kinds: dict[str, str]
    credit_words: frozenset[str]
    boilerplate: tuple[str, ...]
    platform_aliases: dict[str, str]
    social_cues: tuple[tuple[str, re.Pattern[str]], ...]
    anaphora: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    organization_kinds: dict[str, str]


def _automaton(aliases: Iterable[Alias], fold: bool) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over alias texts (lower-cased when ``fold``); Arabic aliases
    starting with the article also get their form after the preposition ل ("للأناضول")."""
    automaton = ahocorasick.Automaton()
    for alias in sorted(aliases, key=lambda a: (a.text, a.source_id)):
        forms = [alias.text]
        if _ARABIC.search(alias.text) and alias.text.startswith("ال"):
            forms.append("ل" + alias.text[1:])
        for form in forms:
            key = re.sub(r"\s+", " ", form.lower() if fold else form)
            if key not in automaton:
                automaton.add_word(key, (key, alias))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _phrase_regex(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """Load the source catalog and cue lists once."""
    sources = {f"src:{row[0]}": Source(f"src:{row[0]}", row[2], row[1]) for row in read_tsv(SOURCE_DATA / "sources.tsv")}
    aliases = [Alias(f"src:{row[0]}", row[1], row[2], row[3]) for row in read_tsv(SOURCE_DATA / "aliases.tsv")]
    unknown = sorted({a.source_id for a in aliases} - set(sources))
    if unknown:
        raise ValueError(f"aliases.tsv names sources missing from sources.tsv: {', '.join(unknown)}")
    exact = [a for a in aliases if _is_acronym(a.text)]
    folded = [a for a in aliases if not _is_acronym(a.text)]
    cues = [Cue(row[1], row[2], row[3]) for row in read_tsv(SOURCE_DATA / "cues.tsv")]
    platforms = read_tsv(SOURCE_DATA / "platforms.tsv")
    platform_aliases = {row[1].casefold(): row[0] for row in platforms}
    social = []
    for row in read_tsv(SOURCE_DATA / "social_cues.tsv"):
        platform, pattern = row[1], row[2]
        names = [r for r in platforms if platform in ("*", r[0])]
        folded_names = _phrase_regex(r[1] for r in names if r[3] != "exact")
        exact_names = _phrase_regex(r[1] for r in names if r[3] == "exact")
        alternatives = [n for n in (folded_names, f"(?-i:{exact_names})" if exact_names else "") if n]
        platform_group = "(?P<platform>%s)" % "|".join(alternatives)
        social.append((platform, re.compile(pattern.replace("{P}", platform_group), re.IGNORECASE)))
    anaphora = tuple(
        (re.compile(r"(?<!\w)%s(?!\w)" % re.escape(row[1]).replace(r"\ ", r"\s+"), re.IGNORECASE),
         frozenset(row[2].split(",")))
        for row in read_tsv(SOURCE_DATA / "anaphora.tsv"))
    return Catalog(
        sources=sources,
        folded_aliases=_automaton(folded, fold=True),
        exact_aliases=_automaton(exact, fold=False),
        aliases={_alias_key(a.text): a for a in aliases},
        before_cues=re.compile(r"(?<!\w)(?:[وف](?=[\u0600-\u06FF]))?(?:%s)\W*$"
                               % _phrase_regex(c.phrase for c in cues if c.side == "before"), re.IGNORECASE),
        after_cues=re.compile(r"^(?:(?:%s)\s+){0,2}(?P<cue>%s)(?!\w)" % (
            _phrase_regex(conventions().adverbs),
            _phrase_regex(c.phrase for c in cues if c.side == "after")), re.IGNORECASE),
        cue_kinds={_alias_key(c.phrase): c.kind for c in cues},
        credit_words=frozenset(row[1].casefold() for row in read_tsv(SOURCE_DATA / "credit_words.tsv")),
        boilerplate=tuple(row[1].casefold() for row in read_tsv(SOURCE_DATA / "boilerplate.tsv")),
        platform_aliases=platform_aliases,
        social_cues=tuple(social),
        anaphora=anaphora,
        organization_kinds={row[0].casefold(): row[1] for row in read_tsv(SOURCE_DATA / "organization_heads.tsv")},
    )


def _alias_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) <= MAX_ACRONYM and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def source_slug(name: str) -> str:
    """A lower-case slug of a name without a leading article; Unicode letters kept when not Latin."""
    text = re.sub(r"^(?:the|le|la|les|el|il|al|der|die|das)\s+", "", name.strip(), flags=re.IGNORECASE)
    ascii_form = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_form).strip("-")
    if len(slug) >= 2:
        return slug
    return re.sub(r"\W+", "-", text.casefold()).strip("-") or "unnamed"


# ---------------------------------------------------------------------------------------------
# Contexts


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _is_boilerplate_line(text: str, start: int, end: int) -> bool:
    line_start, line_end = _line_bounds(text, start, end)
    line = text[line_start:line_end].strip().casefold()
    return line.startswith(catalog().boilerplate)


def _is_credit(text: str, start: int, end: int) -> bool:
    """The name stands as a credit: alone in parentheses, or on a credit line ("Photo: AFP")."""
    words = catalog().credit_words
    open_at = text.rfind("(", max(0, start - 30), start)
    close_at = text.find(")", end, end + 40)
    if open_at >= 0 and close_at >= 0 and "\n" not in text[open_at:close_at]:
        rest = text[open_at + 1:start] + " " + text[end:close_at]
        if all(w.casefold() in words for w in _WORD.findall(rest)) and ")" not in text[open_at:start]:
            return True
    line_start, line_end = _line_bounds(text, start, end)
    rest = text[line_start:start] + " " + text[end:line_end]
    return len(text[line_start:line_end].strip()) < 80 and all(w.casefold() in words for w in _WORD.findall(rest))


def _cue_before(text: str, start: int) -> str | None:
    """The citation cue right before ``start`` (a few words, an article or a bracket between)."""
    window = text[max(0, start - CONTEXT_CHARS):start]
    window = window[max(window.rfind("\n"), window.rfind("."), window.rfind(";")) + 1:]
    for gap in range(0, MAX_CUE_GAP_WORDS + 1):
        head = window
        removed = 0
        while removed < gap:
            match = re.search(r"[\s(\"“«'‘]*[\w’'\-]+[\s(\"“«'‘]*$", head)
            if not match:
                break
            head = head[:match.start()]
            removed += 1
        if removed < gap:
            break
        cue = catalog().before_cues.search(head.rstrip() + " ")
        if cue and not re.search(r"[,:;)]", head[cue.end():]):
            phrase = cue.group().strip(" \t(\"“«'‘")
            between = _WORD.findall(window[len(head):])
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


def _cue_after(text: str, end: int) -> str | None:
    """The citation cue right after ``end`` ("reported", "first reported", "'s report")."""
    rest = text[end:end + CONTEXT_CHARS]
    skip = re.match(r"(?:['’]s)?[\s)\"”»'’,]*", rest)
    offset = skip.end() if skip else 0
    if offset > MAX_AFTER_CUE_CHARS + 2:
        return None
    cue = catalog().after_cues.search(rest[offset:])
    return cue.group("cue") if cue else None


def _cue_kind(phrase: str | None) -> str:
    kind = catalog().cue_kinds.get(_alias_key(phrase)) if phrase else None
    return kind if kind and kind != "-" else ""


def _own_outlet(doc: Document, source: Source, alias: str) -> bool:
    if not doc.outlet:
        return False
    outlet = _alias_key(doc.outlet)
    return outlet in (_alias_key(alias), _alias_key(source.name)) or source.id == f"src:{source_slug(doc.outlet)}"


# ---------------------------------------------------------------------------------------------
# Finders


def _alias_matches(text: str) -> list[tuple[int, int, Alias]]:
    """Known aliases in ``text`` (longest at each place), on word boundaries; an Arabic alias
    may carry proclitics (و, ف, ب, ل, ك), which stay out of the span."""
    cat = catalog()
    spaced = re.sub(r"\s", " ", text)
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
            if _ARABIC.search(key):
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


def _known(doc: Document) -> list[Citation]:
    text = doc.text
    cat = catalog()
    found = []
    for start, end, alias in _alias_matches(text):
        source = cat.sources[alias.source_id]
        if _is_boilerplate_line(text, start, end) or _own_outlet(doc, source, alias.text):
            continue
        cue = _cue_before(text, start) or _cue_after(text, end)
        credit = _is_credit(text, start, end)
        if alias.mode == "credit" and not credit:
            continue
        if alias.mode == "cue" and not (credit or cue):
            continue
        found.append(Citation(doc.id, start, end, source, cue or ("credit" if credit else "name")))
    return found


@dataclass(frozen=True)
class _NamedSpan:
    start: int
    end: int
    name: str
    kind: str
    is_person: bool
    canonical: str | None = None


def _organization_kind(words: Sequence[str]) -> str:
    kinds = catalog().organization_kinds
    for word in reversed(words):
        kind = kinds.get(word.casefold())
        if kind:
            return kind
    return ""


def _named_spans(text: str, mentions: Sequence[Mention]) -> list[_NamedSpan]:
    """Capitalized names with the kind of source they would be (persons marked as such)."""
    spans = []
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    for m in re.finditer(r"(?:[A-Z][\w’'\-]*|of|for|and|the|on|al-\w+)(?:\s+(?:[A-Z][\w’'\-]*|of|for|and|the|on|al-\w+))*",
                         text):
        words = m.group().split()
        while words and (words[0][0].islower() or words[0].casefold() in common_words()):
            words.pop(0)
        while words and words[-1][0].islower():
            words.pop()
        if not words:
            continue
        start = text.find(words[0], m.start())
        end = text.find(words[-1], start) + len(words[-1])
        mention = _overlapping(ordered, starts, start, end)
        if mention is not None and mention.type == "person":
            spans.append(_NamedSpan(start, end, text[start:end], "", True))
            continue
        kind = _organization_kind(words)
        canonical = None
        if mention is not None and mention.type == "organization":
            kind = kind or "organization"
            canonical = mention.entity if mention.entity_id else None
        if not kind and _is_acronym(" ".join(words)) and len(words) == 1:
            kind = "organization"
        if kind:
            spans.append(_NamedSpan(start, end, text[start:end], kind, False, canonical))
    return spans


def _overlapping(ordered: Sequence[Mention], starts: Sequence[int], start: int, end: int) -> Mention | None:
    """The first mention (by start) overlapping ``[start, end)``."""
    at = bisect_left(starts, start)
    for m in ordered[max(0, at - 3):at + 3]:
        if m.start < end and start < m.end:
            return m
    return None


def _acronyms(text: str, named: Sequence[_NamedSpan]) -> dict[str, _NamedSpan]:
    """Acronyms defined in the text: "Iraqi Security Media Cell (ISMC)" -> ISMC."""
    defined = {}
    for m in _ACRONYM_DEFINITION.finditer(text):
        before = [n for n in named if 0 <= m.start() - n.end <= 1 and not n.is_person and n.name != m.group(1)]
        if before:
            defined[m.group(1)] = replace(before[-1], end=m.end(), name=text[before[-1].start:m.end()])
    return defined


def _unknown(doc: Document, mentions: Sequence[Mention], known: Sequence[Citation]) -> list[Citation]:
    """Named organizations and outlets next to a citation cue, outside the known catalog."""
    text = doc.text
    named = _named_spans(text, mentions)
    acronyms = _acronyms(text, named)
    known_spans = [(c.start, c.end) for c in known]
    found = []
    for span in named:
        if span.is_person or any(a < span.end and span.start < b for a, b in known_spans):
            continue
        if _is_boilerplate_line(text, span.start, span.end):
            continue
        definition = acronyms.get(span.name)
        full = definition or next((d for d in acronyms.values() if d.start == span.start), None) or span
        known_alias = catalog().aliases.get(_alias_key(span.name))
        cue = _cue_before(text, span.start)
        if cue is None and not _is_complement(text, span.start):
            cue = _cue_after(text, _definition_end(text, span, acronyms))
        if not cue:
            continue
        if known_alias is not None:  # an ambiguous alias whose cue was after the acronym
            source = catalog().sources[known_alias.source_id]
        else:
            source = _named_source(full, cue)
        if _own_outlet(doc, source, span.name):
            continue
        found.append(Citation(doc.id, span.start, span.end, source, cue))
    return found


def _named_source(span: _NamedSpan, cue: str) -> Source:
    """The source a named span stands for: under the names stage's canonical name when it has
    one (so that spellings and translations of one organization share an id), with the
    acronym the text defines kept in the displayed name."""
    acronym = re.search(r"\(([^)]*)\)\s*$", span.name)
    base = span.canonical or _without_acronym(span.name)
    name = f"{base} ({acronym.group(1)})" if acronym and span.canonical else span.name
    return Source(f"src:{source_slug(base)}", name, span.kind or _cue_kind(cue) or "organization")


def _is_complement(text: str, start: int) -> bool:
    before = _WORD.findall(text[max(0, start - 30):start])
    before = [w for w in before if w.casefold() not in ARTICLES]
    return bool(before) and before[-1].casefold() in COMPLEMENT_WORDS


def _definition_end(text: str, span: _NamedSpan, acronyms: dict[str, _NamedSpan]) -> int:
    """End of a name, past the acronym defined right after it."""
    for definition in acronyms.values():
        if definition.start == span.start:
            return definition.end
    return span.end


def _without_acronym(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", name)


def _acronym_known(acronyms: dict[str, _NamedSpan]) -> dict[str, str]:
    """Defined acronyms that are aliases of known sources: full name -> known source id."""
    out = {}
    for acronym, span in acronyms.items():
        alias = catalog().aliases.get(_alias_key(acronym))
        if alias is not None:
            out[_alias_key(_without_acronym(span.name))] = alias.source_id
    return out


def _social(doc: Document, analysis: DocumentFrames) -> list[Citation]:
    """Posts on social platforms, owned by the speaker of the sentence they are cited in."""
    text = doc.text
    found = []
    seen: set[tuple[int, int]] = set()
    for platform, pattern in catalog().social_cues:
        for m in pattern.finditer(text):
            if (m.start(), m.end()) in seen or _is_boilerplate_line(text, m.start(), m.end()):
                continue
            if any(t.body_start <= m.start() < t.body_end for t in analysis.tweets):
                continue  # words inside an embedded tweet are the tweet's, not a citation
            seen.add((m.start(), m.end()))
            named = m.groupdict().get("platform")
            platform_id = catalog().platform_aliases.get(named.casefold(), "twitter") if named else platform
            owner, owner_span = _owner(text, analysis, m.start(), m.end())
            handle = _HANDLE.search(text, m.start(), min(len(text), m.end() + 40))
            label = owner or (f"@{handle.group(1)}" if handle else "unnamed account")
            source = _social_source(platform_id, label, handle.group(1) if handle else None)
            found.append(Citation(doc.id, *_span_with_owner(m.start(), m.end(), owner_span), source, m.group()))
    for tweet in analysis.tweets:
        source = _social_source("twitter", tweet.author.name, tweet.handle)
        found.append(Citation(doc.id, tweet.author.start, tweet.line_end, source, "embedded tweet"))
    return found


def _social_source(platform: str, owner: str, handle: str | None) -> Source:
    display = PLATFORM_NAMES.get(platform, platform.title())
    name = f"{owner} (@{handle}) on {display}" if handle and not owner.startswith("@") else f"{owner} on {display}"
    return Source(f"src:{platform}-{source_slug(owner)}", name, "tweet" if platform == "twitter" else "social")


def _owner(text: str, analysis: DocumentFrames, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """Who posted: the speaker of the reporting frame nearest the cue, else its subject words."""
    sentence = analysis.sentence_at(start)
    if sentence is None:
        return None, None
    frames = sorted(sentence.frames, key=lambda f: (_distance(f, start, end), f.start))
    for frame in frames:
        if frame.speaker is not None:
            return frame.speaker.name, (frame.speaker.start, frame.speaker.end)
    for frame in frames:
        if frame.subject_start is not None and frame.subject_end is not None:
            words = [w for w in _WORD.findall(text[frame.subject_start:frame.subject_end])
                     if w.casefold() not in conventions().function_words]
            if words:
                earlier = _organization_described(analysis, words, frame.subject_start)
                return earlier or " ".join(words), (frame.subject_start, frame.subject_end)
    names = [i for i in sentence.items if i.kind == "name" and i.name is not None and i.end <= start
             and i.name.type in ("person", "organization", "unknown") and start - i.end < CONTEXT_CHARS]
    if names:  # "The spokesman, Col. Ray Doss, took to Twitter to deny ..." without a reporting verb
        return _display_name(names[-1].name), (names[-1].start, names[-1].end)
    return None, None


def _organization_described(analysis: DocumentFrames, words: Sequence[str], before: int) -> str | None:
    """The last organization named before ``before`` whose name carries every distinctive
    word of a description ("the counter-terrorism agency" -> "Counter-Terrorism Service")."""
    heads = catalog().organization_kinds
    wanted = {w.casefold() for w in words if w.casefold() not in heads}
    if not wanted:
        return None
    found = None
    for sentence in analysis.sentences:
        if sentence.start >= before:
            break
        for item in sentence.items:
            if item.kind == "name" and item.name is not None and item.name.type == "organization" \
                    and item.end <= before and wanted <= {w.casefold() for w in _WORD.findall(item.name.surface)}:
                found = _display_name(item.name)
    return found


def _display_name(name: Name) -> str:
    return name.canonical if name.entity_id or name.canonical != name.surface else name.surface


def _span_with_owner(cue_start: int, cue_end: int, owner: tuple[int, int] | None) -> tuple[int, int]:
    """The citing span: the cue, stretched to the owner's name when it is close by."""
    if owner is None or min(abs(cue_start - owner[1]), abs(owner[0] - cue_end)) > CONTEXT_CHARS:
        return cue_start, cue_end
    return min(cue_start, owner[0]), max(cue_end, owner[1])


def _distance(frame: Frame, start: int, end: int) -> int:
    if frame.end <= start:
        return start - frame.end
    if frame.start >= end:
        return frame.start - end
    return 0


def _statements(doc: Document, analysis: DocumentFrames) -> list[Citation]:
    """"X said in a statement": the statement of the frame's speaker."""
    text = doc.text
    found = []
    for m in re.finditer(r"\b(?:in|via) an? (?:written |joint |brief )?(?:statement|press release|communiqu[eé])\b",
                         text, re.IGNORECASE):
        if _is_boilerplate_line(text, m.start(), m.end()):
            continue
        owner, owner_span = _owner(text, analysis, m.start(), m.end())
        if owner is None:
            continue
        source = Source(f"src:statement-{source_slug(owner)}", f"{owner} statement", "statement")
        found.append(Citation(doc.id, *_span_with_owner(m.start(), m.end(), owner_span), source, m.group()))
    return found


def _back_references(doc: Document, cited: Sequence[Citation]) -> list[Citation]:
    """"According to the report": the last source of that kind cited before it."""
    text = doc.text
    found = []
    ordered = sorted(cited, key=lambda c: c.start)
    for pattern, kinds in catalog().anaphora:
        for m in pattern.finditer(text):
            previous = [c for c in ordered if c.end <= m.start() and c.source.kind in kinds]
            if not previous:
                continue
            cue = _cue_before(text, m.start()) or _cue_after(text, m.end()) or _verb_after(text, m.end())
            if cue:
                found.append(Citation(doc.id, m.start(), m.end(), previous[-1].source, f"back-reference: {cue}"))
    return found


def _verb_after(text: str, end: int) -> str | None:
    """A reporting verb right after a back-reference ("the report quoted", "the report indicated")."""
    words = [w.casefold() for w in _WORD.findall(text[end:end + 40])][:3]
    verbs = conventions().verbs
    for k in range(len(words)):
        hit = verbs.match(words, k)
        if hit:
            return hit[2]
        if k >= 1:
            break
    return None


# ---------------------------------------------------------------------------------------------
# Public API


def extract_citations(doc: Document, mentions: Sequence[Mention], analysis: DocumentFrames) -> list[Citation]:
    """The outside sources ``doc`` cites, one citation per naming span, sorted by position;
    ``analysis`` is the document's resolved reporting frames (:func:`analyze_frames`)."""
    mentions = [m for m in mentions if m.doc == doc.id]
    known = _known(doc)
    unknown = _unknown(doc, mentions, known)
    definitions = _acronym_known(_acronyms(doc.text, _named_spans(doc.text, mentions)))
    unknown = [replace(c, source=catalog().sources[definitions[_alias_key(_without_acronym(c.source.name))]])
               if _alias_key(_without_acronym(c.source.name)) in definitions else c for c in unknown]
    social = _social(doc, analysis)
    statements = _statements(doc, analysis)
    cited = known + unknown + social + statements
    cited += _back_references(doc, cited)
    return _merge_overlaps(cited)


def _merge_overlaps(citations: Iterable[Citation]) -> list[Citation]:
    """One citation per stretch of text naming one source (overlapping cues merged)."""
    merged: list[Citation] = []
    for c in sorted(citations, key=lambda c: (c.source.id, c.start, -c.end)):
        last = merged[-1] if merged else None
        if last is not None and last.source.id == c.source.id and c.start < last.end:
            merged[-1] = replace(last, end=max(last.end, c.end))
        else:
            merged.append(c)
    return sorted(merged, key=lambda c: (c.start, c.end, c.source.id))


def merge_sources(citations: Iterable[Citation]) -> tuple[list[Source], list[Citation]]:
    """One :class:`Source` per id across documents (its most telling name), and the citations
    rewritten to carry it. Names with a @handle win, then the most frequent, then the longest."""
    citations = list(citations)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for c in citations:
        names[c.source.id][c.source.name] += 1
        kinds[c.source.id][c.source.kind] += 1
    merged = {}
    for source_id in sorted(names):
        name = sorted(names[source_id].items(), key=lambda kv: ("@" not in kv[0], -kv[1], -len(kv[0]), kv[0]))[0][0]
        kind = sorted(kinds[source_id].items(), key=lambda kv: (kv[0] == "other", -kv[1], kv[0]))[0][0]
        merged[source_id] = Source(source_id, name, kind)
    rewritten = [replace(c, source=merged[c.source.id]) for c in citations]
    return [merged[k] for k in sorted(merged)], rewritten
