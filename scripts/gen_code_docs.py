"""Generate docs/codes/<CODE>.md from the rule docstrings and the knowledge base's citations.

    python scripts/gen_code_docs.py          # write the pages
    python scripts/gen_code_docs.py --check  # exit 1 when a page is out of date

tests/obligations/test_docs.py runs the same rendering and fails when a page is stale.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from weightclear.knowledge import KnowledgeBase, load
from weightclear.knowledge.schema import LicenceTerms
from weightclear.obligations.codes import TITLES, FindingCode
from weightclear.obligations.registry import RULES
from weightclear.obligations.rule import Rule, meta, needed

DOCS = Path(__file__).resolve().parents[1] / "docs" / "codes"


def _citation(terms: LicenceTerms, field: str) -> str | None:
    """The clause a licence's ``field`` rests on, or None when the licence has no such term."""
    if field == "use_scope":
        return f"{terms.use_scope} — {terms.use_scope_clause}"
    if field == "aup_id":
        return f"use policy `{terms.aup_id}`" if terms.aup_id else None
    if not needed(terms, field):
        return None
    top = getattr(terms, field.split(".")[0])
    notice = getattr(top, "notice_clause", None) if field.endswith("notice_text") else None
    clause = str(notice or top.clause)
    key = clause.split(",")[0].split(" ")[0]
    summary = terms.clauses.get(key) or terms.clauses.get(key.split("(")[0], "")
    return clause + (f" — {summary}" if summary else "")


def _rules_for(code: FindingCode) -> list[Rule]:
    return [r for r in RULES if code in meta(r).codes]


def render(code: FindingCode, kb: KnowledgeBase) -> str:
    """The Markdown page of one finding code."""
    lines = [f"# {code}", "", f"{TITLES[code]}.", ""]
    for rule in _rules_for(code):
        info = meta(rule)
        module = sys.modules[rule.__module__]
        lines += [f"## Rule `{info.name}`", "", inspect.cleandoc(module.__doc__ or ""), ""]
        lines += [
            f"Default severity: **{info.severity}**. Scope: {', '.join(s.value for s in info.scopes)}.",
            "",
        ]
        if info.needs:
            cited = [
                (t.id, c)
                for t in sorted(kb.licences.values(), key=lambda t: t.id)
                if (c := _citation(t, info.needs))
            ]
            lines += [f"Applies to licences whose terms have `{info.needs}`:", ""]
            lines += [f"- `{lid}`: {c}" for lid, c in cited] or ["- (none in this knowledge base)"]
            lines.append("")
    return "\n".join(lines)


def render_index() -> str:
    """docs/codes/README.md: one line per code."""
    rows = [f"| [`{c}`]({c}.md) | {TITLES[c]} |" for c in FindingCode]
    return "\n".join(["# Finding codes", "", "| Code | Meaning |", "|---|---|", *rows, ""])


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every page by file name."""
    out = {f"{code}.md": render(code, kb) for code in FindingCode}
    out["README.md"] = render_index()
    return out


def main(argv: list[str]) -> int:
    """Write the pages, or with --check report the stale ones."""
    stale = []
    DOCS.mkdir(parents=True, exist_ok=True)
    for name, text in pages(load()).items():
        path = DOCS / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if "--check" not in argv:
            path.write_text(text, encoding="utf-8")
    if "--check" in argv and stale:
        print("out of date (run scripts/gen_code_docs.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
