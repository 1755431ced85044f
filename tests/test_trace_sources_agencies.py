"""Agency credits, datelines and "told"/"said to" cues in German, Austrian, Dutch, Belgian,
Italian, Spanish and Arabic copy, and what is not one (an acronym that is no agency's credit,
a slash that joins no agency codes). The texts are written for these tests in the style of wire copy.
"""
from __future__ import annotations

import pytest

from tests.test_trace_sources import cite, ids


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
