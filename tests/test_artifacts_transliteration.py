"""Name spellings: transliteration by another language's conventions, back-transliteration."""
from __future__ import annotations

import pytest

from provenance.artifacts import transliteration
from provenance.artifacts.model import Context
from provenance.artifacts.transliteration import all_rules, derive, is_arabic_origin, split_name
from provenance.glossary import Alias, Entry, Glossary
from provenance.names.model import Mention

GLOSSARY = Glossary([
    Entry("per:khalid", "person", "Khalid al-Hashimi", (Alias("خالد الهاشمي", "ar", "Arabic", "variant"),)),
    Entry("per:nawaf", "person", "Nawaf al-Rawi"),
    Entry("per:jamal", "person", "Jamal Shakir", (Alias("Djamel Chaker", "fr", "Latin", "variant"),)),
    Entry("per:yasin", "person", "Yasin Shawkat"),
    Entry("per:brett", "person", "Brett McGurk", (Alias("بريت ماكغورك", "ar", "Arabic", "variant"),)),
    Entry("per:jennifer", "person", "Jennifer Griffin"),
    Entry("per:anne", "person", "Anne Pierce", roles=("Gerald Ford School fellow",)),
])


def mentions_of(text: str, names: dict[str, str]) -> list[Mention]:
    """Mentions of each surface (first occurrence) linked to the given glossary id."""
    found = []
    for surface, entry_id in names.items():
        start = text.index(surface)
        entity = GLOSSARY.get(entry_id).canonical if entry_id in GLOSSARY.entries else entry_id
        found.append(Mention("doc", start, start + len(surface), surface, "person", entity,
                             entry_id if entry_id in GLOSSARY.entries else None, 0.9, "fuzzy"))
    return found


def detect(text: str, names: dict[str, str], language: str = "en"):
    ctx = Context.from_text(text, language, mentions_of(text, names), GLOSSARY, doc_id="doc")
    return transliteration.detect(ctx)


@pytest.mark.parametrize("text, surface, span, lang", [
    ("The commander Jalid al Hashimi was arrested in Basra.", "Jalid al Hashimi", "Jalid", "es"),
    ("Minister Nauaf al Raui resigned on Friday.", "Nauaf al Raui", "Nauaf al Raui", "es"),
    ("The envoy Djamal Shakir arrived in Algiers.", "Djamal Shakir", "Djamal", "fr"),
    ("The activist Jamal Chakir was released.", "Jamal Chakir", "Chakir", "fr"),
    ("Officer Jasin Schawkat testified in Berlin.", "Jasin Schawkat", "Jasin Schawkat", "de"),
])
def test_forward_transliteration(text: str, surface: str, span: str, lang: str) -> None:
    entry_id = {"Jalid": "per:khalid", "Nauaf": "per:nawaf", "Djamal": "per:jamal", "Jamal": "per:jamal",
                "Jasin": "per:yasin"}[surface.split()[0]]
    (artifact,) = detect(text, {surface: entry_id})
    assert artifact.kind == "transliteration" and artifact.text == span
    assert artifact.candidates[0] == lang
    assert text[artifact.start:artifact.end] == artifact.text


@pytest.mark.parametrize("text, surface, span", [
    ("The envoy Brit McGurk met tribal leaders.", "Brit McGurk", "Brit"),
    ("Correspondent Gennifer Grifin reported from the Pentagon.", "Gennifer Grifin", "Gennifer Grifin"),
])
def test_back_transliteration(text: str, surface: str, span: str) -> None:
    entry_id = "per:brett" if "McGurk" in surface else "per:jennifer"
    (artifact,) = detect(text, {surface: entry_id})
    assert (artifact.kind, artifact.text, artifact.source_language) == ("back-transliteration", span, "ar")


@pytest.mark.parametrize("text, surface, entry_id", [
    ("The commander Khaled al-Hashemi was arrested.", "Khaled al-Hashemi", "per:khalid"),  # English variation
    ("Minister Nawaf al-Rawi resigned.", "Nawaf al-Rawi", "per:nawaf"),
    ("The envoy Brett McGurk met tribal leaders.", "Brett McGurk", "per:brett"),
    ("His brother Tariq al-Hashimi spoke first.", "Tariq al-Hashimi", "per:khalid"),  # another given name
])
def test_english_spellings_are_not_artifacts(text: str, surface: str, entry_id: str) -> None:
    assert detect(text, {surface: entry_id}) == []


def test_alias_recorded_for_a_language_supports_it() -> None:
    (artifact,) = detect("Djamel Chaker was named ambassador.", {"Djamel Chaker": "per:jamal"})
    assert artifact.candidates[0] == "fr" and "glossary records" in artifact.explanation


def test_no_back_transliteration_without_a_glossary_entry() -> None:
    text = "Analyst Brit Smyth said the talks failed."
    mention = Mention("doc", 8, 18, "Brit Smyth", "person", "Brett Smith", None, 0.8, "cluster")
    ctx = Context.from_text(text, "en", [mention], GLOSSARY, doc_id="doc")
    assert transliteration.detect(ctx) == []


def test_names_in_an_entrys_roles_are_checked_in_the_mention_sentence() -> None:
    text = "Anne Pierce, a fellow of the Jerald Ford School, said the plan was sound."
    found = detect(text, {"Anne Pierce": "per:anne"})
    assert [(a.text, a.kind) for a in found] == [("Jerald", "back-transliteration")]


def test_french_conventions_are_neutral_in_a_french_text() -> None:
    assert detect("Le diplomate Djamal Shakir est arrivé à Alger.", {"Djamal Shakir": "per:jamal"}, "fr") == []


def test_origin() -> None:
    assert is_arabic_origin(["Khalid al-Hashimi"]) and is_arabic_origin(["Qasim Soleimani"])
    assert not is_arabic_origin(["Brett McGurk"]) and not is_arabic_origin(["Jennifer Griffin"])


def test_split_name_attaches_the_article() -> None:
    parts = split_name("Abd al-Karim Nasser")
    assert [p.key for p in parts] == ["abd", "karim", "nasser"]
    assert parts[1].article == "al-"


def test_derive_returns_the_rules_used() -> None:
    spanish = tuple(r for r in all_rules() if r.lang == "es")
    used = derive("rawi", "raui", spanish)
    assert used and used[0].replacement == "u"
    assert derive("rawi", "rafi", spanish) is None


def test_a_spelling_found_once_is_placed_at_each_mention_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["The commander Jalid al Hashimi was arrested in Basra.",
             "In Basra, police said on Sunday that the commander Jalid al Hashimi was arrested.",
             "Minister Nauaf al Raui resigned. Jalid al Hashimi did not."]
    names = {"Jalid al Hashimi": "per:khalid"}
    found = [detect(text, names) for text in texts]
    assert [[(a.text, a.start) for a in artifacts] for artifacts in found] == [
        [("Jalid", text.index("Jalid"))] for text in texts]
    monkeypatch.setattr(transliteration, "KEPT_SPELLINGS", 0)  # forgets at once: worked out afresh each time
    assert [detect(text, names) for text in texts] == found
    assert detect(texts[2], {"Nauaf al Raui": "per:nawaf"})[0].text == "Nauaf al Raui"
