"""Cost of the fluency detector: load time, sentences/s, CPU seconds per 1,000 words, memory.

    python benchmarks/bench_fluency.py tests/data/originals --lm smollm2

Times (CPU seconds of this process) the language model's load, then the fluency detector alone
over every English document of the corpus, and prints the peak resident memory. Run it twice
to see the load from the dequantized cache.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time

from provenance.artifacts import Context
from provenance.artifacts.fluency import detect
from provenance.corpus import read_corpus
from provenance.lang import detect_document
from provenance.neural.lm import load_language_model
from provenance.text import sentences, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a corpus folder or file")
    parser.add_argument("--lm", default="smollm2", help="smollm2 (default) or a local causal LM folder")
    args = parser.parse_args(argv)
    started = time.process_time()
    model = load_language_model(args.lm)
    if model is None:
        print("no language model (--lm none)")
        return 1
    load = time.process_time() - started
    contexts = [Context(doc, "en") for doc in read_corpus(args.corpus)
                if detect_document(doc.text, sentences(doc.text)).lang == "en"]
    n_sentences = sum(len(c.sentences) for c in contexts)
    n_words = sum(len(words(c.text)) for c in contexts)
    started = time.process_time()
    found = sum(len(detect(c, [], model)) for c in contexts)
    spent = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model {model.name}: load {load:.1f} CPU s")
    print(f"{len(contexts)} English documents, {n_sentences} sentences, {n_words} words: {spent:.1f} CPU s, "
          f"{n_sentences / max(spent, 1e-9):.1f} sentences per CPU s, {1000 * spent / max(n_words, 1):.2f} CPU s "
          f"per 1,000 words, {found} fluency artifacts ({1000 * found / max(n_words, 1):.2f} per 1,000 words)")
    print(f"peak memory {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
