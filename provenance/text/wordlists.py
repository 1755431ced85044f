"""Per-language word lists of the text layer (``provenance/data/text/``), read by column name."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..resources import read_rows

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "text"


@cache
def _article_rows() -> tuple[dict[str, str], ...]:
    return read_rows(DATA_DIR / "articles.tsv")


def articles(languages: Iterable[str] | None = None,
             kinds: Iterable[str] = ("definite", "indefinite")) -> frozenset[str]:
    """The articles of ``languages`` (all when None) of the given kinds, lower case."""
    wanted_languages = None if languages is None else frozenset(languages)
    wanted_kinds = frozenset(kinds)
    return frozenset(row["article"] for row in _article_rows() if row["kind"] in wanted_kinds
                     and (wanted_languages is None or row["language"] in wanted_languages))
