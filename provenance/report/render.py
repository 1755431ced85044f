"""Human-readable reports (Markdown and self-contained HTML) rendered with Jinja2."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=2)
def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("provenance.report", "templates"),
        autoescape=select_autoescape(["html.j2"]) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda value: f"{100 * value:.0f}%"
    return env


def render_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown."""
    return _environment(False).get_template("report.md.j2").render(report=report)


def render_html(report: dict[str, Any], texts: dict[str, str]) -> str:
    """The report as one self-contained HTML page (no external resources)."""
    return _environment(True).get_template("report.html.j2").render(report=report, texts=texts)
