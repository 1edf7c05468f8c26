"""Display the licence's attribution string ("Built with Llama", "Built with Qwen", ...).

Applies when the licence has an attribution duty. Llama 3 requires
``Built with Meta Llama 3``; Llama 3.1 and later ``Built with Llama``; Qwen
``Built with Qwen`` (or ``Improved using Qwen``); Stability ``Powered by
Stability AI``; NVIDIA Cosmos models ``Built on NVIDIA Cosmos``. Where the
duty covers only models built with the materials (Qwen), it is checked for
``[[derivatives]]`` only, not for a product that calls the model. The string
must be shown prominently on a related public surface: website, user
interface, blog post, about page or product documentation. The duty arises
when the materials, a derivative, or a product that uses them are
distributed or made available; internal use has none.

The scan looks for the exact string on the surfaces declared in
``[product] attribution_surfaces`` (default: the whole tree), through markup
(HTML, JSX/TSX, Markdown, i18n JSON), even when split by tags.

- ``ATTRIBUTION_MISSING`` (block): no display string found.
- ``ATTRIBUTION_WRONG_TEXT`` (block): a related string is shown but not the
  exact one of this version (``Built with Meta Llama 3`` for a Llama 3.1
  model, or different capitals).
"""

from __future__ import annotations

from collections.abc import Iterator

from weightclear.model import Result, Severity
from weightclear.obligations.codes import FindingCode as C
from weightclear.obligations.reach import Reach, brand_words, display_duty, duty_note, reach
from weightclear.obligations.rule import Facts, Scope, rule


@rule(
    C.ATTRIBUTION_MISSING,
    C.ATTRIBUTION_WRONG_TEXT,
    scope=(Scope.MODEL, Scope.DERIVATIVE),
    needs="attribution",
    severity=Severity.BLOCK,
)
def check(facts: Facts) -> Iterator[Result]:
    """Look for the exact display string on the declared public surfaces."""
    duty = display_duty(facts)
    if duty is None:
        return
    r = reach(facts)
    if r in (Reach.INTERNAL, Reach.END_USER):
        yield facts.not_applicable(C.ATTRIBUTION_MISSING, duty_note(r), clause=duty.clause)
        return
    wanted = (duty.text, *duty.alternatives)
    exact = [a.location for a in facts.surface_attributions if any(w in a.text for w in wanted)]
    if exact:
        yield facts.met(
            C.ATTRIBUTION_MISSING, f"{duty.text!r} is displayed", clause=duty.clause, locations=exact
        )
        return
    brand = brand_words(duty.text)
    near = [
        a
        for a in facts.surface_attributions
        if brand & brand_words(a.text) or a.text.lower() == duty.text.lower()
    ]
    fix = f"Show {duty.text!r} prominently on a public surface ({', '.join(duty.surfaces)})."
    if near:
        shown = ", ".join(sorted({repr(a.text) for a in near}))
        msg = f"shows {shown} but this version requires exactly {duty.text!r}"
        where = [a.location for a in near]
        yield facts.violated(
            C.ATTRIBUTION_WRONG_TEXT, msg, clause=duty.clause, locations=where, remediation=fix
        )
        return
    unsure = " (distribution not declared)" if r is Reach.UNKNOWN else ""
    msg = f"{duty.text!r} is not displayed on any declared surface{unsure}"
    if r is Reach.UNKNOWN:
        yield facts.review(C.ATTRIBUTION_MISSING, msg, clause=duty.clause, remediation=fix)
    else:
        yield facts.violated(C.ATTRIBUTION_MISSING, msg, clause=duty.clause, remediation=fix)
