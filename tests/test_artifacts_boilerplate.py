"""Translated site chrome, and native English chrome that must not be flagged."""
from __future__ import annotations

import pytest

from provenance.artifacts import boilerplate
from provenance.artifacts.model import Context


def detect(text: str):
    return boilerplate.detect(Context.from_text(text))


@pytest.mark.parametrize("line, lang", [
    ("Reading time: 3 min", "fr"),
    ("Read also other news on Agenzia Roma", "it"),
    ("Click here and receive our newsletter every morning", "it"),
    ("Source: Al Jazeera + agencies", "ar"),
    ("Article reserved for subscribers", "fr"),
    ("Also interesting: the best hiking trails in Bavaria", "de"),
])
def test_translated_chrome_lines(line: str, lang: str) -> None:
    text = f"The storm cut power to thousands of homes on Tuesday.\n{line}\nCrews worked through the night."
    (artifact,) = detect(text)
    assert artifact.text == line and artifact.kind == "boilerplate"
    assert artifact.candidates[0] == lang or lang in artifact.candidates


def test_arabic_style_caption_credit() -> None:
    text = "Rescuers search the rubble of a collapsed building in Aleppo (Anatolia)\nThe toll rose overnight."
    (artifact,) = detect(text)
    assert artifact.text == "(Anatolia)" and artifact.source_language == "ar"


def test_dateline_credit_is_not_a_caption() -> None:
    assert detect("ANKARA (Reuters) - Turkey's central bank held rates on Thursday.") == []


def test_outlet_hint() -> None:
    (artifact,) = detect("Text of the story.\nFollow us on the social channels of Agenzia Roma on Twitter, Telegram")
    assert artifact.outlet == "Agenzia Roma" and "Agenzia Roma" in artifact.to_dict()["outlet"]


@pytest.mark.parametrize("line", [
    "Follow The Daily Ledger on Facebook and Twitter",
    "Subscribe to our newsletter and never miss a story!",
    "Click here to receive breaking news alerts",
    "Read more: Senate passes budget bill",
    "Sign up for our morning briefing",
])
def test_native_english_chrome_is_not_flagged(line: str) -> None:
    assert detect(f"The council approved the plan.\n{line}\n") == []
