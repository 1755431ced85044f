"""Artifact rate and translation verdicts over a corpus folder.

    python benchmarks/artifact_rate.py tests/data/originals
    python benchmarks/artifact_rate.py seeds --report /tmp/seeds/report.json
    python benchmarks/artifact_rate.py tests/data/originals --lm smollm2   # with the fluency detector
    python ../shared/score.py /tmp/seeds/report.json ../shared/gold/seeds

Prints, per document, the language, the verdict (score, source language) and the artifacts
per 1,000 words; then the corpus rate per 1,000 words by kind. On a folder of original
English texts every artifact is a false alarm and every translation verdict is wrong.
With ``--report`` it also writes a ``provenance-report/1`` JSON (documents with language,
translation and artifacts; mentions when the names stage is available) for the scorer.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from provenance.artifacts import detect_artifacts, translation_verdict
from provenance.corpus import read_corpus
from provenance.glossary import default_glossary_paths, load_glossary
from provenance.lang import detect_document
from provenance.names import link_corpus
from provenance.neural.lm import load_language_model
from provenance.text import sentences, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a corpus folder or file")
    parser.add_argument("--report", type=Path, help="also write a provenance-report/1 JSON here")
    parser.add_argument("--no-names", action="store_true", help="do not run the names stage")
    parser.add_argument("--lm", help="the fluency detector's language model: smollm2 or a local folder (default: off)")
    args = parser.parse_args(argv)
    language_model = load_language_model(args.lm)

    docs = list(read_corpus(args.corpus))
    glossary = load_glossary(default_glossary_paths())
    names = None if args.no_names else link_corpus(docs, glossary)
    mentions = names.by_doc() if names else {}
    by_kind: Counter[str] = Counter()
    total_words = translations = 0
    documents = []
    for doc in docs:
        language = detect_document(doc.text, sentences(doc.text))
        artifacts = detect_artifacts(doc, language.lang, mentions.get(doc.id, ()), glossary,
                                     foreign_segments=language.segments, language_model=language_model)
        verdict = translation_verdict(doc, language.lang, artifacts)
        n_words = len(words(doc.text))
        total_words += n_words
        translations += verdict.is_translation
        by_kind.update(a.kind for a in artifacts)
        rate = 1000.0 * len(artifacts) / max(n_words, 1)
        print(f"{doc.id:70.70s} {language.lang:3s} {n_words:6d} words  translation={verdict.is_translation!s:5s} "
              f"score={verdict.score:.3f} source={verdict.source_language or '-':3s} artifacts={len(artifacts):3d} "
              f"({rate:.2f}/1k)")
        for artifact in artifacts:
            print(f"    {artifact.kind:20s} {artifact.score:.2f} {artifact.source_language or '-':3s} {artifact.text!r}")
        documents.append({"id": doc.id, "outlet": doc.outlet, "date": doc.date, "language": language.lang,
                          "translation": verdict.to_dict(), "artifacts": [a.to_dict() for a in artifacts]})
    total = sum(by_kind.values())
    print(f"\n{len(docs)} documents, {total_words} words, {translations} translation verdicts, "
          f"{total} artifacts = {1000.0 * total / max(total_words, 1):.2f} per 1,000 words")
    for kind, count in sorted(by_kind.items(), key=lambda p: (-p[1], p[0])):
        print(f"  {kind:22s} {count:4d}  {1000.0 * count / max(total_words, 1):.2f} per 1,000 words")
    if args.report:
        report = {"schema": "provenance-report/1",
                  "corpus": {"root": str(args.corpus), "documents": len(docs), "glossary": glossary.sources},
                  "documents": documents,
                  "mentions": [m.to_dict() for m in names.mentions] if names else []}
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
