"""Tests for provenance.glossary: format, bundled data, checker, import/export."""
from __future__ import annotations

import itertools
import json
import pickle
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.glossary import (
    Alias,
    Entry,
    Glossary,
    GlossaryError,
    check_glossary,
    default_glossary_paths,
    export_table,
    export_tbx,
    fold,
    import_table,
    import_tbx,
    load_glossary,
    write_glossary,
)

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "gold" / "seeds.entities.jsonl"
ENTITY_HEADER = "id\ttype\tcanonical\troles\tplaces\tactive\tcooccurs\tnote"
ALIAS_HEADER = "id\talias\tlang\tscript\tkind"


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(default_glossary_paths())


def write_pair(folder: Path, name: str, entities: list[str], aliases: list[str] | None = None) -> Path:
    """Write NAME.entities.tsv (and NAME.aliases.tsv) from lines; return the entities file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.entities.tsv"
    path.write_text("\n".join(entities) + "\n", encoding="utf-8")
    if aliases is not None:
        (folder / f"{name}.aliases.tsv").write_text("\n".join(aliases) + "\n", encoding="utf-8")
    return path


def ent(id: str, type: str = "person", canonical: str = "X", roles: str = "", places: str = "", active: str = "",
        cooccurs: str = "", note: str = "") -> str:
    return "\t".join((id, type, canonical, roles, places, active, cooccurs, note))


def ali(id: str, alias: str, lang: str = "", script: str = "Latin", kind: str = "variant") -> str:
    return "\t".join((id, alias, lang, script, kind))


# ----------------------------------------------------------------------------- bundled data


def test_default_paths_point_at_the_repo_glossary() -> None:
    assert default_glossary_paths() == [REPO / "glossary"]


def test_default_paths_find_the_copy_packaged_in_a_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed from a wheel, the glossary is provenance/_glossary (pyproject force-include), no checkout around."""
    from provenance.glossary import tsv

    package = tmp_path / "site-packages" / "provenance"
    write_pair(package / "_glossary", "iraq", [ENTITY_HEADER, ent("per:a", canonical="Al")], [ALIAS_HEADER])
    monkeypatch.setattr(tsv, "__file__", str(package / "glossary" / "tsv.py"))
    assert default_glossary_paths() == [package / "_glossary"]
    assert list(load_glossary(default_glossary_paths()).entries) == ["per:a"]
    (package.parent / "glossary").mkdir()  # a folder without glossary files is not the checkout's
    assert default_glossary_paths() == [package / "_glossary"]
    monkeypatch.setattr(tsv, "__file__", str(tmp_path / "elsewhere" / "provenance" / "glossary" / "tsv.py"))
    assert default_glossary_paths() == []


def test_bundled_glossary_loads(bundled: Glossary) -> None:
    names = {Path(source).name for source in bundled.sources}
    assert {"iraq.entities.tsv", "iraq.aliases.tsv", "world.entities.tsv", "world.aliases.tsv"} <= names
    entry = bundled.get("per:abu-yasir-al-issawi")
    assert entry is not None and entry.type == "person" and entry.canonical == "Abu Yasir al-Issawi"
    texts = {alias.text: alias for alias in entry.aliases}
    assert texts["أبو ياسر العيساوي"].script == "Arabic" and texts["أبو ياسر العيساوي"].lang == "ar"
    assert texts["Jabbar Salman Ali Farhan al-Issawi"].kind == "birth"
    assert entry.active == (None, "2021-01-27")
    assert "org:islamic-state" in entry.cooccurs
    people = [e for e in bundled if e.type == "person"]
    assert len(people) >= 70 and len([e for e in people if e.id in world_ids()]) >= 40


def world_ids() -> set[str]:
    return set(load_glossary([REPO / "glossary" / "world.entities.tsv"]).entries)


