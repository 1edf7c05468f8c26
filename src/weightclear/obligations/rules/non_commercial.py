"""Respect a non-commercial or non-production licence.

Applies by the licence's use scope. Research licences (Qwen and Tongyi
Qianwen RESEARCH, Mistral Research, Stability non-commercial research) allow
only non-commercial research or evaluation; the Mistral Non-Production
License allows testing, research, personal and evaluation use outside
production, and no hosted or commercial offering. Under Stability's
Community Licence commercial use is allowed once registered with Stability.
``[product] commercial = false`` declares a research or evaluation use;
a company's product offered to others is taken as commercial.

- ``NON_COMMERCIAL_LICENCE`` (block): commercial or production use of such a
  model; ``review`` when the purpose is not declared.
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.context import LicenseeType
from weightclear.knowledge.schema import UseScope
from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, reach
from weightclear.obligations.rule import Facts, Scope, rule

CODE = C.NON_COMMERCIAL_LICENCE
LIMITED = (UseScope.NON_COMMERCIAL, UseScope.NON_PRODUCTION)


@rule(CODE, scope=(Scope.MODEL, Scope.DERIVATIVE), needs="use_scope", severity=Severity.BLOCK)
def check(facts: Facts) -> Iterator[Result]:
    """Compare the declared purpose and reach with the licence's use scope."""
    terms = facts.terms
    if terms is None or (facts.model is None and facts.derivative is None):
        return
    research_outputs = bool(terms.output_use and terms.output_use.research_only)
    if facts.via_outputs and not research_outputs:
        return
    clause, commercial = terms.use_scope_clause, facts.context.product.commercial
    if terms.use_scope is UseScope.COMMERCIAL_REGISTERED and commercial is not False:
        yield facts.met(CODE, "commercial use is allowed once registered with the licensor", clause=clause)
    if terms.use_scope not in LIMITED:
        return
    where = [facts.context.location("product", "commercial")]
    r = reach(facts)
    if commercial is False or r is Reach.END_USER:
        yield facts.met(
            CODE, f"{terms.use_scope} licence; use declared non-commercial", clause=clause, locations=where
        )
        return
    fix = "Use the model for research or evaluation only, or obtain a commercial licence."
    msg = f"{terms.title} is a {terms.use_scope} licence"
    company = facts.context.organisation.licensee_type is LicenseeType.COMPANY
    if commercial or (company and r in (Reach.AVAILABLE, Reach.SHIPPED)):
        yield facts.violated(
            CODE, f"{msg}, and this use is commercial", clause=clause, locations=where, remediation=fix
        )
    else:
        yield facts.review(
            CODE, f"{msg}; declare product.commercial in weightclear.toml", clause=clause, remediation=fix
        )
