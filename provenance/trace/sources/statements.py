"""Citations of social posts and statements (owned by a frame's speaker), and back-references."""
from __future__ import annotations

from collections.abc import Sequence

from ...corpus import Document
from ...text.literals import fold_for_match, matches
from ..attribution.clauses import Frame, Name
from ..attribution.frames import DocumentFrames
from ..model import Citation, Source
from ..resources import conventions
from .catalog import (
    CONTEXT_CHARS,
    HANDLE,
    PLATFORM_NAMES,
    WORD,
    alias_key,
    catalog,
    source_slug,
    statement_source,
)
from .known import cue_after, cue_before, is_boilerplate_line


def social_citations(doc: Document, analysis: DocumentFrames) -> list[Citation]:
    """Posts on social platforms, owned by the speaker of the sentence they are cited in."""
    text, folded = doc.text, fold_for_match(doc.text)
    found = []
    seen: set[tuple[int, int]] = set()
    for platform, pattern in catalog().social_cues:
        for m in matches(pattern, text, folded):
            if (m.start(), m.end()) in seen or is_boilerplate_line(text, m.start(), m.end()):
                continue
            if any(t.body_start <= m.start() < t.body_end for t in analysis.tweets):
                continue  # words inside an embedded tweet are the tweet's, not a citation
            seen.add((m.start(), m.end()))
            named = m.groupdict().get("platform")
            platform_id = catalog().platform_aliases.get(named.casefold(), "twitter") if named else platform
            owner, owner_span = _owner(text, analysis, m.start(), m.end())
            handle = HANDLE.search(text, m.start(), min(len(text), m.end() + 40))
            label = owner or (f"@{handle.group(1)}" if handle else "unnamed account")
            source = _social_source(platform_id, label, handle.group(1) if handle else None)
            found.append(Citation(doc.id, *_span_with_owner(m.start(), m.end(), owner_span), source, m.group()))
    for tweet in analysis.tweets:
        source = _social_source("twitter", tweet.author.name, tweet.handle)
        found.append(Citation(doc.id, tweet.author.start, tweet.line_end, source, "embedded tweet"))
    return found


def _social_source(platform: str, owner: str, handle: str | None) -> Source:
    display = PLATFORM_NAMES.get(platform, platform.title())
    name = f"{owner} (@{handle}) on {display}" if handle and not owner.startswith("@") else f"{owner} on {display}"
    return Source(f"src:{platform}-{source_slug(owner)}", name, "tweet" if platform == "twitter" else "social")


