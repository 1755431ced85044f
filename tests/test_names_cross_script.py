"""Names in Arabic-script documents found through the people the corpus names in Latin script
(sentences written for these tests, on a made-up meeting)."""
from __future__ import annotations

import pytest

from provenance.corpus import Document
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.names import link_corpus
from provenance.names.cross_script import skeletons

ENGLISH = ("Secretary of State Antony Blinken met the family of Siamak Namazi on Tuesday. Morad Tahbaz also "
           "remains detained in Iran. Blinken said the United States would keep working for their release.")
ARABIC = ("التقى وزير الخارجية أنتوني ج. بلينكن عائلة سياماك نمازي يوم الثلاثاء. وقال بلينكن إن الولايات "
          "المتحدة ستواصل العمل من أجل إطلاق سراح سياماك. وشرح الوزير موقف بلاده من المفاوضات. "
          "وتحدث عن ذكرى الثورة التي قادها آية الله الخميني.")
PERSIAN = ("آنتونی جی. بلینکن، وزیر امور خارجه، روز سه‌شنبه با خانواده سیامک نمازی و مراد طاهباز دیدار کرد. "
           "امروز بلینکن گفت که آمریکا برای آزادی سیامک تلاش می‌کند.")


@pytest.fixture(scope="module")
def linked():
    docs = [Document("en.txt", ENGLISH, language="en"), Document("ar.txt", ARABIC, language="ar"),
            Document("fa.txt", PERSIAN, language="fa")]
    result = link_corpus(docs, load_glossary(default_glossary_paths()))
    return {doc: [(m.surface, m.entity) for m in result.mentions if m.doc == doc and m.entity] for doc in
            ("en.txt", "ar.txt", "fa.txt")}, result


def test_full_names_and_their_short_forms_are_found_in_arabic(linked) -> None:
    found, _ = linked
    assert ("أنتوني ج. بلينكن", "Antony Blinken") in found["ar.txt"]  # an initial between given name and surname
    assert ("بلينكن", "Antony Blinken") in found["ar.txt"]  # the surname alone, after the full name
    assert ("سياماك نمازي", "Siamak Namazi") in found["ar.txt"]
    assert ("سياماك", "Siamak Namazi") in found["ar.txt"]  # the given name alone, after the full name


def test_persian_spellings_and_initials_are_found_too(linked) -> None:
    found, _ = linked
    assert ("آنتونی جی. بلینکن", "Antony Blinken") in found["fa.txt"]
    assert ("سیامک نمازی", "Siamak Namazi") in found["fa.txt"]
    assert ("بلینکن", "Antony Blinken") in found["fa.txt"] and ("سیامک", "Siamak Namazi") in found["fa.txt"]


def test_common_words_and_namesakes_are_not_names(linked) -> None:
    found, result = linked
    surfaces = {surface for surface, _ in found["ar.txt"] + found["fa.txt"]}
    # "explained the minister" shares a key with Shargi-like surnames and "today" with Morad:
    # neither is a name; Khomeini is not Khamenei, whose key is the same.
    assert not surfaces & {"وشرح", "شرح", "الوزير", "امروز"}
    assert all(entity != "Ali Khamenei" for _, entity in found["ar.txt"])
    # the clitic "and" is left out of the span: وقال بلينكن gives بلينكن
    spans = [m for m in result.mentions if m.doc == "ar.txt" and m.surface == "بلينكن"]
    assert spans and all(ARABIC[m.start:m.end] == "بلينكن" for m in spans)


def test_a_listed_surname_alone_needs_the_glossary_spelling_when_it_has_one() -> None:
    arabic = Document("ar.txt", "وقال ترامب إن المحادثات ستستأنف. وتحدث الخميني في خطاب طويل.", language="ar")
    result = link_corpus([arabic], load_glossary(default_glossary_paths()))
    entities = {m.surface: m.entity for m in result.mentions if m.entity}
    assert entities.get("ترامب") == "Donald Trump"  # the glossary writes him so in Arabic
    assert "الخميني" not in entities and "خميني" not in entities  # not Khamenei (خامنئي)


def test_loose_keys_fold_the_sounds_arabic_script_lacks() -> None:
    assert skeletons(["PRS"]) == skeletons(["BRS"]) == {"BRS"}  # Price, برايس
    assert skeletons(["WNK"]) == skeletons(["ANK"]) == {"NK"}  # Wang, وانغ


def test_a_listed_surname_in_persian_letters_or_short_but_spelt_as_the_glossary_does_is_found() -> None:
    glossary = load_glossary(default_glossary_paths())
    docs = [Document("en.txt", "Donald Trump and Joe Biden spoke about the talks on Monday.", language="en"),
            Document("fa.txt", "پرزیدنت ترامپ روز دوشنبه درباره مذاکرات سخن گفت.", language="fa"),
            Document("ar.txt", "وقال الرئيس بايدن إن المحادثات ستستمر الأسبوع المقبل.", language="ar"),
            Document("ar2.txt", "وقال المسؤول إن بيدن الماء نظيفة.", language="ar")]
    result = link_corpus(docs, glossary)
    found = {(m.doc, m.surface): m.entity for m in result.mentions if m.entity}
    assert found[("fa.txt", "ترامپ")] == "Donald Trump"
    assert found[("ar.txt", "بايدن")] == "Joe Biden"
    assert not any(doc == "ar2.txt" for doc, _ in found)  # a short word not spelt as the glossary does


def test_a_conjunction_glued_to_a_name_stays_out_of_its_span() -> None:
    docs = [Document("en.txt", "Siamak Namazi and Antony Blinken met in Vienna.", language="en"),
            Document("ar.txt", "التقى بلينكن عائلة المعتقل. وسياماك نمازي محتجز منذ سنوات.", language="ar")]
    result = link_corpus(docs, load_glossary(default_glossary_paths()))
    found = {m.surface: m.entity for m in result.mentions if m.doc == "ar.txt" and m.entity}
    assert found == {"بلينكن": "Antony Blinken", "سياماك نمازي": "Siamak Namazi"}


def test_a_persian_v_written_as_waw_still_links_the_latin_name() -> None:
    # Written for this test: Persian writes the v of Levinson as و, which the skeleton drops.
    from provenance.names.cross_script import skeletons
    from provenance.names.keys import parse_name

    latin = skeletons(parse_name("Levinson").words[0].keys)
    persian = skeletons(parse_name("لوینسون").words[0].keys)
    assert latin & persian
    assert not skeletons(parse_name("Robinson").words[0].keys) & persian
