"""The command line: thin Typer commands that parse, call the library, print and exit."""

from weightclear.cli.exit import main

__all__ = ["main"]
