"""Citations of outside sources: known agencies and outlets (with translations), named
organizations next to a cue, social posts, statements, back-references; and what is not a
citation (boilerplate, a story's subject, the document's own outlet).

The texts are written for these tests, in the style of news copy.
"""
from __future__ import annotations

from provenance.corpus import Document
from provenance.names.model import Mention
from provenance.trace.attribution import analyze_frames
from provenance.trace.model import Citation
from provenance.trace.sources import extract_citations, merge_sources, source_slug


def mention(doc: Document, surface: str, entity: str | None = None, type: str = "person") -> Mention:
    at = doc.text.index(surface)
    entity = entity or surface
    return Mention(doc.id, at, at + len(surface), surface, type, entity, entity.lower().replace(" ", "-"), 1.0,
                   "alias")


def cite(text: str, mentions_for=None, doc_id: str = "a.txt", **meta) -> list[Citation]:
    doc = Document(doc_id, text, **meta)
    mentions = mentions_for(doc) if mentions_for else []
    citations = extract_citations(doc, mentions, analyze_frames(doc, mentions))
    for c in citations:
        assert 0 <= c.start < c.end <= len(text)
        assert c.doc == doc_id
    return citations


def ids(citations: list[Citation]) -> set[str]:
    return {c.source.id for c in citations}


def test_outlet_cited_in_a_report_and_its_translations_share_an_id() -> None:
    english = cite("According to a report published by The Washington Post, the talks stalled.")
    arabic = cite("وذكرت صحيفة واشنطن بوست أن المحادثات توقفت.")
    french = cite("Les négociations sont au point mort, selon le Washington Post.")
    assert ids(english) == ids(arabic) == ids(french) == {"src:washington-post"}
    [c] = english
    assert "The Washington Post" in "According to a report published by The Washington Post"[c.start - 5:c.end + 5]


def test_agency_credits_datelines_and_cues_in_several_languages() -> None:
    assert ids(cite("MOSUL, Iraq (Reuters) - Two bombs exploded near a market on Friday.")) == {"src:reuters"}
    assert ids(cite("Rescue teams search the rubble in Antakya (AFP/Getty Images)\nThe toll rose.")) == {"src:afp"}
    assert ids(cite("Le bilan s'est alourdi, selon l'AFP.")) == {"src:afp"}
    assert ids(cite("El balance subió a 12 muertos, según EFE.")) == {"src:efe"}
    assert ids(cite("Die Zahl der Toten stieg laut dpa auf zwölf.")) == {"src:dpa"}
    assert ids(cite("وقالت وكالة الأناضول إن عدد القتلى ارتفع.")) == {"src:anadolu"}
    assert ids(cite("وارتفع عدد القتلى وفقا للأناضول.")) == {"src:anadolu"}


def test_ambiguous_aliases_need_a_cue_or_a_credit() -> None:
    assert ids(cite("The smoke over the market after the blast (Anatolia)\nPolice closed the road.")) == {"src:anadolu"}
    assert cite("The village lies in central Anatolia, far from the coast.") == []
    assert cite("The AP exam results were published on Monday.") == []


def test_a_story_about_an_outlet_does_not_cite_it() -> None:
    assert cite("North Korea expelled three BBC journalists on Monday.") == []
    assert ids(cite("The BBC reported that the team was held for eight hours.")) == {"src:bbc"}


def test_boilerplate_and_the_documents_own_outlet_are_not_citations() -> None:
    text = ("The army said the road was reopened.\n"
            "Follow us on Twitter and Facebook\n"
            "Subscribe to The Washington Post's daily newsletter\n")
    assert cite(text) == []
    own = "Officials told The Washington Post that the plan was dropped."
    assert cite(own, outlet="The Washington Post") == []
    assert ids(cite(own)) == {"src:washington-post"}


def test_named_organization_with_an_acronym_is_one_source() -> None:
    text = ("The figures were released by the Kurdistan Region Security Council (KRSC) on Sunday. "
            "Two of the suspects were foreigners, according to the KRSC.")
    citations = cite(text)
    assert ids(citations) == {"src:kurdistan-region-security-council"}
    assert len(citations) == 2
    assert {text[c.start:c.end] for c in citations} == {"Kurdistan Region Security Council", "KRSC"}


def test_known_acronym_defined_in_the_text_takes_the_known_id() -> None:
    text = "“The strike hit a weapons depot,” the US Central Command (CENTCOM) said in a statement."
    assert "src:centcom" in ids(cite(text))


def test_the_head_of_an_organization_is_not_the_organization() -> None:
    assert cite("“We are ready,” the head of the Iraqi Security Council said on Monday.") == []


def test_people_quoted_by_name_are_not_sources() -> None:
    assert cite("According to Michael Reyes, a lawyer, the ruling can be appealed.",
                lambda d: [mention(d, "Michael Reyes")]) == []


def test_social_posts_are_credited_to_the_speaker() -> None:
    tweet = cite("Foreign Minister Leila Haddad tweeted that the border would reopen on Monday.",
                 lambda d: [mention(d, "Leila Haddad")])
    assert [(c.source.id, c.source.kind) for c in tweet] == [("src:twitter-leila-haddad", "tweet")]
    took = cite("The spokesman, Col. Ray Doss, took to Twitter to deny the report.",
                lambda d: [mention(d, "Ray Doss")])
    assert ids(took) == {"src:twitter-ray-doss"}
    telegram = cite("The group said on its Telegram channel that it carried out the attack.")
    assert [c.source.kind for c in telegram] == ["social"]
    assert telegram[0].source.id.startswith("src:telegram-")


