"""The engine with a GovernanceSnapshot: registry waivers work exactly like weightclear.toml waivers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from obligations.wc_build import TODAY, run
from weightclear.model import Result

#: Llama 3.1 hosted with no monthly active users declared anywhere: MAU_UNDECLARED is the finding
UNDECLARED: dict[str, Any] = {
    "models": ["meta-llama/Llama-3.1-8B-Instruct"],
    "config": {"organisation": {"monthly_active_users": None}},
}


def _mau_undeclared(spec: dict[str, Any]) -> Result:
    [result] = [r for r in run(spec).results if r.code == "MAU_UNDECLARED"]
    return result


def _with_waivers(*waivers: dict[str, Any], config: dict[str, Any] | None = None) -> dict[str, Any]:
    spec = {**UNDECLARED, "registry": {"waivers": list(waivers)}}
    if config:
        spec["config"] = {**spec["config"], **config}
    return spec


def test_an_unexpired_registry_waiver_marks_the_finding_waived_and_keeps_it() -> None:
    waiver = {"code": "MAU_UNDECLARED", "licence": "llama-3.1", "expires": TODAY.isoformat(), "id": 7}
    result = _mau_undeclared(_with_waivers(waiver))
    assert not result.is_finding
    assert result.waived_by == f"registry waiver #7: MAU_UNDECLARED waived by legal until {TODAY}"


def test_an_expired_registry_waiver_silences_nothing_and_names_itself() -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    waiver = {"code": "MAU_UNDECLARED", "expires": yesterday.isoformat(), "id": 7}
    result = _mau_undeclared(_with_waivers(waiver))
    assert result.is_finding and result.waived_by is None
    assert result.message.endswith(f"waived by legal until {yesterday}' expired on {yesterday})")
    assert "registry waiver #7" in result.message


def test_a_registry_waiver_for_another_licence_or_code_does_not_apply() -> None:
    other_licence = {"code": "MAU_UNDECLARED", "licence": "llama-3", "expires": "2099-01-01"}
    other_code = {"code": "NOTICE_MISSING", "expires": "2099-01-01"}
    result = _mau_undeclared(_with_waivers(other_licence, other_code))
    assert result.is_finding and "waiver" not in result.message


def test_an_active_registry_waiver_wins_over_an_expired_config_waiver() -> None:
    expired = {
        "code": "MAU_UNDECLARED",
        "reason": "pilot",
        "approved_by": "Legal",
        "expires": dt.date(2020, 1, 1),
    }
    spec = _with_waivers({"code": "MAU_UNDECLARED", "expires": "2099-01-01", "id": 2})
    spec["config"] = {**spec["config"], "waivers": [expired]}
    result = _mau_undeclared(spec)
    assert result.waived_by is not None and result.waived_by.startswith("registry waiver #2")


def test_an_expired_config_waiver_still_points_at_its_line_next_to_a_registry_one() -> None:
    expired = {
        "code": "MAU_UNDECLARED",
        "reason": "pilot",
        "approved_by": "Legal",
        "expires": dt.date(2020, 1, 1),
    }
    spec = _with_waivers({"code": "MAU_UNDECLARED", "expires": "2021-01-01", "id": 2})
    spec["config"] = {**spec["config"], "waivers": [expired]}
    result = _mau_undeclared(spec)
    assert result.is_finding
    assert "expired on 2020-01-01" in result.message  # the config's waiver is named first
    assert any(loc.path == "weightclear.toml" and loc.line for loc in result.locations)


def test_a_registry_waiver_with_an_unreadable_expiry_silences_nothing() -> None:
    result = _mau_undeclared(_with_waivers({"code": "MAU_UNDECLARED", "expires": "someday"}))
    assert result.is_finding and result.waived_by is None
