"""The data files: every table loads, every pattern compiles, every language is covered."""
from __future__ import annotations

import pytest

from provenance.artifacts import boilerplate, calques, grammar, transliteration, typography
from provenance.artifacts.model import KINDS
from provenance.artifacts.tables import DataError, compile_pattern, expand, language_names, source_languages

REQUIRED = ("ar", "de", "es", "fr", "it")


def test_required_languages_have_calques_and_chrome() -> None:
    by_lang = {lang: [e for e in calques.calque_entries() if e.lang == lang] for lang in REQUIRED}
    assert all(len(entries) >= 5 for entries in by_lang.values()), {k: len(v) for k, v in by_lang.items()}
    chrome = {e.lang for e in boilerplate.chrome_entries()}
    assert set(REQUIRED) <= chrome


def test_every_row_is_well_formed() -> None:
    for entry in calques.calque_entries():
        assert entry.kind in KINDS and 0 < entry.score <= 1 and entry.explanation and entry.source
    for rule in typography.typography_rules():
        assert 0 < rule.score <= 1 and set(rule.candidates) <= set(language_names())
    for rule in grammar.grammar_rules():
        assert 0 < rule.score <= 1
    for rule in transliteration.all_rules():
        assert rule.origin in ("latin", "nonlatin") and 0 <= rule.strength < 1
    assert set(source_languages()) <= set(language_names())


def test_macros_expand_word_lists() -> None:
    assert "Wednesday" in expand("{WEEKDAYS}")
    assert compile_pattern(r"\b{WEEKDAYS}\b").search("on Friday night")


def test_bad_pattern_is_reported_with_its_text() -> None:
    with pytest.raises(DataError, match="unbalanced"):
        compile_pattern("(unbalanced")
