"""Quotes: marks in several conventions, speaker attribution, and matching across documents.

The texts are written for these tests (news-style, not from the sample corpus); mentions are
made by hand the way the names stage reports them.
"""
from __future__ import annotations

import pytest

from provenance.corpus import Document
from provenance.names.model import Mention
from provenance.trace.attribution import analyze_frames, extract_quotes
from provenance.trace.attribution.marks import find_quoted_spans
from provenance.trace.model import Quote
from provenance.trace.quote_match import match_quotes, quote_similarity, same_word


def mention(doc: Document, surface: str, entity: str | None = None, type: str = "person",
            nth: int = 0) -> Mention:
    """A mention of the ``nth`` occurrence of ``surface`` in ``doc``."""
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(surface, at + 1)
    entity = entity or surface
    return Mention(doc.id, at, at + len(surface), surface, type, entity,
                   entity.lower().replace(" ", "-"), 1.0, "alias")


def quotes_in(doc: Document, mentions: list[Mention]) -> list[Quote]:
    """The quotes of ``doc``, its frames analyzed the way the trace stage does."""
    return extract_quotes(doc, analyze_frames(doc, mentions))


def speakers(doc: Document, mentions: list[Mention]) -> dict[str, str | None]:
    """Quote text -> speaker, checking every quote's offsets."""
    quotes = quotes_in(doc, mentions)
    for q in quotes:
        assert doc.text[q.start:q.end] == q.text
        assert q.doc == doc.id
    return {q.text: q.speaker for q in quotes}


@pytest.mark.parametrize("text, expected", [
    ("She said “we will rebuild the bridge” on Monday.", "we will rebuild the bridge"),
    ('He said "we will rebuild the bridge" on Monday.', "we will rebuild the bridge"),
    ("Il a dit « nous reconstruirons le pont » lundi.", "nous reconstruirons le pont"),
    ("Er sagte „wir bauen die Brücke wieder auf“ am Montag.", "wir bauen die Brücke wieder auf"),
    ("Er sagte »wir bauen die Brücke wieder auf« am Montag.", "wir bauen die Brücke wieder auf"),
    ("She called it ‘a turning point for the region’s farmers’ in her speech.",
     "a turning point for the region’s farmers"),
    ("وقال الوزير «سنعيد بناء الجسر» يوم الاثنين.", "سنعيد بناء الجسر"),
])
def test_quote_marks_of_each_convention(text: str, expected: str) -> None:
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == [expected]
    assert text[spans[0].open_at] in "“\"«„»‘" and spans[0].close_at > spans[0].end - 1


def test_apostrophes_and_unclosed_marks_are_not_quotes() -> None:
    text = "The ministry’s plan was the governors’ idea.\n“This line never closes\nIt’s over."
    assert find_quoted_spans(text) == []


def test_trailing_comma_is_not_part_of_the_quote() -> None:
    text = "“The talks have failed,” the envoy said."
    [span] = find_quoted_spans(text)
    assert text[span.start:span.end] == "The talks have failed"


def test_speaker_after_the_quote_before_and_inverted() -> None:
    doc = Document("a.txt", (
        "“The dam will hold,” Governor Maria Lopes said on Tuesday. "
        "“We evacuated 3,000 families as a precaution,” said civil defence chief Tomas Ferreira. "
        "Lopes told reporters: “Nobody should return before Friday.”"))
    mentions = [mention(doc, "Maria Lopes"), mention(doc, "Tomas Ferreira"),
                mention(doc, "Lopes", "Maria Lopes", nth=1)]
    assert speakers(doc, mentions) == {
        "The dam will hold": "Maria Lopes",
        "We evacuated 3,000 families as a precaution": "Tomas Ferreira",
        "Nobody should return before Friday.": "Maria Lopes",
    }


def test_speaker_ids_come_from_the_mentions() -> None:
    doc = Document("a.txt", "“We will not back down,” Mostafa Al Kazemi said.")
    [quote] = quotes_in(doc, [mention(doc, "Mostafa Al Kazemi", "Mustafa al-Kadhimi")])
    assert quote.speaker == "Mustafa al-Kadhimi"
    assert quote.speaker_id == "mustafa-al-kadhimi"
    assert quote.cue == "said"


def test_according_to_in_the_words_of_and_quoted_object() -> None:
    doc = Document("a.txt", (
        "The convoy was a “clear provocation,” in the words of Defence Minister Ana Ruiz. "
        "According to analyst Omar Haddad, “the blockade has changed nothing on the ground.” "
        "“Prices doubled in a week,” the newspaper quoted trader Samir Aziz, who sells flour."))
    mentions = [mention(doc, "Ana Ruiz"), mention(doc, "Omar Haddad"), mention(doc, "Samir Aziz")]
    assert speakers(doc, mentions) == {
        "clear provocation": "Ana Ruiz",
        "the blockade has changed nothing on the ground.": "Omar Haddad",
        "Prices doubled in a week": "Samir Aziz",
    }


