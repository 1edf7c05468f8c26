"""The Jinja2 environment of the evidence pack: templates and CSS are package data."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2


def _cell(value: object) -> str:
    """A Markdown table cell: no pipes or line breaks that would break the row."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


@cache
def environment(autoescape: bool) -> jinja2.Environment:
    """HTML templates escape everything; the Markdown template escapes table cells with ``cell``."""
    loader = jinja2.PackageLoader("weightclear.outputs.evidence", "templates")
    env = jinja2.Environment(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = _cell
    return env


def stylesheet() -> str:
    """The pack's print stylesheet (also inlined into the HTML, so the page needs no other file)."""
    return resources.files("weightclear.outputs.evidence").joinpath("templates/pack.css").read_text("utf-8")
