"""The records the workers exchange pickle as their class and field values, and read back equal."""
from __future__ import annotations

import pickle
import sys
from dataclasses import dataclass, field

import pytest

from provenance.corpus import Document
from provenance.names.model import Mention
from provenance.pickling import pickled_by_fields
from provenance.trace.align import Passage
from provenance.trace.candidates import CandidatePair
from provenance.trace.model import Citation, Evidence, Quote, Source


@pytest.mark.parametrize("record", [
    Mention("a.txt", 4, 18, "Mustafa Kadhimi", "person", "Mustafa al-Kadhimi", "per:kadhimi", 0.91, "key"),
    Mention("b.txt", 0, 3, "UNO", "organization", None, None, 0.0, "unlinked"),
    CandidatePair(3, 17, 42),
    Passage(0, 120, 40, 160, 0, 20, 7, 27, 0.875, 11.5, 19),
    Quote("a.txt", 10, 40, "We will not leave", "Hadi al-Amiri", None, "said"),
    Citation("a.txt", 50, 58, Source("src:reuters", "Reuters", "agency"), "according to"),
    Evidence(None, None, 5, 9, None),
])
def test_a_record_reads_back_equal_and_pickles_as_its_field_values(record: object) -> None:
    data = pickle.dumps([record, record], protocol=pickle.HIGHEST_PROTOCOL)
    first, second = pickle.loads(data)
    assert first == record and second is first  # a record sent twice in one chunk is read once
    cls, values = record.__reduce__()  # type: ignore[misc]
    assert cls is type(record) and cls(*values) == record


def test_a_record_with_a_field_outside_init_is_refused() -> None:
    @dataclass(frozen=True)
    class Derived:
        value: int
        twice: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="Derived"):
        pickled_by_fields(Derived)


def test_a_document_reads_back_equal_with_its_metadata_and_any_code_points() -> None:
    doc = Document("ar/1.txt", "قال الكاظمي \ud800 “We will not leave” \U0001f600", outlet="Alsumaria", date="2020-11-03",
                   url="https://example.org/1", language="ar", meta={"section": "politics"}, part_of="ar/big.txt",
                   offset=4096)
    back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == doc and back.text == doc.text and back.meta == doc.meta
    assert (back.part_of, back.offset) == ("ar/big.txt", 4096)


def test_pickling_a_document_leaves_no_second_copy_of_its_text_in_this_process() -> None:
    # CPython's pickle writes a string through its cached UTF-8 form, kept in the string ever after:
    # for every text sent to a worker the parent would hold the text twice
    doc = Document("fr/2.txt", "Le Premier ministre irakien a déclaré « nous ne partirons pas ». " * 40)
    size = sys.getsizeof(doc.text)
    pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
    assert sys.getsizeof(doc.text) == size


def test_drafts_read_back_equal_with_the_parse_of_their_surface() -> None:
    from dataclasses import fields as fields_of

    from provenance.corpus import Document
    from provenance.names.keys import parse_name, parse_name_uncached
    from provenance.names.link import NameLinker
    from provenance.names.spans import Draft

    text = ("Iraqi Prime Minister Mustafa al-Kadhimi met Hadi al-Amiri in Baghdad on Sunday. Kadhimi said the "
            "talks with the Kurdistan Regional Government would go on, according to Reuters.")
    drafts, left_out = NameLinker(None).link_document_with_lone_names(Document("a.txt", text), "en", [])
    assert drafts and any(d.anchor is not None for d in drafts)  # "Kadhimi" resolves to the full name
    unusual = Draft(0, 5, "Iraqi", "other", parse_name("Mustafa Kadhimi"), "per:x", 0.5, "key", None,
                    single=True, evidence=0.25, cue=True, title=False, by_key=True, thing=False, proposed=True)
    copied = Draft(0, 5, "Iraqi", "other", parse_name_uncached("Iraqi"))  # an equal parse, not the cached one
    assert b"kadhimi" not in pickle.dumps(drafts)  # the folded words of the parses stay behind
    records = [*drafts, *left_out, unusual, copied]
    back = pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    for draft, read in zip(records, back, strict=True):
        assert [getattr(read, f.name) for f in fields_of(Draft)] == [getattr(draft, f.name) for f in fields_of(Draft)]
        assert (read.anchor is None) == (draft.anchor is None)
    assert back[-2].parsed.folded == "mustafa kadhimi"  # kept: not the parse of its surface
    anchored = next(i for i, d in enumerate(drafts) if d.anchor is not None)
    assert back[anchored].anchor is back[drafts.index(drafts[anchored].anchor)]  # one object, as sent
