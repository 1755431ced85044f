"""The engines: the same reports, byte for byte, whichever engine runs and with any number of workers."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from provenance.engine import ProcessEngine, SerialEngine, available_cores, make_engine, using
from provenance.engine.tasks import DetectLanguage
from provenance.pipeline import analyze
from provenance.report import write_reports

from .conftest import ROOT, SEEDS, needs_proc_status, process_running, status_mb

REPORTS = ("report.json", "report.md", "report.html")


def report_bytes(corpus: Path, out: Path, engine: object, encoder: str = "none") -> dict[str, bytes]:
    analysis = analyze(corpus, engine=engine, encoder=encoder)  # type: ignore[arg-type]
    write_reports(analysis, out)
    return {name: (out / name).read_bytes() for name in REPORTS}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated corpus: derived documents, wire copies, unrelated ones."""
    out = tmp_path_factory.mktemp("gen") / "gen40"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(out), "--docs", "40"],
                   check=True, capture_output=True)
    return out


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_two_workers_write_the_reports_of_one(corpus: str, generated: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.names import stage
    from provenance.trace import chain

    folder = SEEDS if corpus == "seeds" else generated
    # the workers link the names and align compiled, as they do a large corpus (a small one keeps
    # the linking in the calling process and aligns with the plain steps)
    monkeypatch.setattr(stage, "LINK_SECONDS_PER_CHARACTER", 1.0)
    monkeypatch.setattr(chain, "INTERPRETED_BELOW", 0)
    engine = ProcessEngine(2, chunk=2)  # chunks of two documents: the workers get every stage's items
    try:
        parallel = report_bytes(folder, tmp_path / "two", engine)
    finally:
        engine.close()
    serial = report_bytes(folder, tmp_path / "one", SerialEngine())
    assert parallel == serial
    assert b'"derived_from"' in parallel["report.json"] or corpus == "seeds"


def test_workers_that_embed_on_their_share_of_the_cores_write_the_reports_of_one(
        generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVENANCE_CACHE", "off")  # each run computes its own vectors
    engine = ProcessEngine(2, chunk=2)
    try:
        parallel = report_bytes(generated, tmp_path / "two", engine, encoder="use")
    finally:
        engine.close()
    assert parallel == report_bytes(generated, tmp_path / "one", SerialEngine(), encoder="use")


@dataclass(frozen=True)
class BlasThreads:
    """A task that reports the threads its process's BLAS may use."""

    def setup(self) -> None:
        return None

    def run(self, state: None, item: int) -> int:
        from provenance.neural.use import blas_threads

        return blas_threads()


def test_each_worker_runs_its_blas_on_its_share_of_the_cores() -> None:
    engine = ProcessEngine(2, chunk=1)
    try:
        found = set(engine.map(BlasThreads(), range(4)))
    finally:
        engine.close()
    assert found == {max(1, available_cores() // 2)}


@dataclass(frozen=True)
class WorkerId:
    """A task that gives the process id of the worker running it."""

    def setup(self) -> None:
        return None

    def run(self, state: None, item: int) -> int:
        return os.getpid()


@dataclass(frozen=True)
class FreshWorkerId(WorkerId):
    """The same, on workers started for it."""

    fresh_workers: ClassVar[bool] = True


def test_a_task_that_asks_for_fresh_workers_runs_on_new_ones() -> None:
    engine = ProcessEngine(2, chunk=1)
    try:
        first = set(engine.map(WorkerId(), range(8)))
        again = set(engine.map(WorkerId(), range(8)))
        fresh = set(engine.map(FreshWorkerId(), range(8)))
        after = set(engine.map(WorkerId(), range(8)))
    finally:
        engine.close()
    before = first | again
    assert os.getpid() not in before | fresh
    assert not fresh & before and not after & before  # new workers, which stay for the maps after it


@dataclass(frozen=True)
class ArrayTask:
    """A task holding arrays: gives, for a row, its sum, whether the worker may write the array and
    whether its memory is a mapped file."""

    table: object
    weights: object

    def setup(self) -> None:
        return None

    def run(self, state: None, row: int) -> tuple[int, bool, bool]:
        import mmap

        import numpy as np

        table = np.asarray(self.table)
        base = table.base
        while base is not None and not isinstance(base, (mmap.mmap, memoryview)):
            base = getattr(base, "base", None)
        mapped = isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)
        return int(table[row].sum() + np.asarray(self.weights).sum()), bool(table.flags.writeable), mapped


def test_workers_share_a_tasks_arrays_read_only_from_one_mapped_file() -> None:
    import numpy as np

    table = np.arange(4000, dtype=np.int64).reshape(400, 10)
    weights = np.linspace(0.0, 1.0, 3)
    engine = ProcessEngine(2, chunk=1)
    try:
        found = list(engine.map(ArrayTask(table, weights), range(400)))
    finally:
        engine.close()
    assert [total for total, _, _ in found] == [int(table[r].sum() + 1.5) for r in range(400)]
    assert {(writeable, mapped) for _, writeable, mapped in found} == {(False, True)}


def test_arrays_the_parent_shared_reach_the_workers_as_references_to_its_file(tmp_path: Path) -> None:
    import gc

    import numpy as np

    from provenance.engine.published import Publisher

    table = np.arange(40_000, dtype=np.int64).reshape(4000, 10)
    engine = ProcessEngine(2, chunk=100)
    try:
        shared = engine.share(ArrayTask(table, np.ones(3)))
        assert not shared.table.flags.writeable and np.array_equal(shared.table, table)
        found = list(engine.map(ArrayTask(shared.table, np.zeros(2)), range(4000)))
        assert [total for total, _, _ in found] == [int(row.sum()) for row in table]
        assert {mapped for _, _, mapped in found} == {True}
    finally:
        engine.close()
    publisher = Publisher()
    try:
        kept = publisher.share(ArrayTask(table, np.ones(3)))
        by_reference = publisher.publish(ArrayTask(kept.table, None))
        copied = publisher.publish(ArrayTask(table, None))  # the same values, not the shared memory
        assert by_reference.with_suffix(".arrays").stat().st_size < 1000 < table.nbytes
        assert copied.with_suffix(".arrays").stat().st_size > table.nbytes
        files = set(by_reference.parent.glob("*.arrays"))
        del kept
        gc.collect()
        assert len(set(by_reference.parent.glob("*.arrays"))) == len(files) - 1  # gone with the object
    finally:
        publisher.close()


@needs_proc_status
def test_a_released_pool_hands_back_the_shared_pages_it_read_and_reads_them_again_when_touched() -> None:
    import numpy as np

    table = np.arange(16_000_000, dtype=np.int64)  # 128 MB
    total = int(table.sum())
    engine = ProcessEngine(2)
    try:
        shared = engine.share(ArrayTask(table, np.ones(3)))
        del table
        assert int(shared.table.sum()) == total  # every page read
        before = status_mb("VmRSS")
        engine.release()
        after = status_mb("VmRSS")
        assert before - after > 100
        assert int(shared.table.sum()) == total and status_mb("VmRSS") - after > 100  # read from the file again
        SerialEngine().release()  # nothing shared
    finally:
        engine.close()


def test_a_resting_pool_lets_its_workers_go_and_starts_new_ones_for_the_next_map() -> None:
    engine = ProcessEngine(2, chunk=1)
    try:
        first = set(engine.map(WorkerId(), range(8)))
        engine.rest()
        assert engine._executor is None
        after = set(engine.map(WorkerId(), range(8)))
    finally:
        engine.close()
    assert first and after and not first & after
    SerialEngine().rest()  # nothing to let go


def test_a_pool_let_rest_without_waiting_stops_its_workers_on_a_thread_and_never_runs_two_pools() -> None:
    engine = ProcessEngine(2, chunk=1)
    try:
        first = set(engine.map(WorkerId(), range(8)))
        engine.rest(wait=False)
        assert engine._executor is None
        after = set(engine.map(WorkerId(), range(8)))  # the next map waits for the first pool to stop
        assert not any(map(process_running, first))
        engine.rest(wait=False)
    finally:
        engine.close()  # waits for the second pool
    assert first and after and not first & after
    assert engine._stopping is None
    assert not any(map(process_running, after))


def test_a_pool_gives_results_in_item_order() -> None:
    texts = ["The minister said on Tuesday that talks would go on.",
             "Le ministre a déclaré mardi que les négociations continueraient.",
             "Der Minister sagte am Dienstag, die Gespräche gingen weiter."] * 4
    from provenance.corpus import Document

    docs = [Document(f"d{i}", text) for i, text in enumerate(texts)]
    engine = ProcessEngine(2, chunk=1)
    try:
        found = [language.lang for language in engine.map(DetectLanguage(), docs)]
    finally:
        engine.close()
    assert found == ["en", "fr", "de"] * 4


def test_the_default_is_every_core_and_one_worker_stays_in_process() -> None:
    assert isinstance(make_engine("local", 1), SerialEngine)
    engine = make_engine("local")
    assert engine.workers == available_cores()
    engine.close()
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")


def test_importing_provenance_does_not_import_dask_or_numba() -> None:
    # numba alone takes 60 MB in every process that imports it: only the alignment's steps need it
    code = ("import sys, provenance.pipeline, provenance.cli, provenance.trace; "
            "print(any(m.split('.')[0] in ('dask', 'distributed', 'numba') for m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    assert found == "False"


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="needs the dask extra")
def test_the_dask_engine_writes_the_local_engines_reports(generated: Path, tmp_path: Path) -> None:
    from provenance.engine.dask_engine import DaskEngine

    engine = DaskEngine(workers=2, processes=True, chunk=4)  # a local cluster of two worker processes
    try:
        with using(engine):
            distributed = report_bytes(generated, tmp_path / "dask", None)
    finally:
        engine.close()
    assert distributed == report_bytes(generated, tmp_path / "local", SerialEngine())


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "provenance", *args], capture_output=True, text=True, cwd=ROOT)


def test_the_report_command_takes_workers_and_refuses_an_unknown_engine(tmp_path: Path) -> None:
    made = run_cli("report", str(SEEDS), "--out", str(tmp_path / "out"), "--workers", "2", "--encoder", "none", "-q")
    assert made.returncode == 0, made.stderr
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["corpus"]["documents"] == 5
    refused = run_cli("report", str(SEEDS), "--out", str(tmp_path / "other"), "--engine", "spark")
    assert refused.returncode != 0 and "--engine must be one of local, dask" in refused.stderr
    refused = run_cli("report", str(SEEDS), "--out", str(tmp_path / "other"), "--scheduler", "tcp://127.0.0.1:8786")
    assert refused.returncode != 0 and "--scheduler goes with --engine dask" in refused.stderr
    assert not (tmp_path / "other").exists()


@dataclass(frozen=True)
class WaitForOthers:
    """A task whose item 0 ends only once every other item has (a marker file each in ``folder``)."""

    folder: str
    others: int

    def setup(self) -> None:
        return None

    def run(self, state: None, item: int) -> int:
        folder = Path(self.folder)
        if item == 0:
            deadline = time.monotonic() + 60
            while len(list(folder.iterdir())) < self.others and time.monotonic() < deadline:
                time.sleep(0.02)
        else:
            (folder / str(item)).touch()
        return item


def test_a_pool_counts_the_chunks_that_end_before_the_first_in_line(tmp_path: Path) -> None:
    events: list[tuple[str, int]] = []
    engine = ProcessEngine(2, chunk=1)
    try:
        for item in engine.map(WaitForOthers(str(tmp_path), 5), range(6), lambda n: events.append(("advanced", n))):
            events.append(("result", item))
    finally:
        engine.close()
    assert [e for e in events if e[0] == "result"] == [("result", i) for i in range(6)]
    assert events[:6] == [("advanced", 1)] * 6  # the other chunks show as they end, while item 0 waits


def test_a_slow_task_takes_fewer_items_at_once() -> None:
    from provenance.engine.base import chunk_size
    from provenance.engine.tasks import EmbedSentences

    assert chunk_size(EmbedSentences("use"), 16) == EmbedSentences.chunk < 16
    assert chunk_size(DetectLanguage(), 16) == 16
    assert chunk_size(EmbedSentences("use"), 2) == 2


def test_names_are_linked_in_this_process_when_the_workers_would_spend_longer_building_the_index() -> None:
    # each spawned worker builds its own glossary index: with a large glossary and a small corpus that
    # costs more than the linking it shares out, so the names stage keeps to the calling process
    # (where it cannot fork workers, which inherit its index)
    from provenance.engine import SerialEngine, using
    from provenance.names.stage import _linking_engine

    pool = ProcessEngine(2)
    try:
        with using(pool):
            assert isinstance(_linking_engine(100_000, 10_000_000), SerialEngine)  # 10 MB, 100,000 entries
            assert _linking_engine(100_000, 200_000_000) is pool  # 200 MB
            assert _linking_engine(300, 20_000_000) is pool  # 20 MB, the bundled glossary
            assert isinstance(_linking_engine(300, 50_000), SerialEngine)  # a few articles
        with using(SerialEngine()) as serial:
            assert _linking_engine(300, 20_000_000) is serial
    finally:
        pool.close()
