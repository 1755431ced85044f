"""Progress by stage: the reporting API, the plain lines written when stderr is not a terminal,
and the CLI's --quiet."""
from __future__ import annotations

import io
import time

from provenance import progress
from provenance.cli.progress import PlainLines, StageClock
from provenance.corpus import Document
from provenance.pipeline import analyze_documents

from .conftest import Recorder


def test_every_stage_reports_with_its_total_and_the_trace_its_pairs() -> None:
    texts = ["The minister said on Monday that talks with the rebels would resume in Baghdad next week.",
             "The minister said on Monday that talks with the rebels would resume in Baghdad next week, officials said.",
             "Heavy rain flooded the old market of Mosul, and shopkeepers counted their losses on Tuesday."]
    docs = [Document(id=f"d{i}.txt", text=t) for i, t in enumerate(texts)]
    recorder = Recorder()
    with progress.listening(recorder):
        analyze_documents(docs, root="x", stages=("names", "artifacts", "trace"), encoder="none")
    starts = [e for e in recorder.events if e[0] == "start"]
    assert ("start", "language", None) in starts and ("start", "artifacts", 3) in starts
    assert ("start", "trace: quotes and citations", 3) in starts
    conflicts = "trace: translations between languages and conflicts"  # one worker: found here, after the alignment
    assert ("start", conflicts, None) in starts  # the figures were read with the quotes: compared here
    names = [e[1] for e in starts]
    assert names.index("trace: comparing stated figures") > names.index(conflicts) > names.index("trace: aligning pairs")
    assert "trace: matching quotes" in names and "trace: sources cited and shared" in names
    pairs = next(e for e in starts if e[1] == "trace: aligning pairs")
    assert pairs[2] >= 1
    assert recorder.events.count(("finish",)) == len(starts)
    advanced = sum(e[1] for e in recorder.events if e[0] == "advance")
    assert advanced >= 3 * 4 + pairs[2]  # language, names, artifacts, the trace's documents, and its pairs


def test_reporting_without_a_listener_does_nothing() -> None:
    assert list(progress.tracked([1, 2], "x")) == [1, 2]
    progress.advance()


def test_stage_line_has_count_share_rate_and_eta() -> None:
    clock = StageClock("trace: aligning pairs", 200, started=100.0, done=50)
    assert clock.line(110.0) == "trace: aligning pairs: 50/200 (25%), 5.0/s, 10s elapsed, ETA 30s"
    assert StageClock("language", None, started=0.0, done=30).line(60.0) == "language: 30, 0.5/s, 1m00s elapsed"
    assert StageClock("trace: conflicts", None, started=0.0).line(14.2) == "trace: conflicts: 14s elapsed"


def test_plain_lines_come_periodically_and_a_quick_run_prints_nothing() -> None:
    quick = io.StringIO()
    lines = PlainLines(quick, period=0.05)
    lines.thread.start()
    with progress.listening(lines), progress.stage("language"):
        progress.advance(3)
    lines.close()
    assert quick.getvalue() == ""

    slow = io.StringIO()
    lines = PlainLines(slow, period=0.02)
    lines.thread.start()
    with progress.listening(lines), progress.stage("trace: aligning pairs", 10):
        for _ in range(4):
            progress.advance()
            time.sleep(0.06)
    lines.close()
    printed = slow.getvalue().splitlines()
    assert len(printed) >= 2 and all(line.startswith("progress: trace: aligning pairs: ") for line in printed)
    assert any("/10 (" in line and "ETA" in line for line in printed[:-1])
    assert printed[-1].startswith("progress: trace: aligning pairs: done, 4 in ")
