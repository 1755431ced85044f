"""Frame resolution: who each reporting frame credits (subject, forward speaker, roles, pronouns)."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ...text.wordlists import articles
from ..resources import common_words, conventions
from .clauses import Frame, Item, Name, Sentence, Speaker

SPEAKER_TYPES = ("person", "organization", "unknown")
"""Mention types that can speak: places cannot ("Washington announced" is left unresolved), nor
unclassified names ("other"), which are mostly adjectives and headings."""
MAX_SUBJECT_ITEMS = 20
MAX_ROLE_WINDOW = 8
MAX_APPOSITIVE = 10
MAX_TITLE_WORDS = 12
SUBORDINATORS = frozenset({"that", "que", "qu", "che", "dass", "أن", "بأن"})
DETERMINERS = articles() | {"this", "that", "these", "those", "its", "his", "her", "their"}
COMPLEMENT_PREPOSITIONS = frozenset({"of", "de", "di", "del", "della", "du", "des", "von"})
"""After a cue, a noun phrase whose head takes one of these ("the basis of X") names no speaker."""
ROLE_FOLLOWERS = frozenset({"of", "for", "at", "in", "from", "with", "to",
                            "de", "del", "della", "di", "du", "des", "von", "der"})
_POSSESSIVE_END = re.compile(r"['’]s$")


@dataclass
class DocumentState:
    """What a document has said so far: the last speakers and the roles its people hold."""

    last: dict[str, Speaker] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    seen: dict[str, tuple[int, Speaker]] = field(default_factory=dict)


def speaker_of(name: Name, via: str) -> Speaker:
    """The speaker a name stands for, found ``via`` a name, a role, a pronoun or a tweet."""
    return Speaker(_clean_name(name), name.entity_id, name.type, name.start, name.end, via)


def _clean_name(name: Name) -> str:
    if name.entity_id or name.canonical != name.surface:
        return name.canonical
    words = name.surface.split()
    conv = conventions()
    while len(words) > 1 and words[0].rstrip(".").casefold() in conv.honorifics:
        words.pop(0)
    return " ".join(words)


def _entity_key(name: Name) -> str:
    return name.entity_id or name.canonical.casefold()


def can_speak(name: Name) -> bool:
    """Whether the name's type can speak (see :data:`SPEAKER_TYPES`)."""
    return name.type in SPEAKER_TYPES


def is_person_like(name: Name) -> bool:
    """A person, or a name of unknown type (most are people)."""
    return name.type in ("person", "unknown")


def _roles_in(items: Sequence[Item]) -> list[tuple[int, str]]:
    """Role words heading a noun phrase in ``items``: (item index, role)."""
    roles = conventions().roles
    keys = [i.key if i.kind == "word" else "\x00" for i in items]
    found = []
    k = 0
    while k < len(items):
        hit = roles.match(keys, k) if keys[k] in roles.by_first and items[k].kind == "word" else None
        if hit:
            length, role, _ = hit
            nxt = items[k + length] if k + length < len(items) else None
            if nxt is None or nxt.kind in ("name", "punct", "quote") or _may_follow_role(nxt):
                found.append((k, role))
            k += length
        else:
            k += 1
    return found


def _may_follow_role(item: Item) -> bool:
    """Words after which a role word still heads its noun phrase: a preposition ("head of"),
    an adverb ("the spokesman later added"), a rank or a name ("spokesman Col. Saleh")."""
    conv = conventions()
    return (item.key in ROLE_FOLLOWERS or item.key in conv.adverbs or item.key in conv.honorifics
            or item.key in conv.roles.by_first or item.text[:1].isupper())


def learn_roles(sentence: Sentence, state: DocumentState) -> None:
    """Record the roles written next to each person name ("coalition spokesman X", "X, a director")."""
    items = sentence.items
    for idx, item in enumerate(items):
        if item.kind != "name" or item.name is None or not is_person_like(item.name):
            continue
        lo = idx
        while lo > 0 and idx - lo < MAX_ROLE_WINDOW and not _stops_role_window(items[lo - 1]):
            lo -= 1
        windows = [items[lo:idx]]
        if idx + 1 < len(items) and items[idx + 1].text in (",", "،"):
            hi = idx + 2
            while hi < len(items) and hi - idx < MAX_APPOSITIVE and items[hi].text not in (",", ".", ";", "،") \
                    and not _stops_role_window(items[hi]):
                hi += 1
            windows.append(items[idx + 2:hi])
        key = _entity_key(item.name)
        for window in windows:
            for _, role in _roles_in(window):
                state.roles[key].add(role)
        state.seen[key] = (item.start, speaker_of(item.name, "name"))


def _stops_role_window(item: Item) -> bool:
    """Another person's name or a quote ends the words that describe a name."""
    return item.kind == "quote" or (item.kind == "name" and item.name is not None and is_person_like(item.name))


