"""Finding codes: stable ids (SARIF rule ids, waiver keys), never renamed."""

from __future__ import annotations

from enum import StrEnum


class FindingCode(StrEnum):
    MAU_LICENCE_REQUIRED = "MAU_LICENCE_REQUIRED"
    MAU_NEAR_THRESHOLD = "MAU_NEAR_THRESHOLD"
    MAU_UNDECLARED = "MAU_UNDECLARED"
    ATTRIBUTION_MISSING = "ATTRIBUTION_MISSING"
    ATTRIBUTION_WRONG_TEXT = "ATTRIBUTION_WRONG_TEXT"
    ATTRIBUTION_OWNER_MISSING = "ATTRIBUTION_OWNER_MISSING"
    DERIVATIVE_NAME_PREFIX_MISSING = "DERIVATIVE_NAME_PREFIX_MISSING"
    LICENCE_COPY_MISSING = "LICENCE_COPY_MISSING"
    LICENCE_TEXT_MODIFIED = "LICENCE_TEXT_MODIFIED"
    LICENCE_MISMATCH = "LICENCE_MISMATCH"
    NOTICE_MISSING = "NOTICE_MISSING"
    NOTICE_WRONG_TEXT = "NOTICE_WRONG_TEXT"
    EU_MULTIMODAL_RESTRICTED = "EU_MULTIMODAL_RESTRICTED"
    OUTPUT_USE_RESTRICTED = "OUTPUT_USE_RESTRICTED"
    AUP_PROHIBITED = "AUP_PROHIBITED"
    AUP_REVIEW_REQUIRED = "AUP_REVIEW_REQUIRED"
    USE_CASE_UNDECLARED = "USE_CASE_UNDECLARED"
    NON_COMMERCIAL_LICENCE = "NON_COMMERCIAL_LICENCE"
    USER_THRESHOLD_EXCEEDED = "USER_THRESHOLD_EXCEEDED"
    FLOW_DOWN_REQUIRED = "FLOW_DOWN_REQUIRED"
    SIGNOFF_MISSING = "SIGNOFF_MISSING"
    VERSION_REVIEW_REQUIRED = "VERSION_REVIEW_REQUIRED"
    UNKNOWN_LICENCE = "UNKNOWN_LICENCE"


#: one line per code, in our words (SARIF shortDescription, docs page title)
TITLES: dict[FindingCode, str] = {
    FindingCode.MAU_LICENCE_REQUIRED: "Users exceeded the licence threshold: a separate licence is needed",
    FindingCode.MAU_NEAR_THRESHOLD: "Users are close to, or have since passed, the licence threshold",
    FindingCode.MAU_UNDECLARED: "Monthly active users are not declared, so the threshold cannot be checked",
    FindingCode.ATTRIBUTION_MISSING: "The required display string is not shown on any public surface",
    FindingCode.ATTRIBUTION_WRONG_TEXT: "A display string is shown, but not the exact one required",
    FindingCode.ATTRIBUTION_OWNER_MISSING: "Nobody is named as owner of the attribution duty",
    FindingCode.DERIVATIVE_NAME_PREFIX_MISSING: "A derivative's name does not begin with the required prefix",
    FindingCode.LICENCE_COPY_MISSING: "No copy of the licence agreement travels with the shipped materials",
    FindingCode.LICENCE_TEXT_MODIFIED: "The shipped licence copy differs from the official text",
    FindingCode.LICENCE_MISMATCH: "A derivative is shipped under terms other than its base model's licence",
    FindingCode.NOTICE_MISSING: "No Notice file ships with the materials",
    FindingCode.NOTICE_WRONG_TEXT: "The Notice file does not hold the exact notice string",
    FindingCode.EU_MULTIMODAL_RESTRICTED: "The grant for this multimodal model is withheld in the EU",
    FindingCode.OUTPUT_USE_RESTRICTED: "Outputs are used to improve a model the licence does not allow",
    FindingCode.AUP_PROHIBITED: "The declared use case falls in a category the use policy prohibits",
    FindingCode.AUP_REVIEW_REQUIRED: "The declared use case touches a sensitive area of the use policy",
    FindingCode.USE_CASE_UNDECLARED: "No use case is declared, so the use policy cannot be screened",
    FindingCode.NON_COMMERCIAL_LICENCE: "The licence allows no commercial or production use",
    FindingCode.USER_THRESHOLD_EXCEEDED: "A user or revenue threshold of the licence is exceeded",
    FindingCode.FLOW_DOWN_REQUIRED: "The use restrictions must be passed on to downstream users",
    FindingCode.SIGNOFF_MISSING: "No approval of any licence is recorded for this product",
    FindingCode.VERSION_REVIEW_REQUIRED: "A licence version in use is not covered by any approval",
    FindingCode.UNKNOWN_LICENCE: "The licence of a model in use is unknown",
}

#: where each code's documentation page is published (docs/codes/<CODE>.md in the repository)
DOCS_URL = "https://github.com/weightclear/weightclear/blob/main/docs/codes/{code}.md"


def docs_url(code: str) -> str:
    """The documentation page of ``code``."""
    return DOCS_URL.format(code=code)
