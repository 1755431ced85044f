"""Broken sentences."""
from __future__ import annotations

import pytest

from provenance.artifacts import fragments
from provenance.artifacts.model import Context


def detect(text: str, language: str = "en"):
    return [a.text for a in fragments.detect(Context.from_text(text, language))]


def test_lower_case_start_after_full_stop() -> None:
    assert detect("Firefighters contained the blaze before it reached the houses. nearby.") == \
        ["houses. nearby."]


def test_orphan_infinitive() -> None:
    assert detect("The government raised fuel prices again on Monday. To compensate.") == ["To compensate."]


def test_paragraph_break_inside_a_sentence() -> None:
    assert detect("The council voted to close the\n\nhospital by the end of the year.") == ["the\n\nhospital"]


def test_other_languages_in_a_cased_script() -> None:
    assert detect("El gobierno anunció nuevas medidas. económicas.", "es") == ["medidas. económicas."]


@pytest.mark.parametrize("text", [
    "The U.S. envoy met Gen. Smith and Lt. Col. Jones in Kabul.",
    "Prices rose for fuel, food, rent, etc. and wages did not follow.",
    "Photos: pic.twitter.com/abc123 and more at example.com. more info later",
    "Thank you. God bless you all.",
    "To be clear, nothing was decided.",
    "The talks began at 9 a.m. and ended at noon.",
])
def test_native_english_is_not_broken(text: str) -> None:
    assert detect(text) == []
