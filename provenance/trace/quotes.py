"""Quotes and their speakers, and quotes that render the same words in different documents.

Quoted spans are found in the usual conventions of English, French, German, Spanish, Italian
and Arabic text (``data/quotes/quote_marks.tsv``). Each is credited to a speaker through the
reporting frame around it:

- a reporting verb and its subject (``X said``, ``said X`` right after the quote, ``X told``,
  ``X tweeted``), a participle hanging on the clause (``..., adding that``), a verb whose
  object is the speaker (``the report quoted X``), or a preposition (``according to X``,
  ``in the words of X``);
- a role used as the subject (``the Iraqi leader``, ``the spokesman``) resolves to the last
  named person of the document seen with a compatible role;
- a pronoun (``he added``) continues the last named speaker; a quote standing alone after an
  attributed one continues its speaker; quotes inside an embedded tweet
  (``— Name (@handle) date``) belong to the tweet's author.

Names come from the names stage's mentions (canonical entity, entity id); where no mention
covers a capitalized name, the name as written is used. Word lists live in ``data/quotes/``.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz
from wordfreq import top_n_list

from ..corpus import Document
from ..names.model import Mention
from ..text import sentences
from .model import Quote

DATA_DIR = Path(__file__).parent / "data"
QUOTE_DATA = DATA_DIR / "quotes"

SPEAKER_TYPES = ("person", "organization", "unknown")
"""Mention types that can speak: places cannot ("Washington announced" is left unresolved), nor
unclassified names ("other"), which are mostly adjectives and headings."""
MAX_AFTER_GAP = 6
"""Words allowed between a quote and the reporting verb that follows it (``," the report quoted``)."""
MAX_SUBJECT_ITEMS = 20
MAX_ROLE_WINDOW = 8
MAX_APPOSITIVE = 10
MAX_TITLE_WORDS = 12
MIN_UNATTRIBUTED_WORDS = 3
"""Quotes without a speaker shorter than this are scare quotes or terms and are dropped."""
SUBORDINATORS = frozenset({"that", "que", "qu", "che", "dass", "أن", "بأن"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                         "le", "la", "les", "l", "el", "los", "las", "il", "lo", "gli", "der", "die", "das"})
COMPLEMENT_PREPOSITIONS = frozenset({"of", "de", "di", "del", "della", "du", "des", "von"})
"""After a cue, a noun phrase whose head takes one of these ("the basis of X") names no speaker."""
ROLE_FOLLOWERS = frozenset({"of", "for", "at", "in", "from", "with", "to", "de", "del", "della", "di", "du", "des", "von", "der"})
FUNCTION_WORD_LANGS = ("en", "fr", "es", "it", "de", "ar")
FUNCTION_WORDS_PER_LANG = 120
COMMON_WORDS_PER_LANG = 500
TWEET_AUTHOR_LINE = re.compile(
    r"^[ \t]*[—–-][ \t]*(?P<author>[^\n(]{2,120}?)[ \t]*\(@(?P<handle>\w{1,30})\)[ \t]*(?P<date>[^\n]*)$",
    re.MULTILINE,
)
TRAILING_URL = re.compile(r"(?:\s+(?:https?://|pic\.twitter\.com/|t\.co/)\S+)+\s*$")
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_POSSESSIVE_END = re.compile(r"['’]s$")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


# ---------------------------------------------------------------------------------------------
# Data files


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated data file, without blank lines and ``#`` comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass(frozen=True)
class PhraseTable:
    """Word sequences (lower-cased) mapped to a value, matched longest first."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str]]) -> "PhraseTable":
        """``entries`` are (phrase, value); the phrase is split into words."""
        grouped: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
        for phrase, value in entries:
            words = tuple(w.group().casefold() for w in _TOKEN.finditer(phrase))
            if words:
                grouped[words[0]].append((words, value, phrase))
        return cls({k: tuple(sorted(set(v), key=lambda e: (-len(e[0]), e))) for k, v in grouped.items()})

    def match(self, words: Sequence[str], at: int) -> tuple[int, str, str] | None:
        """The longest phrase starting at ``words[at]``: (length, value, phrase)."""
        for phrase, value, raw in self.by_first.get(words[at], ()):
            if tuple(words[at:at + len(phrase)]) == phrase:
                return len(phrase), value, raw
        return None


@dataclass(frozen=True)
class QuoteConventions:
    """Quote marks and the word lists attribution reads (``data/quotes/``)."""

    closers: dict[str, tuple[str, ...]]
    verbs: PhraseTable
    pronouns: dict[str, str]
    roles: PhraseTable
    role_groups: dict[str, frozenset[str]]
    term_cues: PhraseTable
    honorifics: frozenset[str]
    organization_heads: frozenset[str]
    function_words: frozenset[str]
    adverbs: frozenset[str]
    suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def conventions() -> QuoteConventions:
    """Load the quote conventions and word lists once."""
    closers: dict[str, list[str]] = defaultdict(list)
    for row in read_tsv(QUOTE_DATA / "quote_marks.tsv"):
        closers[row[0]].append(row[1])
    role_groups = {row[0]: frozenset(row[1].split(",")) for row in read_tsv(QUOTE_DATA / "role_groups.tsv")}
    heads = frozenset(row[0].casefold() for row in read_tsv(DATA_DIR / "sources" / "organization_heads.tsv"))
    function_words = frozenset(
        w.casefold() for lang in FUNCTION_WORD_LANGS for w in top_n_list(lang, FUNCTION_WORDS_PER_LANG)
    )
    return QuoteConventions(
        closers={k: tuple(v) for k, v in closers.items()},
        verbs=PhraseTable.build((row[1], row[2]) for row in read_tsv(QUOTE_DATA / "reporting_verbs.tsv")),
        pronouns={row[1].casefold(): row[2] for row in read_tsv(QUOTE_DATA / "pronouns.tsv")},
        roles=PhraseTable.build((row[1], row[2]) for row in read_tsv(QUOTE_DATA / "roles.tsv")),
        role_groups=role_groups,
        term_cues=PhraseTable.build((row[1], "term") for row in read_tsv(QUOTE_DATA / "term_cues.tsv")),
        honorifics=frozenset(row[1].casefold() for row in read_tsv(QUOTE_DATA / "honorifics.tsv")),
        organization_heads=heads,
        function_words=function_words,
        adverbs=frozenset(row[1].casefold() for row in read_tsv(QUOTE_DATA / "adverbs.tsv")),
        suffixes=tuple(sorted({row[1] for row in read_tsv(QUOTE_DATA / "suffixes.tsv")}, key=lambda x: (-len(x), x))),
    )


# ---------------------------------------------------------------------------------------------
# Quoted spans


@dataclass(frozen=True)
class QuotedSpan:
    """A quoted passage: marks at ``open_at`` and ``close_at``; ``start``/``end`` the words."""

    open_at: int
    close_at: int
    start: int
    end: int


def _can_open(text: str, at: int, mark: str) -> bool:
    if mark == "‘":
        return at == 0 or not text[at - 1].isalnum()
    if mark == "»":  # German opener only when glued to the word it opens
        return at + 1 < len(text) and not text[at + 1].isspace()
    return True


def _is_closer(text: str, at: int, mark: str) -> bool:
    if mark == "’":  # an apostrophe inside or at the end of a word is not a closer
        return at + 1 >= len(text) or not text[at + 1].isalpha()
    return True


def _find_close(text: str, opener: str, at: int, limit: int, closers: tuple[str, ...]) -> int | None:
    """Index of the mark closing the quote opened at ``at`` (nesting of the same pair counted)."""
    depth = 0
    for i in range(at + 1, limit):
        char = text[i]
        if char in closers and _is_closer(text, i, char):
            if depth == 0:
                return i
            depth -= 1
        elif char == opener and opener not in closers and _can_open(text, i, char):
            depth += 1
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quoted passages of ``text``; quotes never run across a line break."""
    closers = conventions().closers
    spans: list[QuotedSpan] = []
    for line in re.finditer(r"[^\n\r]+", text):
        i, limit = line.start(), line.end()
        while i < limit:
            char = text[i]
            if char in closers and _can_open(text, i, char):
                close = _find_close(text, char, i, limit, closers[char])
                if close is not None:
                    span = _trim(text, i, close)
                    if span is not None:
                        spans.append(span)
                    i = close + 1
                    continue
            i += 1
    return spans


def _trim(text: str, open_at: int, close_at: int) -> QuotedSpan | None:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return QuotedSpan(open_at, close_at, start, end)


def _announces_attribution(text: str, span: QuotedSpan) -> bool:
    """A quote ending in a comma (inside or right after the marks) is followed by its speaker."""
    inner = text[span.open_at + 1:span.close_at].rstrip()
    after = text[span.close_at + 1:span.close_at + 3].lstrip()
    return inner.endswith((",", "،", "?", "!", "…", "-", "—")) or after.startswith((",", "،", "—", "–"))


def _masked(text: str, spans: Sequence[QuotedSpan]) -> str:
    """``text`` with quoted words blanked out (terminal punctuation kept), for sentence splits."""
    chars = list(text)
    for span in spans:
        inner_end = span.close_at
        while inner_end > span.open_at + 1 and text[inner_end - 1].isspace():
            inner_end -= 1
        keep = inner_end - 1 if text[inner_end - 1] in ".!?…؟" else inner_end
        for i in range(span.open_at + 1, keep):
            if chars[i] not in "\n\r":
                chars[i] = "x"
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# Sentence items: words, punctuation, quotes and names


@dataclass(frozen=True)
class Name:
    """A name in the text: a mention of the names stage, or a capitalized run as a fallback."""

    start: int
    end: int
    surface: str
    canonical: str
    entity_id: str | None
    type: str
    possessive: bool = False


@dataclass(frozen=True)
class Item:
    """A unit of a sentence: ``word``, ``punct``, ``quote`` (a whole quoted span) or ``name``."""

    kind: str
    text: str
    start: int
    end: int
    name: Name | None = None
    quote: QuotedSpan | None = None

    @property
    def key(self) -> str:
        """The lower-cased form used for word-list look-ups."""
        return self.text.casefold()


@dataclass(frozen=True)
class Speaker:
    """Who a frame credits: a canonical name, its entity id, its type, how it was found."""

    name: str
    entity_id: str | None
    type: str
    start: int
    end: int
    via: str


@dataclass
class Frame:
    """A reporting cue in a sentence (verb, participle, preposition) and who it credits."""

    sentence: int
    index: int
    length: int
    start: int
    end: int
    cue: str
    kind: str
    speaker: Speaker | None = None
    subject_start: int | None = None
    subject_end: int | None = None


@dataclass
class Sentence:
    """A sentence of the document as items, with its frames."""

    start: int
    end: int
    items: list[Item]
    frames: list[Frame] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """Look-up keys of the items (quotes and names never match a word list)."""
        return [i.key if i.kind in ("word", "punct") else "\x00" for i in self.items]


def _names_from_mentions(text: str, mentions: Iterable[Mention]) -> list[Name]:
    names = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not (0 <= m.start < m.end <= len(text)):
            continue
        if names and m.start < names[-1].end:
            continue  # overlapping mentions: keep the first, longest one
        possessive = bool(_POSSESSIVE.match(text[m.end:m.end + 2]))
        names.append(Name(m.start, m.end, text[m.start:m.end], m.entity or text[m.start:m.end],
                          m.entity_id, m.type or "other", possessive))
    return names


_PARTICLE = re.compile(r"^(?:al|el|ad|as|an|ar|at|az|ash|ibn|bin|bint|abu|abd|ben)-\w", re.IGNORECASE)
_LOWER_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "del", "della", "di", "da",
                              "du", "van", "von", "der", "den", "ben", "ould", "y"})


