"""Atomic file output: write to a temporary file beside the target, then rename over it."""
from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from pathlib import Path
from typing import NoReturn

from . import progress
from .allocator import release_free_memory


@lru_cache(maxsize=1)
def new_file_mode() -> int:
    """The mode a new file gets under the process's umask (a temporary file starts at 0600,
    which would keep reports on a shared drive from the colleagues who read them)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` so that readers never see a partial file."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (same-folder temporary file, then os.replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, new_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done, then let the first one through.

    Blocking them with a signal mask is not enough: the mask is the calling thread's, and a
    signal that another thread (a numerical library's) receives still runs the Python handler
    in the main thread, between two renames. Outside the main thread, where handlers cannot
    be changed, the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, lambda signum, _: caught.append(signum)) for signum in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            signal.raise_signal(caught[0])


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` (never replacing a file) with ``data``, its folders made as needed. For files
    inside a staging folder that is moved into place whole after :func:`flush_folder`: no file of
    its own needs a temporary name or a sync."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as handle:
        handle.write(data)


@contextmanager
def staged_folder(final: Path) -> Iterator[Path]:
    """A new staging folder beside ``final`` (a new or empty folder) to write a whole output into:
    when the block ends without error it is put on disk (:func:`flush_folder`) and moved into
    place at once; otherwise it is removed, and ``final`` is left as it was."""
    staging = final.parent / f".{final.name}.partial-{os.getpid()}"
    staging.mkdir(parents=True)
    try:
        yield staging
        flush_folder(staging)
        if final.exists():
            final.rmdir()
        staging.rename(final)
        sync_parent(final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def flush_folder(folder: Path) -> None:
    """Put everything written under ``folder`` on disk before it is moved into place: one
    ``sync`` where the system has it (a few milliseconds, against one ``fsync`` per file, which for
    10,000 small files took 3 s), else an ``fsync`` of each file."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb+") as handle:
                os.fsync(handle.fileno())