def _owner(text: str, analysis: DocumentFrames, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """Who posted: the speaker of the reporting frame nearest the cue, else its subject words."""
    sentence = analysis.sentence_at(start)
    if sentence is None:
        return None, None
    frames = sorted(sentence.frames, key=lambda f: (_distance(f, start, end), f.start))
    for frame in frames:
        if frame.speaker is not None:
            return frame.speaker.name, (frame.speaker.start, frame.speaker.end)
    for frame in frames:  # "Dies sagte Premierminister Petr Nečas vor der Presse": the speaker after the verb
        inverted = [(i, i.name) for i in sentence.items if i.kind == "name" and i.name is not None
                    and i.name.type == "person" and frame.end <= i.start and i.end <= start]
        if inverted:
            item, name = inverted[0]
            return _display_name(name), (item.start, item.end)
    for frame in frames:
        if frame.subject_start is not None and frame.subject_end is not None:
            words = [w for w in WORD.findall(text[frame.subject_start:frame.subject_end])
                     if w.casefold() not in conventions().function_words]
            if words:
                earlier = _organization_described(analysis, words, frame.subject_start)
                return earlier or " ".join(words), (frame.subject_start, frame.subject_end)
    names = [(i, i.name) for i in sentence.items if i.kind == "name" and i.name is not None and i.end <= start
             and i.name.type in ("person", "organization", "unknown") and start - i.end < CONTEXT_CHARS]
    if names:  # "The spokesman, Col. Ray Doss, took to Twitter to deny ..." without a reporting verb
        item, name = names[-1]
        return _display_name(name), (item.start, item.end)
    return None, None


def _organization_described(analysis: DocumentFrames, words: Sequence[str], before: int) -> str | None:
    """The last organization named before ``before`` whose name carries every distinctive
    word of a description ("the counter-terrorism agency" -> "Counter-Terrorism Service")."""
    heads = catalog().organization_kinds
    wanted = {w.casefold() for w in words if w.casefold() not in heads}
    if not wanted:
        return None
    found = None
    for sentence in analysis.sentences:
        if sentence.start >= before:
            break
        for item in sentence.items:
            if item.kind == "name" and item.name is not None and item.name.type == "organization" \
                    and item.end <= before and wanted <= {w.casefold() for w in WORD.findall(item.name.surface)}:
                found = _display_name(item.name)
    return found


def _display_name(name: Name) -> str:
    return name.canonical if name.entity_id or name.canonical != name.surface else name.surface


def _span_with_owner(cue_start: int, cue_end: int, owner: tuple[int, int] | None) -> tuple[int, int]:
    """The citing span: the cue, stretched to the owner's name when it is close by."""
    if owner is None or min(abs(cue_start - owner[1]), abs(owner[0] - cue_end)) > CONTEXT_CHARS:
        return cue_start, cue_end
    return min(cue_start, owner[0]), max(cue_end, owner[1])


def _distance(frame: Frame, start: int, end: int) -> int:
    if frame.end <= start:
        return start - frame.end
    if frame.start >= end:
        return frame.start - end
    return 0


def statement_citations(doc: Document, analysis: DocumentFrames) -> list[Citation]:
    """"X said in a statement", "X told reporters", "sagte X vor der Presse": the statement of
    the frame's speaker (cues in ``data/sources/statement_cues.tsv``)."""
    text, folded = doc.text, fold_for_match(doc.text)
    found = []
    for pattern in catalog().statement_cues:
        for m in matches(pattern, text, folded):
            if is_boilerplate_line(text, m.start(), m.end()):
                continue
            owner, owner_span = _owner(text, analysis, m.start(), m.end())
            if owner is None:
                continue
            found.append(Citation(doc.id, *_span_with_owner(m.start(), m.end(), owner_span), statement_source(owner),
                                  m.group()))
    return found


def spokesperson_citations(doc: Document) -> list[Citation]:
    """"A Pentagon spokesman", "ein Interpol-Sprecher", "el portavoz de la OTAN": the body the
    spokesperson speaks for (cues in ``data/sources/spokesperson_cues.tsv``)."""
    text, folded = doc.text, fold_for_match(doc.text)
    found = []
    for pattern in catalog().spokesperson_cues:
        for m in matches(pattern, text, folded):
            start, end = m.span("org")
            name = m.group("org")
            if is_boilerplate_line(text, start, end) or not name[:1].isupper():
                continue
            alias = catalog().aliases.get(alias_key(name))
            source = catalog().sources[alias.source_id] if alias is not None else \
                Source(f"src:{source_slug(name)}", name, "organization")
            found.append(Citation(doc.id, start, m.end(), source, "spokesperson"))
    return found


def back_references(doc: Document, cited: Sequence[Citation]) -> list[Citation]:
    """"According to the report": the last source of that kind cited before it, unless the phrase
    is part of a source's own name ("la Agencia EFE")."""
    text, folded = doc.text, fold_for_match(doc.text)
    found = []
    ordered = sorted(cited, key=lambda c: c.start)
    for pattern, kinds in catalog().anaphora:
        for m in matches(pattern, text, folded):
            previous = [c for c in ordered if c.end <= m.start() and c.source.kind in kinds]
            if not previous or any(c.start < m.end() and m.start() < c.end for c in ordered):  # "la Agencia EFE"
                continue
            cue = cue_before(text, m.start()) or cue_after(text, m.end()) or _verb_after(text, m.end())
            if cue:
                found.append(Citation(doc.id, m.start(), m.end(), previous[-1].source, f"back-reference: {cue}"))
    return found


def _verb_after(text: str, end: int) -> str | None:
    """A reporting verb right after a back-reference ("the report quoted", "the report indicated")."""
    words = [w.casefold() for w in WORD.findall(text[end:end + 40])][:3]
    verbs = conventions().verbs
    for k in range(len(words)):
        hit = verbs.match(words, k)
        if hit:
            return hit[2]
        if k >= 1:
            break
    return None


# ---------------------------------------------------------------------------------------------
# Public API