def _capitalized(word: str) -> bool:
    return word[:1].isupper() or bool(_PARTICLE.match(word))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent words of the supported languages: capitalized at a sentence start, not a name."""
    return frozenset(w.casefold() for lang in FUNCTION_WORD_LANGS for w in top_n_list(lang, COMMON_WORDS_PER_LANG))


def _role_suffix(keys: list[str]) -> int | None:
    """Where a role that ends ``keys`` starts ("iraqi prime minister" -> 1), or None."""
    roles = conventions().roles
    for k in range(len(keys)):
        found = roles.match(keys, k)
        if found and found[0] == len(keys) - k:
            return k
    return None


def _fallback_names(text: str, tokens: list[Item]) -> list[Name]:
    """Capitalized word runs not covered by a mention, as names of unknown type."""
    conv = conventions()
    names: list[Name] = []
    run: list[Item] = []

    def flush() -> None:
        words = list(run)
        run.clear()
        if words and words[0] is first_word and words[0].key in common_words():
            words.pop(0)  # "Although Iraq ..." at the start of a sentence
        while words and (words[0].key in conv.function_words or words[0].key in conv.honorifics
                         or conv.roles.match([w.key for w in words], 0)
                         or (words[0].text.isupper() and len(words) > 2)):
            words.pop(0)
        while words:
            role_at = _role_suffix([w.key for w in words])
            if role_at is not None:
                del words[role_at:]  # "Iraqi Prime Minister": the whole role goes, not its last word
            elif words[-1].key in _LOWER_PARTICLES:
                words.pop()
            else:
                break
        if len(words) < 2 or all(w.text.isupper() for w in words):
            return
        start, end = words[0].start, words[-1].end
        surface = text[start:end]
        possessive = surface.endswith(("'s", "’s"))
        if possessive:
            end -= 2
            surface = surface[:-2]
        kind = "organization" if any(w.key in conv.organization_heads for w in words) else "unknown"
        names.append(Name(start, end, surface, surface, None, kind, possessive))

    first_word = next((t for t in tokens if t.kind == "word"), None)
    for tok in tokens:
        if tok.kind == "word" and (_capitalized(tok.text) or (run and tok.key in _LOWER_PARTICLES)):
            run.append(tok)
        elif tok.kind == "punct" and tok.text == "." and run and run[-1].key in conv.honorifics:
            continue  # "Col. Wayne Marotto"
        else:
            flush()
    flush()
    return names


def _raw_tokens(text: str, start: int, end: int, quotes: Sequence[QuotedSpan]) -> list[Item]:
    """Word, punctuation and quote items of ``text[start:end]``."""
    items: list[Item] = []
    cursor = start
    for span in quotes:
        if span.close_at < start or span.open_at >= end:
            continue
        items.extend(_plain_tokens(text, cursor, max(cursor, span.open_at)))
        items.append(Item("quote", text[span.start:span.end], span.open_at, span.close_at + 1, quote=span))
        cursor = span.close_at + 1
    items.extend(_plain_tokens(text, cursor, end))
    return items


def _plain_tokens(text: str, start: int, end: int) -> list[Item]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        kind = "word" if m.group()[0].isalnum() or m.group()[0] == "_" else "punct"
        out.append(Item(kind, m.group(), m.start(), m.end()))
    return out


def _merge_names(tokens: list[Item], names: Sequence[Name]) -> list[Item]:
    """Replace the tokens each name covers by one ``name`` item."""
    out: list[Item] = []
    names = sorted(names, key=lambda n: n.start)
    j = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        while j < len(names) and names[j].end <= tok.start:
            j += 1
        if j < len(names) and tok.kind == "word" and names[j].start <= tok.start < names[j].end:
            name = names[j]
            while i < len(tokens) and tokens[i].kind != "quote" and tokens[i].start < name.end:
                i += 1
            out.append(Item("name", name.surface, name.start, name.end, name=name))
            j += 1
            continue
        out.append(tok)
        i += 1
    return out


# ---------------------------------------------------------------------------------------------
# Attribution


@dataclass
class _State:
    """What a document has said so far: the last speakers and the roles its people hold."""

    last: dict[str, Speaker] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    seen: dict[str, tuple[int, Speaker]] = field(default_factory=dict)


def _speaker(name: Name, via: str) -> Speaker:
    return Speaker(_clean_name(name), name.entity_id, name.type, name.start, name.end, via)


def _clean_name(name: Name) -> str:
    if name.entity_id or name.canonical != name.surface:
        return name.canonical
    words = name.surface.split()
    conv = conventions()
    while len(words) > 1 and words[0].rstrip(".").casefold() in conv.honorifics:
        words.pop(0)
    return " ".join(words)


def _entity_key(name: Name) -> str:
    return name.entity_id or name.canonical.casefold()


def _can_speak(name: Name) -> bool:
    return name.type in SPEAKER_TYPES


def _is_person_like(name: Name) -> bool:
    return name.type in ("person", "unknown")


def _roles_in(items: Sequence[Item]) -> list[tuple[int, str]]:
    """Role words heading a noun phrase in ``items``: (item index, role)."""
    roles = conventions().roles
    keys = [i.key if i.kind == "word" else "\x00" for i in items]
    found = []
    k = 0
    while k < len(items):
        hit = roles.match(keys, k) if items[k].kind == "word" else None
        if hit:
            length, role, _ = hit
            nxt = items[k + length] if k + length < len(items) else None
            if nxt is None or nxt.kind in ("name", "punct", "quote") or _may_follow_role(nxt):
                found.append((k, role))
            k += length
        else:
            k += 1
    return found


def _may_follow_role(item: Item) -> bool:
    """Words after which a role word still heads its noun phrase: a preposition ("head of"),
    an adverb ("the spokesman later added"), a rank or a name ("spokesman Col. Saleh")."""
    conv = conventions()
    return (item.key in ROLE_FOLLOWERS or item.key in conv.adverbs or item.key in conv.honorifics
            or item.key in conv.roles.by_first or item.text[:1].isupper())


def _learn_roles(sentence: Sentence, state: _State) -> None:
    """Record the roles written next to each person name ("coalition spokesman X", "X, a director")."""
    items = sentence.items
    for idx, item in enumerate(items):
        if item.kind != "name" or item.name is None or not _is_person_like(item.name):
            continue
        lo = idx
        while lo > 0 and idx - lo < MAX_ROLE_WINDOW and not _stops_role_window(items[lo - 1]):
            lo -= 1
        windows = [items[lo:idx]]
        if idx + 1 < len(items) and items[idx + 1].text in (",", "،"):
            hi = idx + 2
            while hi < len(items) and hi - idx < MAX_APPOSITIVE and items[hi].text not in (",", ".", ";", "،") \
                    and not _stops_role_window(items[hi]):
                hi += 1
            windows.append(items[idx + 2:hi])
        key = _entity_key(item.name)
        for window in windows:
            for _, role in _roles_in(window):
                state.roles[key].add(role)
        state.seen[key] = (item.start, _speaker(item.name, "name"))


def _stops_role_window(item: Item) -> bool:
    """Another person's name or a quote ends the words that describe a name."""
    return item.kind == "quote" or (item.kind == "name" and item.name is not None and _is_person_like(item.name))


