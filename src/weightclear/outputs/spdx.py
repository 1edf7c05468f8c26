"""SPDX 2.3 JSON: the product as the described package, each model a package it depends on.

Why 2.3 and not 3.0 with the AI profile: spdx-tools (the reference Python
library) validates and writes SPDX 2.3 fully, while its SPDX 3 support is an
experimental model of a pre-release draft with no validator, and no SPDX 3
JSON-LD schema ships in any installed package. A 2.3 document that the
official validator accepts beats a 3.0 document nothing here can check
(docs/exports.md has the field mapping and what 3.0 would add).

Mapping: licence -> ``licenseConcluded`` (an SPDX list id, else the
``LicenseRef-`` id with an ``ExtractedLicensingInfo`` that names the licence
and links its official text; the text itself is never copied); base models ->
``DESCENDANT_OF`` relationships; the model's family, modality and where it is
named -> the package comment. The clock and namespace are injectable for golden files.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spdx_tools.common.spdx_licensing import spdx_licensing
from spdx_tools.spdx.jsonschema.document_converter import DocumentConverter
from spdx_tools.spdx.model.actor import Actor, ActorType
from spdx_tools.spdx.model.document import CreationInfo, Document
from spdx_tools.spdx.model.extracted_licensing_info import ExtractedLicensingInfo
from spdx_tools.spdx.model.package import (
    ExternalPackageRef,
    ExternalPackageRefCategory,
    Package,
    PackagePurpose,
)
from spdx_tools.spdx.model.relationship import Relationship, RelationshipType
from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
from spdx_tools.spdx.writer.write_utils import convert

from weightclear.model import ModelUse
from weightclear.outputs.document import JsonDocumentWriter

if TYPE_CHECKING:
    from weightclear.knowledge import KnowledgeBase
    from weightclear.report import ScanReport


NAMESPACE = "https://weightclear.dev/spdx"
MAX_LOCATIONS = 10  # in a package comment; the JSON and CycloneDX outputs carry every one
_NOT_ID = re.compile(r"[^A-Za-z0-9.-]+")


def spdx_id(name: str, taken: set[str]) -> str:
    """A unique ``SPDXRef-`` id made from a model name."""
    base = "SPDXRef-Model-" + (_NOT_ID.sub("-", name).strip("-") or "unnamed")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def licence_ref(licence_id: str, kb: KnowledgeBase) -> str:
    """The SPDX id of a knowledge licence: its SPDX or scancode ``LicenseRef-``, else one of ours."""
    terms = kb.licences.get(licence_id)
    if terms and terms.identifiers.spdx:
        return terms.identifiers.spdx
    return "LicenseRef-weightclear-" + _NOT_ID.sub("-", licence_id)


def extracted(licence_id: str, kb: KnowledgeBase) -> ExtractedLicensingInfo | None:
    """The ExtractedLicensingInfo a ``LicenseRef-`` needs: its name and links, not its text."""
    ref = licence_ref(licence_id, kb)
    if not ref.startswith("LicenseRef-"):
        return None
    terms = kb.licences.get(licence_id)
    title = terms.title if terms else licence_id
    urls = [u for u in terms.identifiers.urls if u.startswith(("https://", "http://"))] if terms else []
    where = urls[0] if urls else (terms.source.origin if terms and terms.source else "its publisher")
    return ExtractedLicensingInfo(
        license_id=ref,
        license_name=title,
        extracted_text=f"{title}. The text is not reproduced here; the official copy: {where}",
        cross_references=urls,
        comment=f"weightclear licence id: {licence_id}",
    )


def _comment(use: ModelUse) -> str:
    places = [f"{r.location} ({r.kind}, {r.role.value})" for r in use.references[:MAX_LOCATIONS]]
    more = len(use.references) - len(places)
    parts = [
        "machine-learning model",
        f"family: {use.family or 'unknown'}",
        f"modality: {use.modality.value if use.modality else 'unknown'}",
        f"named at: {'; '.join(places) or 'weightclear.toml'}" + (f" and {more} more" if more > 0 else ""),
    ]
    return "; ".join(parts)


def package(use: ModelUse, ident: str, kb: KnowledgeBase) -> Package:
    """The SPDX package of one model."""
    concluded = spdx_licensing.parse(licence_ref(use.licence_id, kb)) if use.licence_id else SpdxNoAssertion()
    entry = kb.models.get(use.model_id)
    refs = []
    if use.model_id.count("/") == 1 and " " not in use.model_id:
        refs.append(
            ExternalPackageRef(
                ExternalPackageRefCategory.OTHER, "huggingface", use.model_id, "Hugging Face repo id"
            )
        )
    return Package(
        spdx_id=ident,
        name=use.model_id,
        download_location=SpdxNoAssertion(),
        version=entry.version if entry else None,
        files_analyzed=False,
        license_concluded=concluded,
        license_declared=SpdxNoAssertion(),
        copyright_text=SpdxNoAssertion(),
        comment=_comment(use),
        external_references=refs,
        primary_package_purpose=PackagePurpose.OTHER,
    )


def _ancestors(report: ScanReport, ids: dict[str, str], taken: set[str]) -> Iterable[Package]:
    for use in report.models:
        for base in use.lineage:
            if base not in ids:
                ids[base] = spdx_id(base, taken)
                yield Package(
                    spdx_id=ids[base],
                    name=base,
                    download_location=SpdxNoAssertion(),
                    files_analyzed=False,
                    license_concluded=SpdxNoAssertion(),
                    comment="machine-learning model; a base model named in the lineage of a model in use",
                    primary_package_purpose=PackagePurpose.OTHER,
                )


def build(report: ScanReport, kb: KnowledgeBase, *, now: dt.datetime, serial: uuid.UUID) -> Document:
    """The SPDX document of a report."""
    product = (report.context.product.name if report.context else None) or "product"
    info = CreationInfo(
        spdx_version="SPDX-2.3",
        spdx_id="SPDXRef-DOCUMENT",
        name=f"{product} AI-BOM",
        document_namespace=f"{NAMESPACE}/{_NOT_ID.sub('-', product)}-{serial}",
        creators=[Actor(ActorType.TOOL, f"weightclear-{report.tool_version}")],
        created=now.replace(microsecond=0),
        creator_comment=f"knowledge digest {report.knowledge_digest}; "
        f"config digest {report.config_digest or 'none'}",
    )
    root = Package(
        spdx_id="SPDXRef-Product",
        name=product,
        download_location=SpdxNoAssertion(),
        files_analyzed=False,
        primary_package_purpose=PackagePurpose.APPLICATION,
    )
    taken: set[str] = set()
    ids = {use.model_id: spdx_id(use.model_id, taken) for use in report.models}
    models = [package(use, ids[use.model_id], kb) for use in report.models]
    ancestors = list(_ancestors(report, ids, taken))
    rels = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, "SPDXRef-Product")]
    for use in report.models:
        kind = RelationshipType.DEPENDS_ON if use.used else RelationshipType.OTHER
        note = None if use.used else "named in the tree, not used"
        rels.append(Relationship("SPDXRef-Product", kind, ids[use.model_id], note))
        rels.extend(
            Relationship(ids[use.model_id], RelationshipType.DESCENDANT_OF, ids[b]) for b in use.lineage
        )
    licences = sorted({u.licence_id for u in report.models if u.licence_id})
    infos = [item for item in (extracted(lid, kb) for lid in licences) if item is not None]
    return Document(
        creation_info=info,
        packages=[root, *models, *ancestors],
        relationships=rels,
        extracted_licensing_info=infos,
    )


def document(report: ScanReport, kb: KnowledgeBase, *, now: dt.datetime, serial: uuid.UUID) -> dict[str, Any]:
    """The SPDX document as JSON-ready data (spdx-tools' own converter)."""
    converter = DocumentConverter()  # type: ignore[no-untyped-call]
    converted: dict[str, Any] = convert(build(report, kb, now=now, serial=serial), converter)
    return converted


class SpdxWriter(JsonDocumentWriter):
    """Writes an SPDX 2.3 JSON document."""

    build = staticmethod(document)
