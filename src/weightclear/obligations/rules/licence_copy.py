"""Ship a copy of the licence agreement with every copy of the materials.

Applies when the licence's redistribution terms require an agreement copy
(every Llama version, Gemma, Qwen, DeepSeek, OpenRAIL, Mistral, NVIDIA, ...).
Checked where weights leave the licensee: each shipped derivative folder
(``[[derivatives]] path`` with ``exposure = "distributed"``) and each bundled
model (``access = "bundled"``, or a product that ships weights), looking in
every folder holding the model's weights and their parent folders. The copy must be the official
text; a copy whose sections differ from it is reported too.

- ``LICENCE_COPY_MISSING`` (block): no copy of this licence version found.
- ``LICENCE_TEXT_MODIFIED`` (warn): the copy found differs from the official text.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import LicenceFileKind, Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, duty_note, reach
from weightclear.obligations.rule import Facts, Scope, Shipped, rule


@rule(
    C.LICENCE_COPY_MISSING,
    C.LICENCE_TEXT_MODIFIED,
    scope=(Scope.MODEL, Scope.DERIVATIVE),
    needs="redistribution.agreement_copy",
    severity=Severity.BLOCK,
)
def check(facts: Facts) -> Iterator[Result]:
    """Look for an identified copy of this licence version in the shipped folders."""
    terms = facts.terms
    duty = terms.redistribution if terms else None
    if terms is None or duty is None or not duty.agreement_copy or facts.via_outputs:
        return
    if facts.model is None and facts.derivative is None:
        return
    r = reach(facts)
    if r is not Reach.SHIPPED:
        yield facts.not_applicable(C.LICENCE_COPY_MISSING, duty_note(r), clause=duty.clause)
        return
    shipped = facts.shipped or Shipped(folders=())
    if not shipped.folders:
        fix = "Declare the folder that ships as [[derivatives]] path."
        yield facts.review(
            C.LICENCE_COPY_MISSING, "the shipped folder is not declared", clause=duty.clause, remediation=fix
        )
        return
    copies = [
        f for f in shipped.licence_files if f.licence_id == terms.id and f.kind is LicenceFileKind.AGREEMENT
    ]
    lacking = shipped.missing(c.location for c in copies)
    if lacking:
        folders = ", ".join(f or "." for f in lacking)
        fix = f"Ship the official {terms.title} text (e.g. as LICENSE) in {folders}."
        msg = f"no copy of {terms.title!r} in {folders}"
        at = facts.declared_at
        yield facts.violated(C.LICENCE_COPY_MISSING, msg, clause=duty.clause, locations=at, remediation=fix)
        return
    where = [c.location for c in copies]
    yield facts.met(
        C.LICENCE_COPY_MISSING, f"copy of {terms.title!r} found", clause=duty.clause, locations=where
    )
    modified = [c for c in copies if c.modified_sections]
    if modified:
        sections = ", ".join(sorted({s for c in modified for s in c.modified_sections}))
        msg = f"the copy differs from the official text in {sections}"
        fix = "Replace the copy with the unmodified official text."
        where = [c.location for c in modified]
        severity = Severity.WARN
        yield facts.violated(
            C.LICENCE_TEXT_MODIFIED,
            msg,
            clause=duty.clause,
            locations=where,
            remediation=fix,
            severity=severity,
        )