def _resolve_role(role: str, state: _State, at: int) -> Speaker | None:
    """The last person seen before ``at`` whose roles fit ``role``."""
    wanted = conventions().role_groups.get(role, frozenset({role}))
    best: tuple[int, Speaker] | None = None
    for key, (pos, speaker) in sorted(state.seen.items()):
        if pos < at and state.roles.get(key, set()) & wanted and (best is None or pos > best[0]):
            best = (pos, speaker)
    return replace(best[1], via="role") if best else None


def _pronoun(items: Sequence[Item], state: _State) -> Speaker | None:
    for item in items:
        refers = conventions().pronouns.get(item.key) if item.kind == "word" else None
        if refers and refers in state.last:
            return replace(state.last[refers], via="pronoun")
    return None


def _bare_name(item: Item) -> bool:
    """A lone capitalized word that is not a common word ("Tyler says"): a name no mention covers."""
    word = item.text
    return (item.kind == "word" and len(word) > 1 and word[:1].isupper() and not word.isupper()
            and item.key not in common_words() and item.key not in conventions().honorifics
            and not _POSSESSIVE_END.search(word))


def _word_speaker(item: Item) -> Speaker:
    return Speaker(item.text, None, "unknown", item.start, item.end, "name")


def _subject(items: Sequence[Item], state: _State, at: int, sentence_initial: bool = False) -> Speaker | None:
    """The speaker named by a subject noun phrase (closest name, then pronoun, role, organization).

    A lone capitalized word no mention covers counts as a name only inside a sentence: at its
    start, "Critics" or "Officials" are capitalized for another reason."""
    persons = [i for i in items if i.kind == "name" and i.name and _is_person_like(i.name) and not i.name.possessive]
    if persons:
        return _speaker(persons[-1].name, "name")  # type: ignore[arg-type]
    if items and _bare_name(items[-1]) and not sentence_initial:
        return _word_speaker(items[-1])
    tail = [i for i in items if i.kind == "word"][-2:]
    pronoun = _pronoun(tail, state)
    if pronoun:
        return pronoun
    roles = _roles_in(items)
    if roles:
        return _resolve_role(roles[-1][1], state, at)
    orgs = [i for i in items if i.kind == "name" and i.name and _can_speak(i.name) and not i.name.possessive]
    return _speaker(orgs[-1].name, "name") if orgs else None  # type: ignore[union-attr]


