"""The source catalog: known sources, aliases, cues and platforms read from ``data/sources/``."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ...text.fold import ascii_slug, word_slug
from ...text.literals import fold_for_match
from ...text.wordlists import articles
from ..model import Source
from ..resources import DATA_DIR, conventions, read_table

SOURCE_DATA = DATA_DIR / "sources"
MAX_CUE_GAP_WORDS = 3
"""Words allowed between a citation cue and the source's name ("according to a recently published ...")."""
MAX_AFTER_CUE_CHARS = 3
CONTEXT_CHARS = 80
CUE_CLITICS = "وف"
"""Arabic conjunctions written glued to the cue that follows them ("وبحسب", "فقالت")."""
MAX_ACRONYM = 10
ARTICLES = articles(kinds=("definite", "indefinite", "contracted"))
COMPLEMENT_WORDS = frozenset({"of", "for", "at", "from", "de", "di", "del", "du", "des", "von"})
"""A name after one of these ("the head of the X said") is a complement, not who speaks."""
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")
ACRONYM_DEFINITION = re.compile(rf"\(\s*([A-Z][A-Za-z]{{1,{MAX_ACRONYM}}})\s*\)")
ARABIC = re.compile(r"[\u0600-\u06FF]")
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
    before_cue_endings: frozenset[str]
    """The last word of each cue before a name, folded (:func:`~provenance.text.literals.fold_for_match`)."""
    after_cues: re.Pattern[str]
    cue_kinds: dict[str, str]
    credit_words: frozenset[str]
    boilerplate: tuple[str, ...]
    platform_aliases: dict[str, str]
    social_cues: tuple[tuple[str, re.Pattern[str]], ...]
    anaphora: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    organization_kinds: dict[str, str]
    compound_heads: tuple[tuple[str, str], ...]
    """Organization heads that close a compound (zeitung, agentur) and their kinds, longest first."""
    statement_cues: tuple[re.Pattern[str], ...]
    """Words that make a speaker's words a public statement ("told reporters", "vor der Presse")."""
    spokesperson_cues: tuple[re.Pattern[str], ...]
    """A spokesperson named by their body ("Interpol-Sprecher"), the group "org" naming it."""


def _automaton(aliases: Iterable[Alias], fold: bool) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over alias texts (lower-cased when ``fold``); Arabic aliases
    starting with the article also get their form after the preposition ل ("للأناضول")."""
    automaton = ahocorasick.Automaton()
    for alias in sorted(aliases, key=lambda a: (a.text, a.source_id)):
        forms = [alias.text]
        if ARABIC.search(alias.text) and alias.text.startswith("ال"):
            forms.append("ل" + alias.text[1:])
        for form in forms:
            key = re.sub(r"\s+", " ", form.lower() if fold else form)
            if key not in automaton:
                automaton.add_word(key, (key, alias))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def last_word(text: str) -> str:
    """The last run of word characters of ``text``, as ``\\w`` reads them (empty when it has none)."""
    end = len(text)
    while end and not _word_character(text[end - 1]):
        end -= 1
    start = end
    while start and _word_character(text[start - 1]):
        start -= 1
    return text[start:end]


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _phrase_regex(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def _sources() -> dict[str, Source]:
    rows = read_table(SOURCE_DATA / "sources.tsv")
    return {f"src:{row['id']}": Source(f"src:{row['id']}", row["name"], row["kind"]) for row in rows}


def _aliases(sources: dict[str, Source]) -> list[Alias]:
    rows = read_table(SOURCE_DATA / "aliases.tsv")
    aliases = [Alias(f"src:{row['id']}", row["alias"], row["lang"], row["mode"]) for row in rows]
    unknown = sorted({a.source_id for a in aliases} - set(sources))
    if unknown:
        raise ValueError(f"aliases.tsv names sources missing from sources.tsv: {', '.join(unknown)}")
    return aliases


def _social_cues(platforms: list[dict[str, str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each social cue pattern with ``{P}`` standing for the aliases of its platform (``*``: any)."""
    social = []
    for row in read_table(SOURCE_DATA / "social_cues.tsv"):
        platform, pattern = row["platform"], row["pattern"]
        names = [r for r in platforms if platform in ("*", r["platform"])]
        folded_names = _phrase_regex(r["alias"] for r in names if r["case"] != "exact")
        exact_names = _phrase_regex(r["alias"] for r in names if r["case"] == "exact")
        alternatives = [n for n in (folded_names, f"(?-i:{exact_names})" if exact_names else "") if n]
        platform_group = "(?P<platform>{})".format("|".join(alternatives))
        social.append((platform, re.compile(pattern.replace("{P}", platform_group), re.IGNORECASE)))
    return tuple(social)


