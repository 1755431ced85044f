"""The documents' texts as the reports quote them, packed into one UTF-8 buffer."""
from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping

__all__ = ["PackedTexts"]

RECENT = 8
"""Decoded texts kept: the reports read a document's text a few times in a row (both sides of a
passage, with their contexts)."""


class PackedTexts(Mapping[str, str]):
    """Each document's text by id, read from one UTF-8 buffer and decoded when it is read.

    At 100,000 documents of 3 KB the texts as strings take 0.6 GB (a text with one character
    beyond Latin-1, a curly quote, takes two bytes a character), and the child that writes
    report.md and report.json beside report.html copies every memory page whose string it reads
    (reading an object writes its reference count). One buffer is one object: its pages stay
    shared."""

    __slots__ = ("_buffer", "_ends", "_index", "_recent")

    def __init__(self, texts: Iterable[tuple[str, str]]) -> None:
        buffer = bytearray()
        ends = array("q", [0])
        index: dict[str, int] = {}
        for doc_id, text in texts:
            buffer += text.encode("utf-8", "surrogatepass")  # a lone surrogate (an undecodable byte) kept
            ends.append(len(buffer))
            index[doc_id] = len(ends) - 2  # a repeated id: its last text, as a dictionary would keep
        self._buffer = buffer
        self._ends = ends
        self._index = index
        self._recent: OrderedDict[str, str] = OrderedDict()

    def __getitem__(self, doc_id: str) -> str:
        text = self._recent.get(doc_id)
        if text is None:
            at = self._index[doc_id]
            text = self._buffer[self._ends[at]:self._ends[at + 1]].decode("utf-8", "surrogatepass")
            self._recent[doc_id] = text
            if len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return text

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