def _forward_speaker(items: Sequence[Item], state: _State, at: int, stop_at_comma: bool) -> Speaker | None:
    """The speaker named right after a cue ("according to X", "said coalition spokesman X")."""
    window: list[Item] = []
    honorifics = conventions().honorifics
    rest: Sequence[Item] = ()
    for number, item in enumerate(items):
        if item.kind == "punct" and item.text == "." and window and window[-1].key in honorifics:
            continue  # "said Centcom chief Gen. Erik Kurilla"
        if item.kind == "punct" and (item.text in ".;:!?" or (stop_at_comma and item.text in ",،")):
            rest = items[number + 1:] if item.text in ",،" else ()
            break
        if item.kind == "word" and item.key in SUBORDINATORS:
            break
        if item.kind == "word" and item.key in COMPLEMENT_PREPOSITIONS and not _roles_in(window):
            return None  # "according to the basis of X": X is not the one speaking
        window.append(item)
        if len(window) >= 15:
            break
    for item in window:
        if item.kind == "name" and item.name and _is_person_like(item.name) and not item.name.possessive:
            return _speaker(item.name, "name")
    if len(window) == 1 and _bare_name(window[0]):
        return _word_speaker(window[0])  # '"...," said Tyler.'
    first_words = [i for i in window if i.kind == "word"][:1]
    pronoun = _pronoun(first_words, state)
    if pronoun:
        return pronoun
    for item in window:
        if item.kind == "name" and item.name and _can_speak(item.name) and not item.name.possessive:
            return _speaker(item.name, "name")
    roles = _roles_in(window)
    if roles and rest and rest[0].kind == "name" and rest[0].name and _is_person_like(rest[0].name) \
            and not rest[0].name.possessive:
        return _speaker(rest[0].name, "name")  # "added the spokesman of the coalition, Wayne Marotto"
    return _resolve_role(roles[0][1], state, at) if roles else None


