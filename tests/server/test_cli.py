"""`weightclear serve user` and `serve token`: letting people and CI robots in from the terminal."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from weightclear.registry.repo import Registry
from weightclear.server import auth


def test_users_and_tokens_are_made_from_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    env = {"WEIGHTCLEAR_PASSWORD": "a long password"}
    made = run_cli("serve", "user", "alice", "--role", "reviewer", "--db", db, env=env)
    assert made.exit_code == 0, made.stderr
    assert "user alice (reviewer) added" in made.stdout
    again = run_cli("serve", "user", "alice", "--role", "reviewer", "--db", db, env=env)
    assert again.exit_code == 2 and "already exists" in again.stderr
    bad_role = run_cli("serve", "user", "bob", "--role", "boss", "--db", db, env=env)
    assert bad_role.exit_code == 2 and "viewer, engineer, reviewer, admin" in bad_role.stderr
    token = run_cli("serve", "token", "alice", "--label", "laptop", "--db", db)
    assert token.exit_code == 0 and token.stdout.startswith("wct_")
    assert run_cli("serve", "token", "nobody", "--db", db).exit_code == 2
    with Registry.open(db) as reg:
        user = auth.user_for_token(reg.engine, token.stdout.strip())
        assert user is not None and user.name == "alice" and user.role is auth.Role.REVIEWER
        found = auth.find_user(reg.engine, "alice")
        assert found is not None and auth.check_password("a long password", found[1])
        assert not auth.check_password("wrong", found[1])
