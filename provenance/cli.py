"""Command-line interface: a thin typer layer over the Python API."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .corpus import CorpusError
from .pipeline import Analysis, Progress as ProgressCallback, analyze
from .report import print_summary, write_reports

app = typer.Typer(
    name="provenance",
    help="Trace where news wording comes from: translation artifacts, name variants, reuse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out_console = Console()
err_console = Console(stderr=True)

CorpusArg = typer.Argument(..., help="A folder of .txt/.md files, or a .jsonl, .csv/.tsv or .parquet file.")


class UserError(Exception):
    """A mistake in the user's input: reported as one line, exit status 2."""


def fail(message: str, code: int = 2) -> None:
    """Print one error line (never wrapped) and exit."""
    print(f"provenance: error: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """Print one warning line (never wrapped); the run goes on."""
    print(f"provenance: warning: {message}", file=sys.stderr, flush=True)


@contextmanager
def _progress(label: str) -> Iterator[ProgressCallback]:
    """A progress display on an interactive terminal; silent otherwise."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def _run_analysis(corpus: Path, id_field: str, text_field: str) -> Analysis:
    try:
        with _progress("analysing") as progress:
            return analyze(corpus, warn=warn, progress=progress, id_field=id_field, text_field=text_field)
    except (CorpusError, UserError) as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def _version(value: bool) -> None:
    if value:
        out_console.print(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """provenance: machine-translation artifacts, name variants and text reuse in news corpora."""


@app.command()
def report(
    corpus: Path = CorpusArg,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for report.json, report.md, report.html."),
    id_field: str = typer.Option("id", help="Id column of JSONL/CSV/Parquet records."),
    text_field: str = typer.Option("text", help="Text column of JSONL/CSV/Parquet records."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not print the summary."),
) -> None:
    """Analyse CORPUS and write report.json, report.md and report.html into --out."""
    if out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a folder")
    analysis = _run_analysis(corpus, id_field, text_field)
    try:
        paths = write_reports(analysis, out)
    except OSError as exc:
        fail(f"{exc.filename or out}: cannot write report ({exc.strerror or exc})")
    if not quiet:
        print_summary(analysis, out_console)
        out_console.print("wrote " + ", ".join(str(p) for p in paths.values()), highlight=False)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("provenance: interrupted")
        sys.exit(130)
