"""normalize --listed-only: full names spelt as the glossary lists them, decided without the names stage."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from provenance.corpus import Document
from provenance.engine import ProcessEngine, using
from provenance.glossary import Alias, Entry, Glossary, default_glossary_paths, load_glossary
from provenance.normalize import ListedNames, PlanOptions, listed_plan, plan_corpus
from provenance.pipeline import analyze_documents

from .conftest import ROOT

# Sentences written for these tests, in five languages, each naming a person in a spelling the
# bundled glossary lists as a variant of the canonical name.
LISTED = {
    "en": ("Iran's Qasem Soleimani was killed in a US strike near Baghdad airport in January 2020.",
           "Qasem Soleimani", "Qassem Soleimani"),
    "de": ("Präsident Wolodymyr Selenskyj traf am Montag zu Gesprächen in Berlin ein.",
           "Wolodymyr Selenskyj", "Volodymyr Zelensky"),
    "fr": ("Le chef d'Al-Qaïda, Oussama ben Laden, a été tué au Pakistan en 2011.",
           "Oussama ben Laden", "Osama bin Laden"),
    "es": ("El líder del grupo, Abu Bakr al Bagdadi, murió en el noroeste de Siria en 2019.",
           "Abu Bakr al Bagdadi", "Abu Bakr al-Baghdadi"),
    "it": ("Secondo fonti locali, Ayman al-Zawahri viveva a Kabul da mesi.",
           "Ayman al-Zawahri", "Ayman al-Zawahiri"),
}


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(default_glossary_paths())


def _decided(names: ListedNames, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(d.surface, d.text, d.reason) for d in names.decide(Document("t", text), ("person",))]


@pytest.mark.parametrize("lang", sorted(LISTED))
def test_a_listed_spelling_becomes_the_canonical_name_as_the_full_analysis_writes_it(bundled: Glossary,
                                                                                      lang: str) -> None:
    text, surface, canonical = LISTED[lang]
    docs = [Document(lang, text, language=lang)]
    fast = listed_plan(docs, bundled)
    assert [(d.surface, d.text) for d in fast.proposals()] == [(surface, canonical)]
    analysis = analyze_documents(docs, root="", glossary=bundled, stages=("names",))
    full = plan_corpus(docs, analysis.names, PlanOptions(), bundled)  # type: ignore[arg-type]
    assert {(d.start, d.end, d.text) for d in fast.proposals()} <= {(d.start, d.end, d.text) for d in full.proposals()}


def test_a_listed_name_inside_a_longer_one_stays_as_written(bundled: Glossary) -> None:
    names = ListedNames.of(bundled)
    text = ("Ahmad Qasem Soleimani, a cousin, said that Qasem Soleimani Jr. had left; Qasem Soleimani bin Ali "
            "stayed, and ex-Qasem Soleimani aides spoke.")
    assert [reason for _, _, reason in _decided(names, text)] == ["longer-name"] * 4


def test_titles_possessives_dates_and_punctuation_around_a_name_do_not_lengthen_it(bundled: Glossary) -> None:
    names = ListedNames.of(bundled)
    for text in ("General Qasem Soleimani arrived.", "Iran's Qasem Soleimani arrived.",
                 "On Friday Qasem Soleimani arrived.", "Yesterday, Qasem Soleimani arrived.",
                 "(Qasem Soleimani) arrived.", "They met Qasem Soleimani Tuesday.", "« Qasem Soleimani » est arrivé."):
        assert _decided(names, text) == [("Qasem Soleimani", "Qassem Soleimani", None)], text


def test_a_lowercase_hit_and_the_canonical_spelling_are_no_candidates(bundled: Glossary) -> None:
    names = ListedNames.of(bundled)
    assert _decided(names, "the qasem soleimani brigade") == []
    assert _decided(names, "Qassem Soleimani arrived.") == []


def test_another_script_is_not_rewritten(bundled: Glossary) -> None:
    names = ListedNames.of(bundled)
    assert _decided(names, "Владимир Зеленский прибыл в Берлин.") == [("Владимир Зеленский", None, "not-a-spelling")]


def _glossary(*entries: tuple[str, str, str, tuple[str, ...]]) -> Glossary:
    return Glossary([Entry(id_, type_, canonical, tuple(Alias(a, "en", "Latin", "variant") for a in aliases))
                     for id_, type_, canonical, aliases in entries])


def test_namesakes_listed_with_one_spelling_and_short_forms_are_skipped() -> None:
    glossary = _glossary(("per:a", "person", "Ali Hasan al-Majid", ("Ali Hassan al-Majeed",)),
                         ("per:b", "person", "Ali Hassan al-Majid", ("Ali Hassan al-Majeed",)),
                         ("per:c", "person", "Muammar Gaddafi", ("Gheddafi",)))
    names = ListedNames.of(glossary)
    decided = names.decide(Document("t", "Ali Hassan al-Majeed met Gheddafi in Tripoli."), ("person",))
    assert [(d.surface, d.reason) for d in decided] == [("Ali Hassan al-Majeed", "shared-name"),
                                                        ("Gheddafi", "short-form")]
    assert decided[0].candidates


def test_only_the_types_asked_for() -> None:
    glossary = _glossary(("org:s", "organization", "Hayat Tahrir al-Sham", ("Hay'at Tahrir al-Sham",)))
    doc = Document("t", "Fighters of Hay'at Tahrir al-Sham entered the town.")
    assert listed_plan([doc], glossary).decisions == []
    decided = listed_plan([doc], glossary, PlanOptions(types=("organization",))).proposals()
    assert [(d.surface, d.text) for d in decided] == [("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham")]


def test_the_labelled_cases_get_no_false_rewrite(bundled: Glossary) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_normalize_precision import load_cases
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    docs, gold, _ = load_cases()
    proposed = {(d.doc, d.start, d.end): d.text for d in listed_plan(docs, bundled).proposals()}
    assert len(proposed) >= 15
    assert {key: gold.get(key) for key in proposed} == proposed


def test_workers_decide_as_one_process_does(bundled: Glossary) -> None:
    docs = [Document(f"{lang}{i}", f"{i}. {LISTED[lang][0]}") for i in range(40) for lang in sorted(LISTED)]
    one = listed_plan(docs, bundled)
    engine = ProcessEngine(2)
    try:
        with using(engine):
            two = listed_plan(docs, bundled)
    finally:
        engine.close()
    assert two.decisions == one.decisions and len(one.proposals()) == 200


def test_the_command_writes_the_listed_changes_and_refuses_the_analysis_options(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for lang, (text, _, _) in LISTED.items():
        (corpus / f"{lang}.txt").write_text(text + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "provenance", "normalize", str(corpus), "--out", str(tmp_path / "out"),
                           "--listed-only", "--workers", "1"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "5 names rewritten" in " ".join(done.stdout.split())
    assert len((tmp_path / "out" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    assert "Osama bin Laden" in (tmp_path / "out" / "fr.txt").read_text(encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "provenance", "normalize", str(corpus), "--out",
                              str(tmp_path / "other"), "--listed-only", "--include-discovered"],
                             capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode != 0 and "--listed-only" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "other").exists()
