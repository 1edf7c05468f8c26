"""CycloneDX 1.6 ML-BOM: one ``machine-learning-model`` component per model the scan found.

Built with cyclonedx-python-lib and checked by its JSON validator in the
tests. Mapping (docs/exports.md):

- licence: ``license.id`` only when the licence is on the SPDX list (the
  schema rejects anything else there); otherwise ``license.name`` with the
  licence's title and official link, plus the ``LicenseRef-`` id in a property.
- base models (a derivative's lineage): ``pedigree.ancestors``.
- where the model is named: ``evidence.occurrences`` (path, line, the text).
- the model card basics (family, input format, the declared use case):
  ``modelCard``. The library has no model-card type yet (its Component keeps
  the property commented out), so the card is added to the serialised JSON.

The clock and the serial number are injectable so that golden files are stable.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import TYPE_CHECKING, Any

from cyclonedx.model import ExternalReference, ExternalReferenceType, Property, XsUri
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentType, Pedigree
from cyclonedx.model.component_evidence import ComponentEvidence, Occurrence
from cyclonedx.model.license import DisjunctiveLicense, LicenseAcknowledgement
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.spdx import is_supported_id

from weightclear.model import Modality, ModelUse
from weightclear.outputs.document import JsonDocumentWriter

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase
    from weightclear.report import ScanReport


PREFIX = "weightclear"
#: the model card's input format for each modality (free text in the schema; these follow its examples)
INPUT_FORMAT: dict[Modality, str] = {
    Modality.TEXT: "string",
    Modality.VISION: "image",
    Modality.MULTIMODAL: "image",
    Modality.IMAGE: "string",
    Modality.AUDIO: "audio",
    Modality.CODE: "string",
    Modality.EMBEDDING: "string",
}


def model_ref(model_id: str) -> str:
    """The bom-ref of a model component (also used by the SPDX writer for its SPDXID seed)."""
    return f"model:{model_id}"


def licence(licence_id: str | None, kb: KnowledgeBase) -> DisjunctiveLicense:
    """A valid CycloneDX licence: an SPDX list id, else a named licence with its link."""
    if licence_id is None:
        return DisjunctiveLicense(name="unresolved", acknowledgement=LicenseAcknowledgement.CONCLUDED)
    terms = kb.licences.get(licence_id)
    spdx = terms.identifiers.spdx if terms else None
    if spdx and is_supported_id(spdx):
        return DisjunctiveLicense(id=spdx, acknowledgement=LicenseAcknowledgement.CONCLUDED)
    props = [Property(name=f"{PREFIX}:licence-id", value=licence_id)]
    if spdx:
        props.append(Property(name=f"{PREFIX}:spdx-licence-ref", value=spdx))
    urls = [u for u in terms.identifiers.urls if u.startswith(("https://", "http://"))] if terms else []
    return DisjunctiveLicense(
        name=terms.title if terms else licence_id,
        url=XsUri(urls[0]) if urls else None,
        acknowledgement=LicenseAcknowledgement.CONCLUDED,
        properties=props,
    )


def _version(use: ModelUse, kb: KnowledgeBase) -> str | None:
    # The family version of a catalogued model ("3.1"); a licence's version is not the model's.
    entry = kb.models.get(use.model_id)
    return entry.version if entry else None


def _evidence(use: ModelUse) -> ComponentEvidence:
    occurrences = [
        Occurrence(
            location=ref.location.path,
            line=ref.location.line,
            additional_context=f"{ref.kind} ({ref.role.value}): {ref.text}",
        )
        for ref in use.references
    ]
    return ComponentEvidence(occurrences=occurrences)


def _references(use: ModelUse) -> list[ExternalReference]:
    if "/" not in use.model_id or use.model_id.count("/") != 1 or " " in use.model_id:
        return []
    # A Hugging Face style repo id: its model card lives at the hub page of the repo.
    url = XsUri(f"https://huggingface.co/{use.model_id}")
    return [ExternalReference(type=ExternalReferenceType.MODEL_CARD, url=url)]


def component(use: ModelUse, kb: KnowledgeBase) -> Component:
    """The ML-model component of one model, with its licence, lineage and evidence."""
    props = [
        Property(name=f"{PREFIX}:family", value=use.family or "unknown"),
        Property(name=f"{PREFIX}:used", value="true" if use.used else "false"),
    ]
    if use.modality:
        props.append(Property(name=f"{PREFIX}:modality", value=use.modality.value))
    pedigree = None
    if use.lineage:
        ancestors = [
            Component(
                type=ComponentType.MACHINE_LEARNING_MODEL,
                name=base,
                bom_ref=f"{model_ref(use.model_id)}#ancestor:{base}",
            )
            for base in use.lineage
        ]
        pedigree = Pedigree(ancestors=ancestors)
    return Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=use.model_id,
        version=_version(use, kb),
        bom_ref=model_ref(use.model_id),
        licenses=[licence(use.licence_id, kb)],
        pedigree=pedigree,
        evidence=_evidence(use),
        external_references=_references(use),
        properties=props,
    )


def _root(report: ScanReport) -> Component:
    name = report.context.product.name if report.context and report.context.product.name else None
    return Component(
        type=ComponentType.APPLICATION,
        name=name or report.root.rstrip("/").rsplit("/", 1)[-1] or "product",
        bom_ref="product",
        properties=[
            Property(name=f"{PREFIX}:knowledge-digest", value=report.knowledge_digest),
            Property(name=f"{PREFIX}:config-digest", value=report.config_digest or "none"),
            Property(name=f"{PREFIX}:findings", value=str(len(report.findings))),
        ],
    )


def build(report: ScanReport, kb: KnowledgeBase, *, now: dt.datetime, serial: uuid.UUID) -> Bom:
    """The BOM object of a report (the product as the root, each model a dependency of it)."""
    tool = Component(type=ComponentType.APPLICATION, name=PREFIX, version=report.tool_version)
    root = _root(report)
    bom = Bom(serial_number=serial, metadata=BomMetaData(timestamp=now, component=root))
    bom.metadata.tools.components.add(tool)
    models = [component(use, kb) for use in report.models]
    for item in models:
        bom.components.add(item)
    bom.register_dependency(root, models)
    return bom


def model_card(use: ModelUse, use_case: str | None) -> dict[str, Any]:
    """The CycloneDX ``modelCard`` basics the scan knows: family, input format, declared use."""
    params: dict[str, Any] = {}
    if use.family:
        params["architectureFamily"] = use.family
    if use.modality:
        params["inputs"] = [{"format": INPUT_FORMAT[use.modality]}]
    card: dict[str, Any] = {"modelParameters": params}
    if use_case:
        card["considerations"] = {"useCases": [use_case]}
    return card


def document(report: ScanReport, kb: KnowledgeBase, *, now: dt.datetime, serial: uuid.UUID) -> dict[str, Any]:
    """The BOM as JSON-ready data, model cards included."""
    bom = build(report, kb, now=now, serial=serial)
    doc: dict[str, Any] = json.loads(JsonV1Dot6(bom).output_as_string())
    use_case = report.context.product.use_case if report.context else None
    cards = {model_ref(use.model_id): model_card(use, use_case) for use in report.models}
    for item in doc.get("components", []):
        card = cards.get(item.get("bom-ref", ""))
        if card is not None:
            item["modelCard"] = card
        # The library keeps occurrences in a set whose order can differ between runs; the report's is stable.
        occurrences = item.get("evidence", {}).get("occurrences")
        if occurrences:
            occurrences.sort(key=lambda o: (o["location"], o.get("line", 0), o.get("additionalContext", "")))
    return doc


class CycloneDxWriter(JsonDocumentWriter):
    """Writes a CycloneDX 1.6 JSON ML-BOM."""

    build = staticmethod(document)