def _find_frames(text: str, sentence: Sentence, number: int) -> list[Frame]:
    verbs = conventions().verbs
    words = sentence.words
    frames = []
    k = 0
    while k < len(words):
        hit = verbs.match(words, k) if sentence.items[k].kind == "word" else None
        if hit:
            length, kind, _ = hit
            first, last = sentence.items[k], sentence.items[k + length - 1]
            frames.append(Frame(number, k, length, first.start, last.end, text[first.start:last.end], kind))
            k += length
        else:
            k += 1
    return frames


def _resolve_frames(sentence: Sentence, state: _State) -> None:
    """Find each frame's speaker, in order, updating the document state."""
    items = sentence.items
    previous: Frame | None = None
    for frame in sentence.frames:
        after = items[frame.index + frame.length:]
        if frame.kind in ("preposition", "object"):
            frame.speaker = _forward_speaker(after, state, frame.start, stop_at_comma=True)
        elif frame.kind == "participle" and previous is not None and previous.speaker is not None:
            frame.speaker = previous.speaker
        else:
            frame.speaker = _verb_speaker(sentence, frame, previous, state)
        if frame.speaker is not None:
            bucket = "person" if _is_person_like_speaker(frame.speaker) else "organization"
            state.last[bucket] = frame.speaker
        previous = frame


def _is_person_like_speaker(speaker: Speaker) -> bool:
    return speaker.type in ("person", "unknown")


def _verb_speaker(sentence: Sentence, frame: Frame, previous: Frame | None, state: _State) -> Speaker | None:
    """The speaker of a finite reporting verb: its subject, by the word order of its language."""
    items = sentence.items
    k = frame.index
    if frame.kind == "finite-vso":
        following = _forward_speaker(items[k + frame.length:], state, frame.start, stop_at_comma=True)
        return following or _dropped_subject(previous, state)
    found = _subject_before(sentence, frame, previous, state)
    if found is None and frame.kind == "finite-free" and not _has_subject(items, frame, previous):
        found = _forward_speaker(items[k + frame.length:], state, frame.start, stop_at_comma=True) \
            or _dropped_subject(previous, state)
    return found


def _dropped_subject(previous: Frame | None, state: _State) -> Speaker | None:
    """A verb without a subject (Spanish, Italian, Arabic) continues the sentence's or the last speaker."""
    if previous is not None and previous.speaker is not None:
        return previous.speaker
    last = state.last.get("person")
    if last is None and state.seen:  # nobody has spoken yet: the last person named
        last = max(state.seen.values(), key=lambda seen: seen[0])[1]
    return replace(last, via="pronoun") if last else None


def _has_subject(items: Sequence[Item], frame: Frame, previous: Frame | None) -> bool:
    """Whether a noun phrase (a determiner, a name) stands right before the verb."""
    before = [i for i in items[:frame.index] if i.kind != "punct"][-3:]
    if previous is not None:
        before = [i for i in before if i.start >= previous.end]
    return any(i.kind == "name" or i.key in DETERMINERS for i in before)