def sync_parent(path: Path) -> None:
    """Make a rename into ``path``'s folder durable (POSIX: fsync the folder; elsewhere nothing to
    do). Best effort: the rename is made, and some file systems (network ones) refuse a folder's
    fsync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_texts_atomic(files: dict[Path, str | Iterable[str]], alongside: Collection[Path] = ()) -> None:
    """Write several UTF-8 files as one set: each goes to a temporary file beside its target
    first, and only when all are written are they renamed into place, with SIGINT and SIGTERM
    held back meanwhile (:func:`signals_held`), so that the folder shows either the old set or
    the new one. A file's text may be a string or an iterable of pieces, written as they come
    (a streamed report.json). The files ``alongside`` are written meanwhile by a child process on
    another core (:class:`ForkedWriter`), where the system forks; elsewhere after the others."""
    written: list[tuple[str, Path]] = []
    opened: dict[Path, int] = {}
    child: ForkedWriter | None = None
    try:
        for path in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            opened[path] = fd
            written.append((tmp, path))
            os.chmod(tmp, new_file_mode())
        apart = [path for path in files if path in alongside]
        if apart and ForkedWriter.available():
            child = ForkedWriter.start({opened[path]: (path, files[path]) for path in apart})
            for path in apart:  # the child's now (the parent closed its copies)
                del opened[path]
        for path in list(opened):
            _write_pieces(opened.pop(path), files[path])
        if child is not None:
            with progress.stage(f"finishing {', '.join(path.name for path in apart)}"):
                child.wait()
            child = None
        with signals_held():
            for tmp, path in written:
                os.replace(tmp, path)
    except BaseException:
        if child is not None:
            child.stop()
        for fd in opened.values():
            os.close(fd)
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise


def _write_pieces(fd: int, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string or its pieces) as UTF-8 to the open file ``fd``, synced and closed."""
    with os.fdopen(fd, "wb") as handle:
        for piece in [text] if isinstance(text, str) else text:
            handle.write(piece.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


class ForkedWriter:
    """A child process writing files (to descriptors its parent opened) while the parent writes
    others: forked, it reads the parent's objects where they are, copying only the memory pages it
    touches, with no pickling. Linux only (macOS's system libraries do not survive a fork of a
    process with threads). The child leaves the parent's progress display and terminal alone,
    ignores Ctrl-C (the parent stops it), and reports a failure through a pipe."""

    def __init__(self, pid: int, errors: int) -> None:
        self.pid = pid
        self.errors = errors

    @staticmethod
    def available(max_resident: int | None = None) -> bool:
        """Whether this system forks as the writer needs, with the memory to spare: a child may come
        to copy every page of its parent it reads (at 100,000 documents of 3 KB the child writing
        report.md and report.json took 2.2 GB of its own beside the parent's 2.7), so it is forked
        only while the memory the system has available exceeds this process's resident size, and
        that size is under ``max_resident`` bytes when given."""
        return sys.platform.startswith("linux") and hasattr(os, "fork") and _spare_memory(max_resident)

    @classmethod
    def start(cls, files: dict[int, tuple[Path, str | Iterable[str]]]) -> ForkedWriter:
        """Fork a child that writes each of ``files`` (an open descriptor, and the file it stands for
        and its text) and exits; the descriptors are the child's from then on. Until the child is
        done, the objects it shares are left out of this process's garbage collections
        (``gc.freeze``): a full collection writes to every object it walks, and each page written
        is copied. Writing the reports of 10,000 documents, the parent made one; all processes'
        peak went 860-865 -> 803-826 MB with the freeze (four runs each)."""
        gc.freeze()
        try:
            pid, read_end = fork_quietly(partial(_write_files, files))
        except BaseException:
            gc.unfreeze()
            raise
        for fd in files:
            os.close(fd)
        return cls(pid, read_end)

    def wait(self) -> None:
        """Wait for the child; its error, if it failed, raised here as an OSError."""
        errors, self.errors = self.errors, -1
        try:
            with os.fdopen(errors, "rb") as pipe:
                message = pipe.read().decode("utf-8", "replace")
            _, status = os.waitpid(self.pid, 0)
        finally:
            gc.unfreeze()
        self.pid = 0
        if status:
            raise OSError(message or f"the process writing alongside ended with status {status}")

    def stop(self) -> None:
        """Kill the child (the parent failed or was interrupted) and wait for it."""
        if self.pid:
            kill_child(self.pid)
            gc.unfreeze()
        if self.errors >= 0:
            os.close(self.errors)


def _spare_memory(max_resident: int | None = None) -> bool:
    """Whether the memory available (``MemAvailable``) exceeds this process's resident size, and that
    size is under ``max_resident`` bytes (when given)."""
    try:
        available = _kilobytes(Path("/proc/meminfo").read_text(), "MemAvailable:")
        resident = _kilobytes(Path("/proc/self/status").read_text(), "VmRSS:")
    except (OSError, ValueError, StopIteration):
        return False
    return available > resident and (max_resident is None or resident * 1024 < max_resident)


def _kilobytes(table: str, field: str) -> int:
    """The value (kB) of ``field`` in a /proc table."""
    line = next(line for line in table.splitlines() if line.startswith(field))
    return int(line.split()[1])


def fork_quietly(body: Callable[[int], int]) -> tuple[int, int]:
    """Fork a child whose whole life is ``body(write_end)``, the write end of a pipe to this process,
    and return the child's pid and the read end. The child leaves the parent's progress display and
    terminal alone, ignores Ctrl-C (the parent stops it), collects no garbage (a collection would
    walk, and copy, every object it shares with the parent) and exits with ``body``'s status (1 if
    it raised) without the interpreter's clean-up, which would walk them too. What this process freed
    goes back to the system first (:func:`~provenance.allocator.release_free_memory`): the report
    writer's caller lets the analysis go just before."""
    release_free_memory()
    read_end, write_end = os.pipe()
    try:
        with warnings.catch_warnings():  # 3.12 warns of forking with threads: the child takes none of their locks
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except BaseException:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:
        _child_life(body, read_end, write_end)
    os.close(write_end)
    return pid, read_end


def _child_life(body: Callable[[int], int], read_end: int, write_end: int) -> NoReturn:
    code = 1
    try:
        os.close(read_end)
        gc.disable()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        with progress.silenced(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a warning would write to the parent's terminal
            code = body(write_end)
    finally:
        os._exit(code)


def kill_child(pid: int) -> None:
    """Kill the forked child ``pid`` (0: none) and wait for it."""
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _write_files(files: dict[int, tuple[Path, str | Iterable[str]]], errors: int) -> int:
    """The writer child's work: write the files; a failure goes to the parent through ``errors``, as one line."""
    writing = ""
    try:
        for fd, (path, text) in files.items():
            writing = f"{path}: "
            _write_pieces(fd, text)
    except BaseException as error:
        message = f"{writing}{getattr(error, 'strerror', None) or error or type(error).__name__}"
        os.write(errors, message.encode("utf-8", "replace")[:4000])
        return 1
    return 0
