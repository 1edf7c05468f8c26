"""`weightclear licence ...`: the terms of each licence version, diffs and text identification."""

from __future__ import annotations

import typer

app = typer.Typer(help="Licence versions: list, show, diff, and identify licence texts.", no_args_is_help=True)
