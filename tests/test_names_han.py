"""Known people found in Chinese text through their pinyin readings (sentences written for these tests)."""
from __future__ import annotations

from provenance.corpus import Document
from provenance.names import link_corpus

ENGLISH = ("Secretary of State Antony Blinken spoke with Chinese Foreign Minister Wang Yi on Friday. "
           "President Joe Biden said the call was useful.")


def chinese_people(text: str) -> list[tuple[str, str | None]]:
    docs = [Document("en.txt", ENGLISH, language="en"), Document("zh.txt", text, language="zh")]
    result = link_corpus(docs, None)
    found = [(m.surface, m.entity) for m in result.mentions if m.doc == "zh.txt" and m.type == "person"]
    for m in result.mentions:
        assert docs[1].text[m.start:m.end] == m.surface if m.doc == "zh.txt" else True
    return found


def test_chinese_and_foreign_names_are_read_in_pinyin() -> None:
    found = chinese_people("国务卿安东尼·布林肯周五与中国外长王毅通电话。拜登总统表示通话很有益。")
    assert ("布林肯", "Antony Blinken") in found
    assert ("王毅", "Wang Yi") in found
    assert ("拜登", "Joe Biden") in found


def test_no_one_the_corpus_does_not_know() -> None:
    assert chinese_people("今天北京天气晴朗，市民在公园里散步。") == []


def test_other_languages_are_left_alone() -> None:
    docs = [Document("en.txt", ENGLISH, language="en"), Document("ja.txt", "王毅外相は金曜日に電話した。", language="ja")]
    assert [m for m in link_corpus(docs, None).mentions if m.doc == "ja.txt" and m.type == "person"] == []
