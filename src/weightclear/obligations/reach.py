"""How far a model or derivative reaches beyond the licensee: the trigger of most duties.

Licences attach duties to distributing or making available the materials;
internal use triggers none of them, and someone who only uses another's
product is not the one who distributes. These helpers read that from the
deployment facts so that every rule decides it the same way.
"""

from __future__ import annotations

import re
from enum import StrEnum
from fnmatch import fnmatch

from weightclear.context import SHIPS_WEIGHTS, Access, Distribution, Exposure
from weightclear.knowledge.schema import AttributionDuty
from weightclear.obligations.rule import Facts


class Reach(StrEnum):
    UNKNOWN = "unknown"  # distribution not declared
    END_USER = "end-user"  # only uses, or passes on unchanged, another's integrated product
    INTERNAL = "internal"  # never leaves the licensee
    AVAILABLE = "available"  # others use it (hosted, API), no weights leave
    SHIPPED = "shipped"  # copies of the weights leave the licensee


_EXPOSURE = {
    Exposure.INTERNAL: Reach.INTERNAL,
    Exposure.HOSTED_FEATURE: Reach.AVAILABLE,
    Exposure.HOSTED_NAMED: Reach.AVAILABLE,
    Exposure.DISTRIBUTED: Reach.SHIPPED,
}


def reach(facts: Facts) -> Reach:
    """The reach of the model or derivative in ``facts``."""
    if facts.derivative is not None:
        return _EXPOSURE[facts.derivative.exposure]
    modes = set(facts.context.product.distribution)
    # Someone passing on another licensee's integrated product unchanged distributes what its
    # maker already made compliant (copy, Notice, display); its own duties are those of a user.
    exempt = {Distribution.END_USER, Distribution.RECIPIENT_INTEGRATED}
    if facts.access == Access.THIRD_PARTY_PRODUCT or (modes and modes <= exempt):
        return Reach.END_USER
    if facts.access == Access.BUNDLED and modes != {Distribution.INTERNAL}:
        return Reach.SHIPPED
    if not modes:
        return Reach.UNKNOWN
    if modes <= {Distribution.INTERNAL, Distribution.END_USER}:
        return Reach.INTERNAL
    if modes & SHIPS_WEIGHTS and facts.access not in (Access.PROVIDER_API,):
        return Reach.SHIPPED
    return Reach.AVAILABLE


def integrated_recipient(facts: Facts) -> bool:
    """True when the product only passes on (or uses) another licensee's integrated product."""
    modes = set(facts.context.product.distribution)
    exempt = {Distribution.RECIPIENT_INTEGRATED, Distribution.END_USER}
    return (bool(modes) and modes <= exempt) or facts.access == Access.THIRD_PARTY_PRODUCT


def duty_note(r: Reach) -> str:
    """Why a distribution duty does not apply, for a not-applicable result."""
    if r is Reach.INTERNAL:
        return "internal use only: nothing is distributed or made available to others"
    if r is Reach.END_USER:
        return "another licensee's integrated product, whose maker carries this duty"
    if r is Reach.UNKNOWN:
        return "distribution not declared: applies when copies of the weights are shipped"
    return "the weights do not leave the licensee"


def brand_words(text: str) -> set[str]:
    """The distinctive words of a display string (after its verb and preposition)."""
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", " ".join(text.split()[2:]))}


def applies_to(facts: Facts, globs: tuple[str, ...]) -> bool:
    """True when the duty covers one of the models in ``facts`` (no globs: every model)."""
    ids = [m.lower() for m in facts.model_ids]
    return not globs or any(fnmatch(m, g.lower()) for m in ids for g in globs)


def triggered_by_outputs(facts: Facts) -> bool:
    """Whether training on outputs carries the duty (Llama 3.1+ and Qwen 2024 say so)."""
    terms = facts.terms
    naming = terms.naming_prefix if terms else None
    output = terms.output_use if terms else None
    return bool(naming and naming.on_outputs) or bool(
        output and output.improve_other_models == "allowed-with-naming"
    )


def display_duty(facts: Facts) -> AttributionDuty | None:
    """The licence's display duty when it covers this model or derivative (reach aside), else None."""
    duty = facts.terms.attribution if facts.terms else None
    if duty is None or (facts.model is None and facts.derivative is None):
        return None
    if not applies_to(facts, duty.applies_to_models) or (duty.derivatives_only and facts.derivative is None):
        return None
    return None if facts.via_outputs and not triggered_by_outputs(facts) else duty
