"""Lone given names that one document leaves open and the corpus resolves to one family member
(sentences written for these tests, about a made-up family)."""
from __future__ import annotations

from provenance.corpus import Document
from provenance.names import link_corpus

FULL = Document("full.txt", "Karim Haddad and his father Farhad Haddad were detained in Tehran in 2016. "
                "Karim Haddad was released on Monday.", language="en")


def entity_of(result, doc: str, surface: str) -> str | None:
    found = [m.entity for m in result.mentions if m.doc == doc and m.surface == surface]
    return found[0] if found else None


def test_a_lone_given_name_beside_a_named_family_member_resolves() -> None:
    later = Document("later.txt", "Karim Haddad thanked his supporters. The government arrested Farhad as well "
                     "and still holds him.", language="en")
    result = link_corpus([FULL, later])
    assert entity_of(result, "later.txt", "Farhad") == "Farhad Haddad"


def test_a_lone_given_name_without_the_family_or_a_common_word_stays_unresolved() -> None:
    other = Document("other.txt", "The minister met Farhad on Tuesday to discuss the budget. Prices rose.",
                     language="en")
    result = link_corpus([FULL, other])
    assert entity_of(result, "other.txt", "Farhad") is None  # no Haddad is named there


def test_an_arabic_lone_given_name_beside_a_named_family_member_resolves() -> None:
    arabic = Document("ar.txt", "أفرج عن كريم حداد يوم الاثنين. وما زال فرهاد محتجزا في طهران.", language="ar")
    alone = Document("ar2.txt", "وقال فرهاد إن الاجتماع كان مفيدا.", language="ar")
    result = link_corpus([FULL, arabic, alone])
    assert entity_of(result, "ar.txt", "كريم حداد") == "Karim Haddad"
    assert entity_of(result, "ar.txt", "فرهاد") == "Farhad Haddad"
    assert entity_of(result, "ar2.txt", "فرهاد") is None
