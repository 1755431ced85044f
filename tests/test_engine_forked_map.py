"""engine.forked.inherited_map: a map whose workers are forked after the task is set up here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pytest

from provenance.atomic import ForkedWriter
from provenance.engine import ProcessEngine, SerialEngine, forked
from provenance.engine.forked import forks_workers, inherited_map

from .conftest import SEEDS, process_running

pytestmark = pytest.mark.skipif(not ForkedWriter.available(), reason="forks (Linux, with the memory to spare)")


@dataclass
class Words:
    """Counts the vowels of words with a table built once, in ``setup``."""

    setups: list[int] = field(default_factory=list)

    def setup(self) -> dict[str, Any]:
        self.setups.append(os.getpid())
        return {"vowels": frozenset("aeiouäöü"), "built_in": os.getpid()}

    def run(self, state: dict[str, Any], item: str) -> tuple[str, int, int]:
        if item == "fail":
            raise ValueError(f"cannot read {item!r}")
        return item, sum(ch in state["vowels"] for ch in item), os.getpid()


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the workers forked while the test runs."""
    pids: list[int] = []
    forking = forked.fork_quietly

    def recorded(body: Any) -> tuple[int, int]:
        pid, pipe = forking(body)
        pids.append(pid)
        return pid, pipe

    monkeypatch.setattr(forked, "fork_quietly", recorded)
    return pids


WORDS = ("Zusammenarbeit", "coopération", "cooperación", "cooperazione", "współpraca", "samenwerking") * 9


def test_the_results_come_in_order_from_forked_workers_that_inherit_the_state_set_up_once_here() -> None:
    task, engine = Words(), ProcessEngine(2, chunk=4)
    try:
        found = list(inherited_map(engine, task, WORDS))
    finally:
        engine.close()
    assert [(word, vowels) for word, vowels, _ in found] == [
        (word, vowels) for word, vowels, _ in SerialEngine().map(Words(), WORDS)]
    assert found[0][:2] == ("Zusammenarbeit", 6) and found[4][:2] == ("współpraca", 2)
    assert task.setups == [os.getpid()]  # set up here only: the workers inherit the table
    workers = {pid for _, _, pid in found}
    assert len(workers) == 2 and os.getpid() not in workers
    assert {pid for _, _, pid in found[:4]} != {pid for _, _, pid in found[4:8]}  # chunks go round


def test_progress_counts_every_item_and_no_worker_outlives_the_map(started: list[int]) -> None:
    counted: list[int] = []
    engine = ProcessEngine(2, chunk=5)
    try:
        results = inherited_map(engine, Words(), WORDS, counted.append)
        assert next(results)[0] == "Zusammenarbeit"
        results.close()  # the caller stops early: the workers are stopped
        assert len(started) == 2 and not any(map(process_running, started))
        assert len(list(inherited_map(engine, Words(), WORDS, counted.append))) == len(WORDS)
    finally:
        engine.close()
    assert sum(counted) == len(WORDS) and max(counted) == 5
    assert len(started) == 4 and not any(map(process_running, started))


def test_an_error_in_a_worker_is_raised_here() -> None:
    engine = ProcessEngine(2, chunk=2)
    try:
        with pytest.raises(ValueError, match="cannot read 'fail'"):
            list(inherited_map(engine, Words(), [*WORDS[:7], "fail", *WORDS[:7]]))
    finally:
        engine.close()


def test_one_worker_or_no_fork_maps_as_the_engine_does(monkeypatch: pytest.MonkeyPatch) -> None:
    task = Words()
    assert not forks_workers(SerialEngine()) and not forks_workers(ProcessEngine(1))
    assert [pid for _, _, pid in inherited_map(ProcessEngine(1), task, WORDS)] == [os.getpid()] * len(WORDS)
    few = inherited_map(ProcessEngine(2, chunk=16), task, WORDS[:6])  # one chunk: not worth a worker
    assert [pid for _, _, pid in few] == [os.getpid()] * 6
    engine = ProcessEngine(2)
    monkeypatch.setattr(ForkedWriter, "available", staticmethod(lambda max_resident=None: False))
    assert not forks_workers(engine)
    engine.close()


def test_the_names_stage_links_on_forked_workers_with_the_mentions_of_one_process(started: list[int]) -> None:
    from provenance.corpus import read_corpus
    from provenance.engine import using
    from provenance.glossary import default_glossary_paths, load_glossary
    from provenance.names.stage import link_corpus

    docs, glossary = list(read_corpus(SEEDS)), load_glossary(default_glossary_paths())
    engine = ProcessEngine(2, chunk=2)
    try:
        with using(engine):
            forked_result = link_corpus(docs, glossary)
    finally:
        engine.close()
    assert len(started) == 2  # the index built here once, the linking on two forked workers
    serial = link_corpus(docs, glossary)
    assert [(m.doc, m.start, m.end, m.entity, m.method) for m in forked_result.mentions] == [
        (m.doc, m.start, m.end, m.entity, m.method) for m in serial.mentions]
    assert len(serial.mentions) > 20