def _subject_before(sentence: Sentence, frame: Frame, previous: Frame | None, state: _State) -> Speaker | None:
    items = sentence.items
    k = frame.index
    before = k - 1
    while before >= 0 and items[before].kind == "punct" and items[before].text in ",،—–-":
        before -= 1
    if before >= 0 and items[before].kind == "quote":  # inversion: '"...," said X'
        inverted = _forward_speaker(items[k + frame.length:], state, frame.start, stop_at_comma=True)
        if inverted is not None:
            return inverted
    lo = k
    while lo > 0 and k - lo < MAX_SUBJECT_ITEMS:
        prev = items[lo - 1]
        if prev.kind == "quote" or prev.text in (";", ":") or (prev.kind == "word" and prev.key in SUBORDINATORS):
            break
        if previous is not None and lo - 1 < previous.index + previous.length:
            break
        lo -= 1
    subject = _subject_phrase(items[lo:k])
    if subject:
        frame.subject_start, frame.subject_end = subject[0].start, subject[-1].end
    found = _subject(subject, state, frame.start, sentence_initial=bool(subject) and subject[0] is items[0])
    if found is None and previous is not None and not any(i.kind == "name" for i in subject):
        return previous.speaker  # coordinated verb: "X confirmed "..." and assured that "...""
    return found


def _subject_phrase(items: Sequence[Item]) -> list[Item]:
    """The comma-separated segment of the words before a verb that is its subject.

    The last segment that names someone, or that opens with a determiner ("..., the
    counter-terrorism agency said"), is the subject; "took to Twitter to" is skipped back to
    "Wayne Marotto" in "The spokesman, Wayne Marotto, took to Twitter to confirm".
    """
    segments: list[list[Item]] = [[]]
    for item in items:
        if item.kind == "punct" and item.text in (",", "،", "(", ")"):
            segments.append([])
        else:
            segments[-1].append(item)
    segments = [seg for seg in segments if seg]
    conv = conventions()
    for seg in reversed(segments):
        words = [i for i in seg if i.kind == "word"]
        if any(i.kind == "name" for i in seg) or _roles_in(seg) or any(w.key in conv.pronouns for w in words[-2:]):
            return seg
        if words and words[0].key in DETERMINERS:
            return seg
    return segments[-1] if segments else []


def _term_before(text: str, span: QuotedSpan) -> bool:
    """Whether a term cue ("known as", "so-called") sits right before the quote."""
    head = text[max(0, span.open_at - 40):span.open_at]
    words = [m.group().casefold() for m in _TOKEN.finditer(head) if m.group()[0].isalnum()]
    words = [w for w in words if w not in ("a", "an", "the", "le", "la", "el", "il", "lo", "der", "die", "das")]
    table = conventions().term_cues
    for length in range(1, 4):
        if len(words) >= length and table.match(words[-length:], 0):
            return True
    return False


def _name_like(text: str) -> bool:
    """A quoted title or nickname: every word capitalized ("Abu Yasser", "Century Foundation")."""
    words = re.findall(r"\w+(?:['’\-]\w+)*", text)
    if not words or len(words) > MAX_TITLE_WORDS or _ARABIC_LETTER.search(text) or text.rstrip().endswith(
            (".", "!", "?", "…")):
        return False
    small = conventions().function_words
    capitalized = sum(_capitalized(w) for w in words)
    return (capitalized >= 2 or len(words) == 1) and all(
        _capitalized(w) or w.isdigit() or (w.casefold() in small and i > 0) for i, w in enumerate(words))


@dataclass(frozen=True)
class EmbeddedTweet:
    """A tweet pasted into a text: its body, its author and handle, its author line."""

    body_start: int
    body_end: int
    author: Speaker
    handle: str
    line_start: int
    line_end: int


def embedded_tweets(doc: Document, mentions: Sequence[Mention]) -> list[EmbeddedTweet]:
    """Tweets pasted into the text: a body line followed by ``— Name (@handle) date``."""
    text = doc.text
    names = _names_from_mentions(text, [m for m in mentions if m.doc == doc.id])
    tweets = []
    for m in TWEET_AUTHOR_LINE.finditer(text):
        author_start, author_end = m.start("author"), m.end("author")
        inside = [n for n in names if author_start <= n.start and n.end <= author_end and _can_speak(n)]
        if inside:
            person = [n for n in inside if _is_person_like(n)] or inside
            author = _speaker(person[-1], "tweet")
        else:
            tokens = _plain_tokens(text, author_start, author_end)
            fallback = _fallback_names(text, tokens)
            author = (_speaker(fallback[-1], "tweet") if fallback else
                      Speaker(m.group("author").strip(), None, "unknown", author_start, author_end, "tweet"))
        body = _previous_line(text, m.start())
        if body is None:
            continue
        start, end = body
        tail = TRAILING_URL.search(text, start, end)
        if tail:
            end = tail.start()
        tweets.append(EmbeddedTweet(start, end, author, m.group("handle"), m.start(), m.end()))
    return tweets


def _previous_line(text: str, line_start: int) -> tuple[int, int] | None:
    end = line_start
    while end > 0 and text[end - 1] in "\r\n \t":
        end -= 1
    start = text.rfind("\n", 0, end) + 1
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if end > start else None


# ---------------------------------------------------------------------------------------------
# Document analysis shared with the citation finder


@dataclass
class DocumentFrames:
    """A document's sentences with their reporting frames resolved, and its embedded tweets."""

    quotes: list[QuotedSpan]
    sentences: list[Sentence]
    tweets: list[EmbeddedTweet]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