def test_role_subject_resolves_to_the_last_person_with_that_role() -> None:
    doc = Document("a.txt", (
        "Prime Minister Karim Nassar opened the summit in Amman on Sunday. "
        "Army spokesman Col. Hadi Saleh, meanwhile, described the border as calm. "
        "The Jordanian leader said the region needed “a pause in the fighting and real talks.” "
        "The spokesman later added that “no troops have crossed the line.”"))
    mentions = [mention(doc, "Karim Nassar"), mention(doc, "Hadi Saleh")]
    assert speakers(doc, mentions) == {
        "a pause in the fighting and real talks.": "Karim Nassar",
        "no troops have crossed the line.": "Hadi Saleh",
    }


def test_he_added_continues_the_last_named_speaker() -> None:
    doc = Document("a.txt", (
        "“The harvest is lost,” farmer Lucia Bianchi said.\n"
        "Officials did not comment on the figures.\n"
        "“We will need help until spring,” she added."))
    mentions = [mention(doc, "Lucia Bianchi")]
    assert speakers(doc, mentions)["We will need help until spring"] == "Lucia Bianchi"


def test_coordinated_verbs_and_participles_share_the_speaker() -> None:
    doc = Document("a.txt", (
        "The mayor of the city, Ingrid Holm, confirmed “a second leak at the plant” and warned that "
        "“the river is not safe for swimming.” "
        "“Repairs will take weeks,” Holm said, adding that the company “must pay for every day of it.”"))
    mentions = [mention(doc, "Ingrid Holm"), mention(doc, "Holm", "Ingrid Holm", nth=1)]
    assert set(speakers(doc, mentions).values()) == {"Ingrid Holm"}
    assert len(speakers(doc, mentions)) == 4


def test_a_possessive_name_is_not_the_speaker() -> None:
    doc = Document("a.txt", "“The visit is postponed,” Nassar’s spokesman said.")
    quotes = quotes_in(doc, [mention(doc, "Nassar")])
    assert [q.speaker for q in quotes] == [None]


def test_standalone_quote_continues_the_speaker_of_the_previous_paragraph() -> None:
    doc = Document("a.txt", (
        "Economist Dana Wolfe said inflation would peak in the summer.\n\n"
        "“After that, the central bank will have room to cut rates, probably twice.”\n\n"
        "The ministry published its own forecast on Friday."))
    assert speakers(doc, [mention(doc, "Dana Wolfe")]) == {
        "After that, the central bank will have room to cut rates, probably twice.": "Dana Wolfe"}


def test_quotes_inside_an_embedded_tweet_belong_to_its_author() -> None:
    doc = Document("a.txt", (
        "The ministry confirmed the strike late on Sunday.\n"
        "Our teams reached the village at dawn. Residents call it “the worst night in years”. "
        "https://t.co/abc123\n"
        "— Red Crescent Spokeswoman Nadia Karim (@NadiaKarimRC) March 3, 2024\n"
        "The road remains closed."))
    quotes = quotes_in(doc, [mention(doc, "Nadia Karim")])
    by_cue = {q.cue: q for q in quotes}
    assert by_cue["tweet"].speaker == "Nadia Karim"
    assert "https" not in {q.text for q in quotes if q.cue == "tweet" and q.text.startswith("Our teams")}.pop()
    assert {q.speaker for q in quotes} == {"Nadia Karim"}


def test_terms_nicknames_and_short_scare_quotes_are_not_quotes() -> None:
    doc = Document("a.txt", (
        "The militia leader, known as “the Engineer”, was arrested. "
        "The so-called “peace plan” was rejected. "
        "Critics called the vote a “farce”. "
        "He studied at the “Institute for Advanced Studies” in Geneva."))
    assert quotes_in(doc, []) == []


def test_french_spanish_and_german_attribution() -> None:
    fr = Document("fr.txt", "« Nous ne céderons pas », a déclaré le ministre Jean Dupont.")
    es = Document("es.txt", "«No vamos a ceder», dijo el ministro Juan Pérez.")
    de = Document("de.txt", "„Wir geben nicht nach“, sagte Ministerin Anna Schmidt.")
    assert speakers(fr, [mention(fr, "Jean Dupont")]) == {"Nous ne céderons pas": "Jean Dupont"}
    assert speakers(es, [mention(es, "Juan Pérez")]) == {"No vamos a ceder": "Juan Pérez"}
    assert speakers(de, [mention(de, "Anna Schmidt")]) == {"Wir geben nicht nach": "Anna Schmidt"}


