"""Evidence of translation *into* French, Spanish, German, Italian, Portuguese and Arabic, judged
by the document's own language: calques of English wording, translated press-release chrome,
English number and name conventions, and texts that say they are translations. Sentences
written for these tests."""
from __future__ import annotations

import pytest

from provenance.artifacts import boilerplate, calques, declaration, detect_artifacts, translation_verdict, typography
from provenance.artifacts.model import Artifact, Context, Verdict
from provenance.artifacts.originals import Original, verdicts_from_originals
from provenance.corpus import Document


def found(module, text: str, language: str) -> list[tuple[str, str | None]]:
    ctx = Context.from_text(text, language)
    return [(a.text, a.source_language) for a in module.detect(ctx)]


@pytest.mark.parametrize("text, language, surface", [
    ("Le sommet prendra place à Genève la semaine prochaine.", "fr", "prendra place"),
    ("Selon le ministre, cette décision fait du sens pour les agriculteurs.", "fr", "fait du sens"),
    ("Le gouvernement veut adresser les préoccupations des habitants.", "fr", "adresser les préoccupations"),
    ("La reunión tomará lugar en Bogotá el próximo lunes.", "es", "tomará lugar"),
    ("Los datos se actualizan sobre una base diaria, según la agencia.", "es", "sobre una base diaria"),
    ("Die Wahl fand in 2019 statt, sagte ein Sprecher.", "de", "in 2019"),
    ("Il ministro ha ricordato il ruolo critico della NATO nella regione.", "it", "ruolo critico"),
])
def test_english_calques_in_other_languages(text: str, language: str, surface: str) -> None:
    assert (surface, "en") in found(calques, text, language)


@pytest.mark.parametrize("text, language", [
    ("Le président a pris place à côté du ministre lors de la réunion.", "fr"),  # took a seat: native
    ("La reunión tendrá lugar en Bogotá el próximo lunes.", "es"),
    ("Die Wahl fand 2019 statt; bis in 2019 hinein wurde gezählt.", "de"),
    ("Il ministro ha ricordato il ruolo cruciale della NATO nella regione.", "it"),
    ("The summit will take place in Geneva, in 2019, in a critical role.", "en"),  # English is not a calque of itself
])
def test_native_wording_is_not_a_calque(text: str, language: str) -> None:
    assert found(calques, text, language) == []


@pytest.mark.parametrize("text, language, surface", [
    ("CASA BRANCA\nPARA DIVULGAÇÃO IMEDIATA\n21 de julho de 2017\nO presidente disse...", "pt",
     "PARA DIVULGAÇÃO IMEDIATA"),
    ("Ministerio\nOficina del Portavoz\n18 de enero de 2022.\nEl ministro habló hoy.", "es", "Oficina del Portavoz"),
    ("Las declaraciones a continuación deben atribuirse al portavoz: el ministro habló hoy.", "es",
     "Las declaraciones a continuación deben atribuirse a"),
    ("POUR DIFFUSION IMMÉDIATE\nLe ministre a annoncé un plan.", "fr", "POUR DIFFUSION IMMÉDIATE"),
    ("وزارة الخارجية\nللنشر الفوري\nقال الوزير اليوم", "ar", "للنشر الفوري"),
])
def test_translated_press_release_chrome(text: str, language: str, surface: str) -> None:
    assert (surface, "en") in found(boilerplate, text, language)


@pytest.mark.parametrize("text, language", [
    ("Communiqué de presse\nLe ministre a annoncé un plan.", "fr"),
    ("Pressemitteilung\nDer Minister kündigte einen Plan an.", "de"),
    ("FOR IMMEDIATE RELEASE\nThe minister announced a plan.", "en"),  # native English chrome
    ("La Oficina del Portavoz del Gobierno informó hoy de la reunión.", "es"),  # in a sentence, not a header
])
def test_native_chrome_is_not_boilerplate(text: str, language: str) -> None:
    assert found(boilerplate, text, language) == []


@pytest.mark.parametrize("text, language, surface", [
    ("Die Behörde meldete 2.5 Millionen Fälle.", "de", "2.5 Millionen"),
    ("Plus de 1,500 personnes ont fui la ville.", "fr", "1,500"),
    ("La reunión se celebró el 3 de Mayo en Lima.", "es", "Mayo"),
    ("Il Segretario di Stato Antony J. Blinken ha parlato oggi.", "it", "J."),
])
def test_english_number_and_name_conventions(text: str, language: str, surface: str) -> None:
    assert (surface, "en") in found(typography, text, language)


@pytest.mark.parametrize("text, language", [
    ("Die Behörde meldete 2,5 Millionen Fälle und 1.500 Tote.", "de"),
    ("Plus de 1 500 personnes ont fui la ville le 3 mai.", "fr"),
    ("Kaiser Karl V. Habsburg regierte lange.", "de"),  # a regnal number, not an initial
    ("More than 1,500 people fled on May 3; 2.5 million in all. Antony J. Blinken spoke.", "en"),
])
def test_native_number_and_name_conventions(text: str, language: str) -> None:
    assert [s for s, lang in found(typography, text, language) if lang == "en"] == []


