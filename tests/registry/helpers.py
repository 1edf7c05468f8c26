"""Small helpers shared by the registry tests."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from tests.conftest import CliResult, run_cli

from weightclear.registry import Registry
from weightclear.registry.records import ChecklistItem, Decision, DeploymentInput, Request, Step

STEPS = {
    "--mau": "yes: 12M monthly active users in 2025-03 (finance report)",
    "--aup": "yes: customer support answers; screened, permitted",
    "--attribution": "yes: 'Built with Llama' on the About page",
    "--derivatives": "n/a: no weights leave the company",
}


def wc(db: str, *args: str, user: str | None = None) -> CliResult:
    """Run a registry command against ``db`` as ``user``."""
    extra = ["--db", db]
    if user:
        extra += ["--as", user]
    return run_cli(*args, *extra)


def ok(db: str, *args: str, user: str | None = None) -> CliResult:
    """Run a command that must succeed."""
    result = wc(db, *args, user=user)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def as_json(db: str, *args: str) -> Any:
    """Run a list command with --format json and parse it."""
    return json.loads(ok(db, *args, "--format", "json").stdout)


def checklist() -> list[str]:
    """The four checklist answers as CLI options."""
    return [part for option, value in STEPS.items() for part in (option, value)]


def populate(url: str) -> None:
    """Audit entries: owner 1, product 2, environment 3, deployment 4, sign-off 5, rejection 6, waiver 7."""
    with Registry.open(url) as reg:
        reg.set_attribution_owner("dev", "Acme", "Ann")
        reg.add_deployment(
            "dev", DeploymentInput(product="Acme", environment="prod", model_id="m", licence_id="llama-3")
        )
        checklist = tuple(ChecklistItem.parse(s, "yes: ok") for s in Step)
        req = Request(
            product="Acme",
            environment="prod",
            licence_id="llama-3",
            checklist=checklist,
            knowledge_digest="kb",
        )
        reg.request_signoff("dev", req)
        reg.decide_signoff("legal", 1, Decision.REJECTED, "no")
        reg.add_waiver(
            "legal",
            product="Acme",
            code="NOTICE_MISSING",
            licence_id=None,
            reason="r",
            expires=dt.date(2099, 1, 1),
        )
        assert reg.verify().ok
