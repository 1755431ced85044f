"""The ``glossary`` commands: check, import, export and suggest."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..glossary import (
    check_glossary,
    default_glossary_paths,
    export_table,
    export_tbx,
    import_table,
    import_tbx,
    write_glossary,
)
from .common import CorpusArg, GlossaryOpt, IdFieldOpt, TextFieldOpt, chosen_glossary, out_console, ran, run_analysis
from .errors import fail, user_errors

__all__ = ["glossary_app"]

glossary_app = typer.Typer(help="Check, convert and extend glossaries.", no_args_is_help=True)


@glossary_app.command("check")
def glossary_check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Glossary folders or files (default: the bundled glossary).")] = None,
) -> None:
    """Report duplicate ids, ambiguous aliases, bad dates and other problems (file:line)."""
    chosen = list(paths) if paths else default_glossary_paths()
    with user_errors():
        problems = check_glossary(chosen)
    for problem in problems:
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    errors = sum(p.severity == "error" for p in problems)
    out_console.print(f"{errors} errors, {len(problems) - errors} warnings", highlight=False)
    if errors:
        raise typer.Exit(1)


@glossary_app.command("import")
def glossary_import(
    source: Annotated[Path, typer.Argument(help="A TBX file, or a two-column CSV/TSV (variant, canonical).")],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write NAME.entities.tsv and NAME.aliases.tsv into.")],
    name: Annotated[str, typer.Option(help="Name of the glossary pair.")] = "imported",
    source_lang: Annotated[str | None, typer.Option(help="Language of the table's first column.")] = None,
    target_lang: Annotated[str | None, typer.Option(help="Language of the table's second column.")] = None,
) -> None:
    """Convert a TBX or CSV/TSV glossary into the provenance format."""
    with user_errors():
        if source.suffix.lower() in (".tbx", ".xml"):
            imported = import_tbx(source)
        else:
            imported = import_table(source, source_lang=source_lang, target_lang=target_lang)
        files = write_glossary(imported, out, name)
    out_console.print(f"imported {len(imported)} entries into {files[0]} and {files[1]}", highlight=False)


@glossary_app.command("export")
def glossary_export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Target file: .tbx, .csv or .tsv.")],
    glossary: GlossaryOpt = None,
    lang: Annotated[str | None, typer.Option(
        help="Only aliases of this language (tables), or the TBX default language.")] = None,
) -> None:
    """Export a glossary as TBX-Basic or as a two-column table (variant, canonical)."""
    with user_errors():
        chosen = chosen_glossary(glossary)
        if chosen is None:
            fail("nothing to export: no glossary")
        if out.suffix.lower() == ".tbx":
            export_tbx(chosen, out, lang=lang or "en")
        elif out.suffix.lower() in (".csv", ".tsv"):
            export_table(chosen, out, lang=lang)
        else:
            fail(f"{out}: unknown export format (use .tbx, .csv or .tsv)")
    out_console.print(f"exported {len(chosen)} entries to {out}", highlight=False)


@glossary_app.command("suggest")
def glossary_suggest(
    corpus: CorpusArg,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder to write the proposed NAME.entities.tsv/aliases.tsv into.")],
    name: Annotated[str, typer.Option(help="Name of the proposed glossary pair.")] = "suggested",
    glossary: GlossaryOpt = None,
    min_mentions: Annotated[int, typer.Option(help="Propose only names mentioned at least this often.")] = 2,
    id_field: IdFieldOpt = "id",
    text_field: TextFieldOpt = "text",
) -> None:
    """Propose glossary entries for names the corpus mentions but the glossary lacks (named
    after their spelling in the corpus's English originals when it has some)."""
    from ..names import suggest_entries

    analysis = run_analysis(corpus, glossary, ("names", "artifacts"), id_field, text_field)
    with user_errors():
        drafts = suggest_entries(ran(analysis.names, "names"), analysis.glossary, min_mentions=min_mentions)
        files = write_glossary(drafts, out, name)
    for entry in drafts:
        variants = ", ".join(a.text for a in entry.aliases)
        out_console.print(f"{entry.id}\t{entry.type}\t{entry.canonical}\t{variants}",
                          markup=False, highlight=False, soft_wrap=True)
    out_console.print(f"proposed {len(drafts)} entries in {files[0]} and {files[1]}", highlight=False)
