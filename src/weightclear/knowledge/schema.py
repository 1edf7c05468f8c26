"""The shape of the knowledge base: licence terms, model catalogue and use policies.

Every fact that comes from a licence carries ``clause``: the section of the
licence (or use policy) it rests on, so that every result can cite it. The
loader rejects a fact without one. Wording is ours; only short identifying
strings (titles, date lines, attribution and notice strings) are quoted.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from weightclear.model import Modality

SCHEMA_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(_Strict):
    """Base of every fact: the clause it rests on is mandatory and never empty."""

    clause: str = Field(
        min_length=1, description="section of the licence, e.g. '§1.b.i' or 'AUP EU paragraph'"
    )


class UseScope(StrEnum):
    COMMERCIAL = "commercial"  # commercial use allowed (maybe with thresholds)
    COMMERCIAL_REGISTERED = "commercial-registered"  # commercial use after registering (Stability)
    NON_COMMERCIAL = "non-commercial"  # research / evaluation / personal only
    NON_PRODUCTION = "non-production"  # testing, evaluation, demos; no production


class Source(_Strict):
    """The official text this entry was checked against."""

    file: str = Field(description="path under shared/corpus/licences, e.g. 'llama-3.1/LICENSE'")
    origin: str = Field(description="owner/repo@commit:path or URL of the official copy")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Identifiers(_Strict):
    """The crosswalk of names other tools give this licence."""

    hf: tuple[str, ...] = ()  # Hugging Face model-card `license:` ids (llama3.1) or `license_name` slugs
    scancode: tuple[str, ...] = ()
    spdx: str | None = None  # SPDX id or LicenseRef-scancode-<key>
    urls: tuple[str, ...] = ()  # licence_link values that point at this licence


class UserThreshold(Cited):
    """A size above which the grant stops or another licence is needed."""

    limit: int = Field(gt=0)
    unit: Literal["monthly-active-users", "annual-revenue-usd"]
    measured: Literal["calendar-month-before-release", "any-month", "annual", "any-time"]
    includes_affiliates: bool
    consequence: str  # our words: what must happen above the limit
    integrated_product_recipients_exempt: bool = False
    exempt_clause: str | None = None


class AttributionDuty(Cited):
    """A string that must be displayed where users see the product."""

    text: str  # exact display string, e.g. "Built with Llama"
    alternatives: tuple[str, ...] = ()  # other strings that satisfy the duty ("Improved using Qwen")
    surfaces: tuple[str, ...]  # website, user-interface, blog-post, about-page, product-documentation
    trigger: str  # our words: when the duty arises
    applies_to_models: tuple[str, ...] = ()  # empty = every model under the licence (else model-id globs)
    # True when only a model built with the materials (or their outputs) must show the string
    # (Qwen §5.b), not every product that uses them (Llama §1.b.i(B)).
    derivatives_only: bool = False


class NamingRule(Cited):
    """A prefix that a distributed model built with the materials must carry."""

    prefix: str
    position: Literal["start", "anywhere"] = "start"
    on_outputs: bool  # also when the model was trained on outputs of the licensed model


class Redistribution(Cited):
    """What must travel with a copy of the materials or a derivative."""

    agreement_copy: bool
    notice_text: str | None = None  # the exact Notice-file string
    notice_clause: str | None = None
    notice_required_for_hosted: bool = True  # Gemma exempts Hosted Services
    modified_files_marked: bool = False
    derivative_statement: str | None = None  # Falcon: "... is built using ..." (template)


class OutputUse(Cited):
    """Limits on what outputs may be used for."""

    improve_other_models: Literal["allowed", "prohibited", "allowed-with-naming"]
    exception: str | None = None  # our words: what may still be improved
    research_only: bool = False


class EuMultimodal(Cited):
    """A grant withheld for multimodal models from EU-domiciled licensees."""

    modalities: tuple[Modality, ...]  # model modalities the limit applies to
    end_users_exempt: bool = True


class FlowDown(Cited):
    """Use restrictions that must be passed on to downstream users."""

    required: bool
    what: str  # our words
    policy_id: str | None = None


class GoverningLaw(Cited):
    law: str
    venue: str | None = None


class LicenceTerms(_Strict):
    """One licence version, as data."""

    schema_: int = Field(alias="schema")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.+-]*$")
    family: str
    version: str | None = None
    kind: Literal["agreement", "use-policy", "standard"] = "agreement"
    title: str  # exact title line
    date_line: str | None = None  # exact date line
    release_date: dt.date | None = None
    as_of: dt.date
    source: Source | None = None  # None only for standard OSS licences not stored in the corpus
    identifiers: Identifiers = Identifiers()
    use_scope: UseScope
    use_scope_clause: str = Field(min_length=1)
    user_threshold: UserThreshold | None = None
    attribution: AttributionDuty | None = None
    naming_prefix: NamingRule | None = None
    redistribution: Redistribution | None = None
    output_use: OutputUse | None = None
    eu_multimodal: EuMultimodal | None = None
    flow_down: FlowDown | None = None
    aup_id: str | None = None  # id of the use policy this licence incorporates
    governing_law: GoverningLaw | None = None
    clauses: dict[str, str] = Field(min_length=1)  # section -> one line in our words
    summary: str  # two or three sentences in our words for `licence show`

    @field_validator("clauses")
    @classmethod
    def _clauses_not_blank(cls, value: dict[str, str]) -> dict[str, str]:
        blank = [k for k, v in value.items() if not v.strip()]
        if blank:
            raise ValueError(f"clauses without a summary: {blank}")
        return value


class AupCategory(_Strict):
    """One prohibited-use category of a use policy."""

    section: str  # as rendered: "1.a.i", "2.b", "4"
    key: str = Field(pattern=r"^[a-z0-9-]+$")  # stable meaning key shared across versions
    name: str  # short name
    meaning: str  # one line, our words


class UsePolicy(_Strict):
    """An acceptable use policy or the use restrictions attached to a licence."""

    schema_: int = Field(alias="schema")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.+-]*$")
    licence_ids: tuple[str, ...]  # licences that incorporate it
    title: str
    as_of: dt.date
    source: Source | None = None
    categories: tuple[AupCategory, ...] = Field(min_length=1)
    eu_paragraph: EuMultimodal | None = None
    binds_others: bool = True  # the user may not "allow others" to do these things


class ModelEntry(_Strict):
    """An official model in the catalogue."""

    id: str  # canonical id, the Hugging Face repo id where there is one
    family: str
    licence: str
    modality: Modality
    version: str | None = None  # family version, "3.1"
    size: str | None = None  # "8b", "17b-16e"
    variant: str | None = None  # base, instruct, vision, vision-instruct, guard, code, code-instruct
    aliases: tuple[str, ...] = ()  # ids on other stacks and clouds
    base_model: str | None = None


class Catalogue(_Strict):
    schema_: int = Field(alias="schema")
    family: str
    as_of: dt.date
    models: tuple[ModelEntry, ...] = Field(min_length=1)
