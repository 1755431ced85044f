"""Translation edges between documents in two languages (texts written for these tests)."""
from __future__ import annotations

from provenance.artifacts.model import Verdict
from provenance.corpus import Document
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.names import link_corpus
from provenance.trace import trace_corpus
from provenance.trace.translation import anchors, translation_edges

FRENCH = (
    "Le Premier ministre irakien Moustafa al-Kazimi a annoncé jeudi la mort d'Abou Yasser al-Issaoui, "
    "présenté comme le numéro deux de l'État islamique, lors d'une opération près de Kirkouk. "
    "Selon le porte-parole de la coalition, Wayne Marotto, 12 combattants ont été tués et 1 500 "
    "kilogrammes d'explosifs saisis. L'opération a mobilisé 350 soldats irakiens et 40 conseillers "
    "américains. Le président Emmanuel Macron a salué « un coup dur » porté aux jihadistes. "
    "Mardi, un double attentat suicide avait fait 32 morts et 110 blessés à Bagdad, selon le "
    "ministère de la Santé."
)
ENGLISH_TRANSLATION = (
    "The Iraqi Prime Minister Mustafa al-Kadhimi announced on Thursday the death of Abu Yasser "
    "al-Issawi, presented as the number two of the Islamic State, during an operation near Kirkuk. "
    "According to the spokesman of the coalition, Wayne Marotto, 12 fighters were killed and 1,500 "
    "kilograms of explosives seized. The operation mobilized 350 Iraqi soldiers and 40 American "
    "advisers. President Emmanuel Macron welcomed \"a hard blow\" dealt to the jihadists. On Tuesday, "
    "a double suicide attack had killed 32 people and wounded 110 in Baghdad, according to the "
    "Ministry of Health."
)
ENGLISH_REPORT = (
    "Twin suicide bombings tore through a Baghdad market on Tuesday, killing 32 people, the Iraqi "
    "Ministry of Health said. Two days later Prime Minister Mustafa al-Kadhimi said Iraqi forces had "
    "killed Abu Yasser al-Issawi near Kirkuk. Coalition spokesman Wayne Marotto called the raid a "
    "major success. French President Emmanuel Macron and the Islamic State were both mentioned in "
    "statements that followed; more than 110 people were wounded in the bombings."
)


def docs() -> list[Document]:
    return [Document("a_fr.txt", FRENCH, language="fr"), Document("b_en_translation.txt", ENGLISH_TRANSLATION,
                                                                   language="en"),
            Document("c_en_report.txt", ENGLISH_REPORT, language="en")]


def test_figures_keep_their_digits_across_languages() -> None:
    text = "1 500 morts, 1,500 dead, 1.500 muertos, ١٥٠٠ قتيل, ۱۵۰۰ کشته; 7 blessés"
    keys = [key for key, _, _ in anchors(Document("x", text), [])]
    assert keys == ["n:1500"] * 5


def test_a_translation_is_linked_to_its_original_and_a_report_on_the_same_event_is_not() -> None:
    corpus = docs()
    names = link_corpus(corpus, load_glossary(default_glossary_paths()))
    verdicts = {"b_en_translation.txt": Verdict(True, 0.9, "fr", ("calques",))}
    edges = translation_edges(corpus, names.by_doc(), verdicts)
    assert [(e.source, e.target, e.kind, e.directed) for e in edges] == [
        ("a_fr.txt", "b_en_translation.txt", "translation", True)]
    edge = edges[0]
    assert edge.score >= 0.8
    for ev in edge.evidence:
        assert 0 <= ev.from_start < ev.from_end <= len(FRENCH)
        assert 0 <= ev.to_start < ev.to_end <= len(ENGLISH_TRANSLATION)


def test_without_a_verdict_the_edge_is_undirected() -> None:
    corpus = docs()
    names = link_corpus(corpus, load_glossary(default_glossary_paths()))
    edges = translation_edges(corpus, names.by_doc(), {})
    assert [(e.source, e.target, e.directed) for e in edges] == [("a_fr.txt", "b_en_translation.txt", False)]


def test_documents_in_one_language_get_no_translation_edge() -> None:
    corpus = [Document("a.txt", ENGLISH_TRANSLATION, language="en"), Document("b.txt", ENGLISH_TRANSLATION,
                                                                               language="en")]
    names = link_corpus(corpus, load_glossary(default_glossary_paths()))
    assert translation_edges(corpus, names.by_doc(), {}) == []


def test_trace_corpus_reports_the_translation_edge() -> None:
    corpus = docs()
    names = link_corpus(corpus, load_glossary(default_glossary_paths()))
    result = trace_corpus(corpus, names, {"b_en_translation.txt": Verdict(True, 0.9, "fr", ())})
    kinds = {(e.source, e.target): e.kind for e in result.edges if e.kind == "translation"}
    assert kinds == {("a_fr.txt", "b_en_translation.txt"): "translation"}


