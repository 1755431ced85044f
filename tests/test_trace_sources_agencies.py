"""Agency credits, datelines and "told"/"said to" cues in German, Austrian, Dutch, Belgian,
Italian, Spanish and Arabic copy, and what is not one (an acronym that is no agency's credit,
a slash that joins no agency codes). The texts are written for these tests in the style of wire copy.
"""
from __future__ import annotations

import pytest

from tests.test_trace_sources import cite, ids, mention


@pytest.mark.parametrize("text, source", [
    ("Berlin (dpa/GNA) – Die Regierung hat am Dienstag neue Hilfen für Landwirte beschlossen.", "src:dpa"),
    ("Rom (ANSA/AFP) – Der Senat stimmte dem Haushalt am Abend zu.", "src:ansa"),
    ("Hamburg dpa/lno – Bei einem Brand im Hafen wurde niemand verletzt.", "src:dpa"),
    ("WIEN (APA) - Die Regierung hat ein neues Klimagesetz vorgelegt.", "src:apa"),
    ("Das bestätigte ein Sprecher der Deutschen Presse-Agentur am Montag.", "src:dpa"),
    ("Den Haag (ANP) - Het kabinet stelt de beslissing over de bouw uit.", "src:anp"),
    ("Een woordvoerder zei tegen ANP dat de gesprekken worden hervat.", "src:anp"),
    ("BRUSSEL (Belga) - De federale regering heeft een akkoord bereikt.", "src:belga"),
    ("Il portavoce ha detto all'ANSA che il vertice è stato rinviato.", "src:ansa"),
    ("El portavoz explicó a EFE que la reunión se había aplazado.", "src:efe"),
    ("ذكرت وكالة الأنباء الكويتية أن مجلس الوزراء سيجتمع يوم الأحد.", "src:kuna"),
])
def test_agency_credits_and_cues(text: str, source: str) -> None:
    assert source in ids(cite(text))


@pytest.mark.parametrize("text", [
    "Die Tabelle zeigt den Anteil (Bund/Länder) – getrennt nach Jahren.",
    "The survey followed APA guidelines for reporting effect sizes.",
    "Die Partei (CDU/CSU) – so die Umfrage – liegt vorn.",
    "The Belga region's coffee harvest was poor this year.",
    "Il ministro ha spiegato ai giornalisti che il vertice è stato rinviato.",
])
def test_no_agency_credit_without_an_agency(text: str) -> None:
    assert cite(text) == []


@pytest.mark.parametrize("text, source", [
    ("وقالت وكالة الأنباء الألمانية إن الحكومة وافقت على خطة الإنقاذ.", "src:dpa"),
    ("ونقلت وكالة الأنباء الفرنسية عن مصدر أمني قوله إن الهجوم فشل.", "src:afp"),
    ("قال المتحدث باسم الوزارة لقناة الجزيرة إن المفاوضات مستمرة.", "src:al-jazeera"),
    ("Lo riferisce l'agenzia Adnkronos citando fonti del ministero.", "src:adnkronos"),
    ("Selon l'agence de presse allemande DPA, le plan a été adopté mardi.", "src:dpa"),
])
def test_agencies_named_in_the_documents_language(text: str, source: str) -> None:
    assert source in ids(cite(text))


def test_canal_after_the_arabic_channel_cue_is_no_source() -> None:
    text = "وارتفعت رسوم العبور لقناة السويس هذا العام."
    assert cite(text, lambda d: [mention(d, "قناة السويس", type="organization")]) == []


def test_dutch_post_on_twitter_is_its_authors_tweet() -> None:
    text = "Mark Rutte schreef op Twitter dat het kabinet gewoon doorgaat."
    assert ids(cite(text, lambda d: [mention(d, "Mark Rutte")])) == {"src:twitter-mark-rutte"}
    assert cite("Mark Rutte schreef een brief aan de Tweede Kamer.", lambda d: [mention(d, "Mark Rutte")]) == []


# Sentences from published wire copy, shortened: unitednetworker.com (dts), m.news.de (dpa photo
# credit), laprensadelara.com (Efe), ecodiario.eleconomista.es (Servimedia), notimaxplus.com (Fuente).
@pytest.mark.parametrize("text, source", [
    ("Hannover (dts Nachrichtenagentur) – Der niedersächsische Ministerpräsident Stephan Weil (SPD) hat "
     "CDU-Kanzlerkandidat Friedrich Merz scharf kritisiert.", "src:dts"),
    ("Das Foto zeigt das Mehrfamilienhaus in Blankenburg im Harz, in dem sich eine Explosion ereignet hat. "
     "Bild: Polizeiinspektion Magdeburg/dpa", "src:dpa"),
    ("“Lo importante es que la región encuentre una solución propia”, dijo a Efe el secretario de Estado "
     "español de Cooperación Internacional.", "src:efe"),
    ("MADRID, 31 (SERVIMEDIA)\n\nEl presidente de la agencia subrayó este jueves que \"es falso\".", "src:servimedia"),
    ("Son, si acaso, hipótesis, declaró el mandatario en su rueda de prensa matutina.\n\nFuente: EFE", "src:efe"),
])
def test_credits_and_cues_from_published_copy(text: str, source: str) -> None:
    assert source in ids(cite(text))


def test_an_agency_word_inside_a_named_agency_is_no_back_reference() -> None:
    text = "MADRID, 31 (SERVIMEDIA)\n\nEl presidente de la Agencia EFE subrayó este jueves que \"es falso\"."
    assert sorted(text[c.start:c.end] for c in cite(text)) == ["Agencia EFE", "SERVIMEDIA"]


@pytest.mark.parametrize("text", [
    "La letra efe aparece dos veces en la palabra.",
    "Fuente: elaboración propia con datos del ministerio.",
    "Bild: Polizeiinspektion Magdeburg/Archiv",
    "Die Partei erreichte 12/dpa-Prognose nicht.",
])
def test_no_credit_without_its_form(text: str) -> None:
    assert cite(text) == []


@pytest.mark.parametrize("text, source", [
    ("بغداد - (أ ف ب): قتل ثلاثة أشخاص في انفجار سيارة مفخخة.", "src:afp"),
    ("برلين (د ب أ) - وافقت الحكومة على خطة الإنقاذ.", "src:dpa"),
    ("وقال وزير الخارجية في حديث لقناة العربية إن المحادثات مستمرة.", "src:al-arabiya"),
    ("ونقلت صحيفة نيويورك تايمز عن مسؤولين قولهم إن المحادثات مستمرة.", "src:new-york-times"),
])
def test_arabic_agency_abbreviations_and_outlet_cues(text: str, source: str) -> None:
    assert source in ids(cite(text))


@pytest.mark.parametrize("text", [
    "وتدرس اللغة العربية في المدارس منذ عقود.",
    "وقدمت الفرقة أغنية من ألحان أ ف ب في الحفل.",
])
def test_arabic_words_that_are_no_credit(text: str) -> None:
    assert cite(text) == []


def test_a_cue_word_opening_a_sentence_is_not_part_of_the_name() -> None:
    text = "Laut Rotem Kreuz starben bei dem Erdbeben zwölf Menschen."
    citations = cite(text, lambda d: [mention(d, "Rotem Kreuz", "Rotes Kreuz", type="organization")])
    assert [text[c.start:c.end] for c in citations] == ["Rotem Kreuz"]
    assert ids(citations) == {"src:rotes-kreuz"}
