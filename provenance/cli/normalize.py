"""The steps of the ``normalize`` command: normalize, review, apply, undo."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

import typer

from .. import progress
from ..allocator import collector_paused
from ..corpus import Document, read_corpus
from ..engine import using
from ..normalize import (
    NormalizationPlan,
    NormalizeError,
    PlanOptions,
    listed_plan,
    plan_corpus,
    undo_normalization,
    write_normalization,
    write_plan,
)
from ..normalize.review import read_accepted, write_review
from .common import (
    EngineChoice,
    chosen_engine,
    chosen_glossary,
    err_console,
    out_console,
    ran,
    refuse_output_in_corpus,
    run_analysis,
)
from .errors import fail, user_errors, warn
from .progress import stage_progress


@dataclass(frozen=True)
class NameRun:
    """How normalize analyses a corpus: its glossary and fields, the stages (names alone, or with the
    translation verdicts for the originals' spellings), the engine, and whether only the glossary's
    listed spellings are looked for (``listed_only``: the fast pass, no analysis)."""

    glossary: list[str] | None
    id_field: str
    text_field: str
    stages: tuple[str, ...]
    engine: EngineChoice
    listed_only: bool = False

    def plan(self, corpus: Path, options: PlanOptions, *, candidates: bool = True
             ) -> tuple[list[Document], NormalizationPlan]:
        """The documents of ``corpus`` (every file whole: a normalized copy is written file by file)
        and the plan of their changes (with the competing ``candidates`` of each, for a review). The
        cyclic garbage collector waits meanwhile: the glossary, its index and the mentions are
        millions of objects it would walk again and again, and they hold no cycles to collect."""
        with collector_paused():
            return self._plan(corpus, options, candidates)

    def _plan(self, corpus: Path, options: PlanOptions, candidates: bool) -> tuple[list[Document], NormalizationPlan]:
        if self.listed_only:
            glossary = chosen_glossary(self.glossary)
            with user_errors(), stage_progress(err_console), chosen_engine(self.engine) as engine, using(engine):
                docs = list(read_corpus(corpus, warn=warn, id_field=self.id_field, text_field=self.text_field))
                with progress.stage("listed names", len(docs)):
                    return docs, listed_plan(docs, glossary, options)
        analysis = run_analysis(corpus, self.glossary, self.stages, self.id_field, self.text_field,
                                engine=self.engine, part_size=None)
        docs = [r.doc for r in analysis.documents]
        return docs, plan_corpus(docs, ran(analysis.names, "names"), options, analysis.glossary,
                                 candidates=candidates)


def output_folder(out: Path | None, corpus: Path | None = None) -> Path:
    """``--out``, checked: given, a new or empty folder, outside the corpus."""
    if out is None:
        fail("give --out DIR (or --review FILE to list the proposed changes)")
    if out.exists() and not out.is_dir():
        fail(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        fail(f"{out}: exists and is not empty (choose a new folder; nothing is overwritten)")
    if corpus is not None:
        refuse_output_in_corpus(out, corpus)
    return out


def run_undo(folder: Path, out: Path) -> None:
    """Restore the originals of the normalization in ``folder`` into ``out``."""
    with user_errors(NormalizeError):
        restored = undo_normalization(folder, out)
    for problem in restored.problems:
        warn(problem)
    out_console.print(f"restored {restored.documents} documents into {out} "
                      f"({restored.verified} verified byte for byte)", highlight=False)
    if restored.problems:
        raise typer.Exit(1)


def run_normalize(corpus: Path, out: Path, options: PlanOptions, mode: str, run: NameRun) -> None:
    """Normalize ``corpus`` into ``out``: every change the plan proposes."""
    # with the artifacts stage (--original-spellings), which tells originals from translations, names
    # the glossary lacks are rewritten to the originals' spelling, never to a machine translation's
    docs, plan = run.plan(corpus, options, candidates=False)
    with user_errors(NormalizeError):
        summary = write_plan(docs, plan, out, mode, source=corpus)
    out_console.print(f"normalized {summary.documents} documents into {out}: {summary.changed_documents} changed, "
                      f"{summary.changes} names rewritten (every change in {out / 'mentions.jsonl'}), "
                      f"{summary.uncertain} left as written as uncertain", highlight=False)
    _ending()


def run_review(corpus: Path, target: Path, options: PlanOptions, run: NameRun) -> None:
    """Write the proposed changes of ``corpus`` to the review file ``target`` (CSV or HTML)."""
    if target.exists() and not target.is_file():
        fail(f"{target}: exists and is not a file")
    refuse_output_in_corpus(target, corpus)
    docs, plan = run.plan(corpus, options)
    with user_errors(NormalizeError):
        written = write_review(target, plan.decisions, {d.id: d.text for d in docs})
    out_console.print(f"wrote {written} proposed changes to {target} ({len(plan.skips())} uncertain candidates "
                      f"left out); accept rows, then: provenance normalize {corpus} --apply FILE.csv --out DIR",
                      highlight=False)
    _ending()


def _ending() -> None:
    """The command is done: freeze what it leaves, so that the collection the interpreter makes as it
    exits does not walk it all (the index of a 100,000-entry glossary: 5 s)."""
    gc.freeze()


def run_apply(corpus: Path, review: Path, out: Path, mode: str, id_field: str, text_field: str) -> None:
    """Rewrite the accepted rows of the review CSV ``review`` into a normalized copy in ``out``."""
    with user_errors(NormalizeError):
        docs = list(read_corpus(corpus, warn=warn, id_field=id_field, text_field=text_field))
        edits = read_accepted(review, docs)
        types = sorted({edit.type for found in edits.values() for edit in found}) or ["person"]
        summary = write_normalization(docs, edits, out, types, mode, source=corpus)
    for problem in summary.skipped:
        warn(problem)
    out_console.print(f"applied {summary.changes} accepted changes to {summary.changed_documents} of "
                      f"{summary.documents} documents into {out} (every change in {out / 'mentions.jsonl'})",
                      highlight=False)


__all__ = ["NameRun", "output_folder", "run_apply", "run_normalize", "run_review", "run_undo"]
