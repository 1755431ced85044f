"""The stage API: detect_artifacts and translation_verdict on whole documents."""
from __future__ import annotations

import json

import pytest

from provenance.artifacts import Artifact, Verdict, detect_artifacts, translation_verdict
from provenance.artifacts.verdict import evidence_density
from provenance.corpus import Document

TRANSLATED_FROM_ITALIAN = """Rome, the government approves the budget law
Reading time: 2 min
The Council of Ministers approved last night the budget law, which however was contested by the unions. The
premier Giorgia Meloni underlined that the measures are "necessary" . According to the minister, an exponent of
the League, the law foresees 4,5 billion euros for families. The opposition has announced a protest in late 2022.
The unions, which however had asked for a meeting since two weeks, announced a strike for the umpteenth time.
Read also other news on Agenzia Roma
Click here and receive updates on Telegram
"""

ORIGINAL_ENGLISH = """Storm knocks out power to 200,000 homes

A fast-moving storm swept across the region on Tuesday, knocking out power to about 200,000 homes and
businesses and toppling trees onto roads, utility officials said.

Crews worked through the night to restore service, and the company said most customers should have power back
by Thursday. "We know how hard this is for families," a spokeswoman said.

The National Weather Service said winds reached 70 mph in some places. No deaths were reported.

Follow us on Facebook and Twitter for updates.
"""


def test_translated_text_gets_a_verdict_with_the_source_language() -> None:
    doc = Document("it.txt", TRANSLATED_FROM_ITALIAN, date="2023-11-03")
    artifacts = detect_artifacts(doc, "en")
    verdict = translation_verdict(doc, "en", artifacts)
    assert verdict.is_translation and verdict.source_language == "it" and verdict.score > 0.9
    kinds = {a.kind for a in artifacts}
    assert {"boilerplate", "calque", "typography", "grammar"} <= kinds
    assert any("per 1,000 words" in reason for reason in verdict.reasons)


def test_original_text_is_not_a_translation() -> None:
    doc = Document("en.txt", ORIGINAL_ENGLISH, date="2023-06-13")
    artifacts = detect_artifacts(doc, "en")
    verdict = translation_verdict(doc, "en", artifacts)
    assert artifacts == []
    assert not verdict.is_translation and verdict.source_language is None and verdict.score < 0.1


def test_offsets_sorting_and_contract_fields() -> None:
    doc = Document("it.txt", TRANSLATED_FROM_ITALIAN)
    artifacts = detect_artifacts(doc, "en")
    assert artifacts == sorted(artifacts, key=lambda a: (a.start, a.end, a.kind, a.detector))
    for artifact in artifacts:
        assert doc.text[artifact.start:artifact.end] == artifact.text
        data = artifact.to_dict()
        assert {"start", "end", "text", "kind", "source_language", "score", "explanation", "detector"} <= set(data)
        assert 0.0 <= data["score"] <= 1.0 and data["explanation"]
        json.dumps(data)


def test_ambiguous_artifacts_take_the_documents_language() -> None:
    doc = Document("it.txt", TRANSLATED_FROM_ITALIAN)
    umpteenth = next(a for a in detect_artifacts(doc, "en") if a.text == "umpteenth")
    assert len(umpteenth.candidates) > 1 and umpteenth.source_language == "it"


def test_deterministic() -> None:
    doc = Document("it.txt", TRANSLATED_FROM_ITALIAN)
    first = [a.to_dict() for a in detect_artifacts(doc, "en")]
    assert first == [a.to_dict() for a in detect_artifacts(doc, "en")]


def test_mentions_of_other_documents_are_ignored() -> None:
    from provenance.names.model import Mention

    doc = Document("a.txt", "Minister Nauaf al Raui resigned.")
    other = Mention("b.txt", 9, 22, "Nauaf al Raui", "person", "Nawaf al-Rawi", None, 0.9, "fuzzy")
    assert detect_artifacts(doc, "en", [other]) == []
    own = Mention("a.txt", 9, 22, "Nauaf al Raui", "person", "Nawaf al-Rawi", None, 0.9, "fuzzy")
    assert [a.kind for a in detect_artifacts(doc, "en", [own])] == ["transliteration"]


def test_repeated_evidence_counts_less() -> None:
    one = Artifact(0, 6, "Maruto", "back-transliteration", "ar", 0.8, "x", "transliteration", ("ar",))
    doc = Document("d", "word " * 1000)
    assert evidence_density(doc, [one, one, one]) < 3 * evidence_density(doc, [one])


