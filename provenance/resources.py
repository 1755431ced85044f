"""Reading the package's tab-separated data files, by column name.

A data file's lines starting with ``#`` are comments and blank lines are skipped; the first
other line names the columns, and every row after it becomes a dict keyed by those names
(cells stripped; a row's missing trailing cells are absent), so that a new column never shifts
the meaning of the others.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def data_lines(path: Path) -> Iterator[str]:
    """The non-comment, non-empty lines of a data file, stripped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.strip()


def read_rows(path: Path) -> tuple[dict[str, str], ...]:
    """The rows of a data file with a header line, as dicts by column name."""
    lines = data_lines(path)
    header = [cell.strip() for cell in next(lines).split("\t")]
    return tuple(dict(zip(header, (cell.strip() for cell in line.split("\t")), strict=False)) for line in lines)
