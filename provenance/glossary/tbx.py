"""TBX-Basic export and TBX (v2 ``martif`` or v3) import of glossaries."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_text_atomic
from ..text import script_of
from .model import CANONICAL, ID_PATTERN, KINDS, TYPES, Alias, Entry, Glossary, GlossaryError, iso639_1, new_id
from .tsv import format_active, parse_active, split_list

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TBX_PREFIX = "provenance:"
_TBX_TERM_TYPES = {CANONICAL: "fullForm", "abbreviation": "abbreviation", "surname": "shortForm",
                   "given": "shortForm", "kunya": "shortForm"}
_ENTRY_TAGS = ("termEntry", "conceptEntry")
_LANGUAGE_TAGS = ("langSet", "langSec")
_TERM_TAGS = ("tig", "ntig", "termSec")


# ---------------------------------------------------------------------------------------
# Export


def export_tbx(glossary: Glossary, path: str | Path, *, lang: str = "en") -> None:
    """Write ``glossary`` as TBX-Basic (TBX v2 ``martif``); ``lang`` is the canonical names' language.

    Each entry is a ``termEntry`` with its id, its type as ``descrip type="subjectField"``,
    roles/places/active/cooccurs as ``provenance:FIELD=VALUE`` notes, and one ``langSet`` per
    language (``und`` for aliases of unknown language). The canonical name is the preferred
    term; each alias's kind and script are kept in a ``provenance:`` note on its ``tig``.
    """
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: lang})
    header = ET.SubElement(root, "martifHeader")
    source = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    sources = ": " + ", ".join(glossary.sources) if glossary.sources else ""
    ET.SubElement(source, "p").text = "provenance glossary" + sources
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for entry in glossary:
        _add_term_entry(body, entry, lang)
    ET.indent(root)
    write_text_atomic(path, '<?xml version="1.0" encoding="UTF-8"?>\n'
                            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
                      + ET.tostring(root, encoding="unicode") + "\n")


def _add_term_entry(body: ET.Element, entry: Entry, lang: str) -> None:
    """One entry as a ``termEntry``: its fields as notes, then its names by language."""
    term_entry = ET.SubElement(body, "termEntry", {"id": entry.id})
    ET.SubElement(term_entry, "descrip", {"type": "subjectField"}).text = entry.type
    for name, value in (("roles", "|".join(entry.roles)), ("places", "|".join(entry.places)),
                        ("active", format_active(entry.active)), ("cooccurs", "|".join(entry.cooccurs))):
        if value:
            ET.SubElement(term_entry, "note").text = f"{_TBX_PREFIX}{name}={value}"
    if entry.note:
        ET.SubElement(term_entry, "note").text = entry.note
    by_lang: dict[str, list[Alias]] = defaultdict(list)
    by_lang[lang].append(entry.canonical_alias())
    for alias in entry.aliases:
        by_lang[alias.lang or "und"].append(alias)
    for language, items in by_lang.items():
        lang_set = ET.SubElement(term_entry, "langSet", {_XML_LANG: language})
        for alias in items:
            _add_tig(lang_set, alias)


def _add_tig(lang_set: ET.Element, alias: Alias) -> None:
    """One name as a ``tig``: the term, its type and status, and (for an alias) its kind and script."""
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = alias.text
    ET.SubElement(tig, "termNote", {"type": "termType"}).text = _TBX_TERM_TYPES.get(alias.kind, "variant")
    status = "preferredTerm-admn-sts" if alias.kind == CANONICAL else "admittedTerm-admn-sts"
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    if alias.kind != CANONICAL:
        ET.SubElement(tig, "note").text = f"{_TBX_PREFIX}kind={alias.kind};script={alias.script}"


# ---------------------------------------------------------------------------------------
# Import


def import_tbx(path: str | Path) -> Glossary:
    """Read a TBX file (TBX-Basic v2 ``termEntry``/``langSet``/``tig``, or TBX v3
    ``conceptEntry``/``langSec``/``termSec``). Entries keep their id when it is usable and
    unique, else get ``imp:<slug>``; the preferred term (else the first) is the canonical name.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GlossaryError(path, exc.position[0], f"not well-formed XML ({exc})") from None
    except OSError as exc:
        raise GlossaryError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    entries: list[Entry] = []
    used: set[str] = set()
    for element in root.iter():
        if _local(element.tag) in _ENTRY_TAGS:
            entry = _tbx_entry(element, used, str(path))
            if entry is not None:
                used.add(entry.id)
                entries.append(entry)
    return Glossary(entries, [str(path)])


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class _EntryParts:
    """What the children of one ``termEntry`` say, before it becomes an :class:`Entry`."""

    type: str = "other"
    fields: dict[str, str] = field(default_factory=dict)  # our own provenance:FIELD=VALUE notes
    notes: list[str] = field(default_factory=list)
    terms: list[tuple[Alias, bool]] = field(default_factory=list)  # (alias, is the preferred term)

    def read(self, child: ET.Element) -> None:
        """Take in one child of the entry."""
        tag = _local(child.tag)
        text = "".join(child.itertext()).strip()
        if tag == "descrip" and child.get("type") == "subjectField":
            self._read_subject(text)
        elif tag == "note" and text.startswith(_TBX_PREFIX) and "=" in text:
            name, _, value = text[len(_TBX_PREFIX):].partition("=")
            self.fields[name] = value
        elif tag == "note" and text:
            self.notes.append(text)
        elif tag in _LANGUAGE_TAGS:
            language = iso639_1(child.get(_XML_LANG) or child.get("lang") or "")
            for holder in child:
                if _local(holder.tag) in _TERM_TAGS:
                    self.terms.extend(_tbx_term(holder, language))

    def _read_subject(self, text: str) -> None:
        if text.casefold() in TYPES:
            self.type = text.casefold()
        elif text:
            self.notes.append(f"subject field: {text}")

    def canonical(self) -> str:
        """The preferred term, else the first."""
        preferred = [alias for alias, is_preferred in self.terms if is_preferred]
        return (preferred or [self.terms[0][0]])[0].text

    def aliases(self, canonical: str) -> tuple[Alias, ...]:
        """Every other term, once per (text, language)."""
        aliases: dict[tuple[str, str | None], Alias] = {}
        for alias, _ in self.terms:
            if alias.text != canonical:
                aliases.setdefault((alias.text, alias.lang), alias)
        return tuple(aliases.values())