def analyze_frames(doc: Document, mentions: Sequence[Mention]) -> DocumentFrames:
    """Split ``doc`` into sentences of items and resolve every reporting frame's speaker.

    The last few analyses are kept, since quotes and citations of one document both read it.
    """
    own = tuple(sorted((m for m in mentions if m.doc == doc.id), key=lambda m: (m.start, m.end, m.surface)))
    return _analyze_cached(doc.id, doc.text, own)


@lru_cache(maxsize=4)
def _analyze_cached(doc_id: str, text: str, mentions: tuple[Mention, ...]) -> DocumentFrames:
    return _analyze(Document(doc_id, text), mentions)


def _analyze(doc: Document, mentions: Sequence[Mention]) -> DocumentFrames:
    text = doc.text
    spans = find_quoted_spans(text)
    masked = _masked(text, spans)
    mention_names = _names_from_mentions(text, [m for m in mentions if m.doc == doc.id])
    state = _State()
    result = DocumentFrames(spans, [], embedded_tweets(doc, mentions))
    tweet_ends = sorted((t.line_end, t.author) for t in result.tweets)
    for number, span in enumerate(_sentence_spans(masked, spans)):
        start, end = span
        tokens = _raw_tokens(text, start, end, spans)
        own = [n for n in mention_names if start <= n.start and n.end <= end]
        covered = [(n.start, n.end) for n in own]
        fallback = [n for n in _fallback_names(text, [t for t in tokens if t.kind != "quote"])
                    if not any(a < n.end and n.start < b for a, b in covered)]
        sentence = Sentence(start, end, _merge_names(tokens, own + fallback))
        sentence.frames = _find_frames(text, sentence, number)
        for line_end, author in tweet_ends:
            if line_end <= start:
                state.last["person" if _is_person_like_speaker(author) else "organization"] = author
        tweet_ends = [(e, a) for e, a in tweet_ends if e > start]
        _learn_roles(sentence, state)
        _resolve_frames(sentence, state)
        result.sentences.append(sentence)
    return result


def _sentence_spans(masked: str, spans: Sequence[QuotedSpan]) -> list[tuple[int, int]]:
    """Sentence spans of the masked text, never cutting inside a quote."""
    out = []
    for s in sentences(masked):
        if out and any(q.open_at < s.start < q.close_at for q in spans):
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
    return out


# ---------------------------------------------------------------------------------------------
# Public API: quotes


def extract_quotes(doc: Document, mentions: Sequence[Mention]) -> list[Quote]:
    """Quoted passages of ``doc`` with their speakers (canonical names where mentions give them)."""
    analysis = analyze_frames(doc, mentions)
    text = doc.text
    quotes: list[Quote] = []
    last_attributed: tuple[int, Speaker] | None = None
    for sentence in analysis.sentences:
        quote_items = [(k, i) for k, i in enumerate(sentence.items) if i.kind == "quote" and i.quote]
        for k, item in quote_items:
            span = item.quote
            assert span is not None
            tweet = next((t for t in analysis.tweets if t.body_start <= span.open_at < t.body_end), None)
            if tweet is not None:
                speaker, cue = tweet.author, "tweet"
            else:
                speaker, cue = _attribute(text, sentence, k, analysis, last_attributed)
            if speaker is not None:
                last_attributed = (sentence.end, speaker)
            words = len(re.findall(r"\w+", text[span.start:span.end]))
            if _term_before(text, span) or _name_like(text[span.start:span.end]):
                continue
            if speaker is None and words < MIN_UNATTRIBUTED_WORDS:
                continue
            quotes.append(_quote(doc.id, text, span.start, span.end, speaker, cue))
        speakers = [f.speaker for f in sentence.frames if f.speaker and _is_person_like_speaker(f.speaker)]
        if speakers:
            last_attributed = (sentence.end, speakers[-1])
    for tweet in analysis.tweets:
        quotes.append(_quote(doc.id, text, tweet.body_start, tweet.body_end, tweet.author, "tweet"))
    return sorted(set(quotes), key=lambda q: (q.start, q.end, q.cue))


def _quote(doc_id: str, text: str, start: int, end: int, speaker: Speaker | None, cue: str) -> Quote:
    return Quote(doc_id, start, end, text[start:end], speaker.name if speaker else None,
                 speaker.entity_id if speaker else None, cue)


def _attribute(text: str, sentence: Sentence, k: int, analysis: DocumentFrames,
               last_attributed: tuple[int, Speaker] | None) -> tuple[Speaker | None, str]:
    """The speaker of the quote item at ``sentence.items[k]`` and the cue that names it."""
    item = sentence.items[k]
    span = item.quote
    assert span is not None
    frames = sentence.frames
    following = [f for f in frames if f.index > k]
    if following and _announces_attribution(text, span):
        frame = following[0]
        between = sentence.items[k + 1:frame.index]
        if not any(i.kind == "quote" for i in between) and sum(i.kind != "punct" for i in between) <= MAX_AFTER_GAP:
            return frame.speaker, frame.cue
    preceding = [f for f in frames if f.index < k]
    if preceding:
        return preceding[-1].speaker, preceding[-1].cue
    if following:
        return following[0].speaker, following[0].cue
    standalone = sum(i.kind in ("word", "name") for i in sentence.items) <= 3
    if standalone and last_attributed is not None and _adjacent(text, last_attributed[0], sentence.start):
        return last_attributed[1], "continuation"
    return None, ""


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """Whether the sentence at ``start`` directly follows the one ending at ``previous_end``,
    in the same paragraph or the next one ("He also warned that ...." then a quote paragraph)."""
    return not re.search(r"\w", text[previous_end:start]) and text.count("\n", previous_end, start) <= 2


