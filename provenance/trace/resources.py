"""Data files of the trace stage and the word lists several of its modules read.

Tables are tab-separated (``data/<area>/<name>.tsv``) with a header row; :func:`read_table`
returns rows as dicts keyed by column name.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import top_words

DATA_DIR = Path(__file__).parent / "data"
QUOTE_DATA = DATA_DIR / "quotes"
FUNCTION_WORD_LANGS = ("en", "fr", "es", "it", "de", "ar")
FUNCTION_WORDS_PER_LANG = 120
COMMON_WORDS_PER_LANG = 500
TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file as dicts keyed by column name.

    The first line names the columns (``# col<TAB>col ...``); blank lines and other ``#``
    comments are skipped; a row's missing trailing cells are empty strings.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    columns = [c.strip() for c in lines[0].lstrip("#").split("\t")]
    rows = []
    for line in lines[1:]:
        if line.strip() and not line.startswith("#"):
            cells = [cell.strip() for cell in line.split("\t")]
            rows.append(dict(zip(columns, cells + [""] * (len(columns) - len(cells)))))
    return rows


@dataclass(frozen=True)
class PhraseTable:
    """Word sequences (lower-cased) mapped to a value, matched longest first."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]

    @classmethod
    def build(cls, entries: Iterable[tuple[str, str]]) -> PhraseTable:
        """``entries`` are (phrase, value); the phrase is split into words."""
        grouped: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
        for phrase, value in entries:
            words = tuple(w.group().casefold() for w in TOKEN.finditer(phrase))
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
    for row in read_table(QUOTE_DATA / "quote_marks.tsv"):
        closers[row["open"]].append(row["close"])
    role_groups = {row["role"]: frozenset(row["can_refer_to"].split(","))
                   for row in read_table(QUOTE_DATA / "role_groups.tsv")}
    heads = frozenset(row["word"].casefold() for row in read_table(DATA_DIR / "sources" / "organization_heads.tsv"))
    function_words = frozenset(
        w.casefold() for lang in FUNCTION_WORD_LANGS for w in top_words(lang, FUNCTION_WORDS_PER_LANG)
    )
    return QuoteConventions(
        closers={k: tuple(v) for k, v in closers.items()},
        verbs=PhraseTable.build((row["form"], row["kind"]) for row in read_table(QUOTE_DATA / "reporting_verbs.tsv")),
        pronouns={row["pronoun"].casefold(): row["refers_to"] for row in read_table(QUOTE_DATA / "pronouns.tsv")},
        roles=PhraseTable.build((row["term"], row["role"]) for row in read_table(QUOTE_DATA / "roles.tsv")),
        role_groups=role_groups,
        term_cues=PhraseTable.build((row["phrase"], "term") for row in read_table(QUOTE_DATA / "term_cues.tsv")),
        honorifics=frozenset(row["honorific"].casefold() for row in read_table(QUOTE_DATA / "honorifics.tsv")),
        organization_heads=heads,
        function_words=function_words,
        adverbs=frozenset(row["word"].casefold() for row in read_table(QUOTE_DATA / "adverbs.tsv")),
        suffixes=tuple(sorted({row["suffix"] for row in read_table(QUOTE_DATA / "suffixes.tsv")},
                              key=lambda x: (-len(x), x))),
    )


# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent words of the supported languages: capitalized at a sentence start, not a name."""
    return frozenset(w.casefold() for lang in FUNCTION_WORD_LANGS for w in top_words(lang, COMMON_WORDS_PER_LANG))
