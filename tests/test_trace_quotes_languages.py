"""Dutch and Arabic quotes: Dutch reporting verbs before and after the quote ("zei", "aldus",
"bevestigde"), an organization as speaker only with such a verb, and a term or a nickname in
quotation marks after "zogenaamde" or "ما يسمى"/"الملقب" without a speaker even inside reported speech.
The texts are written for these tests in the style of Dutch and Arabic news copy.
"""
from __future__ import annotations

import pytest

from provenance.corpus import Document
from tests.test_trace_quotes import mention, speakers


@pytest.mark.parametrize("text, name, quote", [
    ('"We gaan gewoon door met het kabinet", zei Mark Rutte maandag in Den Haag.', "Mark Rutte",
     "We gaan gewoon door met het kabinet"),
    ('"Dit is een zwarte dag voor Europa", aldus Mark Rutte.', "Mark Rutte", "Dit is een zwarte dag voor Europa"),
    ("Mark Rutte zei dinsdag: „De onderhandelingen zijn vastgelopen.”", "Mark Rutte",
     "De onderhandelingen zijn vastgelopen."),
])
def test_person_quoted_with_a_dutch_reporting_verb(text: str, name: str, quote: str) -> None:
    doc = Document("nl.txt", text)
    assert speakers(doc, [mention(doc, name)]) == {quote: name}


def test_organization_speaks_only_with_a_reporting_verb() -> None:
    said = Document("nl.txt", 'De NAVO bevestigde dat "de operatie met succes is afgerond".')
    assert speakers(said, [mention(said, "NAVO", type="organization")]) == {
        "de operatie met succes is afgerond": "NAVO"}
    named = Document("nl.txt", 'De NAVO noemde hem de zogenaamde "plaatsvervangend kalief" van de groep.')
    assert all(s is None for s in speakers(named, [mention(named, "NAVO", type="organization")]).values())


@pytest.mark.parametrize("text, term", [
    ('وقال جو بايدن إن التنظيم أعلن ما يسمى "الخلافة" عام 2014.', "الخلافة"),
    ('وقال جو بايدن إن البغدادي الملقب "أبو دعاء" قتل في الغارة.', "أبو دعاء"),
    ('Mark Rutte zei dat de zogenaamde "klimaatwet" er dit jaar komt.', "klimaatwet"),
])
def test_a_named_term_inside_reported_speech_has_no_speaker(text: str, term: str) -> None:
    doc = Document("a.txt", text)
    name = "جو بايدن" if "جو بايدن" in text else "Mark Rutte"
    assert speakers(doc, [mention(doc, name)]).get(term) is None
