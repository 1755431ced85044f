"""Bundled world glossary: people and organizations of Middle East and Mediterranean news
(2015-2025) link by their standard spellings, surnames and native-script forms, and
namesakes stay apart.

Every text here is written for these tests (not taken from the sample corpus or any article).
"""
from __future__ import annotations

import pytest

from provenance.corpus import Document
from provenance.glossary import Glossary, default_glossary_paths, load_glossary
from provenance.names import NamesResult, link_corpus


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(default_glossary_paths())


def link(glossary: Glossary, text: str, date: str | None = None) -> NamesResult:
    return link_corpus([Document(id="doc.txt", text=text, date=date)], glossary)


def ids_of(result: NamesResult, surface: str) -> list[str | None]:
    """The entity ids of every mention written exactly ``surface``."""
    found = [m.entity_id for m in result.mentions if m.surface == surface]
    assert found, f"no mention {surface!r}: {[m.surface for m in result.mentions]}"
    return found


@pytest.mark.parametrize("text, surface, entity_id, canonical", [
    ("General Ismail Qaani, who leads the Quds Force, arrived in Baghdad on Sunday night.",
     "Ismail Qaani", "per:esmail-qaani", "Esmail Qaani"),
    ("Hezbollah chief Naim Kassem said in a recorded address that the group had rearmed.",
     "Naim Kassem", "per:naim-qassem", "Naim Qassem"),
    ("Khaled Mashaal, a former head of the Hamas political bureau, spoke at a conference in Doha.",
     "Khaled Mashaal", "per:khaled-meshaal", "Khaled Meshaal"),
    ("Le chef des Houthis, Abdel-Malek al-Houthi, a menacé les navires en mer Rouge.",
     "Abdel-Malek al-Houthi", "per:abdul-malik-al-houthi", "Abdul-Malik al-Houthi"),
    ("Iranian Foreign Minister Hossein Amirabdollahian landed in Beirut for talks.",
     "Hossein Amirabdollahian", "per:hossein-amir-abdollahian", "Hossein Amir-Abdollahian"),
], ids=["Qaani", "Qassem", "Meshaal", "al-Houthi-fr", "Amir-Abdollahian"])
def test_a_variant_spelling_links_to_the_canonical_entry(bundled: Glossary, text: str, surface: str,
                                                          entity_id: str, canonical: str) -> None:
    result = link(bundled, text)
    assert ids_of(result, surface) == [entity_id]
    assert bundled.get(entity_id).canonical == canonical
    assert [m.entity for m in result.mentions if m.surface == surface] == [canonical]


def test_a_surname_alone_after_the_full_name_is_the_same_person(bundled: Glossary) -> None:
    result = link(bundled, "Defence chief Yoav Gallant toured the northern border with army officers on Monday. "
                           "Gallant told soldiers to prepare, and Ismail Qaani's name came up twice. "
                           "Later, Qaani was reported to be in Beirut.", date="2024-09-20")
    assert ids_of(result, "Yoav Gallant") == ids_of(result, "Gallant") == ["per:yoav-gallant"]
    assert ids_of(result, "Qaani") == ["per:esmail-qaani"]


def test_namesakes_with_their_titles_stay_apart(bundled: Glossary) -> None:
    result = link(bundled, "Former President Michel Aoun welcomed the vote, while President Joseph Aoun "
                           "thanked parliament. Michel Aoun had left the Baabda palace in 2022; Joseph Aoun "
                           "commanded the army until his election.", date="2025-01-10")
    assert set(ids_of(result, "Michel Aoun")) == {"per:michel-aoun"}
    assert set(ids_of(result, "Joseph Aoun")) == {"per:joseph-aoun"}
    michel, joseph = bundled.get("per:michel-aoun"), bundled.get("per:joseph-aoun")
    assert "President of Lebanon" in michel.roles and "President of Lebanon" in joseph.roles
    assert michel.active != joseph.active  # the same office, told apart by tenure
    assert {e.id for e in bundled.candidates("Aoun")} == {"per:michel-aoun", "per:joseph-aoun"}


def test_a_shared_surname_follows_the_full_name_of_its_own_document(bundled: Glossary) -> None:
    analyst = Document("analyst.txt", "Rita Katz of the SITE Intelligence Group said the claim was authentic. "
                                      "Katz added that the video was new.")
    minister = Document("minister.txt", "Defense Minister Israel Katz visited the troops in the north. "
                                        "Katz promised more funding for the army.", date="2025-02-01")
    result = link_corpus([analyst, minister], bundled)
    lone = {m.doc: m.entity_id for m in result.mentions if m.surface == "Katz"}
    assert lone == {"analyst.txt": "per:rita-katz", "minister.txt": "per:israel-katz"}


@pytest.mark.parametrize("text, surface, entity_id", [
    ("قال وزير الخارجية الإيراني عباس عراقجي إن المفاوضات ستستأنف الأسبوع المقبل.",
     "عباس عراقجي", "per:abbas-araghchi"),
    ("استقبل الرئيس اللبناني جوزاف عون وفدا أمريكيا في قصر بعبدا.",
     "جوزاف عون", "per:joseph-aoun"),
    ("أعلن المتحدث العسكري يحيى سريع إطلاق صاروخ باتجاه السفينة.",
     "يحيى سريع", "per:yahya-saree"),
], ids=["Araghchi", "Joseph-Aoun", "Saree"])
def test_an_arabic_script_form_links(bundled: Glossary, text: str, surface: str, entity_id: str) -> None:
    result = link(bundled, text)
    assert ids_of(result, surface) == [entity_id]


def test_organizations_link_by_abbreviation_and_translation(bundled: Glossary) -> None:
    result = link(bundled, "The IDF said it struck a PIJ command post near a school run by UNRWA. "
                           "Tsahal a confirmé la frappe.")
    assert ids_of(result, "IDF") == ids_of(result, "Tsahal") == ["org:israel-defense-forces"]
    assert ids_of(result, "PIJ") == ["org:palestinian-islamic-jihad"]
    assert ids_of(result, "UNRWA") == ["org:unrwa"]
    zawahiri = link(bundled, "Egyptian Islamic Jihad joined al-Qaeda in 2001.")
    assert ids_of(zawahiri, "Egyptian Islamic Jihad") == ["org:egyptian-islamic-jihad"]  # not Palestinian Islamic Jihad
