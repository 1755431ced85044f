"""Command-line interface: a thin typer layer over the Python API.

``app`` is the ``provenance`` command; ``main`` is its console-script entry point. The
commands live in :mod:`.commands` (report, artifacts, trace, normalize), :mod:`.show` and :mod:`.glossary`.
"""
from __future__ import annotations

import signal
from typing import Annotated

import typer

from .. import __version__
from ..allocator import map_large_blocks
from ..interrupt import Interrupted, exit_interrupted
from .commands import artifacts, models, normalize, report, trace
from .common import out_console
from .errors import fail, user_errors, warn
from .glossary import glossary_app
from .show import show

__all__ = ["app", "fail", "main", "user_errors", "warn"]

app = typer.Typer(
    name="provenance",
    help="Trace where news wording comes from: translation artifacts, name variants, reuse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(glossary_app, name="glossary")
for command in (report, artifacts, trace, normalize, models):
    app.command()(command)
app.command()(show)


def _version(value: bool) -> None:
    if value:
        out_console.print(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool | None, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version.")] = None,
) -> None:
    """provenance: machine-translation artifacts, name variants and text reuse in news corpora."""


def main() -> None:
    """Run the command line (``provenance.interrupt.main`` is the console script, which handles
    SIGINT and SIGTERM from the first import on); large blocks of memory go back to the system
    when freed (:mod:`..allocator`)."""
    map_large_blocks()
    try:
        app()
    except KeyboardInterrupt:  # a caller that did not install the signal handlers
        exit_interrupted(Interrupted(signal.SIGINT))
    except Interrupted as stop:
        exit_interrupted(stop)