def test_subjects_after_the_verb_or_dropped_in_spanish_italian_and_arabic() -> None:
    es = Document("es.txt", "La ministra Ana Ortega visitó la frontera. Añadió que «la situación es grave». "
                            "«No cederemos», dijo Ortega.")
    it = Document("it.txt", "Secondo il ministro Guido Neri, «la crisi è finita». "
                            "Ha aggiunto che «i prezzi scenderanno».")
    ar = Document("ar.txt", "وقال رئيس الوزراء كريم نصار في تغريدة: «وعدنا وأوفينا». وأضاف أن «العملية كانت ناجحة».")
    assert set(speakers(es, [mention(es, "Ana Ortega"), mention(es, "Ortega", "Ana Ortega", nth=1)]).values()) \
        == {"Ana Ortega"}
    assert set(speakers(it, [mention(it, "Guido Neri")]).values()) == {"Guido Neri"}
    assert speakers(ar, [mention(ar, "كريم نصار", "Karim Nassar")]) == {
        "وعدنا وأوفينا": "Karim Nassar", "العملية كانت ناجحة": "Karim Nassar"}


def test_a_name_no_mention_covers_is_still_credited() -> None:
    doc = Document("a.txt", "“I did not expect to win,” Tyler says. “Nobody did.”")
    assert speakers(doc, []) == {"I did not expect to win": "Tyler", "Nobody did.": "Tyler"}


def test_places_do_not_speak() -> None:
    doc = Document("a.txt", "Washington announced “a new phase of the campaign against smugglers.”")
    quotes = quotes_in(doc, [mention(doc, "Washington", type="place")])
    assert [q.speaker for q in quotes] == [None]


def test_same_word_tolerates_inflection_not_different_words() -> None:
    assert same_word("thunderous", "thundering")
    assert same_word("efforts", "effort")
    assert same_word("negotiations", "negotiation")
    assert not same_word("peace", "police")
    assert not same_word("2019", "2018")


def test_quote_similarity_renders_and_contains() -> None:
    assert quote_similarity("a crushing defeat", "The rebels suffered a crushing defeat near the river") == 1.0
    assert quote_similarity("we will hunt them down wherever they hide",
                            "We will hunt them wherever they are hiding") >= 0.7
    assert quote_similarity("the economy is recovering", "the army withdrew from the city") == 0.0


def test_match_quotes_pairs_renderings_across_documents_only() -> None:
    a = Document("a.txt", "“Terrorists will never find a safe haven in our country,” the minister said, "
                          "calling the raid a “devastating response” to the attack.")
    b = Document("b.txt", "The minister vowed that terrorists “will never find safe haven in this country” "
                          "and promised a “devastating reply”.")
    c = Document("c.txt", "“Harvests will be smaller this year because of the drought,” the farmer said.")
    quotes = [q for d in (a, b, c) for q in quotes_in(d, [])]
    pairs = match_quotes(quotes)
    matched = {(x.text, y.text) for x, y, _ in pairs}
    assert ("Terrorists will never find a safe haven in our country",
            "will never find safe haven in this country") in matched
    assert all(x.doc != y.doc for x, y, _ in pairs)
    assert all(y.doc != "c.txt" and x.doc != "c.txt" for x, y, _ in pairs)
    assert all(0.7 <= s <= 1.0 for _, _, s in pairs)
    assert pairs == match_quotes(list(reversed(quotes)))  # deterministic, whatever the input order


def test_a_shared_formula_does_not_make_different_quotes_one() -> None:
    places = ["Kabul", "Mosul", "Lahore", "Mogadishu", "Aden", "Maiduguri", "Peshawar", "Kirkuk", "Sanaa",
              "Quetta"]
    quotes = [Quote(f"d{i}.txt", 0, 60, f"We strongly condemn this cowardly terrorist attack on {place}", None, None,
                    "said") for i, place in enumerate(places)]
    assert quote_similarity(quotes[0].text, quotes[1].text) > 0.8  # unweighted, the formula carries it
    assert match_quotes(quotes) == []
    rendered = Quote("x.txt", 0, 60, "we firmly condemn the cowardly terrorist attacks on Kabul", None, None, "said")
    assert [(a.doc, b.doc) for a, b, _ in match_quotes([*quotes, rendered])] == [("d0.txt", "x.txt")]


def test_a_name_in_apposition_after_the_inverted_verb_speaks() -> None:
    doc = Document("a.txt", (
        "The army spokesman Hadi Saleh described the border as calm. "
        "“No troops have crossed the line,” declared the spokesman of the border guard, Omar Haddad. "
        "“We remain vigilant,” added the spokesman."))
    mentions = [mention(doc, "Hadi Saleh"), mention(doc, "Omar Haddad")]
    assert speakers(doc, mentions) == {"No troops have crossed the line": "Omar Haddad",
                                       "We remain vigilant": "Omar Haddad"}


def test_a_role_is_not_a_name_in_a_capitalised_run() -> None:
    doc = Document("a.txt", 'The Iraqi Prime Minister stressed that "Iraq will not be a launching pad".')
    assert speakers(doc, []) == {"Iraq will not be a launching pad": None}
