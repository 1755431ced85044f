"""A map on the engine's workers while the caller does other work: its results, its progress and
its failures."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from provenance import progress
from provenance.engine import ProcessEngine, SerialEngine
from provenance.engine.background import BackgroundCall, BackgroundMap

from .conftest import Recorder


@dataclass(frozen=True)
class MarkAndSquare:
    """Leaves a file for each item it runs, and gives the item's square and the process that ran it."""

    folder: str

    def setup(self) -> None:
        return None

    def run(self, state: None, item: int) -> tuple[int, int]:
        Path(self.folder, f"{item}.done").write_text(str(os.getpid()), encoding="utf-8")
        return item * item, os.getpid()


@dataclass(frozen=True)
class FailOn:
    item: int

    def setup(self) -> None:
        return None

    def run(self, state: None, item: int) -> int:
        if item == self.item:
            raise ValueError(f"item {item} failed")
        return item


def _wait_for_files(folder: Path, count: int) -> int:
    deadline = time.monotonic() + 120  # a bound for a failing test, not a timing
    while len(list(folder.glob("*.done"))) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(list(folder.glob("*.done")))


def test_a_background_map_runs_on_the_workers_before_its_results_are_asked_for(tmp_path: Path) -> None:
    engine = ProcessEngine(2, chunk=1)
    recorder = Recorder()
    try:
        pending = BackgroundMap(engine, MarkAndSquare(str(tmp_path)), range(10))
        assert _wait_for_files(tmp_path, 10) == 10  # every item ran while nobody asked for the results
        with progress.listening(recorder):
            results = pending.results("squares", 10)
    finally:
        engine.close()
    assert [square for square, _ in results] == [i * i for i in range(10)]
    assert os.getpid() not in {pid for _, pid in results}
    assert recorder.events[0] == ("start", "squares", 10) and recorder.events[-1] == ("finish",)
    assert sum(e[1] for e in recorder.events if e[0] == "advance") == 10


def test_on_one_worker_the_map_runs_when_its_results_are_asked_for_with_its_progress(tmp_path: Path) -> None:
    recorder = Recorder()
    pending = BackgroundMap(SerialEngine(), MarkAndSquare(str(tmp_path)), range(4))
    assert not list(tmp_path.glob("*.done"))  # nothing ran yet: no thread to overlap with
    with progress.listening(recorder):
        results = pending.results("squares", 4)
    assert results == [(i * i, os.getpid()) for i in range(4)]
    assert recorder.events == [("start", "squares", 4), *[("advance", 1)] * 4, ("finish",)]


@pytest.mark.parametrize("engine_of", [lambda: ProcessEngine(2, chunk=1), SerialEngine])
def test_a_failure_in_a_background_map_is_raised_when_its_results_are_asked_for(engine_of) -> None:
    engine = engine_of()
    try:
        pending = BackgroundMap(engine, FailOn(3), range(8))
        with pytest.raises(ValueError, match="item 3 failed"):
            pending.results("items")
    finally:
        engine.close()


def _mark_and_sum(folder: Path, numbers: range) -> tuple[int, int]:
    (folder / "called.done").write_text("", encoding="utf-8")
    return sum(numbers), threading.get_ident()


def test_a_started_background_call_runs_on_a_thread_before_its_result_is_asked_for(tmp_path: Path) -> None:
    recorder = Recorder()
    engine = ProcessEngine(2, chunk=1)
    try:
        pending = BackgroundCall(engine, _mark_and_sum, tmp_path, range(10))
        assert not list(tmp_path.glob("*.done"))  # not before it is started
        pending.start()
        pending.start()  # once
        assert pending.started
        assert _wait_for_files(tmp_path, 1) == 1  # it ran while nobody asked for the result
        assert pending.wait()
        with progress.listening(recorder):
            total, thread = pending.result()
    finally:
        engine.close()
    assert total == 45 and thread != threading.get_ident()
    assert recorder.events == []  # a thread reports nothing


def test_with_one_worker_a_background_call_runs_when_its_result_is_asked_for(tmp_path: Path) -> None:
    pending = BackgroundCall(SerialEngine(), _mark_and_sum, tmp_path, range(4))
    pending.start()
    assert not pending.started and not list(tmp_path.glob("*.done"))
    assert pending.result() == (6, threading.get_ident())


def test_a_failure_in_a_background_call_is_raised_when_its_result_is_asked_for() -> None:
    engine = ProcessEngine(2, chunk=1)
    try:
        pending = BackgroundCall(engine, int, "not a number")
        pending.start()
        with pytest.raises(ValueError, match="not a number"):
            pending.result()
    finally:
        engine.close()


def test_a_background_call_never_started_runs_when_its_result_is_asked_for(tmp_path: Path) -> None:
    engine = ProcessEngine(2, chunk=1)
    try:
        pending = BackgroundCall(engine, _mark_and_sum, tmp_path, range(3))
        assert pending.result() == (3, threading.get_ident())
    finally:
        engine.close()
