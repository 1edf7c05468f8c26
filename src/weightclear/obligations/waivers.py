"""Waivers: a recorded, expiring decision to accept one finding.

A waiver silences a finding only while it is unexpired, and the result keeps
``waived_by`` so every output still lists it. An expired waiver does not
silence anything: the finding comes back with a note that names the waiver,
pointing at its ``expires`` line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from weightclear.context import DeploymentContext, Waiver
from weightclear.errors import ConfigError
from weightclear.model import Result
from weightclear.obligations.codes import FindingCode


def check_waivers(context: DeploymentContext) -> None:
    """A waiver whose code does not exist would waive nothing, silently: refuse it."""
    codes = {str(c) for c in FindingCode}
    for index, waiver in enumerate(context.waivers):
        if waiver.code not in codes:
            where = context.location("waivers", index, "code")
            raise ConfigError(
                f"unknown finding code {waiver.code!r}",
                path=context.path,
                key=f"waivers.{index}.code",
                line=where.line if where else None,
            )


def _matches(waiver: Waiver, result: Result) -> bool:
    return (
        waiver.code == result.code
        and waiver.licence in (None, result.licence)
        and waiver.model in (None, result.model)
    )


def _reference(waiver: Waiver) -> str:
    return waiver.reference or f"{waiver.code} waived by {waiver.approved_by} until {waiver.expires}"


def apply_waivers(
    results: Iterable[Result], context: DeploymentContext, today: dt.date
) -> tuple[Result, ...]:
    """Mark findings covered by an unexpired waiver; annotate those whose waiver expired."""
    out: list[Result] = []
    for result in results:
        if result.is_finding:
            result = _waive(result, context, today)
        out.append(result)
    return tuple(out)


def _waive(result: Result, context: DeploymentContext, today: dt.date) -> Result:
    expired: list[tuple[int, Waiver]] = []
    for index, waiver in enumerate(context.waivers):
        if not _matches(waiver, result):
            continue
        if waiver.expires >= today:
            return replace(result, waived_by=_reference(waiver))
        expired.append((index, waiver))
    if not expired:
        return result
    index, waiver = expired[0]
    where = context.location("waivers", index, "expires")
    note = f" (waiver {_reference(waiver)!r} expired on {waiver.expires})"
    return replace(
        result, message=result.message + note, locations=(*result.locations, *([where] if where else []))
    )
