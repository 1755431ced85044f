"""Language layer on real sentences (tests/data/lang: UDHR translations, public-domain news)."""
from __future__ import annotations

import pytest

from provenance.lang import UNDETERMINED, detect, detect_document

from .conftest import DATA, SEEDS

LANGS = ("en", "ar", "es", "fr", "it", "de")


def real_sentences(code: str) -> list[str]:
    return [line for line in (DATA / "lang" / f"{code}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("code", LANGS)
def test_real_sentences_are_identified(code):
    sentences = real_sentences(code)
    right = sum(detect(s).lang == code for s in sentences)
    assert len(sentences) >= 25
    # both detectors take two Spanish UDHR sentences ("Nadie será sometido ...") for Portuguese
    assert right / len(sentences) >= 0.93, f"{code}: {right}/{len(sentences)}"


@pytest.mark.parametrize("code", LANGS)
def test_short_segments_are_identified(code):
    segments = [" ".join(s.split()[:4]) for s in real_sentences(code) if len(s.split()) > 4]
    right = sum(detect(s).lang == code for s in segments)
    assert right / len(segments) >= 0.85, f"{code}: {right}/{len(segments)}"


def test_detection_is_deterministic():
    text = "Le gouvernement a annoncé la mort du chef de l'organisation près de Kirkouk."
    assert len({detect(text) for _ in range(5)}) == 1
    long_text = " ".join(real_sentences("es")[:5])
    assert len({detect(long_text) for _ in range(5)}) == 1


def test_text_without_letters_is_undetermined():
    assert detect("2021-01-29 — 32 / 100").lang == UNDETERMINED


def test_seed_documents_are_english_and_not_mixed():
    for path in sorted(SEEDS.glob("*.txt")):
        found = detect_document(path.read_text(encoding="utf-8"))
        assert (found.lang, found.mixed) == ("en", False), path.name
        assert found.confidence > 0.9


def test_mixed_document_is_flagged_with_its_foreign_sentences():
    english = real_sentences("en")[6:12]
    french = real_sentences("fr")[6:9]
    text = " ".join(english[:3] + french + english[3:])
    found = detect_document(text)
    assert found.lang == "en" and found.mixed
    assert {s.lang for s in found.segments} == {"fr"}
    assert all(text[s.start:s.end] in french for s in found.segments)


def test_one_quoted_foreign_sentence_does_not_make_a_document_mixed():
    text = " ".join(real_sentences("en")[6:14] + [real_sentences("de")[8]])
    found = detect_document(text)
    assert found.lang == "en" and not found.mixed
    assert [s.lang for s in found.segments] == ["de"]


# Languages langdetect lacks (az, ms) or confuses with a neighbour, on real sentences: share identified.
CLOSE_LANGUAGES = {"az": 0.95, "tr": 0.95, "ms": 0.75, "id": 0.95, "ur": 0.95, "fa": 0.95, "uk": 0.95,
                   "ca": 0.95, "hi": 0.95, "zh": 0.95, "nl": 0.95, "pl": 0.95, "ps": 0.95}


@pytest.mark.parametrize(("code", "share"), sorted(CLOSE_LANGUAGES.items()))
def test_close_languages_are_told_apart(code, share):
    sentences = real_sentences(code)
    right = sum(detect(s).lang == code for s in sentences)
    assert len(sentences) >= 25
    assert right / len(sentences) >= share, f"{code}: {right}/{len(sentences)}"


def line(code: str, number: int) -> str:
    return real_sentences(code)[number - 1]


# The same UDHR article in both languages of a close pair, then a short segment of each.
@pytest.mark.parametrize(("code", "text", "neighbour", "neighbour_text"), [
    ("ms", line("ms", 13), "id", line("id", 5)),  # Article 4
    ("ms", line("ms", 21), "id", line("id", 22)),  # a U.S. Embassy media note; Article 21
    ("ur", line("ur", 1), "fa", line("fa", 1)),  # Article 1
    ("ur", " ".join(line("ur", 13).split()[:3]), "fa", " ".join(line("fa", 13).split()[:3])),
    ("ps", line("ps", 6), "fa", line("fa", 3)),  # Article 3; langdetect has no Pashto profile
    ("az", line("az", 1), "tr", line("tr", 1)),  # Article 1
    ("az", " ".join(line("az", 4).split()[:3]), "tr", " ".join(line("tr", 4).split()[:3])),
    ("uk", line("uk", 1), "ru", line("ru", 1)),
    ("ca", line("ca", 3), "es", line("es", 1)),
])
def test_a_close_pair_is_told_apart(code, text, neighbour, neighbour_text):
    assert detect(text).lang == code, text
    assert detect(neighbour_text).lang == neighbour, neighbour_text


def test_chinese_without_kana_is_not_japanese():
    # fastText gives this one to Japanese (0.55); it has no kana
    assert detect("人人有权享有生命、自由和人身安全。").lang == "zh"


@pytest.mark.parametrize("code", ["az", "ms", "ur", "ps"])
def test_documents_in_languages_langdetect_lacks_or_confuses(code):
    text = " ".join(real_sentences(code)[:12])
    found = detect_document(text)
    assert (found.lang, found.mixed, found.segments) == (code, False, ())


def test_a_sentence_of_a_close_neighbour_is_not_foreign():
    # an Indonesian document with one Malay sentence: too close to call the sentence foreign
    text = " ".join(real_sentences("id")[:8] + [line("ms", 13)])
    found = detect_document(text)
    assert (found.lang, found.segments) == ("id", ())


@pytest.mark.parametrize(("path", "code"), [("originals/12_wh_joint_statement_i2u2_leaders.txt", "en"),
                                            ("originals/18_wh_factsheet_national_strategy_arctic_region.txt", "en"),
                                            ("originals_multi/corpus/de_04.txt", "de")])
def test_a_text_whose_sentences_are_sure_of_its_language_is_decided_without_langdetect(path, code, monkeypatch):
    from provenance import lang

    text = (DATA / path).read_text(encoding="utf-8")
    assert lang._fasttext(lang.collapse_space(text)[:8000]).confidence < lang.SURE_DOCUMENT_CONFIDENCE
    monkeypatch.setattr(lang, "_langdetect", lambda text: pytest.fail("langdetect asked"))
    found = detect(text)
    assert found.lang == code and found.confidence >= lang.VOTE_SHARE * lang.UNSURE


def test_a_text_fasttext_takes_for_another_language_is_still_asked_of_langdetect(monkeypatch):
    from provenance import lang

    text = (DATA / "originals/07_voa_programmer_app_helps_veteran_father.txt").read_text(encoding="utf-8")
    asked = []
    real = lang._langdetect
    monkeypatch.setattr(lang, "_langdetect", lambda text: asked.append(text) or real(text))
    assert lang._fasttext(lang.collapse_space(text)[:8000]).lang != "en"  # fastText, unsure, says German
    assert detect(text).lang == "en" and len(asked) == 1


def test_a_short_sentence_fasttext_is_unsure_of_is_never_foreign_and_not_asked_of_langdetect(monkeypatch):
    from provenance import lang

    english = real_sentences("en")[6:12]
    unsure = ["I’m heading off to New York right now; I’m late.",  # White House remarks: fastText says German
              "PRESIDENT BIDEN: Whoa, whoa, whoa, whoa, whoa."]  # and Italian
    assert all(lang._fasttext_ranked(text, 1)[0].confidence < lang.UNSURE for text in unsure)
    monkeypatch.setattr(lang, "detect_langs", lambda text: pytest.fail(f"langdetect asked of {text!r}"))
    found = detect_document(" ".join(english[:3] + unsure + english[3:]))
    assert found.lang == "en" and not found.segments
