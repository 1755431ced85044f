"""Files written alongside by a forked child process: one set with the parent's, the same bytes,
and what happens when either side fails."""
from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from provenance import atomic
from provenance import report as reports
from provenance.pipeline import analyze
from provenance.report import document_texts, report_view, write_report_files

from .conftest import DATA

needs_fork = pytest.mark.skipif(not atomic.ForkedWriter.available(), reason="the writer forks on Linux only")


def _writer_pid() -> Iterator[str]:
    yield "written by "
    yield str(os.getpid())  # read when the pieces are written, by whichever process writes them


def _old_set(out: Path) -> dict[str, str]:
    out.mkdir()
    old = {"a.txt": "old a", "b.txt": "old b"}
    for name, text in old.items():
        (out / name).write_text(text, encoding="utf-8")
    return old


def _files(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


@needs_fork
def test_files_alongside_are_written_by_another_process_as_one_set(tmp_path):
    out = tmp_path / "out"
    files = {out / "a.txt": _writer_pid(), out / "b.txt": _writer_pid(), out / "c.txt": iter(["x" * 100_000, "y"])}
    atomic.write_texts_atomic(files, alongside=(out / "b.txt", out / "c.txt"))
    written = _files(out)
    assert sorted(written) == ["a.txt", "b.txt", "c.txt"]  # no temporary file left
    assert written["a.txt"] == f"written by {os.getpid()}"
    assert written["b.txt"].startswith("written by ") and written["b.txt"] != written["a.txt"]
    assert written["c.txt"] == "x" * 100_000 + "y"


@needs_fork
@pytest.mark.parametrize("fails", [False, True])
def test_while_the_child_writes_the_parents_collections_leave_the_shared_objects_alone(tmp_path, fails):
    out = tmp_path / "out"
    frozen_while_writing: list[int] = []

    def parent_side() -> Iterator[str]:
        frozen_while_writing.append(gc.get_freeze_count())  # the objects a full collection here would skip
        yield "a"
        if fails:
            raise RuntimeError("this side broke")

    gc.unfreeze()
    try:
        atomic.write_texts_atomic({out / "a.txt": parent_side(), out / "b.txt": "b"}, alongside=(out / "b.txt",))
    except RuntimeError:
        assert fails
    assert frozen_while_writing[0] > 1000  # this test process's modules, functions, test objects
    assert gc.get_freeze_count() == 0  # collected again once the child is gone


@pytest.mark.parametrize("without", ["fork", "spare memory"])
def test_without_fork_or_spare_memory_the_files_alongside_are_written_here(tmp_path, monkeypatch, without):
    if without == "fork":
        monkeypatch.setattr(atomic.ForkedWriter, "available", staticmethod(lambda max_resident=None: False))
    else:
        monkeypatch.setattr(atomic, "_spare_memory", lambda max_resident=None: False)
    out = tmp_path / "out"
    atomic.write_texts_atomic({out / "a.txt": "a", out / "b.txt": _writer_pid()}, alongside=(out / "b.txt",))
    assert _files(out) == {"a.txt": "a", "b.txt": f"written by {os.getpid()}"}


@needs_fork
def test_a_failure_in_the_child_names_its_file_and_keeps_the_old_set(tmp_path):
    out = tmp_path / "out"
    old = _old_set(out)

    def failing() -> Iterator[str]:
        yield "half a file"
        raise ValueError("the encoder broke")

    with pytest.raises(OSError, match=r"b\.txt: the encoder broke"):
        atomic.write_texts_atomic({out / "a.txt": "new", out / "b.txt": failing()}, alongside=(out / "b.txt",))
    assert _files(out) == old


@needs_fork
def test_a_failure_here_stops_the_child_at_once_and_keeps_the_old_set(tmp_path):
    out = tmp_path / "out"
    old = _old_set(out)

    def slow() -> Iterator[str]:  # a minute, unless stopped
        for _ in range(1200):
            time.sleep(0.05)
            yield "."

    def failing() -> Iterator[str]:
        yield "a"
        raise RuntimeError("this side broke")

    began = time.monotonic()
    with pytest.raises(RuntimeError, match="this side broke"):
        atomic.write_texts_atomic({out / "a.txt": failing(), out / "b.txt": slow()}, alongside=(out / "b.txt",))
    assert time.monotonic() - began < 20
    assert _files(out) == old


@needs_fork
@pytest.mark.parametrize("resident_limit", ["default", "below this process"])
def test_reports_written_on_two_cores_are_the_bytes_of_one(tmp_path, monkeypatch, resident_limit):
    """Two cores fork a writer while the command is small; above the resident limit the three reports
    are written one after another. The same bytes either way."""
    if resident_limit != "default":
        monkeypatch.setattr(reports, "WRITE_BESIDE_BELOW", 1 << 20)
    forks: list[int] = []
    start = atomic.ForkedWriter.start

    def counted_start(files):
        forks.append(len(files))
        return start(files)

    monkeypatch.setattr(atomic.ForkedWriter, "start", counted_start)
    analysis = analyze(DATA / "originals_multi" / "corpus", glossary=None, encoder="none", warn=lambda _: None)
    report, texts = report_view(analysis), document_texts(analysis)
    write_report_files(report, texts, tmp_path / "one", cores=1)
    assert forks == []
    write_report_files(report, texts, tmp_path / "two", cores=2)
    assert forks == ([2] if resident_limit == "default" else [])
    names = ("report.json", "report.md", "report.html")
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(names)
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert len((tmp_path / "two" / "report.json").read_bytes()) > 10_000


def test_the_memory_to_spare_is_read_from_the_system_tables() -> None:
    table = "MemTotal:       24683820 kB\nMemFree:        1000 kB\nMemAvailable:   2048 kB\n"
    assert atomic._kilobytes(table, "MemAvailable:") == 2048
    with pytest.raises(StopIteration):
        atomic._kilobytes(table, "VmRSS:")
    if atomic.ForkedWriter.available():  # where it forks, this small process has memory to spare
        assert atomic._spare_memory()
        assert atomic._spare_memory(1 << 40)
        assert not atomic._spare_memory(1 << 20)  # but holds more than a megabyte


def test_the_reports_are_written_without_garbage_collections_and_leave_no_cycles(tmp_path, monkeypatch):
    """A full collection walks every object of the report (three of them, 0.85-1.0 s of the 10 s of
    writing 10,000 documents' reports); the writers make no reference cycles for one to find."""
    analysis = analyze(DATA / "originals_multi" / "corpus", glossary=None, encoder="none", warn=lambda _: None)
    report, texts = report_view(analysis), document_texts(analysis)
    collections: list[int] = []
    while_writing: list[int] = []
    write = reports.write_texts_atomic

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    def watched_write(*args, **kwargs):
        before = len(collections)
        write(*args, **kwargs)
        while_writing.append(len(collections) - before)

    monkeypatch.setattr(reports, "write_texts_atomic", watched_write)
    threshold = gc.get_threshold()
    gc.collect()
    gc.set_threshold(10)  # a collection every ten allocations, unless paused
    gc.callbacks.append(counted)
    try:
        write_report_files(report, texts, tmp_path / "out", cores=1)
    finally:
        gc.callbacks.remove(counted)
        gc.set_threshold(*threshold)
    assert while_writing == [0]
    assert gc.isenabled()
    assert gc.collect() == 0
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["documents"]
