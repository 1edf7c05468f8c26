"""`weightclear licence ...`: the terms of each licence version, diffs and text identification."""

from __future__ import annotations

import typer

from weightclear.cli import licence_terms
from weightclear.cli.licence_identify import identify

app = typer.Typer(
    help="Licence versions: list, show, diff, and identify licence texts.", no_args_is_help=True
)

# One line per command; each lives in its own module (licence_terms: list/show/diff).
app.command("list")(licence_terms.list_licences)
app.command("show")(licence_terms.show)
app.command("diff")(licence_terms.diff)
app.command("identify")(identify)
