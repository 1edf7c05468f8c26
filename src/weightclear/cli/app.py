"""The Typer application: one group module per command family, registered explicitly."""

from __future__ import annotations

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
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Licence clearance for open-weights AI models."""


def _register() -> None:
    # Explicit registration (no import side effects, no globbing): a new command
    # group is one line here. See ARCHITECTURE.md, "Command line".
    from weightclear.cli import licence

    app.add_typer(licence.app, name="licence")
    from weightclear.cli import audit, backup, deployments, registry, signoff, waiver

    app.add_typer(registry.app, name="registry")
    app.add_typer(deployments.app, name="deployments")
    app.add_typer(signoff.app, name="signoff")
    app.add_typer(waiver.app, name="waiver")
    app.add_typer(audit.app, name="audit")
    app.add_typer(backup.app, name="backup")
    from weightclear.cli import init

    app.command(name="init")(init.init)
    from weightclear.cli import model, scan

    app.command(name="scan")(scan.scan)
    app.add_typer(model.app, name="model")
    from weightclear.cli import screen

    app.command(name="screen")(screen.screen)
    from weightclear.cli import serve

    app.add_typer(serve.app, name="serve")
    from weightclear.cli import compare, report

    app.add_typer(report.app, name="report")
    app.command(name="compare")(compare.compare)


_register()
