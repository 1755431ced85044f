"""Work run apart: in a process of its own with a pool of its own, the same result as here."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance import interrupt, progress
from provenance.corpus import Document
from provenance.engine import ProcessEngine, SerialEngine, current_engine, using
from provenance.engine.tasks import DetectLanguage
from provenance.names import link_corpus, link_documents
from provenance.names import stage as names_stage
from provenance.pipeline import analyze
from provenance.report import dump_json, report_view

from .conftest import DATA, ROOT

TEXTS = ["The minister said on Tuesday that talks would go on.",
         "Le ministre a déclaré mardi que les négociations continueraient.",
         "Der Minister sagte am Dienstag, die Gespräche gingen weiter."]


def languages_where_run(docs: Iterator[Document], suffix: str) -> tuple[list[str], int, int]:
    """The languages of ``docs`` (each one advanced as progress), how many workers the engine in
    force has, and the process that ran this."""
    found = []
    for language in current_engine().map(DetectLanguage(), docs):
        found.append(language.lang + suffix)
        progress.advance()
    return found, current_engine().workers, os.getpid()


def refuse(docs: Iterator[Document]) -> None:
    raise ValueError(f"{sum(1 for _ in docs)} documents refused")


class Counted:
    """A progress listener that counts the outermost stage's items."""

    def __init__(self) -> None:
        self.done = 0
        self.depth = 0

    def start(self, name: str, total: int | None) -> None:
        self.depth += 1

    def advance(self, count: int) -> None:
        self.done += count if self.depth == 0 else 0

    def finish(self) -> None:
        self.depth -= 1


def test_a_pool_runs_the_work_apart_on_workers_of_its_own_and_passes_on_its_progress() -> None:
    docs = [Document(f"d{i}", text) for i, text in enumerate(TEXTS * 4)]
    engine = ProcessEngine(2, chunk=1)
    listener = Counted()
    try:
        with progress.listening(listener):
            found, workers, process = engine.apart(languages_where_run, docs, "!")
    finally:
        engine.close()
    assert found == ["en!", "fr!", "de!"] * 4
    assert workers == 2 and process != os.getpid()
    assert listener.done == len(docs)
    assert SerialEngine().apart(languages_where_run, docs, "!") == (found, 1, os.getpid())


def test_what_the_work_apart_raises_is_raised_here() -> None:
    engine = ProcessEngine(2)
    try:
        with pytest.raises(ValueError, match="3 documents refused"):
            engine.apart(refuse, [Document(f"d{i}", text) for i, text in enumerate(TEXTS)])
    finally:
        engine.close()


def test_names_linked_apart_are_the_names_linked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real news in several languages and scripts: the result read back from the process apart
    equals the one linked in this process."""
    docs = [Document(path.name, path.read_text(encoding="utf-8"), language=path.name[:2])
            for path in sorted((DATA / "originals_multi" / "corpus").glob("*.txt"))]
    here = link_corpus(docs, None)
    monkeypatch.setattr(names_stage, "APART_FROM_DOCUMENTS", 1)
    engine = ProcessEngine(2, chunk=2)
    try:
        with using(engine):
            apart = link_documents(docs, None, "none")
    finally:
        engine.close()
    assert len(here.mentions) > 50
    assert apart == here


@pytest.mark.parametrize(("stages", "apart"), [(("names",), False), (("names", "artifacts"), True)])
def test_names_go_apart_only_when_stages_follow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                stages: tuple[str, ...], apart: bool) -> None:
    """A large corpus's names are linked in a process apart when later stages run in this process
    (report), and here when they are the last stage (normalize): the process apart would only cost
    the time to send it the documents and the result back. There the pool's workers are let go, as
    the linking forks its own."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((DATA / "originals_multi" / "corpus").glob("*.txt"))[:4]:
        (corpus / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(names_stage, "APART_FROM_DOCUMENTS", 1)
    calls = []
    run_apart = ProcessEngine.apart

    def recorded(engine: ProcessEngine, *args: object) -> object:
        calls.append(args[0])
        return run_apart(engine, *args)

    monkeypatch.setattr(ProcessEngine, "apart", recorded)
    engine = ProcessEngine(2, chunk=1)
    before = set(multiprocessing.active_children())
    try:
        analysis = analyze(corpus, engine=engine, stages=stages, encoder="none")
        # the language stage's workers, let go when nothing maps after the names
        pool_workers = set(multiprocessing.active_children()) - before
    finally:
        engine.close()
    assert [getattr(f, "__name__", "") for f in calls] == (["_link_with_tagger"] if apart else [])
    assert bool(pool_workers) == apart
    serial = analyze(corpus, engine=SerialEngine(), stages=stages, encoder="none")
    assert analysis.names is not None and len(analysis.names.mentions) > 5
    assert analysis.names == serial.names


def test_reports_with_the_names_linked_apart_are_the_reports_of_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "gen30"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(corpus), "--docs", "30"],
                   check=True, capture_output=True)
    serial = dump_json(report_view(analyze(corpus, engine=SerialEngine(), encoder="none")))
    monkeypatch.setattr(names_stage, "APART_FROM_DOCUMENTS", 1)
    engine = ProcessEngine(2, chunk=2)
    try:
        apart = dump_json(report_view(analyze(corpus, engine=engine, encoder="none")))
    finally:
        engine.close()
    assert apart == serial
    assert '"derived_from"' in apart


def wait_long(docs: Iterator[Document]) -> None:
    time.sleep(120)


def test_an_interrupt_here_stops_the_work_apart() -> None:
    """A signal in the parent (seen by ``interrupt.check``) ends the wait, and the process apart is
    stopped and reaped, not left running."""
    engine = ProcessEngine(2)
    signal_comes = threading.Timer(2.0, interrupt._received.append, (signal.SIGINT,))
    started = time.monotonic()
    signal_comes.start()
    try:
        with pytest.raises(interrupt.Interrupted):
            engine.apart(wait_long, [])
    finally:
        interrupt._received.clear()
        engine.close()
    assert time.monotonic() - started < 60
    assert [p.name for p in multiprocessing.active_children()] == []