def _anaphora() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    return tuple(
        (re.compile(r"(?<!\w){}(?!\w)".format(re.escape(row["phrase"]).replace(r"\ ", r"\s+")), re.IGNORECASE),
         frozenset(row["kinds"].split(",")))
        for row in read_table(SOURCE_DATA / "anaphora.tsv"))


def _cue_patterns(cues: list[Cue]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of cues before a name (at the end of the text before it) and after it."""
    before = _phrase_regex(c.phrase for c in cues if c.side == "before")
    after = _phrase_regex(c.phrase for c in cues if c.side == "after")
    adverbs = _phrase_regex(conventions().adverbs)
    return (re.compile(rf"(?<!\w)(?:[{CUE_CLITICS}](?=[\u0600-\u06FF]))?(?:{before})\W*$", re.IGNORECASE),
            re.compile(rf"^(?:(?:{adverbs})\s+){{0,2}}(?P<cue>{after})(?!\w)", re.IGNORECASE))


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """Load the source catalog and cue lists once."""
    sources = _sources()
    aliases = _aliases(sources)
    cues = [Cue(row["phrase"], row["side"], row["kind"]) for row in read_table(SOURCE_DATA / "cues.tsv")]
    platforms = read_table(SOURCE_DATA / "platforms.tsv")
    before_cues, after_cues = _cue_patterns(cues)
    heads = read_table(SOURCE_DATA / "organization_heads.tsv")
    return Catalog(
        sources=sources,
        folded_aliases=_automaton([a for a in aliases if not is_acronym(a.text)], fold=True),
        exact_aliases=_automaton([a for a in aliases if is_acronym(a.text)], fold=False),
        aliases={alias_key(a.text): a for a in aliases},
        before_cues=before_cues,
        before_cue_endings=frozenset(fold_for_match(last_word(c.phrase)) for c in cues if c.side == "before"),
        after_cues=after_cues,
        cue_kinds={alias_key(c.phrase): c.kind for c in cues},
        credit_words=frozenset(row["word"].casefold() for row in read_table(SOURCE_DATA / "credit_words.tsv")),
        boilerplate=tuple(row["line_start"].casefold() for row in read_table(SOURCE_DATA / "boilerplate.tsv")),
        platform_aliases={row["alias"].casefold(): row["platform"] for row in platforms},
        social_cues=_social_cues(platforms),
        anaphora=_anaphora(),
        organization_kinds={row["word"].casefold(): row["kind"] for row in heads},
        compound_heads=tuple(sorted(((row["word"].casefold(), row["kind"]) for row in heads
                                     if row["compound"] == "yes"), key=lambda h: (-len(h[0]), h[0]))),
        statement_cues=tuple(re.compile(row["pattern"], re.IGNORECASE)
                             for row in read_table(SOURCE_DATA / "statement_cues.tsv")),
        spokesperson_cues=tuple(re.compile(row["pattern"])
                                for row in read_table(SOURCE_DATA / "spokesperson_cues.tsv")),
    )


def statement_source(speaker: str) -> Source:
    """The source node for what one speaker said, which several documents may quote or cite."""
    return Source(f"src:statement-{source_slug(speaker)}", f"{speaker} statement", "statement")


@lru_cache(maxsize=65_536)
def alias_key(text: str) -> str:
    """The look-up key of an alias or cue: spaces collapsed, case folded."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


@lru_cache(maxsize=65_536)
def is_acronym(text: str) -> bool:
    """A short, (nearly) all-capital alias, matched with its letters' case ("AP", "AFP")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) <= MAX_ACRONYM and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


_DEFINITE = "|".join(sorted(articles(kinds=("definite",)), key=lambda a: (-len(a), a)))
_LEADING_ARTICLE = re.compile(rf"^(?:{_DEFINITE})\s+", re.IGNORECASE)


def source_slug(name: str) -> str:
    """A lower-case slug of a name without a leading article; Unicode letters kept when not Latin."""
    text = _LEADING_ARTICLE.sub("", name.strip())
    slug = ascii_slug(text)
    return slug if len(slug) >= 2 else word_slug(text) or "unnamed"


# ---------------------------------------------------------------------------------------------