def _resolve_role(role: str, state: DocumentState, at: int) -> Speaker | None:
    """The last person seen before ``at`` whose roles fit ``role``."""
    wanted = conventions().role_groups.get(role, frozenset({role}))
    best: tuple[int, Speaker] | None = None
    for key, (pos, speaker) in sorted(state.seen.items()):
        if pos < at and state.roles.get(key, set()) & wanted and (best is None or pos > best[0]):
            best = (pos, speaker)
    return replace(best[1], via="role") if best else None


def _pronoun(items: Sequence[Item], state: DocumentState) -> Speaker | None:
    for item in items:
        refers = conventions().pronouns.get(item.key) if item.kind == "word" else None
        if refers and refers in state.last:
            return replace(state.last[refers], via="pronoun")
    return None


def _bare_name(item: Item) -> bool:
    """A lone capitalized word that is not a common word ("Tyler says"): a name no mention covers."""
    word = item.text
    return (item.kind == "word" and len(word) > 1 and word[:1].isupper() and not word.isupper()
            and item.key not in common_words() and item.key not in conventions().honorifics
            and not _POSSESSIVE_END.search(word))


def _word_speaker(item: Item) -> Speaker:
    return Speaker(item.text, None, "unknown", item.start, item.end, "name")


def _subject(items: Sequence[Item], state: DocumentState, at: int, sentence_initial: bool = False) -> Speaker | None:
    """The speaker named by a subject noun phrase (closest name, then pronoun, role, organization).

    A lone capitalized word no mention covers counts as a name only inside a sentence: at its
    start, "Critics" or "Officials" are capitalized for another reason."""
    persons = [name for i in items if (name := _speaking_person(i)) is not None]
    if persons:
        return speaker_of(persons[-1], "name")
    if items and _bare_name(items[-1]) and not sentence_initial:
        return _word_speaker(items[-1])
    tail = [i for i in items if i.kind == "word"][-2:]
    pronoun = _pronoun(tail, state)
    if pronoun:
        return pronoun
    roles = _roles_in(items)
    if roles:
        return _resolve_role(roles[-1][1], state, at)
    organizations = [name for i in items if (name := _speaking_name(i)) is not None]
    return speaker_of(organizations[-1], "name") if organizations else None


def _speaking_person(item: Item) -> Name | None:
    """The name of a person-like name item that is not a possessive ("X's office")."""
    name = item.name if item.kind == "name" else None
    return name if name is not None and is_person_like(name) and not name.possessive else None


def _speaking_name(item: Item) -> Name | None:
    """The name of an item naming someone who can speak (a person or an organization), not a possessive."""
    name = item.name if item.kind == "name" else None
    return name if name is not None and can_speak(name) and not name.possessive else None


def _after_cue(items: Sequence[Item], stop_at_comma: bool) -> tuple[list[Item], Sequence[Item]] | None:
    """The words naming a speaker right after a cue, and what follows a comma that ends them;
    None when they are a complement ("according to the basis of X")."""
    window: list[Item] = []
    honorifics = conventions().honorifics
    for number, item in enumerate(items):
        if item.kind == "punct" and item.text == "." and window and window[-1].key in honorifics:
            continue  # "said Centcom chief Gen. Erik Kurilla"
        if item.kind == "punct" and (item.text in ".;:!?" or (stop_at_comma and item.text in ",،")):
            return window, (items[number + 1:] if item.text in ",،" else ())
        if item.kind == "word" and item.key in SUBORDINATORS:
            break
        if item.kind == "word" and item.key in COMPLEMENT_PREPOSITIONS and not _roles_in(window):
            return None
        window.append(item)
        if len(window) >= 15:
            break
    return window, ()


def _forward_speaker(items: Sequence[Item], state: DocumentState, at: int, stop_at_comma: bool) -> Speaker | None:
    """The speaker named right after a cue ("according to X", "said coalition spokesman X"):
    a person, a lone name, a pronoun, an organization, then a role (resolved or in apposition)."""
    found = _after_cue(items, stop_at_comma)
    if found is None:
        return None
    window, rest = found
    person = next((name for i in window if (name := _speaking_person(i)) is not None), None)
    if person is not None:
        return speaker_of(person, "name")
    if len(window) == 1 and _bare_name(window[0]):
        return _word_speaker(window[0])  # '"...," said Tyler.'
    pronoun = _pronoun([i for i in window if i.kind == "word"][:1], state)
    if pronoun:
        return pronoun
    organization = next((name for i in window if (name := _speaking_name(i)) is not None), None)
    if organization is not None:
        return speaker_of(organization, "name")
    roles = _roles_in(window)
    apposition = _speaking_person(rest[0]) if roles and rest else None
    if apposition is not None:  # "added the spokesman of the coalition, Wayne Marotto"
        return speaker_of(apposition, "name")
    return _resolve_role(roles[0][1], state, at) if roles else None


