"""Deployment scenarios: each asserts the exact set of findings (and that no others appear)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from obligations.wc_build import run

HERE = Path(__file__).parent


def _load() -> list[Any]:
    out = []
    for path in sorted(HERE.glob("scenarios_*.yaml")):
        for spec in yaml.safe_load(path.read_text(encoding="utf-8"))["scenarios"]:
            out.append(pytest.param(spec, id=spec["name"]))
    return out


SCENARIOS = _load()


@pytest.mark.parametrize("spec", SCENARIOS)
def test_scenario(spec: dict[str, Any]) -> None:
    assert spec.get("clause"), "every scenario names the clause it rests on"
    outcome = run(spec)
    assert outcome.findings == spec["expect"], "\n".join(
        f"{r.code} {r.status} {r.model}: {r.message}" for r in outcome.results if r.is_finding
    )


def test_there_are_at_least_sixty_scenarios() -> None:
    assert len(SCENARIOS) >= 60


def _licences() -> list[str]:
    from weightclear.knowledge import load

    return sorted(load().licences)


def _complete(licence: str, *, derivative: bool) -> dict[str, Any]:
    """A deployment that meets every duty the licence's terms name, built from those terms."""
    from weightclear.knowledge import load
    from weightclear.knowledge.schema import UseScope

    terms = load().licences[licence]
    product: dict[str, Any] = {}
    if terms.use_scope in (UseScope.NON_COMMERCIAL, UseScope.NON_PRODUCTION):
        product["commercial"] = False
    name = "Acme-Model"
    if terms.naming_prefix:
        name = f"{terms.naming_prefix.prefix}-Acme-Model"
    shown = [terms.attribution.text] if terms.attribution else []
    redistribution = terms.redistribution
    if redistribution and redistribution.derivative_statement:
        shown.append(name + " " + redistribution.derivative_statement.split("]", 1)[-1].strip())
    spec: dict[str, Any] = {
        "config": {"organisation": {"annual_revenue_usd": 1000}, "product": product},
        "evidence": {
            "attributions": [
                {"path": "docs/credits.md", "line": i + 1, "text": t} for i, t in enumerate(shown)
            ]
        },
    }
    entry = {"id": f"acme-test/{licence}", "family": terms.family, "licence": licence, "modality": "text"}
    if derivative:
        spec["catalogue"] = [entry]
        spec["config"]["derivatives"] = [{"name": name, "path": "rel", "base_model": [entry["id"]]}]
        spec["evidence"]["licence_files"] = [{"path": "rel/LICENSE", "licence": licence}]
        if redistribution and redistribution.notice_text:
            spec["evidence"]["notices"] = [{"path": "rel/NOTICE", "text": redistribution.notice_text}]
    else:
        spec["models"] = [{"id": entry["id"], "licence": licence, "modality": "text"}]
    return spec


@pytest.mark.parametrize("licence", _licences())
def test_a_complete_deployment_is_clean_under_every_licence(licence: str) -> None:
    outcome = run(_complete(licence, derivative=False))
    assert outcome.findings == {}, [r.message for r in outcome.results if r.is_finding]


@pytest.mark.parametrize("licence", _licences())
def test_a_complete_shipped_derivative_is_clean_under_every_licence(licence: str) -> None:
    outcome = run(_complete(licence, derivative=True))
    assert outcome.findings == {}, [r.message for r in outcome.results if r.is_finding]
