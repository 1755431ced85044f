"""Name proposals from a token-classification model (``--ner PATH``): person, organization and
place spans the rule-based finder missed (most useful for scripts without capital letters).

They go through the same linking as the finder's spans; their mentions record the method
``ner``. Off by default; see :mod:`provenance.neural.tagger`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..neural.tagger import TokenClassifier, load_token_classifier
from ..resources import read_rows
from ..text import sentences
from .model import NamesResult

LABELS = Path(__file__).resolve().parent.parent / "data" / "neural" / "ner_labels.tsv"
METHOD = "ner"
Proposal = tuple[int, int, str]  # start, end, name type


@cache
def label_types() -> dict[str, str]:
    """Name type by model label (``PER`` -> person), read from ``data/neural/ner_labels.tsv``."""
    return {row["label"]: row["type"] for row in read_rows(LABELS)}


class NameProposer:
    """Proposes name spans of a document from a token classifier."""

    def __init__(self, classifier: TokenClassifier) -> None:
        self.classifier = classifier

    def propose(self, text: str, lang: str) -> list[Proposal]:
        """The person, organization and place spans the model finds in ``text``, in order,
        widened to whole words."""
        pieces = sentences(text, lang or "en")
        found: list[Proposal] = []
        for piece, spans in zip(pieces, self.classifier.spans([p.text for p in pieces])):
            for span in spans:
                type_ = label_types().get(span.label.upper())
                if type_ is not None:
                    start, end = _whole_words(text, piece.start + span.start, piece.start + span.end)
                    if not found or start >= found[-1][1]:
                        found.append((start, end, type_))
        return found


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` widened to the word characters around it (a model may tag a piece of a word)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def load_proposer(spec: str | None) -> NameProposer | None:
    """A proposer over the token classifier of ``spec`` (None when it is ``none``)."""
    classifier = load_token_classifier(spec)
    return NameProposer(classifier) if classifier is not None else None


def mark_proposed(result: NamesResult, proposed: Iterable[tuple[str, int, int]]) -> NamesResult:
    """``result`` with the mentions at proposed spans (document id, start, end) recorded as ``ner``."""
    spans = set(proposed)
    if not spans:
        return result
    mentions = [replace(m, method=METHOD) if (m.doc, m.start, m.end) in spans else m for m in result.mentions]
    return replace(result, mentions=mentions)
