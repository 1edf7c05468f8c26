"""Ship a Notice file holding the exact notice string.

Applies when the licence names a notice string (every Llama version, Gemma,
Qwen, Stability, Mistral, NVIDIA). With every copy of the materials that is
distributed, a text file named as a Notice file (``NOTICE``, ``Notice.txt``)
must hold the version's string, e.g. ``Llama 3.1 is licensed under the Llama
3.1 Community License, Copyright © Meta Platforms, Inc. All Rights
Reserved.`` Whitespace and the ``(c)``/``©`` spelling may vary; the words may
not. Checked in every shipped folder: each derivative's folder, and each
folder holding a bundled model's weights (or a folder above it).

- ``NOTICE_MISSING`` (block): no Notice file in the shipped folders.
- ``NOTICE_WRONG_TEXT`` (block): a Notice file exists but lacks the string.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, duty_note, reach
from weightclear.obligations.rule import Facts, Scope, Shipped, rule


def normalise(text: str) -> str:
    """Collapse whitespace and spell the copyright sign one way."""
    return " ".join(text.replace("(c)", "©").replace("(C)", "©").split())


@rule(
    C.NOTICE_MISSING,
    C.NOTICE_WRONG_TEXT,
    scope=(Scope.MODEL, Scope.DERIVATIVE),
    needs="redistribution.notice_text",
    severity=Severity.BLOCK,
)
def check(facts: Facts) -> Iterator[Result]:
    """Look for the exact notice string in the Notice files of the shipped folders."""
    duty = facts.terms.redistribution if facts.terms else None
    if (
        duty is None
        or not duty.notice_text
        or facts.via_outputs
        or (facts.model is None and facts.derivative is None)
    ):
        return
    clause = duty.notice_clause or duty.clause
    r = reach(facts)
    if r is not Reach.SHIPPED:
        yield facts.not_applicable(C.NOTICE_MISSING, duty_note(r), clause=clause)
        return
    shipped = facts.shipped or Shipped(folders=())
    fix = f"Add a NOTICE file containing exactly: {duty.notice_text}"
    if not shipped.folders:
        msg = "the shipped folder is not declared"
        yield facts.review(C.NOTICE_MISSING, msg, clause=clause, remediation="Declare [[derivatives]] path.")
        return
    wanted = normalise(duty.notice_text)
    good = [n.location for n in shipped.notices if wanted in normalise(n.text)]
    lacking = shipped.missing(good)
    if not lacking:
        yield facts.met(
            C.NOTICE_MISSING, "the Notice file holds the notice string", clause=clause, locations=good
        )
        return
    wrong = [
        n.location for n in shipped.notices if any(shipped.travels_with(f, n.location.path) for f in lacking)
    ]
    if wrong:
        msg = "the Notice file lacks the exact notice string"
        yield facts.violated(C.NOTICE_WRONG_TEXT, msg, clause=clause, locations=wrong, remediation=fix)
        return
    msg = f"no Notice file ships in {', '.join(f or '.' for f in lacking)}"
    yield facts.violated(C.NOTICE_MISSING, msg, clause=clause, locations=facts.declared_at, remediation=fix)