def _tbx_entry(element: ET.Element, used: set[str], path: str) -> Entry | None:
    """The entry of a ``termEntry``/``conceptEntry``, or None when it has no term."""
    parts = _EntryParts()
    for child in element:
        parts.read(child)
    if not parts.terms:
        return None
    canonical = parts.canonical()
    try:
        active = parse_active(parts.fields.get("active", ""))
    except ValueError as exc:
        raise GlossaryError(path, 0, f"termEntry {element.get('id') or canonical!r}: bad active dates: {exc}") from None
    id = element.get("id") or ""
    if not ID_PATTERN.fullmatch(id) or id in used:
        id = new_id("imp", canonical, used)
    return Entry(id, parts.type, canonical, parts.aliases(canonical), split_list(parts.fields.get("roles", "")),
                 split_list(parts.fields.get("places", "")), active, split_list(parts.fields.get("cooccurs", "")),
                 "; ".join(parts.notes))


def _tbx_term(holder: ET.Element, lang: str | None) -> list[tuple[Alias, bool]]:
    """The term of a ``tig``/``ntig``/``termSec`` as (alias, is the preferred term)."""
    text, term_type, preferred = "", "", False
    ours: dict[str, str] = {}
    for node in holder.iter():
        tag, value = _local(node.tag), "".join(node.itertext()).strip()
        if tag == "term" and not text:
            text = value
        elif tag == "termNote" and node.get("type") == "administrativeStatus":
            preferred = value.startswith("preferredTerm")
        elif tag == "termNote" and node.get("type") == "termType":
            term_type = value
        elif tag == "note" and value.startswith(_TBX_PREFIX):
            ours.update(item.partition("=")[::2] for item in value[len(_TBX_PREFIX):].split(";"))
    if not text:
        return []
    kind = ours.get("kind", "")
    if kind not in KINDS:
        kind = "abbreviation" if term_type in ("abbreviation", "acronym") else "variant"
    return [(Alias(text, lang, ours.get("script") or script_of(text), kind), preferred)]