# ---------------------------------------------------------------------------------------------
# Public API: quote matching


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[str, ...]:
    small = conventions().function_words
    words = [w.casefold() for w in re.findall(r"\w+", text)]
    return tuple(w for w in words if w not in small and not (len(w) < 3 and not w.isdigit()))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """``word`` without its longest inflection ending (``data/quotes/suffixes.tsv``)."""
    for suffix in conventions().suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=262144)
def same_word(a: str, b: str) -> bool:
    """Fuzzy word equality: inflection ("thunderous"/"thundering") and spelling drift."""
    if a == b:
        return True
    if a[:1] != b[:1] or a.isdigit() or b.isdigit():
        return False  # spelling drift and inflection keep a word's first letter
    if stem(a) == stem(b):
        return True
    shorter = min(len(a), len(b))
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    if shorter >= 4 and prefix >= max(4, 0.7 * shorter):
        return True
    return shorter >= 5 and fuzz.ratio(a, b) >= 85


def _window_match(short: Sequence[str], long: Sequence[str], weights: Sequence[float]) -> tuple[float, int]:
    """Best one-to-one matching of ``short``'s words inside one window of ``long``: the
    matched words' weight and their number."""
    by_initial: dict[str, list[int]] = defaultdict(list)
    for j, other in enumerate(long):
        by_initial[other[:1]].append(j)
    positions = [[j for j in by_initial.get(word[:1], ()) if same_word(word, long[j])] for word in short]
    anywhere = sum(w for w, p in zip(weights, positions) if p)
    if anywhere < MIN_QUOTE_SIMILARITY * sum(weights):
        return anywhere, sum(1 for p in positions if p)  # no window can do better than the whole
    size = min(len(long), len(short) + max(2, len(short) // 2))
    best: tuple[float, int] = (0.0, 0)
    for at in sorted({max(0, min(j, len(long) - size)) for p in positions for j in p}):
        used: set[int] = set()
        score = 0.0
        for weight, candidates in zip(weights, positions):
            hit = next((j for j in candidates if at <= j < at + size and j not in used), None)
            if hit is not None:
                used.add(hit)
                score += weight
        best = max(best, (score, len(used)))
        if len(used) == len(short):
            break
    return best


def quote_similarity(a: str, b: str, weight: Callable[[str], float] | None = None) -> float:
    """Share of the shorter quote's content words rendered in one passage of the longer one,
    each word counting by ``weight`` (its rarity in the corpus; 1 when not given). Under
    :data:`MIN_QUOTE_SIMILARITY` the value is an upper bound: windows are not searched."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    weights = [weight(w) if weight else 1.0 for w in short]
    matched, count = _window_match(short, long, weights)
    return matched / sum(weights) if count >= 2 else 0.0


MIN_QUOTE_SIMILARITY = 0.7
MAX_KEY_QUOTES = 200
"""Blocking keys shared by more quotes than this are formulaic and not used to pair (a cap on
document frequency, as passim has): the cost grows with related quotes, not with all pairs."""
KEY_WINDOW = 3


def _blocking_keys(text: str) -> set[tuple[str, str]]:
    """Unordered pairs of nearby content words (stem prefixes): word order may change in
    translation, a pair of rare words seldom meets by chance."""
    words = [stem(w)[:4] for w in _content_words(text)]
    keys = set()
    for i, first in enumerate(words):
        for second in words[i + 1:i + 1 + KEY_WINDOW]:
            if first != second:
                keys.add((min(first, second), max(first, second)))
    return keys


def match_quotes(quotes: Sequence[Quote]) -> list[tuple[Quote, Quote, float]]:
    """Pairs of quotes from different documents rendering the same words, with a similarity.

    Containment counts: a short quote matches a longer one that renders its words. Words
    weigh by their rarity among the quotes, so that a shared formula ("everyone has the right
    to") does not make two different quotes one. Candidate pairs share a blocking key
    (:func:`_blocking_keys`) under a frequency cap.
    """
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    frequency: Counter[str] = Counter()
    for n, q in enumerate(quotes):
        for key in sorted(_blocking_keys(q.text)):
            index[key].append(n)
        frequency.update({stem(w) for w in _content_words(q.text)})
    total = len(quotes)

    def rarity(word: str) -> float:
        """Inverse quote frequency: formulas shared by many quotes weigh little."""
        return 1.0 + math.log((total + 1) / (frequency[stem(word)] + 1))

    shared: set[tuple[int, int]] = set()
    for key in sorted(index):
        members = index[key]
        if len(members) > MAX_KEY_QUOTES:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if quotes[a].doc != quotes[b].doc:
                    shared.add((a, b))
    pairs = []
    for a, b in sorted(shared):
        sim = quote_similarity(quotes[a].text, quotes[b].text, rarity)
        if sim >= MIN_QUOTE_SIMILARITY:
            qa, qb = sorted((quotes[a], quotes[b]), key=lambda q: (q.doc, q.start, q.end))
            pairs.append((qa, qb, round(sim, 4)))
    return sorted(pairs, key=lambda p: (p[0].doc, p[0].start, p[1].doc, p[1].start))
