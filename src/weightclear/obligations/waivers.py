"""Waivers: a recorded, expiring decision to accept one finding.

Waivers come from ``[[waivers]]`` in ``weightclear.toml`` and from the
registry (``weightclear waiver add``, carried in the GovernanceSnapshot); both
work the same way. A waiver silences a finding only while it is unexpired,
and the result keeps ``waived_by`` so every output still lists it. An expired
waiver does not silence anything: the finding comes back with a note that
names the waiver, pointing at its ``expires`` line when it is in the config.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from weightclear.context import DeploymentContext, Waiver
from weightclear.errors import ConfigError
from weightclear.model import GovernanceSnapshot, Location, Result, WaiverState
from weightclear.obligations.codes import FindingCode


@dataclass(frozen=True, kw_only=True)
class _Candidate:
    """A waiver of either source, reduced to what matching and reporting need."""

    code: str
    licence: str | None
    model: str | None
    expires: dt.date
    reference: str
    where: Location | None = None  # the config's `expires` line; None for the registry


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


def _from_config(index: int, waiver: Waiver, context: DeploymentContext) -> _Candidate:
    ref = waiver.reference or f"{waiver.code} waived by {waiver.approved_by} until {waiver.expires}"
    return _Candidate(
        code=waiver.code,
        licence=waiver.licence,
        model=waiver.model,
        expires=waiver.expires,
        reference=ref,
        where=context.location("waivers", index, "expires"),
    )


def _from_registry(waiver: WaiverState) -> _Candidate | None:
    try:
        expires = dt.date.fromisoformat(waiver.expires)
    except ValueError:
        return None  # the registry only stores ISO dates; anything else cannot silence a finding
    number = f" #{waiver.waiver_id}" if waiver.waiver_id is not None else ""
    ref = f"registry waiver{number}: {waiver.code} waived by {waiver.approved_by} until {expires}"
    return _Candidate(
        code=waiver.code.upper(), licence=waiver.licence_id, model=None, expires=expires, reference=ref
    )


def candidates(context: DeploymentContext, governance: GovernanceSnapshot | None) -> tuple[_Candidate, ...]:
    """Every waiver to consider: the config's first, then the registry's."""
    found = [_from_config(i, w, context) for i, w in enumerate(context.waivers)]
    for state in governance.waivers if governance else ():
        if (item := _from_registry(state)) is not None:
            found.append(item)
    return tuple(found)


def _matches(waiver: _Candidate, result: Result) -> bool:
    return (
        waiver.code == result.code
        and waiver.licence in (None, result.licence)
        and waiver.model in (None, result.model)
    )


def apply_waivers(
    results: Iterable[Result],
    context: DeploymentContext,
    today: dt.date,
    governance: GovernanceSnapshot | None = None,
) -> tuple[Result, ...]:
    """Mark findings covered by an unexpired waiver; annotate those whose waiver expired."""
    waivers = candidates(context, governance)
    out: list[Result] = []
    for result in results:
        if result.is_finding and waivers:
            result = _waive(result, waivers, today)
        out.append(result)
    return tuple(out)


def _waive(result: Result, waivers: tuple[_Candidate, ...], today: dt.date) -> Result:
    matching = [w for w in waivers if _matches(w, result)]
    for waiver in matching:
        if waiver.expires >= today:
            return replace(result, waived_by=waiver.reference)
    if not matching:
        return result
    waiver = matching[0]  # every match has expired: name the first, as a config reader would look
    note = f" (waiver {waiver.reference!r} expired on {waiver.expires})"
    where = (waiver.where,) if waiver.where else ()
    return replace(result, message=result.message + note, locations=(*result.locations, *where))