def test_a_translation_judged_from_another_language_still_points_to_its_original() -> None:
    corpus = docs()
    names = link_corpus(corpus, load_glossary(default_glossary_paths()))
    verdicts = {"b_en_translation.txt": Verdict(True, 0.7, "es", ("calques",)),
                "a_fr.txt": Verdict(False, 0.1, None, ())}
    edges = translation_edges(corpus, names.by_doc(), verdicts)
    assert [(e.source, e.target, e.directed) for e in edges] == [("a_fr.txt", "b_en_translation.txt", True)]


def test_the_pipeline_takes_the_source_language_from_the_original_in_the_corpus(tmp_path) -> None:
    from provenance.lang import DocLanguage
    from provenance.pipeline import Analysis, DocumentResult, _sources_from_originals
    from provenance.trace.model import Edge, TraceResult

    corpus = docs()
    results = [DocumentResult(corpus[0], DocLanguage("fr", 1.0), [], Verdict(False, 0.1, None, ())),
               DocumentResult(corpus[1], DocLanguage("en", 1.0), [], Verdict(True, 0.7, "es", ("calques",))),
               DocumentResult(corpus[2], DocLanguage("en", 1.0), [], Verdict(True, 0.6, "ar", ()))]
    analysis = Analysis(str(tmp_path), results)
    analysis.trace = TraceResult([], [Edge("a_fr.txt", "b_en_translation.txt", "translation", 0.9, True, ())], [], [])
    _sources_from_originals(analysis, {d.id: d.language for d in corpus})
    assert results[1].translation.source_language == "fr"
    assert results[1].translation.reasons[-1] == "its original is in the corpus: a_fr.txt (fr)"
    assert results[2].translation.source_language == "ar"  # no edge: the artifacts' guess stands


def test_reuse_across_languages_is_a_translation_edge() -> None:
    from provenance.trace.model import Edge
    from provenance.trace.translation import relabel_across_languages

    reuse = [Edge("es.txt", "pt.txt", "reuse", 0.93, False, ()), Edge("en1.txt", "en2.txt", "reuse", 0.8, False, ()),
             Edge("a_fr.txt", "b_en.txt", "reuse", 0.4, False, ())]
    anchored = [Edge("a_fr.txt", "b_en.txt", "translation", 0.9, True, ())]
    languages = {"es.txt": "es", "pt.txt": "pt", "en1.txt": "en", "en2.txt": "en", "a_fr.txt": "fr", "b_en.txt": "en"}
    kept = relabel_across_languages(reuse, anchored, languages)
    assert [(e.source, e.target, e.kind) for e in kept] == [("es.txt", "pt.txt", "translation"),
                                                             ("en1.txt", "en2.txt", "reuse")]
    assert kept[0].note == "wording shared across languages (es / pt)"


def _figures_story(number: int, language: str) -> Document:
    """A short text giving six figures, in order, and one of its own."""
    return Document(f"s{number:04d}.txt", f"Figures {number + 100}: 1250, 3400, 5600, 7800, 9100 and 2300 [{language}].",
                    language=language)


def test_an_anchor_in_more_than_fifty_documents_pairs_none_however_large_the_corpus() -> None:
    filler = [Document(f"f{n:04d}.txt", f"Nothing numbered here, story {chr(97 + n % 26)}.", language="en")
              for n in range(1200)]  # a 5% cap would let anchors of up to 60 documents pair
    few = [_figures_story(n, "en" if n % 2 else "fr") for n in range(40)]
    many = [_figures_story(n, "en" if n % 2 else "fr") for n in range(55)]
    assert len(translation_edges(filler + few, {})) == 20 * 20  # every English story with every French one
    assert translation_edges(filler + many, {}) == []


def test_figures_are_found_where_the_pattern_alone_finds_them() -> None:
    """The figures read from digit runs are the pattern's matches, on news in several languages and
    scripts and on random strings of digits, separators and letters (Arabic-Indic digits too)."""
    import random

    from provenance.trace.translation import _FIGURE, figures

    from .conftest import DATA

    texts = [path.read_text(encoding="utf-8") for path in sorted((DATA / "originals_multi" / "corpus").glob("*.txt"))]
    rng = random.Random(13)
    alphabet = "0123456789١٥٠ .,\u00a0\u202fa_x-"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(30_000)]
    for text in texts:
        assert [m.span() for m in figures(text)] == [m.span() for m in _FIGURE.finditer(text)], text
    assert [m.group() for m in figures("x1 000 22, 1,500.5 a12 ١٥٠٠")] == ["000", "22", "1,500", "١٥٠٠"]