def test_embedded_tweet_and_a_mention_of_the_same_account_share_an_id() -> None:
    embedded = ("The coalition confirmed the raid.\n"
                "Our forces struck a command post near Raqqa. More to follow. pic.twitter.com/xyz\n"
                "— Coalition Spokesman Col. Ray Doss (@CoalitionSpox) May 2, 2023\n")
    a = cite(embedded, lambda d: [mention(d, "Ray Doss")], doc_id="a.txt")
    b = cite("Col. Ray Doss took to Twitter to confirm the raid.", lambda d: [mention(d, "Ray Doss")],
             doc_id="b.txt")
    assert ids(a) == ids(b) == {"src:twitter-ray-doss"}
    sources, rewritten = merge_sources(a + b)
    assert [s.name for s in sources] == ["Ray Doss (@CoalitionSpox) on Twitter"]
    assert {c.source.name for c in rewritten} == {"Ray Doss (@CoalitionSpox) on Twitter"}


def test_follow_lines_and_brand_mentions_of_platforms_are_not_posts() -> None:
    assert cite("The militia's logo appeared on Telegram last year.\nFollow us on Instagram") == []


def test_statement_of_a_speaker() -> None:
    citations = cite("Defence Minister Ana Ruiz said in a statement that two soldiers were wounded.",
                     lambda d: [mention(d, "Ana Ruiz")])
    assert [(c.source.id, c.source.kind) for c in citations] == [("src:statement-ana-ruiz", "statement")]


def test_back_reference_to_the_last_cited_report() -> None:
    text = ("A report in The Guardian said the factory had been closed for a month. "
            "According to the report, the owners left the country.")
    citations = cite(text)
    assert [text[c.start:c.end] for c in citations] == ["The Guardian", "the report"]
    assert ids(citations) == {"src:guardian"}


def test_source_slug() -> None:
    assert source_slug("The New York Times") == "new-york-times"
    assert source_slug("Agência Lusa") == "agencia-lusa"
    assert source_slug("الأناضول") == "الأناضول"


def test_citations_are_sorted_and_deterministic() -> None:
    text = "(AFP) - Officials told Reuters the port was closed, according to the Associated Press."
    first, second = cite(text), cite(text)
    assert first == second
    assert [c.start for c in first] == sorted(c.start for c in first)
    assert ids(first) == {"src:afp", "src:reuters", "src:ap"}


def test_a_description_of_an_organization_named_earlier_is_that_organization() -> None:
    text = ("The operation was led by the Syrian Civil Defence, a volunteer rescue service. "
            "Five people were pulled from the rubble, the civil defence service said on its Facebook page.")
    citations = cite(text, lambda d: [mention(d, "Syrian Civil Defence", type="organization")])
    assert [(c.source.id, c.source.name) for c in citations] == [
        ("src:facebook-syrian-civil-defence", "Syrian Civil Defence on Facebook")]


def test_an_adverb_may_stand_between_a_source_and_its_cue() -> None:
    text = ("The Guardian first reported the deal, and Al Jazeera later reported the same figures. "
            "State broadcaster CCTV aired the ceremony, while the Kremlin blamed Kyiv.")
    found = ids(cite(text))
    assert {"src:guardian", "src:al-jazeera", "src:cctv"} <= found, found
    assert cite("Hamid Karimi first reported the leak to colleagues.",
                lambda d: [mention(d, "Hamid Karimi")]) == []


def test_statements_to_an_outlet_cite_it() -> None:
    text = ("In statements to the newspaper Asharq Al-Awsat, an official confirmed the raid. "
            "Speaking to Reuters, a second official gave the same account.")
    assert {"src:asharq-al-awsat", "src:reuters"} <= ids(cite(text))


def test_agency_credits_and_told_to_forms_in_dutch_french_spanish_and_italian() -> None:
    dutch = cite("De leider van de groep is gedood. Dat meldt persbureau AFP op basis van bronnen.", language="nl")
    french = cite("Le chef a été tué, a rapporté à l'AFP un responsable de la sécurité.", language="fr")
    spanish = cite("El líder murió en la operación, dijo a Reuters un funcionario iraquí.", language="es")
    italian = cite("Il capo è stato ucciso, ha riferito all'agenzia ANSA un funzionario.", language="it")
    assert "src:afp" in ids(dutch) and "src:afp" in ids(french)
    assert "src:reuters" in ids(spanish) and "src:ansa" in ids(italian)
    assert ids(cite("De prijs van het brood steeg volgens de bakker.", language="nl")) == set()  # no source named


def test_every_cue_before_a_name_is_found_whatever_its_case_or_clitic() -> None:
    """The quick test of a text's last word (``known._may_end_with_cue``) never hides a cue."""
    from provenance.trace.sources.catalog import SOURCE_DATA, read_table
    from provenance.trace.sources.known import cue_before

    phrases = [row["phrase"] for row in read_table(SOURCE_DATA / "cues.tsv") if row["side"] == "before"]
    assert len(phrases) > 50
    for phrase in phrases:
        for written in (phrase, phrase.upper(), phrase.title()):
            text = f"The storm passed. {written} Reuters."
            assert cue_before(text, text.index("Reuters")) is not None, written
    arabic = [p for p in phrases if " " not in p and "\u0600" <= p[0] <= "\u06ff"]
    assert arabic
    for phrase in arabic:
        text = f"مرت العاصفة. و{phrase} رويترز"
        assert cue_before(text, text.index("رويترز")) is not None, phrase
