"""The progress display of the commands: one line per stage with its name, its total, a rate and
an ETA on a terminal (rich); plain periodic lines on stderr otherwise (a pipe, a CI log)."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .. import progress as reporting

PERIOD = 5.0  # seconds between two plain progress lines


@dataclass
class StageClock:
    """One stage's count, total and start time."""

    name: str
    total: int | None
    started: float = field(default_factory=time.monotonic)
    done: int = 0

    def line(self, now: float) -> str:
        """``stage: done/total (pct), rate/s, ETA`` in plain words."""
        elapsed = max(now - self.started, 1e-9)
        if self.total is None and not self.done:  # a step without items: only its clock moves
            return f"{self.name}: {_duration(elapsed)} elapsed"
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        eta = ""
        if self.total is not None and rate > 0 and self.done < self.total:
            eta = f", ETA {_duration((self.total - self.done) / rate)}"
        return f"{self.name}: {count}{share}, {rate:.1f}/s, {_duration(elapsed)} elapsed{eta}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


class PlainLines:
    """Progress as plain lines on a stream: every PERIOD seconds while a stage runs (from a timer
    thread, so that a long step without items still shows), and at the end of a stage that ran
    that long; a run quicker than PERIOD prints nothing."""

    def __init__(self, stream: IO[str], period: float = PERIOD, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.period, self.clock = stream, period, clock
        self.stack: list[StageClock] = []
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._tick, name="progress", daemon=True)

    def _write(self, text: str) -> None:
        self.stream.write(f"progress: {text}\n")
        self.stream.flush()

    def _tick(self) -> None:
        while not self.stopped.wait(self.period):
            with self.lock:
                if self.stack:
                    self._write(self.stack[-1].line(self.clock()))

    def start(self, name: str, total: int | None) -> None:
        with self.lock:
            self.stack.append(StageClock(name, total, self.clock()))

    def advance(self, count: int) -> None:
        if self.stack:
            self.stack[-1].done += count

    def finish(self) -> None:
        with self.lock:
            if self.stack:
                ended = self.stack.pop()
                took = self.clock() - ended.started
                if took >= self.period:  # a stage that showed progress says it ended
                    count = f", {ended.done}" if ended.done or ended.total else ""
                    self._write(f"{ended.name}: done{count} in {_duration(took)}")

    def close(self) -> None:
        self.stopped.set()


class RateColumn(ProgressColumn):
    """Items a second, once rich has measured it."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")


class RichBars:
    """Progress as rich bars on a terminal, one per running stage (a nested stage under its
    parent), cleared at the end."""

    def __init__(self, console: Console) -> None:
        self.bars = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                             console=console, transient=True)
        self.tasks: list[TaskID] = []

    def start(self, name: str, total: int | None) -> None:
        self.tasks.append(self.bars.add_task(name, total=total))

    def advance(self, count: int) -> None:
        if self.tasks:
            self.bars.advance(self.tasks[-1], count)

    def finish(self) -> None:
        if self.tasks:
            self.bars.remove_task(self.tasks.pop())


@contextmanager
def stage_progress(console: Console, quiet: bool = False) -> Iterator[None]:
    """Show the analysis's progress by stage on ``console`` (a terminal: bars; else plain lines)."""
    if quiet:
        yield
        return
    if console.is_terminal:
        bars = RichBars(console)
        with bars.bars, reporting.listening(bars):
            yield
        return
    plain = PlainLines(console.file, PERIOD)
    plain.thread.start()
    try:
        with reporting.listening(plain):
            yield
    finally:
        plain.close()