def verdict_of(text: str, language: str) -> tuple[Verdict, list[Artifact]]:
    doc = Document(id="t.txt", text=text)
    artifacts = detect_artifacts(doc, language)
    return translation_verdict(doc, language, artifacts), artifacts


def test_a_text_that_says_it_was_translated_is_a_translation() -> None:
    verdict, artifacts = verdict_of(
        "Am 3. Mai ist Welttag der Pressefreiheit. Die Ministerin gab dazu eine Erklärung ab, die wir übersetzt "
        "haben. Darin heißt es, unabhängige Medien seien unverzichtbar.", "de")
    assert verdict.is_translation and verdict.score >= 0.9
    assert [a.kind for a in artifacts] == ["declaration"]


def test_an_unofficial_translation_names_its_source_language_only_when_it_says_it() -> None:
    verdict, _ = verdict_of("ترجمة غير رسمية\nقال الوزير إن المحادثات ستستمر.", "ar")
    assert verdict.is_translation and verdict.source_language is None


def test_an_original_that_quotes_a_translated_video_is_no_translation() -> None:
    verdict, artifacts = verdict_of(
        "The video, translated from Arabic by a monitoring group, shows the leader in a mosque. Officials in "
        "Washington said they were studying it.", "en")
    assert [(a.kind, a.source_language) for a in artifacts] == [("declaration", "ar")]
    assert not verdict.is_translation  # one cue that may describe a quoted text, not the report itself


def test_declarations_in_the_documents_own_language_are_skipped() -> None:
    assert found(declaration, "Le texte, traduit du français, circule.", "fr") == []
    assert found(declaration, "Le texte, traduit de l'anglais, circule.", "fr") == [("traduit de l'anglais", "en")]


def test_one_weak_cue_stays_below_half() -> None:
    verdict, artifacts = verdict_of("Der Außenminister Michael R. Pompeo sprach am Montag in Berlin.", "de")
    assert artifacts and not verdict.is_translation and verdict.score < 0.5


def _artifact(kind: str, language: str, text: str = "x") -> Artifact:
    return Artifact(0, 1, text, kind, language, 0.7, "", "test", (language,))


def test_siblings_translate_a_common_original() -> None:
    # A Spanish text with English press-release chrome, and an Italian text a day later aligned with it:
    # both translate an English original, the Italian one is not translated from the Spanish one.
    verdicts = {"es.txt": Verdict(True, 0.9, "en", ()), "it.txt": Verdict(False, 0.4, None, ())}
    artifacts = {"es.txt": [_artifact("boilerplate", "en")], "it.txt": [_artifact("calque", "en")]}
    changed = verdicts_from_originals(verdicts, artifacts, {"it.txt": [Original("es.txt", "es", 0.6)]})
    assert changed["it.txt"].is_translation and changed["it.txt"].source_language == "en"
    assert "common original" in changed["it.txt"].reasons[-1]


def test_a_translation_of_a_translation_keeps_its_immediate_source() -> None:
    # The Italian text's own evidence points to Spanish: it translates the Spanish text.
    verdicts = {"es.txt": Verdict(True, 0.9, "en", ()), "it.txt": Verdict(False, 0.4, None, ())}
    artifacts = {"es.txt": [_artifact("boilerplate", "en")], "it.txt": [_artifact("calque", "es")]}
    changed = verdicts_from_originals(verdicts, artifacts, {"it.txt": [Original("es.txt", "es", 0.6)]})
    assert changed["it.txt"].source_language == "es"


def test_the_first_link_of_a_chain_is_the_original() -> None:
    # hi.txt aligns with an English statement and with its Spanish translation: it comes from the English one.
    verdicts = {"en.txt": Verdict(False, 0.05, None, ()), "es.txt": Verdict(False, 0.05, None, ()),
                "hi.txt": Verdict(False, 0.05, None, ())}
    originals = {"es.txt": [Original("en.txt", "en", 0.9)],
                 "hi.txt": [Original("en.txt", "en", 0.6), Original("es.txt", "es", 1.0)]}
    changed = verdicts_from_originals(verdicts, {}, originals)
    assert changed["hi.txt"].source_language == "en" and changed["es.txt"].source_language == "en"


def test_an_original_that_is_itself_a_sibling_becomes_a_translation() -> None:
    # A German text that says it is translated (its evidence points to English), aligned with a French
    # text of the day before: the French one is a translation of the same English original too.
    verdicts = {"fr.txt": Verdict(False, 0.1, None, ()), "de.txt": Verdict(True, 0.95, "en", ())}
    artifacts = {"fr.txt": [_artifact("typography", "en")],
                 "de.txt": [_artifact("declaration", "en"), _artifact("typography", "en", "y")]}
    changed = verdicts_from_originals(verdicts, artifacts, {"de.txt": [Original("fr.txt", "fr", 0.8)]})
    assert "de.txt" not in changed  # its own verdict (from English) stands
    assert changed["fr.txt"].is_translation and changed["fr.txt"].source_language == "en"
