"""Names of known people in Chinese text, found through their pinyin readings.

Chinese writes no spaces and no capitals, so the span finder sees no names there. A person the
corpus names in Latin script is found in a Chinese document when a run of characters reads
(pypinyin, toneless) as that person's name: a Chinese name as surname and given name (王毅,
*Wang Yi*), a foreign name as one transliterated word compared by its transliteration key (布林肯,
*bulinken*: Blinken; 拜登, *baideng*: Biden, with the -ng that Chinese adds to a final n; in a
full name with an interpunct, 安东尼·布林肯, the surname after it). A reading must name exactly
one person the corpus knows; short keys never count alone.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from .keys import parse_name
from .model import Entity, Mention, NamesResult, count_mentions

HAN_LANGUAGES = frozenset({"zh"})
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+(?:[·・•‧][\u3400-\u4dbf\u4e00-\u9fff]+)*")
_INTERPUNCT = re.compile(r"[·・•‧]")
MAX_WORD_CHARS = 4
"""Characters of the longest transliterated foreign surname looked for (布林肯 is three)."""
MIN_KEY_LENGTH = 3
"""Shortest transliteration key that may name a person by one word (BDN: Biden)."""
SCORE = 0.7


def _keys(word: str) -> frozenset[str]:
    parsed = parse_name(word.title())
    return frozenset(parsed.words[0].keys) if len(parsed.words) == 1 else frozenset()


@lru_cache(maxsize=100_000)
def _reading_keys(syllables: tuple[str, ...]) -> frozenset[str]:
    """Keys of a run of syllables read as one foreign word, also with a final -ng as -n (登 deng: den)."""
    joined = "".join(syllables)
    forms = {joined, "".join(s[:-1] if s.endswith("ng") else s for s in syllables)}
    return frozenset(k for form in forms for k in _keys(form) if len(k) >= MIN_KEY_LENGTH)


def _index(entities: Sequence[Entity]) -> tuple[dict[str, set[str]], dict[tuple[str, str], set[str]]]:
    """(surname key -> people, (surname, given) pinyin-like words of two-word names -> people)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type != "person":
            continue
        for spelling in {entity.name, *entity.variants}:
            if not spelling.isascii():
                continue
            parsed = parse_name(spelling)
            if parsed.surname is not None:
                for key in parsed.surname.keys:
                    if len(key) >= MIN_KEY_LENGTH:
                        by_key[key].add(entity.id)
            words = spelling.casefold().split()
            if len(words) == 2:
                by_name[(words[0], words[1])].add(entity.id)
    return by_key, by_name


def _found_in(text: str, by_key: Mapping[str, set[str]], by_name: Mapping[tuple[str, str], set[str]]
              ) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of the known people read in one Chinese text, longest first, no overlaps."""
    from pypinyin import Style, lazy_pinyin  # its dictionaries load in 0.3 s: only for Chinese text

    candidates: list[tuple[int, int, str]] = []
    for run in _HAN_RUN.finditer(text):
        chars = run.group()
        syllables = lazy_pinyin(chars, style=Style.NORMAL)
        if len(syllables) != len(chars):
            continue  # a character pypinyin reads as two or none: offsets would not line up
        for size in range(MAX_WORD_CHARS, 1, -1):
            for i in range(len(chars) - size + 1):
                window = tuple(syllables[i:i + size])
                if any(_INTERPUNCT.fullmatch(s) for s in window):
                    continue
                people = set(by_name.get((window[0], "".join(window[1:])), set()))
                if not people:
                    people = {p for k in _reading_keys(window) for p in by_key.get(k, ())}
                if len(people) == 1:
                    candidates.append((run.start() + i, run.start() + i + size, next(iter(people))))
    chosen: list[tuple[int, int, str]] = []
    for start, end, entity in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if not any(start < e and s < end for s, e, _ in chosen):
            chosen.append((start, end, entity))
    return sorted(chosen)


def link_han(result: NamesResult, texts: Sequence[tuple[str, str, str]]) -> NamesResult:
    """``result`` with the known people read in the Chinese documents of ``texts`` ((id, text,
    language), the text empty for other documents) added as mentions."""
    chinese = [(doc, text) for doc, text, lang in texts if lang in HAN_LANGUAGES and text]
    if not chinese:
        return result
    by_key, by_name = _index(result.entities)
    if not by_key and not by_name:
        return result
    entities = {e.id: e for e in result.entities}
    added: dict[str, list[Mention]] = {}
    for doc, text in chinese:
        found = [Mention(doc, start, end, text[start:end], "person", entities[entity_id].name, entity_id, SCORE, "key")
                 for start, end, entity_id in _found_in(text, by_key, by_name)]
        if found:
            added[doc] = found
            count_mentions(found, entities)
    if not added:
        return result
    mentions = []
    for mention in result.mentions:
        if not any(mention.start < n.end and n.start < mention.end for n in added.get(mention.doc, ())):
            mentions.append(mention)
    mentions += [m for found in added.values() for m in found]
    order = {doc: i for i, (doc, _, _) in enumerate(texts)}
    mentions.sort(key=lambda m: (order.get(m.doc, len(order)), m.doc, m.start, m.end))
    return NamesResult(mentions, list(result.entities))
