"""One-line errors and warnings on stderr, and the API's user-facing exceptions turned into them."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from ..corpus import CorpusError
from ..glossary import GlossaryError

__all__ = ["fail", "user_errors", "warn"]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one error line (never wrapped) and exit."""
    print(f"provenance: error: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """Print one warning line (never wrapped); the run goes on."""
    print(f"provenance: warning: {message}", file=sys.stderr, flush=True)


@contextmanager
def user_errors(*extra: type[Exception]) -> Iterator[None]:
    """Turn the user-facing exceptions of the API (and ``extra`` ones) into one-line errors."""
    expected: tuple[type[Exception], ...] = (CorpusError, GlossaryError, *extra)
    try:
        yield
    except expected as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
