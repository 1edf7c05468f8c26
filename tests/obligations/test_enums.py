"""Closed choices are mapped exhaustively: a new member without a mapping fails here."""

from __future__ import annotations

import datetime as dt

import pytest

from weightclear.context import Access, DeploymentContext, Distribution, Exposure, parse_config
from weightclear.model import Evidence, Severity, Status
from weightclear.obligations.reach import _EXPOSURE, Reach, duty_note, reach
from weightclear.obligations.rule import Facts
from weightclear.outputs.markdown import ICON, STATUS_LABEL
from weightclear.outputs.sarif import LEVEL


@pytest.mark.parametrize("mode", list(Distribution))
@pytest.mark.parametrize("access", [None, *Access])
def test_every_distribution_and_access_has_a_reach(mode: Distribution, access: Access | None) -> None:
    ctx = parse_config(f'[product]\ndistribution = "{mode}"\n')
    facts = Facts(context=ctx, evidence=Evidence(root="."), today=dt.date(2026, 1, 1), access=access)
    r = reach(facts)
    assert isinstance(r, Reach)
    assert duty_note(r)
    if mode in (Distribution.INTERNAL,) and access is not Access.THIRD_PARTY_PRODUCT:
        assert r is Reach.INTERNAL
    if (
        mode in (Distribution.END_USER, Distribution.RECIPIENT_INTEGRATED)
        or access is Access.THIRD_PARTY_PRODUCT
    ):
        assert r is Reach.END_USER


def test_no_distribution_declared_is_unknown() -> None:
    facts = Facts(context=DeploymentContext(), evidence=Evidence(root="."), today=dt.date(2026, 1, 1))
    assert reach(facts) is Reach.UNKNOWN


def test_every_exposure_has_a_reach() -> None:
    assert set(_EXPOSURE) == set(Exposure)


def test_outputs_map_every_status_and_severity() -> None:
    assert set(STATUS_LABEL) == set(Status)
    assert set(ICON) == set(Severity) == set(LEVEL)
