"""The Typer application: one group module per command family, registered explicitly."""

from __future__ import annotations

import importlib
import sys

import typer

from weightclear import __version__

app = typer.Typer(
    name="weightclear",
    help=(
        "Licence clearance for open-weights AI models.\n\n"
        "Finds the models a codebase uses and under which licence version, checks every obligation "
        "of that version, screens use cases against the acceptable use policy, and keeps the "
        "sign-offs and the evidence."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"weightclear {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Licence clearance for open-weights AI models."""


#: (name, module under weightclear.cli, attribute, is a group) in the order of `weightclear --help`
_COMMANDS: tuple[tuple[str, str, str, bool], ...] = (
    ("licence", "licence", "app", True),
    ("registry", "registry", "app", True),
    ("deployments", "deployments", "app", True),
    ("signoff", "signoff", "app", True),
    ("waiver", "waiver", "app", True),
    ("audit", "audit", "app", True),
    ("backup", "backup", "app", True),
    ("init", "init", "init", False),
    ("scan", "scan", "scan", False),
    ("model", "model", "app", True),
    ("screen", "screen", "screen", False),
    ("serve", "serve", "app", True),
    ("report", "report", "app", True),
    ("compare", "compare", "compare", False),
)


def _invoked(argv: list[str]) -> str | None:
    """The command the console script was started with, when it names one of ours.

    Only for the ``weightclear`` script or ``python -m weightclear``: importing every command
    group costs about a second (pydantic, the knowledge schema, rich), and ``weightclear scan``
    needs only its own. ``--version`` alone needs none. Anything else (``--help``, an unknown
    name, a test run) registers all.
    """
    script = argv[0].replace("\\", "/") if argv else ""
    if not (script.endswith("/weightclear") or script.endswith("weightclear/__main__.py")):
        return None
    if argv[1:] == ["--version"]:
        return ""  # no command at all
    names = {name for name, *_ in _COMMANDS}
    return argv[1] if len(argv) > 1 and argv[1] in names else None


def _register(only: str | None = None) -> None:
    # Explicit registration (no import side effects, no globbing): a new command
    # group is one line in _COMMANDS. See ARCHITECTURE.md, "Command line".
    for name, module, attr, group in _COMMANDS:
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"weightclear.cli.{module}"), attr)
        if group:
            app.add_typer(target, name=name)
        else:
            app.command(name=name)(target)


_register(_invoked(sys.argv))
