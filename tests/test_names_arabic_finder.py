"""The Arabic-script person finder (provenance/names/arabic_finder.py) on sentences written for
these tests: titles, kunyas, given names with a nisba; common words, organizations, places
and lone given names are no people."""
from __future__ import annotations

import pytest

from provenance.corpus import Document
from provenance.names.arabic_finder import find_arabic_people, fold_arabic, given_names, name_cues
from provenance.names.stage import link_corpus


def names(text: str, lang: str = "ar") -> list[str]:
    return [text[found.start:found.end] for found in find_arabic_people(text, lang)]


def test_lexicon_is_folded_and_holds_common_names() -> None:
    lexicon = given_names()
    assert len(lexicon) > 1000
    assert lexicon[fold_arabic("أحمد")].latin in ("Ahmed", "Ahmad")
    assert fold_arabic("فاطمة") in lexicon
    assert all(name == fold_arabic(name) for name in lexicon)
    assert fold_arabic("جميل") not in lexicon  # a common word ("beautiful") first
    assert name_cues()[fold_arabic("السيدة")] == "title"


@pytest.mark.parametrize(("text", "expected"), [
    ("وقالت السيدة هالة الزعبي في المؤتمر إن الدعم سيستمر.", "هالة الزعبي"),
    ("وأوضح الدكتور سامر الحلبي أن المستشفى يحتاج إلى أدوية.", "سامر الحلبي"),
    ("وأعلن أبو محمد الجولاني عن تشكيل مجلس جديد.", "أبو محمد الجولاني"),
    ("التقى وزير الخارجية نبيل العمراني بنظيره في العاصمة.", "نبيل العمراني"),
    ("وأكدت ليلى المنصوري، مديرة المركز، أن العمل مستمر.", "ليلى المنصوري"),
    ("وقال محمد بن سلمان إن المملكة ماضية في الإصلاحات.", "محمد بن سلمان"),
])
def test_people(text: str, expected: str) -> None:
    assert names(text) == [expected]


def test_offsets_slice_the_name_without_a_proclitic() -> None:
    text = "والتقى الوفد بالسيدة هالة الزعبي وبفاطمة العتيبي أمس."
    found = find_arabic_people(text)
    assert [text[f.start:f.end] for f in found] == ["هالة الزعبي", "فاطمة العتيبي"]
    assert [f.cue for f in found] == ["title", "given"]


@pytest.mark.parametrize("text", [
    "لدينا أمل كبير في أن ينجح المشروع هذا العام.",  # أمل: "hope"
    "كان اللقاء جميل جدا وكان الحضور كبيرا.",  # جميل: "beautiful"
    "وقدمت مؤسسة ويكيميديا منحة جديدة للمجتمع.",  # an organization
    "افتتحت مؤسسة محمد بن راشد مكتبة جديدة.",  # a person's name inside a foundation's
    "وزار الوفد الإسكندرية وبور سعيد ثم أبو ظبي.",  # places
    "وصل خالد إلى المطار صباحا.",  # a given name alone
    "وقال حسن الظن بالناس مطلوب.",  # حسن الظن: "good faith"
])
def test_no_people(text: str) -> None:
    assert names(text) == []


def test_a_new_person_is_discovered_once_with_short_forms() -> None:
    docs = [Document("a", "وقالت السيدة هالة الزعبي إن البرنامج نجح. وأضافت الزعبي أن العمل مستمر.", language="ar"),
            Document("b", "وشاركت هالة الزعبي في ورشة عمل جديدة.", language="ar")]
    result = link_corpus(docs, languages={"a": "ar", "b": "ar"})
    people = [m for m in result.mentions if m.type == "person"]
    assert {m.surface for m in people} == {"هالة الزعبي", "الزعبي"}
    assert len({m.entity_id for m in people}) == 1
    entity = next(e for e in result.entities if e.id == people[0].entity_id)
    assert entity.name == "هالة الزعبي" and not entity.in_glossary and entity.docs == ["a", "b"]
    assert all(docs[0].text[m.start:m.end] == m.surface for m in people if m.doc == "a")


def test_a_common_word_is_not_split_into_a_proclitic_and_a_name() -> None:
    # Persian: "despite the great need of the patients" (وجود is a word, not و + جود)
    assert names("با وجود نیاز شدید بیماران به دارو، کمک نرسید.", "fa") == []


def test_one_letter_title_needs_its_dot_and_other_languages_are_left_alone() -> None:
    assert names("وقال د. سامر الحلبي إن الوضع صعب.") == ["سامر الحلبي"]
    assert names("هر شخص کو اپنی رائے رکھنے کا حق ہے۔ کیا جائے", "ur") == []