def resolve_frames(sentence: Sentence, state: DocumentState) -> None:
    """Find each frame's speaker, in order, updating the document state."""
    items = sentence.items
    previous: Frame | None = None
    for frame in sentence.frames:
        after = items[frame.index + frame.length:]
        if frame.kind in ("preposition", "object"):
            frame.speaker = _forward_speaker(after, state, frame.start, stop_at_comma=True)
        elif frame.kind == "participle" and previous is not None and previous.speaker is not None:
            frame.speaker = previous.speaker
        else:
            frame.speaker = _verb_speaker(sentence, frame, previous, state)
        if frame.speaker is not None:
            bucket = "person" if is_person_like_speaker(frame.speaker) else "organization"
            state.last[bucket] = frame.speaker
        previous = frame


def is_person_like_speaker(speaker: Speaker) -> bool:
    """A speaker who is a person or of unknown type, as opposed to an organization."""
    return speaker.type in ("person", "unknown")


def _verb_speaker(sentence: Sentence, frame: Frame, previous: Frame | None, state: DocumentState) -> Speaker | None:
    """The speaker of a finite reporting verb: its subject, by the word order of its language."""
    items = sentence.items
    k = frame.index
    if frame.kind == "finite-vso":
        following = _forward_speaker(items[k + frame.length:], state, frame.start, stop_at_comma=True)
        return following or _dropped_subject(previous, state)
    found = _subject_before(sentence, frame, previous, state)
    if found is None and frame.kind == "finite-free" and not _has_subject(items, frame, previous):
        found = _forward_speaker(items[k + frame.length:], state, frame.start, stop_at_comma=True) \
            or _dropped_subject(previous, state)
    return found


def _dropped_subject(previous: Frame | None, state: DocumentState) -> Speaker | None:
    """A verb without a subject (Spanish, Italian, Arabic) continues the sentence's or the last speaker."""
    if previous is not None and previous.speaker is not None:
        return previous.speaker
    last = state.last.get("person")
    if last is None and state.seen:  # nobody has spoken yet: the last person named
        last = max(state.seen.values(), key=lambda seen: seen[0])[1]
    return replace(last, via="pronoun") if last else None


def _has_subject(items: Sequence[Item], frame: Frame, previous: Frame | None) -> bool:
    """Whether a noun phrase (a determiner, a name) stands right before the verb."""
    before = [i for i in items[:frame.index] if i.kind != "punct"][-3:]
    if previous is not None:
        before = [i for i in before if i.start >= previous.end]
    return any(i.kind == "name" or i.key in DETERMINERS for i in before)


def _follows_quote(items: Sequence[Item], k: int) -> bool:
    """Whether a quote (then only commas or dashes) stands right before ``items[k]``."""
    before = k - 1
    while before >= 0 and items[before].kind == "punct" and items[before].text in ",،—–-":
        before -= 1
    return before >= 0 and items[before].kind == "quote"


def _subject_start(items: Sequence[Item], k: int, previous: Frame | None) -> int:
    """Where the words before the verb at ``k`` that may hold its subject begin: after a quote,
    a semicolon or colon, a subordinator, or the previous frame, and at most MAX_SUBJECT_ITEMS back."""
    lo = k
    while lo > 0 and k - lo < MAX_SUBJECT_ITEMS:
        prev = items[lo - 1]
        if prev.kind == "quote" or prev.text in (";", ":") or (prev.kind == "word" and prev.key in SUBORDINATORS):
            break
        if previous is not None and lo - 1 < previous.index + previous.length:
            break
        lo -= 1
    return lo


def _subject_before(sentence: Sentence, frame: Frame, previous: Frame | None, state: DocumentState) -> Speaker | None:
    """The speaker of a verb from the words before it; '"...," said X' inverts the order."""
    items = sentence.items
    k = frame.index
    if _follows_quote(items, k):
        inverted = _forward_speaker(items[k + frame.length:], state, frame.start, stop_at_comma=True)
        if inverted is not None:
            return inverted
    subject = _subject_phrase(items[_subject_start(items, k, previous):k])
    if subject:
        frame.subject_start, frame.subject_end = subject[0].start, subject[-1].end
    found = _subject(subject, state, frame.start, sentence_initial=bool(subject) and subject[0] is items[0])
    if found is None and previous is not None and not any(i.kind == "name" for i in subject):
        return previous.speaker  # coordinated verb: "X confirmed "..." and assured that "...""
    return found


def _subject_phrase(items: Sequence[Item]) -> list[Item]:
    """The comma-separated segment of the words before a verb that is its subject.

    The last segment that names someone, or that opens with a determiner ("..., the
    counter-terrorism agency said"), is the subject; "took to Twitter to" is skipped back to
    "Wayne Marotto" in "The spokesman, Wayne Marotto, took to Twitter to confirm".
    """
    segments: list[list[Item]] = [[]]
    for item in items:
        if item.kind == "punct" and item.text in (",", "،", "(", ")"):
            segments.append([])
        else:
            segments[-1].append(item)
    segments = [seg for seg in segments if seg]
    conv = conventions()
    for seg in reversed(segments):
        words = [i for i in seg if i.kind == "word"]
        if any(i.kind == "name" for i in seg) or _roles_in(seg) or any(w.key in conv.pronouns for w in words[-2:]):
            return seg
        if words and words[0].key in DETERMINERS:
            return seg
    return segments[-1] if segments else []
