"""A call in a forked child while the caller works: its result, its errors, and its end."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from provenance import progress
from provenance.engine import ProcessEngine, SerialEngine
from provenance.engine.forked import ForkedCall

from .conftest import Recorder

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux only")


def _where(words: list[str]) -> tuple[int, dict[str, int]]:
    progress.advance()  # a forked child leaves the parent's display alone
    return os.getpid(), {word: len(word) for word in words}


def _fails(message: str) -> None:
    raise ValueError(message)


class _Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("not this one")


def _fails_unpicklably() -> None:
    raise _Unpicklable("a lock inside")


def _sleeps(seconds: float, marker: str) -> None:
    time.sleep(seconds)
    Path(marker).write_text("woke", encoding="utf-8")


@linux
def test_the_result_comes_from_a_child_while_the_caller_goes_on() -> None:
    words = ["Kadhimi", "Baghdad", "al-Amiri"] * 1000
    recorder = Recorder()
    with progress.listening(recorder), ForkedCall(ProcessEngine(2), _where, words) as call:
        mine = sum(len(w) for w in words)  # the caller's own work meanwhile
        pid, lengths = call.result()
    assert pid != os.getpid() and mine == sum(lengths[w] for w in words)
    assert lengths == {"Kadhimi": 7, "Baghdad": 7, "al-Amiri": 8}
    assert recorder.events == []  # the child's progress stays in the child


def test_with_one_worker_the_call_is_made_here_when_asked_for() -> None:
    recorder = Recorder()
    with progress.listening(recorder), ForkedCall(SerialEngine(), _where, ["a"]) as call:
        pid, lengths = call.result()
    assert pid == os.getpid() and lengths == {"a": 1}
    assert ("advance", 1) in recorder.events  # made here, it reports as any step does


@linux
def test_an_error_of_the_child_is_raised_by_the_caller() -> None:
    with pytest.raises(ValueError, match="no edges"), ForkedCall(ProcessEngine(2), _fails, "no edges") as call:
        call.result()
    with pytest.raises(RuntimeError, match="_Unpicklable: a lock inside"), \
            ForkedCall(ProcessEngine(2), _fails_unpicklably) as call:
        call.result()


@linux
def test_leaving_the_block_early_ends_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "woke"
    with pytest.raises(KeyError), ForkedCall(ProcessEngine(2), _sleeps, 1.0, str(marker)):
        raise KeyError("the caller failed")
    time.sleep(1.5)
    assert not marker.exists()  # killed before it woke