def test_verdict_to_dict() -> None:
    verdict = Verdict(True, 0.91234, "ar", ("a", "b"))
    assert verdict.to_dict() == {"is_translation": True, "score": 0.912, "source_language": "ar",
                                 "reasons": ["a", "b"]}


def test_non_english_document_gets_a_verdict() -> None:
    text = ("Le ministre a déclaré que la réforme était nécessaire. Les syndicats ont annoncé une grève "
            "pour jeudi, et le gouvernement a promis de les recevoir.")
    doc = Document("fr.txt", text)
    verdict = translation_verdict(doc, "fr", detect_artifacts(doc, "fr"))
    assert not verdict.is_translation


SAMPLES = {
    "ar": "Gaza - The Israeli occupation army announced on Sunday the killing of two of its soldiers in battles in "
          "the north of the Gaza Strip, according to what the army spokesman said in a statement. The Hebrew "
          "newspaper (Maariv) reported that the two soldiers belong to the Golani Brigade. And he added that the "
          "army will continue its operations. For his part, the Palestinian Ministry of Health said that the "
          "number of victims has risen since the morning.",
    "es": "The President of the Government, Pedro Sánchez, has assured this Monday that the Executive will approve "
          "the decree in the next Council of Ministers. In statements to the press, Sánchez manifested that the "
          "measure will benefit 2.500 families and that it will cost 1,5 million euros. It is the umpteenth time "
          "that the opposition denounces the delay.",
    "fr": "Reading time: 2 min\nThe Minister of the Interior has announced, Thursday 14 March, the arrest of three "
          "people suspected of preparing an attack. The suspects were interpellated in the night from Tuesday to "
          "Wednesday in the Lyon agglomeration, according to a judicial source. « The threat remains very high », "
          "precised the minister.",
    "de": "Federal Chancellor Olaf Scholz (SPD) has rejected the proposal of the opposition. The damage amounts to "
          "3,5 Mio. euros, the police said according to own information. The company wants to cut 2.000 jobs, "
          "the works council has criticised the plan since a year.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_machine_translated_samples(lang: str) -> None:
    doc = Document(f"{lang}.txt", SAMPLES[lang])
    artifacts = detect_artifacts(doc, "en")
    verdict = translation_verdict(doc, "en", artifacts)
    assert verdict.is_translation and verdict.source_language == lang, (verdict, artifacts)


def test_one_cue_of_one_kind_never_makes_a_translation_but_two_kinds_do() -> None:
    doc = Document("d", "word " * 120)  # short: one artifact is a high density
    quote = Artifact(0, 4, "« »", "typography", "fr", 1.0, "x", "typography", ("fr",))
    name = Artifact(5, 9, "Isaui", "transliteration", "es", 1.0, "x", "transliteration", ("es",))
    other_name = Artifact(10, 14, "Kazemi", "transliteration", "es", 1.0, "x", "transliteration", ("es",))
    single = translation_verdict(doc, "en", [quote, quote])
    assert not single.is_translation and single.score < 0.5
    assert any("one cue of one kind" in reason for reason in single.reasons)
    assert not translation_verdict(doc, "en", [name]).is_translation
    assert translation_verdict(doc, "en", [name, quote]).is_translation  # two kinds
    assert translation_verdict(doc, "en", [name, other_name]).is_translation  # two names of a strong kind


# A German news paragraph written for this test: German spells Baghdad "Bagdad", so al-Bagdadi
# is how German writes the name, not a trace of Spanish.
GERMAN_ORIGINAL = """Der Anführer der Terrormiliz Islamischer Staat, Abu Bakr al-Bagdadi, ist nach Angaben der
US-Regierung bei einem Einsatz im Nordwesten Syriens ums Leben gekommen. US-Präsident Donald Trump sagte am
Sonntag in Washington, al-Bagdadi habe sich in einem Tunnel selbst in die Luft gesprengt. In Bagdad begrüßte die
irakische Regierung den Tod des Extremistenführers. Experten warnen jedoch, dass die Miliz weiterhin Anhänger in
der Region habe."""


def test_a_german_original_with_german_spellings_is_not_a_translation() -> None:
    from provenance.glossary import default_glossary_paths, load_glossary
    from provenance.names import link_corpus

    doc = Document("de.txt", GERMAN_ORIGINAL, language="de")
    glossary = load_glossary(default_glossary_paths())
    mentions = link_corpus([doc], glossary).mentions
    artifacts = detect_artifacts(doc, "de", mentions, glossary=glossary)
    assert not [a for a in artifacts if "Bagdadi" in a.text]
    assert not translation_verdict(doc, "de", artifacts).is_translation
