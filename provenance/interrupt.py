"""Interruption: SIGINT and SIGTERM end a run cleanly, at any moment, imports included.

Both signals raise :class:`Interrupted`, which is not an ``Exception``: no ``except Exception``
swallows it, typer does not turn it into "Aborted!", and every ``finally`` on the way out runs
(atomic writes remove their temporary files). The entry point prints one line and exits with
128 + the signal number (130 for Ctrl-C, 143 for SIGTERM). Because a library may catch every
exception (langdetect's profile loader does), the pipeline also calls :func:`check` between
stages and documents, which raises again for a signal that was swallowed.
"""
from __future__ import annotations

import signal
import sys
from types import FrameType


class Interrupted(BaseException):
    """The run was stopped by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []
"""The signals received so far: a library that catches every exception (langdetect's profile
loader does) can swallow the first raise, so the pipeline also checks this between steps."""


def _stop(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    raise Interrupted(signum)


def check() -> None:
    """Raise :class:`Interrupted` again if a signal came in and its first raise was swallowed."""
    if _received:
        raise Interrupted(_received[0])


def install() -> None:
    """Make SIGINT and SIGTERM raise :class:`Interrupted`. Raised where Python cannot pass an
    exception on (a weakref callback, such as the import system's module locks, or a ``__del__``),
    it would be printed with a traceback and dropped: it is dropped quietly instead, and
    :func:`check` raises it again."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    sys.unraisablehook = _unraisable


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


def exit_interrupted(stop: Interrupted) -> None:
    """Say that the run was interrupted, in one line, and exit with 128 + the signal number."""
    print("provenance: interrupted", file=sys.stderr, flush=True)
    raise SystemExit(128 + stop.signum)


def main() -> None:
    """The ``provenance`` command: signals handled before the command's modules are imported."""
    install()
    try:
        from .cli import main as run

        run()
        check()  # a run that finished although a signal came in still says so
    except Interrupted as stop:
        exit_interrupted(stop)
    except (Exception, SystemExit) as failure:
        # a library that failed, or a command that gave up, because the signal cut it short (a
        # worker pool torn down as it started) was interrupted all the same
        if _received and not (isinstance(failure, SystemExit) and failure.code in (None, 0)):
            exit_interrupted(Interrupted(_received[0]))
        raise
