"""Fuzz the readers, the glossary parsers and the whole pipeline with random multi-script input.

Each round writes random files into a temporary folder and runs, in this process:
- the corpus readers on a folder of .txt files (random bytes in random encodings, BOMs,
  NULs, lone surrogates' bytes, very long lines) and on .jsonl, .csv and .tsv record files;
- the glossary parsers: a TSV pair (random cells, missing and extra columns), a two-column
  table and a TBX file (random XML);
- the whole pipeline (every stage, no encoder) on the documents read, then the JSON,
  Markdown and HTML reports, and normalize followed by undo.

A user-facing error (CorpusError, GlossaryError, NormalizeError: one line naming the file) is
an expected outcome; anything else is a crash: it is printed with its traceback, and the
round's input is kept in ``--keep`` for reproduction. Prints the number of rounds and inputs
tried, and exits 1 if anything crashed.

    python benchmarks/fuzz.py --minutes 15 [--seed 1] [--keep benchmarks/_work/fuzz]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCRIPTS = [
    "The minister said on Tuesday that talks would resume in Cairo. ",
    "Le Premier ministre Mustafa al-Kadhimi a déclaré « la guerre est finie ». ",
    "قال رئيس الوزراء مصطفى الكاظمي إن العملية نجحت. ",
    "گفت وگوها هفته آینده ادامه خواهد یافت. ",
    "Президент заявил, что переговоры продолжатся. ",
    "国务卿表示，他曾计划访问北京。",
    "外相は火曜日に会見した。",
    "प्रधानमंत्री ने मंगलवार को कहा। ",
    "Der Tod von Alexej Nawalny sorgte für Empörung. ",
    "Cumhurbaşkanı Erdoğan'ın açıklaması dün yayımlandı. ",
    "\u200f\u202e\u2066mixed\u2069 \ufeff zero\u200bwidth ",
    "“quoted,” he said — ‘again’ «encore» „wieder“ ",
    "Abu Yasir al-Issawi (@OIRSpox) January 29, 2021 ",
    "، ، ، … ؟ ! ?? ..",
    "#hashtag @handle https://example.org/a?b=c&d=e ",
    "12,345 people; 39-year-old; 3.5 million; ۱۲۳ ",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1256",
             "koi8-r", "gb18030", "shift_jis"]


def random_text(rng: random.Random, size: int) -> str:
    """Random multi-script news-like text: pieces of the samples, random code points, line breaks."""
    parts = []
    while sum(len(p) for p in parts) < size:
        roll = rng.random()
        if roll < 0.6:
            parts.append(rng.choice(SCRIPTS))
        elif roll < 0.8:
            parts.append("".join(chr(rng.choice([rng.randint(32, 0x2FF), rng.randint(0x600, 0x6FF),
                                                 rng.randint(0x4E00, 0x4F00), rng.randint(0x0900, 0x097F),
                                                 rng.randint(0x2000, 0x206F), rng.randint(0x1F300, 0x1F5FF)]))
                                 for _ in range(rng.randint(1, 40))))
        elif roll < 0.9:
            parts.append(rng.choice(["\n", "\n\n", "\r\n", "\t", "  ", "\x00", "\x0c"]))
        else:
            parts.append(rng.choice(SCRIPTS).upper())
    return "".join(parts)


def encoded(rng: random.Random, text: str) -> bytes:
    """``text`` in a random encoding (unencodable characters replaced), sometimes corrupted."""
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    if rng.random() < 0.1:
        data = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 300)))
    elif rng.random() < 0.1:
        cut = rng.randint(0, len(data))
        data = data[:cut] + bytes([rng.randint(0, 255)]) + data[cut:]
    return data


def write_corpus(rng: random.Random, folder: Path) -> int:
    """A folder of random .txt files, a manifest sometimes, and record files beside it; the number of inputs."""
    folder.mkdir()
    count = rng.randint(1, 6)
    for i in range(count):
        size = rng.choice([0, 5, 200, 2000, 20000])
        (folder / f"{i:02d}{rng.choice(['.txt', '.md', '.TXT'])}").write_bytes(encoded(rng, random_text(rng, size)))
    if rng.random() < 0.3:
        rows = [{"id": f"{i:02d}.txt", rng.choice(["language", "date", "outlet"]): random_text(rng, 8)}
                for i in range(count)]
        (folder / "manifest.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return count


def write_records(rng: random.Random, folder: Path) -> list[Path]:
    """Random .jsonl, .csv and .tsv record files."""
    lines = []
    for i in range(rng.randint(0, 5)):
        record = {"id": rng.choice([f"r{i}", f"../r{i}", "", 5, None]), "text": random_text(rng, 300)}
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        lines.append(line if rng.random() < 0.85 else line[: rng.randint(0, len(line))])
    jsonl = folder / "records.jsonl"
    jsonl.write_bytes(encoded(rng, "\n".join(lines)))
    paths = [jsonl]
    for suffix, sep in ((".csv", ","), (".tsv", "\t")):
        rows = ["id" + sep + "text"] + [f"c{i}{sep}{rng.choice(['', chr(34)])}{random_text(rng, 120)}"
                                        for i in range(rng.randint(0, 5))]
        path = folder / f"records{suffix}"
        path.write_bytes(encoded(rng, "\n".join(rows)))
        paths.append(path)
    return paths


def write_glossaries(rng: random.Random, folder: Path) -> tuple[Path, Path, Path]:
    """A random TSV glossary pair, a two-column table and a TBX file."""
    from provenance.glossary import ALIAS_COLUMNS, ENTITY_COLUMNS

    pair = folder / "gloss"
    pair.mkdir()
    cells = lambda: rng.choice(["", "person", "per:x", random_text(rng, 12).replace("\n", " ")])  # noqa: E731
    entities = ["\t".join(ENTITY_COLUMNS)] + ["\t".join(cells() for _ in range(rng.randint(1, len(ENTITY_COLUMNS) + 2)))
                                              for _ in range(rng.randint(0, 4))]
    aliases = ["\t".join(ALIAS_COLUMNS)] + ["\t".join(cells() for _ in range(rng.randint(1, len(ALIAS_COLUMNS) + 2)))
                                           for _ in range(rng.randint(0, 4))]
    (pair / "f.entities.tsv").write_bytes(encoded(rng, "\n".join(entities)))
    (pair / "f.aliases.tsv").write_bytes(encoded(rng, "\n".join(aliases)))
    table = folder / "table.csv"
    table.write_bytes(encoded(rng, "\n".join(f"{random_text(rng, 10)},{random_text(rng, 10)}"
                                             for _ in range(rng.randint(0, 5)))))
    terms = "".join(f"<termEntry id='{random_text(rng, 4)}'><langSet xml:lang='{rng.choice(['en', 'ar', 'x'])}'>"
                    f"<tig><term>{random_text(rng, 10)}</term></tig></langSet></termEntry>"
                    for _ in range(rng.randint(0, 3)))
    tbx = folder / "g.tbx"
    body = f"<?xml version='1.0'?><tbx><text><body>{terms}</body></text></tbx>"
    tbx.write_bytes(encoded(rng, body if rng.random() < 0.8 else body[: rng.randint(0, len(body))]))
    return pair, table, tbx


def one_round(rng: random.Random, work: Path) -> int:
    """Run every target on one round's random input; the number of inputs tried."""
    from provenance.corpus import CorpusError, read_corpus
    from provenance.glossary import GlossaryError, check_glossary, import_table, import_tbx, load_glossary
    from provenance.normalize import normalize_corpus, undo_normalization
    from provenance.pipeline import analyze_documents
    from provenance.report import write_reports

    corpus = work / "corpus"
    inputs = write_corpus(rng, corpus)
    records = write_records(rng, work)
    pair, table, tbx = write_glossaries(rng, work)
    inputs += len(records) + 4
    for path in records:
        with contextlib.suppress(CorpusError):
            list(read_corpus(path, warn=lambda message: None))
    for parse in (lambda: load_glossary([pair]), lambda: check_glossary([pair]), lambda: import_table(table),
                  lambda: import_tbx(tbx)):
        with contextlib.suppress(GlossaryError):
            parse()
    try:
        docs = list(read_corpus(corpus, warn=lambda message: None))
    except CorpusError:
        return inputs
    if not docs:
        return inputs
    analysis = analyze_documents(docs, root=str(corpus), encoder="none")
    json.loads((write_reports(analysis, work / "out")["json"]).read_text(encoding="utf-8"))
    normalized = work / "normalized"
    if analysis.names is not None:
        normalize_corpus(docs, analysis.names, normalized, source=corpus)
        undo_normalization(normalized, work / "restored")
    for path in corpus.iterdir():
        if path.is_file() and path.suffix.lower() in (".txt", ".md"):
            restored = work / "restored" / path.name
            if (work / "restored").exists() and restored.exists() and restored.read_bytes() != path.read_bytes():
                raise AssertionError(f"undo changed {path.name}")
    return inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=ROOT / "benchmarks" / "_work" / "fuzz")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    deadline = time.monotonic() + 60 * args.minutes
    rounds = inputs = crashes = 0
    started = time.process_time()
    while time.monotonic() < deadline:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            try:
                inputs += one_round(rng, work)
            except Exception:  # a crash is what the fuzzer looks for
                crashes += 1
                kept = args.keep / f"crash-{args.seed}-{rounds}"
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(work, kept, ignore=shutil.ignore_patterns("out", "normalized", "restored"))
                print(f"round {rounds}: crash, input kept in {kept}", flush=True)
                traceback.print_exc()
            rounds += 1
    print(f"{rounds} rounds, {inputs} inputs, {crashes} crashes in {args.minutes:g} min "
          f"({time.process_time() - started:.0f} CPU s), seed {args.seed}")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
