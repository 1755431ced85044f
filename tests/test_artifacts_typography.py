"""Typography by the conventions of the document's language."""
from __future__ import annotations

import pytest

from provenance.artifacts import typography
from provenance.artifacts.model import Context


def detect(text: str, language: str = "en"):
    return typography.detect(Context.from_text(text, language))


@pytest.mark.parametrize("text, surface, lang", [
    ("The minister said the reform was “necessary” . Unions disagreed.", "necessary” .", None),
    ("He asked : what comes next ?", "asked :", "fr"),
    ("She called the ruling «a disgrace» in a statement.", "«a disgrace»", "fr"),
    ("The slogan read „Wir schaffen das“ on every banner.", "„Wir schaffen das“", "de"),
    ("Turnout reached 61,5 percent in the second round.", "61,5 percent", "es"),
    ("The meeting was set for 14h30 at the prefecture.", "14h30", "fr"),
    ("The mayor said the plan “is dead”and walked away.", "dead”and", None),
    ("“We will rebuild (…) every house,” the governor said.", "(…)", "es"),
    ("The ministry said، in a statement, that talks resumed.", "،", "ar"),
])
def test_foreign_typography_in_english(text: str, surface: str, lang: str | None) -> None:
    found = [(a.text, a.candidates) for a in detect(text)]
    assert any(s.endswith(surface) or s == surface for s, _ in found), found
    if lang:
        assert any(lang in c for s, c in found if s.endswith(surface) or s == surface)


def test_french_spacing_is_normal_in_french() -> None:
    assert detect("Il a demandé : que faire ? « Rien », a répondu le maire.", "fr") == []


def test_space_before_full_stop_is_an_artifact_in_every_language() -> None:
    (artifact,) = detect("Le ministre a parlé de « réforme » . Les syndicats ont protesté.", "fr")
    assert artifact.text == "» ." or artifact.text.endswith("» .")


@pytest.mark.parametrize("text", [
    "The company said revenue rose 2.5 percent to $1,250 million.",
    "He paused... then said: “We are ready.”",
    "The vote was 52-48, a narrow margin. . . and a surprise.",
    "Troops fired at 10:30 a.m., officials said.",
    "The law (passed in 2019) expires next year.",
])
def test_native_english_typography(text: str) -> None:
    assert detect(text) == []
