"""Outside sources named in German, French, Spanish, Italian and English copy: outlets in
quotation marks after a cue, German closed compounds (Ostseezeitung), an acronym that is also a
common word (SER), the body a spokesperson speaks for, and written statements; and what is no
citation (a person's words, a scare quote). The texts are written for these tests."""
from __future__ import annotations

import pytest

from tests.test_trace_sources import cite, ids, mention


@pytest.mark.parametrize("text, source", [
    ("Nach Angaben der „Lausitzer Rundschau“ wurde die Brücke am Morgen gesperrt.", "src:lausitzer-rundschau"),
    ("„Wir bauen weiter“, sagte sie gegenüber dem „Kölner Stadt-Anzeiger“.", "src:kolner-stadt-anzeiger"),
    ("Laut Ostseezeitung wurde der Hafen wegen des Sturms geschlossen.", "src:ostseezeitung"),
    ("Selon « La Voix du Nord », la route reste fermée jusqu'à lundi.", "src:voix-du-nord"),
    ("Según la SER, el tráfico se cortó durante dos horas.", "src:ser"),
    ("Ein Europol-Sprecher bestätigte am Dienstag die Festnahmen.", "src:europol"),
    ("A Pentagon spokesman said the drill was routine.", "src:pentagon"),
    ("El portavoz de la OTAN dijo que la misión seguirá en marcha.", "src:otan"),
    ("Le porte-parole de la SNCF a confirmé le retard des trains.", "src:sncf"),
])
def test_outlets_and_bodies_cited_in_several_languages(text: str, source: str) -> None:
    found = ids(cite(text))
    assert any(source == s or s.startswith(source) for s in found), found


def test_a_written_statement_is_its_author_s_even_after_the_verb() -> None:
    german = cite("Dies sagte Bürgermeister Jan Roth in einer Erklärung am Abend.", lambda d: [mention(d, "Jan Roth")])
    assert ids(german) == {"src:statement-jan-roth"}
    french = cite("Le maire Paul Martin a indiqué dans un communiqué que la route restait fermée.",
                  lambda d: [mention(d, "Paul Martin")])
    assert ids(french) == {"src:statement-paul-martin"}


@pytest.mark.parametrize("text, person", [
    ("Laut Anna Berger ist die Lage in der Stadt ruhig.", "Anna Berger"),  # a person's words are a quote
    ("Dies sagte Bürgermeister Jan Roth vor der Presse.", "Jan Roth"),
    ("Selon Paul Martin, la route restera fermée.", "Paul Martin"),
])
def test_a_person_s_spoken_words_are_no_citation(text: str, person: str) -> None:
    assert cite(text, lambda d: [mention(d, person)]) == []


@pytest.mark.parametrize("text", [
    "Laut „offiziellen Angaben“ stieg die Zahl der Besucher.",  # a scare quote of common words
    "Die Zeitung berichtete nichts davon.",  # a common noun, no compound
    "The spokesman said the drill was routine.",  # no body named
])
def test_no_source_without_a_name(text: str) -> None:
    assert cite(text) == []