@pytest.mark.skipif(not GOLD.exists(), reason="gold entities file not available")
def test_every_gold_person_is_a_canonical_entry(bundled: Glossary) -> None:
    canonicals = {entry.canonical: entry for entry in bundled}
    gold = {json.loads(line)["entity"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    gold.discard(None)
    assert gold, "gold file has no entities"
    missing = sorted(name for name in gold if name not in canonicals)
    assert not missing
    assert all(canonicals[name].type == "person" for name in gold)


def test_bundled_glossary_has_no_errors() -> None:
    problems = check_glossary(default_glossary_paths())
    assert [str(p) for p in problems if p.severity == "error"] == []
    # the only warnings are namesakes that context tells apart (no dangling ids, no repeats)
    assert all("tells them apart" in p.message for p in problems), [str(p) for p in problems]


def test_iraq_and_world_do_not_overlap() -> None:
    iraq = load_glossary([REPO / "glossary" / "iraq.entities.tsv"])
    world = load_glossary([REPO / "glossary" / "world.aliases.tsv"])
    assert not set(iraq.entries) & set(world.entries)
    assert not {fold(e.canonical) for e in iraq} & {fold(e.canonical) for e in world}


def test_bundled_glossary_leaves_out_machine_translation_corruptions(bundled: Glossary) -> None:
    for corrupted in ("Abu Yaser al-Isaui", "Al Isaui", "Isaui", "Mostafa Al Kazemi", "Al Kazemi", "Mustafa Al-Kazemi",
                      "Wayne Maruto", "Maruto", "Maroto", "Jane Araf", "Faleh Hassan", "Colin Clark",
                      "Abu Ibrahim al-Hashemi al-Qurashi", "Jabar Salman Ali Farhan al-Issawi"):
        assert bundled.candidates(corrupted) == [], corrupted
    spellings = " ".join(alias.text for alias, _ in bundled.aliases())
    for fragment in ("Isaui", "Kazemi", "Hashemi", "Maruto", "Maroto", "Araf ", "Faleh"):
        assert fragment not in spellings


def test_bundled_namesakes_stay_apart(bundled: Glossary) -> None:
    issawis = bundled.candidates("al-Issawi")
    assert {e.id for e in issawis} == {"per:abu-yasir-al-issawi", "per:shakir-abud-ahmad-al-issawi",
                                       "per:rafi-al-issawi"}
    assert [e.id for e in bundled.candidates("Abu Yasir al-Issawi")] == ["per:abu-yasir-al-issawi"]
    assert [e.id for e in bundled.candidates("Shakir Abud Ahmad al-Issawi")] == ["per:shakir-abud-ahmad-al-issawi"]
    assert len({(e.roles, e.places, e.active) for e in issawis}) == 3
    prime_ministers = [e for e in bundled if "Prime Minister of Iraq" in e.roles]
    assert {"Mustafa al-Kadhimi", "Mohammed Shia al-Sudani", "Haider al-Abadi", "Nouri al-Maliki",
            "Adil Abdul-Mahdi"} <= {e.canonical for e in prime_ministers}
    spans = sorted(e.active for e in prime_ministers)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end is not None and start is not None and end <= start  # tenures do not overlap
    assert [e.canonical for e in bundled.candidates("مصطفى الكاظمي")] == ["Mustafa al-Kadhimi"]
    assert [e.canonical for e in bundled.candidates("Kirkouk")] == ["Kirkuk"]
    assert [e.id for e in bundled.candidates("Daesh")] == ["org:islamic-state"]


# ----------------------------------------------------------------------------- lookup


def test_fold() -> None:
    assert fold("Abu-Ali  al‐Tunisi") == fold("abu ali al tunisi") == "abu ali al tunisi"
    assert fold("Shia’") == fold("Shia'") == fold("Shiaʼ")
    assert fold("مُصْطَفَى") == fold("مصطفى")
    assert fold("ISIS", case=False) == "ISIS"


def test_candidates_fold_and_abbreviations_are_case_sensitive(bundled: Glossary) -> None:
    sudani = bundled.get("per:mohammed-shia-al-sudani")
    assert bundled.candidates("Mohammed Shia’ al Sudani") == [sudani]
    assert bundled.candidates("MOHAMMED SHIA AL‑SUDANI") == [sudani]
    assert bundled.candidates("Ahmad Hamid Hussein Abd-al-Jalil al-Ithawi") == [
        bundled.get("per:ahmad-hamid-hussein-abd-al-jalil-al-ithawi")]
    islamic_state = bundled.get("org:islamic-state")
    assert bundled.candidates("IS") == [islamic_state]
    assert bundled.candidates("is") == [] and bundled.candidates("Isis") == []
    assert bundled.candidates("Islamic State") == [islamic_state]
    assert bundled.candidates("nobody at all") == []


def test_entry_names_and_glossary_protocol() -> None:
    entry = Entry("per:a", "person", "Ann Bee", (Alias("Ann B", "en", "Latin", "variant"),
                                                 Alias("Ann Bee", None, "Latin", "variant")))
    other = Entry("org:b", "organization", "Bee Corp")
    glossary = Glossary([entry, other], ["x.entities.tsv"])
    assert entry.names() == ["Ann Bee", "Ann B"]
    assert len(glossary) == 2 and list(glossary) == [entry, other] and glossary.get("org:b") is other
    assert glossary.get("nope") is None
    pairs = list(glossary.aliases())
    assert pairs[0] == (Alias("Ann Bee", None, "Latin", "canonical"), entry)
    assert [a.text for a, e in pairs if e is entry] == ["Ann Bee", "Ann B", "Ann Bee"]
    with pytest.raises(ValueError):
        Glossary([entry, entry])


# ----------------------------------------------------------------------------- loading


def test_load_directory_pair_file_and_sources(tmp_path: Path) -> None:
    write_pair(tmp_path / "g", "b", [ENTITY_HEADER, ent("per:b", canonical="Bo")], [ALIAS_HEADER, ali("per:b", "Bob")])
    write_pair(tmp_path / "g", "a", ["# comment", "", ENTITY_HEADER, ent("per:a", canonical="Al")])
    folder = load_glossary([tmp_path / "g"])
    assert list(folder.entries) == ["per:a", "per:b"]  # files sorted by name
    assert folder.sources == [str(tmp_path / "g" / "a.entities.tsv"), str(tmp_path / "g" / "b.entities.tsv"),
                              str(tmp_path / "g" / "b.aliases.tsv")]
    via_alias_file = load_glossary([str(tmp_path / "g" / "b.aliases.tsv"), tmp_path / "g" / "b.entities.tsv"])
    assert list(via_alias_file.entries) == ["per:b"]  # one pair, loaded once
    assert via_alias_file.get("per:b").aliases == (Alias("Bob", None, "Latin", "variant"),)


def test_columns_are_read_by_header_name(tmp_path: Path) -> None:
    write_pair(tmp_path, "g", [
        "note\tcanonical\tid\tsource\ttype\troles\tplaces\tactive\tcooccurs",
        "Iraqi PM.\tMustafa al-Kadhimi\tper:mk\tReuters\tperson\tPrime Minister\tBaghdad\t2020-05..\t",
    ], ["kind\talias\tid\tscript\tlang", "variant\tMostafa Al Kazemi\tper:mk\t\ten"])
    entry = load_glossary([tmp_path]).get("per:mk")
    assert entry == Entry("per:mk", "person", "Mustafa al-Kadhimi",
                          (Alias("Mostafa Al Kazemi", "en", "Latin", "variant"),), ("Prime Minister",), ("Baghdad",),
                          ("2020-05", None), (), "Iraqi PM.")
    [problem] = check_glossary([tmp_path])  # the column this version does not know is ignored, with a warning
    assert (problem.line, problem.severity) == (1, "warning") and "unknown column 'source'" in problem.message


def test_a_header_missing_a_column_names_it(tmp_path: Path) -> None:
    write_pair(tmp_path, "g", [ENTITY_HEADER.replace("\tnote", "\tcooccurs"), ent("per:a")], [ALIAS_HEADER])
    entities = tmp_path / "g.entities.tsv"
    with pytest.raises(GlossaryError) as caught:
        load_glossary([tmp_path])
    assert (caught.value.path, caught.value.line) == (str(entities), 1)
    assert "bad header" in caught.value.message and "missing or repeated: cooccurs, note" in caught.value.message
    # checking goes on past it, reading the rows in the documented column order
    assert [(p.line, p.severity) for p in check_glossary([tmp_path])] == [(1, "error")]


def test_aliases_file_may_name_entities_of_another_pair(tmp_path: Path) -> None:
    write_pair(tmp_path, "base", [ENTITY_HEADER, ent("per:a", canonical="Al")], [ALIAS_HEADER])
    write_pair(tmp_path, "local", [ENTITY_HEADER], [ALIAS_HEADER, ali("per:a", "Alan", "en")])
    glossary = load_glossary([tmp_path])
    assert [a.text for a in glossary.get("per:a").aliases] == ["Alan"]


def test_empty_script_is_computed(tmp_path: Path) -> None:
    write_pair(tmp_path, "g", [ENTITY_HEADER, ent("per:a", canonical="Al")],
               [ALIAS_HEADER, ali("per:a", "علي", "ar", ""), ali("per:a", "Али", "ru", "")])
    assert [a.script for a in load_glossary([tmp_path]).get("per:a").aliases] == ["Arabic", "Cyrillic"]


@pytest.mark.parametrize(("entities", "aliases", "bad_file", "line", "words"), [
    ([ENTITY_HEADER, ent("per:a"), "per:b\tperson\tB"], [ALIAS_HEADER], "entities", 3,
     "expected 8 tab-separated columns"),
    ([ent("per:a")], [ALIAS_HEADER], "entities", 1, "missing header"),
    (["# c", ENTITY_HEADER, ent("per:a", type="human")], [ALIAS_HEADER], "entities", 3, "unknown type 'human'"),
    ([ENTITY_HEADER, ent("per:a", active="2020-02-30..")], [ALIAS_HEADER], "entities", 2, "not a calendar date"),
    ([ENTITY_HEADER, ent("per:a", active="2021..2020")], [ALIAS_HEADER], "entities", 2, "2021 is after 2020"),
    ([ENTITY_HEADER, ent("per:a", active="2021")], [ALIAS_HEADER], "entities", 2, "expected FROM..TO"),
    ([ENTITY_HEADER, ent("per:a"), ent("per:a")], [ALIAS_HEADER], "entities", 3, "duplicate id per:a"),
    ([ENTITY_HEADER, ent("per:a", canonical="")], [ALIAS_HEADER], "entities", 2, "empty canonical"),
    ([ENTITY_HEADER, ent("per:a")], [ALIAS_HEADER, ali("per:a", "A"), ali("per:zz", "Z")], "aliases", 3,
     "alias for unknown id 'per:zz'"),
    ([ENTITY_HEADER, ent("per:a")], [ALIAS_HEADER, ali("per:a", "A", kind="nickname")], "aliases", 2, "unknown kind"),
    ([ENTITY_HEADER, ent("per:a")], [ALIAS_HEADER, ali("per:a", "A", lang="eng")], "aliases", 2, "bad language code"),
])
def test_glossary_error_names_file_and_line(tmp_path: Path, entities: list[str], aliases: list[str], bad_file: str,
                                            line: int, words: str) -> None:
    write_pair(tmp_path, "g", entities, aliases)
    bad = tmp_path / f"g.{bad_file}.tsv"
    with pytest.raises(GlossaryError) as caught:
        load_glossary([tmp_path])
    error = caught.value
    assert (error.path, error.line) == (str(bad), line)
    assert str(error) == f"{bad}:{line}: {error.message}"
    assert words in error.message
    assert pickle.loads(pickle.dumps(error)).args == error.args  # crosses process boundaries intact


def test_glossary_error_for_missing_or_foreign_paths(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such file") as caught:
        load_glossary([tmp_path / "nope.entities.tsv"])
    assert caught.value.line == 0 and str(caught.value).startswith(str(tmp_path / "nope.entities.tsv") + ": ")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(GlossaryError, match="not a glossary"):
        load_glossary([tmp_path / "notes.txt"])
    with pytest.raises(GlossaryError, match=r"no \*\.entities\.tsv files"):
        load_glossary([tmp_path])
    (tmp_path / "bad.entities.tsv").write_bytes(ENTITY_HEADER.encode() + b"\nper:a\tperson\t\xff\t\t\t\t\t\n")
    with pytest.raises(GlossaryError, match="not valid UTF-8") as caught:
        load_glossary([tmp_path])
    assert caught.value.line == 2


# ----------------------------------------------------------------------------- checking


def test_check_reports_each_problem_kind_with_its_line(tmp_path: Path) -> None:
    write_pair(tmp_path, "g", [
        "# test glossary",                                                                  # 1
        ENTITY_HEADER,                                                                      # 2
        ent("per:a", canonical="Ali Hassan", roles="minister"),                             # 3
        ent("per:a", canonical="Ali Hassan again"),                                         # 4 duplicate id
        ent("per:b", canonical="Bilal One"),                                                # 5
        ent("per:c", canonical="Bilal Two"),                                                # 6 same context as per:b
        ent("per:d", canonical="Dana", active="2020-13..", cooccurs="per:nobody"),          # 7 bad month
        ent("per:e", canonical="Eve", active="2021-05..2020"),                              # 8 from > to
        ent("per:f", canonical=""),                                                         # 9 empty canonical
        ent("per:g", canonical="Ali Hassan", roles="general"),                              # 10 namesake of per:a
        ent("org:h", "organization", canonical="Bilal"),                                    # 11 other type
        "per:i\tperson\tIvy",                                                               # 12 column count
    ], [
        ALIAS_HEADER,                                                                       # 1
        ali("per:b", "Bilal"),                                                              # 2
        ali("per:c", "Bilal"),                                                              # 3 no context: error
        ali("per:zz", "Zed"),                                                               # 4 unknown id
        ali("per:a", "علي حسن", "ar", "Latin"),                                             # 5 wrong script
        ali("per:a", "ali hassan"),                                                         # 6 repeats canonical
        ali("per:b", "Bilal"),                                                              # 7 listed twice
        ali("per:a", "Ali Hasan", kind="nickname"),                                         # 8 unknown kind
    ])
    problems = check_glossary([tmp_path])
    entities, aliases = str(tmp_path / "g.entities.tsv"), str(tmp_path / "g.aliases.tsv")
    found = {(Path(p.path).name, p.line, p.severity) for p in problems}
    expected = {
        ("g.entities.tsv", 4, "error"), ("g.entities.tsv", 7, "error"), ("g.entities.tsv", 7, "warning"),
        ("g.entities.tsv", 8, "error"), ("g.entities.tsv", 9, "error"), ("g.entities.tsv", 10, "warning"),
        ("g.entities.tsv", 12, "error"),
        ("g.aliases.tsv", 3, "error"), ("g.aliases.tsv", 4, "error"), ("g.aliases.tsv", 5, "error"),
        ("g.aliases.tsv", 6, "warning"), ("g.aliases.tsv", 7, "warning"), ("g.aliases.tsv", 8, "error"),
    }
    assert found == expected, [str(p) for p in problems]
    by_place = {(p.path, p.line, p.severity): p.message for p in problems}
    assert "duplicate id per:a" in by_place[(entities, 4, "error")]
    assert "no month 13" in by_place[(entities, 7, "error")]
    assert "unknown id per:nobody" in by_place[(entities, 7, "warning")]
    assert "2021-05 is after 2020" in by_place[(entities, 8, "error")]
    assert "empty canonical" in by_place[(entities, 9, "error")]
    assert "per:a, per:g" in by_place[(entities, 10, "warning")]
    assert "tells them apart" in by_place[(entities, 10, "warning")]
    assert "per:b, per:c" in by_place[(aliases, 3, "error")]
    assert "nothing tells them apart" in by_place[(aliases, 3, "error")]
    assert "unknown id 'per:zz'" in by_place[(aliases, 4, "error")]
    assert "Arabic script, not Latin" in by_place[(aliases, 5, "error")]
    assert problems == sorted(problems, key=lambda p: (p.path != entities, p.line))
    assert str(problems[0]) == f"{entities}:4: error: {problems[0].message}"


def test_check_on_a_clean_glossary_is_empty(tmp_path: Path) -> None:
    write_pair(tmp_path, "g", [ENTITY_HEADER, ent("per:a", canonical="Ali", active="2001-02-03..2001-02")],
               [ALIAS_HEADER, ali("per:a", "Aly", "en"), ali("per:a", "علي", "ar", "Arabic")])
    assert check_glossary([tmp_path]) == []


def test_check_reports_missing_paths_instead_of_raising(tmp_path: Path) -> None:
    problems = check_glossary([tmp_path / "missing.entities.tsv"])
    assert [(p.line, p.severity) for p in problems] == [(0, "error")] and "no such file" in problems[0].message


# ----------------------------------------------------------------------------- writing and formats


def test_write_glossary_round_trip(bundled: Glossary, tmp_path: Path) -> None:
    entities_path, aliases_path = write_glossary(bundled, tmp_path, "copy")
    assert (entities_path.name, aliases_path.name) == ("copy.entities.tsv", "copy.aliases.tsv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.aliases.tsv", "copy.entities.tsv"]  # no temp files left
    again = load_glossary([tmp_path])
    assert list(again) == list(bundled)
    with pytest.raises(ValueError):
        write_glossary(bundled, tmp_path, "x.entities.tsv")


_TEXT = st.text(st.sampled_from("abcXYZ éأبجДЖ'-"), min_size=1, max_size=12).map(str.strip).filter(bool)
_ENTRY = st.builds(
    lambda n, type, canonical, aliases, roles, note: Entry(
        f"per:x{n}", type, canonical,
        tuple(Alias(text, lang, script, kind) for text, lang, script, kind in aliases),
        tuple(roles), (), (None, None), (), note),
    st.integers(0, 10**6), st.sampled_from(["person", "organization", "place", "other"]), _TEXT,
    st.lists(st.tuples(_TEXT, st.sampled_from([None, "en", "ar"]), st.sampled_from(["Latin", "Arabic"]),
                       st.sampled_from(["variant", "kunya", "abbreviation"])), max_size=3),
    st.lists(_TEXT, max_size=2), st.one_of(st.just(""), _TEXT))


@settings(max_examples=40, deadline=None)
@given(st.lists(_ENTRY, max_size=5, unique_by=lambda e: e.id))
def test_write_then_load_is_identity(tmp_path_factory: pytest.TempPathFactory, entries: list[Entry]) -> None:
    folder = tmp_path_factory.mktemp("rt")
    write_glossary(Glossary(entries), folder, "g")
    assert list(load_glossary([folder])) == entries


def test_tbx_round_trip_keeps_everything(bundled: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    export_tbx(bundled, path)
    root = ET.parse(path).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    first = root.find("text/body/termEntry")
    assert first is not None and first.get("id") == next(iter(bundled)).id
    assert first.find("descrip[@type='subjectField']").text == next(iter(bundled)).type
    assert path.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    again = import_tbx(path)
    assert [_sorted_aliases(e) for e in again] == [_sorted_aliases(e) for e in bundled]  # langSets regroup aliases
    assert again.sources == [str(path)]


def _sorted_aliases(entry: Entry) -> Entry:
    return replace(entry, aliases=tuple(sorted(entry.aliases, key=lambda a: (a.text, a.lang or "", a.kind))))


def test_import_foreign_tbx(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tbx"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
  <conceptEntry id="c1">
    <descrip type="subjectField">Politics</descrip>
    <langSec xml:lang="ar"><termSec><term>مصطفى الكاظمي</term></termSec></langSec>
    <langSec xml:lang="en-GB"><termSec><term>Mustafa al-Kadhimi</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
  </conceptEntry>
  <conceptEntry>
    <langSec xml:lang="en"><termSec><term>ISIS</term><termNote type="termType">acronym</termNote></termSec>
      <termSec><term>ISIL</term><termNote type="termType">acronym</termNote></termSec></langSec>
  </conceptEntry>
  <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>Other</term></termSec></langSec></conceptEntry>
  <conceptEntry id="empty"/>
</body></text></tbx>""", encoding="utf-8")
    glossary = import_tbx(path)
    assert list(glossary.entries) == ["c1", "imp:isis", "imp:other"]
    kadhimi = glossary.get("c1")
    assert (kadhimi.canonical, kadhimi.type, kadhimi.note) == ("Mustafa al-Kadhimi", "other", "subject field: Politics")
    assert kadhimi.aliases == (Alias("مصطفى الكاظمي", "ar", "Arabic", "variant"),)
    assert glossary.get("imp:isis").aliases == (Alias("ISIL", "en", "Latin", "abbreviation"),)
    broken = tmp_path / "broken.tbx"
    broken.write_text("<martif>\n<text>\n</martif>", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        import_tbx(broken)
    assert caught.value.line == 3 and str(caught.value).startswith(f"{broken}:3: ")


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_table_round_trip_keeps_canonicals_and_aliases(bundled: Glossary, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"terms{suffix}"
    export_table(bundled, path)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert ("\t" in first_line) == (suffix == ".tsv")
    again = import_table(path)
    assert {e.canonical for e in again} == {e.canonical for e in bundled}
    by_canonical = {e.canonical: e for e in again}
    for entry in bundled:
        copy = by_canonical[entry.canonical]
        assert copy.id.startswith("imp:") and copy.type == "other"
        unambiguous = {a.text for a in entry.aliases if len(bundled.candidates(a.text)) == 1}
        assert {a.text for a in copy.aliases} == unambiguous - {entry.canonical}
    issawi = by_canonical["Abu Yasir al-Issawi"]
    assert issawi.id == "imp:abu-yasir-al-issawi"
    assert "Jabbar al-Issawi" in {a.text for a in issawi.aliases}
    assert "al-Issawi" not in {a.text for a in issawi.aliases}  # a namesake's name is never rewritten
    assert again.sources == [str(path)]


def test_table_import_header_languages_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "deepl.csv"
    path.write_text("source,target\nAl Kazemi,Mustafa al-Kadhimi,es,en\n\"Kadhimi, Mustafa\",Mustafa al-Kadhimi,es,en\n"
                    "Mustafa al-Kadhimi,Mustafa al-Kadhimi\nDaech,État islamique\n", encoding="utf-8")
    glossary = import_table(path)
    assert [e.canonical for e in glossary] == ["Mustafa al-Kadhimi", "État islamique"]
    kadhimi = glossary.get("imp:mustafa-al-kadhimi")
    assert kadhimi.aliases == (Alias("Al Kazemi", "es", "Latin", "translation"),
                               Alias("Kadhimi, Mustafa", "es", "Latin", "translation"))
    assert glossary.get("imp:etat-islamique").aliases == (Alias("Daech", None, "Latin", "variant"),)
    same = tmp_path / "same.tsv"
    same.write_text("fr\ten\nDaech\tISIS\n", encoding="utf-8")
    assert import_table(same, "fr", "en").get("imp:isis").aliases == (Alias("Daech", "fr", "Latin", "translation"),)
    assert [e.canonical for e in import_table(same)] == ["en", "ISIS"]  # without languages "fr en" is a row
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\nonly-one-column\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        import_table(bad)
    assert (caught.value.path, caught.value.line) == (str(bad), 2)


def test_table_export_language_filter(bundled: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "fr.tsv"
    export_table(bundled, path, lang="fr")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert ["Moustafa al-Kazimi", "Mustafa al-Kadhimi"] in rows
    assert ["Mustafa al-Kasimi", "Mustafa al-Kadhimi"] not in rows  # German
    assert ["مصطفى الكاظمي", "Mustafa al-Kadhimi"] not in rows
    assert ["Wayne Marotto", "Wayne Marotto"] in rows  # no alias: a do-not-translate row


def test_loads_100k_entries(tmp_path: Path) -> None:
    count = 100_000
    with open(tmp_path / "big.entities.tsv", "w", encoding="utf-8") as entities, \
            open(tmp_path / "big.aliases.tsv", "w", encoding="utf-8") as aliases:
        entities.write(ENTITY_HEADER + "\n")
        aliases.write(ALIAS_HEADER + "\n")
        for i in range(count):
            entities.write(ent(f"per:p{i}", canonical=f"Person {i}", roles=f"role {i % 40}|member",
                               places=f"Town {i % 300}", active=f"{1900 + i % 100}..") + "\n")
            for k in range(4):
                lang, script = "en" if k % 2 else "", "Latin" if k < 3 else ""
                aliases.write(ali(f"per:p{i}", f"Alias {k} of {i}", lang, script) + "\n")
    glossary = load_glossary([tmp_path])
    assert len(glossary) == count
    assert sum(len(entry.aliases) for entry in glossary) == 4 * count
    assert glossary.candidates("alias 3 of 99999") == [glossary.get("per:p99999")]
    assert glossary.get("per:p5").roles == ("role 5", "member")
