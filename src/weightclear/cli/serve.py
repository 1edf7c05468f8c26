"""`weightclear serve`: the web server for reviewers and CI; `serve user` / `serve token` to let people in."""

from __future__ import annotations

import os

import typer

from weightclear.errors import InputError

app = typer.Typer(
    help=(
        "Run the web server (REST API under /api/v1, pages for reviewers). SQLite by default; "
        "DATABASE_URL=postgresql+psycopg://... for teams. "
        "Set WEIGHTCLEAR_SECRET to the same value on every replica."
    ),
    invoke_without_command=True,
)

DB_HELP = "Registry database (path or URL). Default: DATABASE_URL, else the user's SQLite file."
DbOption = typer.Option(None, "--db", envvar="WEIGHTCLEAR_DB", help=DB_HELP, show_default=False)


@app.callback()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes (each is stateless)."),
    db: str | None = DbOption,
) -> None:
    """Run the web server (without a subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from weightclear.registry.db import resolve_url

    os.environ["WEIGHTCLEAR_SERVER_DB"] = resolve_url(db)
    if workers > 1 and not os.environ.get("WEIGHTCLEAR_SECRET"):
        raise InputError(
            "several workers need one WEIGHTCLEAR_SECRET, or their session cookies will not agree"
        )
    uvicorn.run(
        "weightclear.server.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        access_log=False,
    )


@app.command("user")
def user(
    name: str = typer.Argument(..., help="The person's login name (or a robot's, for CI)."),
    role: str = typer.Option(..., "--role", help="viewer, engineer, reviewer or admin."),
    password: bool = typer.Option(
        True, "--password/--no-password", help="Ask for a password (no: token only)."
    ),
    db: str | None = DbOption,
) -> None:
    """Add a user who can log in (or, with --no-password, a robot that uses tokens)."""
    from weightclear.server import auth
    from weightclear.server.app import open_engine

    try:
        parsed = auth.Role.parse(role)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    secret = os.environ.get("WEIGHTCLEAR_PASSWORD") or (
        typer.prompt("password", hide_input=True, confirmation_prompt=True) if password else None
    )
    with open_engine(db) as engine:
        try:
            made = auth.create_user(engine, name, parsed, secret)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    typer.echo(f"user {made.name} ({made.role.label}) added")


@app.command("token")
def token(
    name: str = typer.Argument(..., help="The user the token acts as."),
    label: str = typer.Option("token", "--label", help="What the token is for (e.g. the repository)."),
    db: str | None = DbOption,
) -> None:
    """Make an API token for a user; it is printed once and never stored."""
    from weightclear.server import auth
    from weightclear.server.app import open_engine

    with open_engine(db) as engine:
        found = auth.find_user(engine, name)
        if found is None:
            raise InputError(f"no user {name!r}: add one with `weightclear serve user`")
        _, value = auth.create_token(engine, found[0], label)
    typer.echo(value)
