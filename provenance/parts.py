"""Big text files read in parts: consecutive stretches cut at paragraph boundaries, read
incrementally, each with its exact character offset in the file's text.

A file of more bytes than the part size is decoded block by block (never whole) and cut where
a paragraph ends (after a blank line), else where a line ends, else after white space, else
(one word longer than half a part) at the part size itself, never before a combining mark.
Every part but the last holds between half the part size and the part size in characters, so
the parts laid at their offsets give back the file's text exactly.
"""
from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PART_SIZE = 1_000_000
"""Characters a part holds at most; a text file of more bytes than this is read in parts."""
READ_BYTES = 1 << 20
"""Bytes read from disk at a time."""
_LINE_SPACE = frozenset(" \t\r\f\v")


@dataclass(frozen=True)
class Part:
    """A stretch of a file's text and the character offset where it starts."""

    offset: int
    text: str


def part_id(file_id: str, number: int, width: int) -> str:
    """The id of part ``number`` (from 1) of ``file_id``: ``file_id#007``, padded so ids sort."""
    return f"{file_id}#{number:0{width}d}"


def number_width(size_bytes: int, part_size: int) -> int:
    """Digits enough for the number of any part of a file of ``size_bytes`` bytes: every part but
    the last holds at least half a part of characters, and no character is under a byte."""
    return len(str(size_bytes // max(1, part_size // 2) + 1))


def cut_point(text: str, size: int) -> int:
    """Where to end a part of ``text`` (longer than ``size``): in the second half of the first
    ``size`` characters, after the last blank line, else the last line end, else the last white
    space; else at ``size``, moved back before a combining mark so that no character is split
    from its accents."""
    low = max(1, size // 2)
    for found in (_after_blank_line(text, low, size), _after_line_end(text, low, size),
                  _after_space(text, low, size)):
        if found is not None:
            return found
    cut = size
    while cut > low and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def _after_blank_line(text: str, low: int, high: int) -> int | None:
    """Just after the last line end in ``text[low:high]`` that closes a blank line."""
    end = high
    while (newline := text.rfind("\n", low, end)) >= 0:
        before = newline - 1
        while before >= low and text[before] in _LINE_SPACE:
            before -= 1
        if before >= low and text[before] == "\n":
            return newline + 1
        end = before + 1
        if end <= low:
            return None
    return None


def _after_line_end(text: str, low: int, high: int) -> int | None:
    newline = text.rfind("\n", low, high)
    return newline + 1 if newline >= 0 else None


def _after_space(text: str, low: int, high: int) -> int | None:
    for index in range(high - 1, low - 1, -1):
        if text[index].isspace():
            return index + 1
    return None


def split_parts(chunks: Iterable[str], part_size: int) -> Iterator[Part]:
    """Consecutive parts of the text that ``chunks`` make up, each at most ``part_size`` characters."""
    buffer, offset = "", 0
    for chunk in chunks:
        buffer += chunk
        while len(buffer) > part_size:
            cut = cut_point(buffer, part_size)
            yield Part(offset, buffer[:cut])
            offset += cut
            buffer = buffer[cut:]
    if buffer:
        yield Part(offset, buffer)


def decoded_blocks(path: Path, encoding: str) -> Iterator[str]:
    """The file's text in ``encoding``, decoded block by block (strict; a leading BOM removed)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    first = True
    with path.open("rb") as handle:
        while block := handle.read(READ_BYTES):
            text = decoder.decode(block)
            if first and text:
                text, first = text.removeprefix("\ufeff"), False
            yield text
    yield decoder.decode(b"", final=True)


def stream_encoding(path: Path, head_encoding: Callable[[bytes], str | None]) -> str | None:
    """The encoding a big file can be read in block by block: the one its head names (a BOM, the
    NULs of UTF-16), else UTF-8 when no NUL is in its head; None when the whole file must be
    decoded at once (a legacy charset, binary data). Reads the file through once to check it."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    encoding = head_encoding(head)
    if encoding is None and b"\x00" in head:
        return None
    encoding = encoding or "utf-8-sig"
    try:
        for _ in decoded_blocks(path, encoding):
            pass
    except UnicodeDecodeError:
        return None
    return encoding


def in_blocks(text: str, size: int = READ_BYTES) -> Iterator[str]:
    """``text`` as consecutive blocks of ``size`` characters (for a file decoded whole)."""
    for start in range(0, len(text), size):
        yield text[start:start + size]
