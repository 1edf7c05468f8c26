"""What the dashboard shows: deployments by licence, environment and state, findings, products.

``compute`` reads the registry; ``pages.snapshot`` keeps the result in memory
and decides when to compute it again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from weightclear.knowledge import KnowledgeBase
from weightclear.registry.records import DeploymentView, SignoffRecord
from weightclear.registry.repo import Registry
from weightclear.server import queries
from weightclear.server.pages.charts import STATE_COLOURS, Bar, bars


@dataclass(frozen=True, kw_only=True)
class Dashboard:
    charts: dict[str, Markup]
    totals: dict[str, int]
    products: list[dict[str, Any]]
    pending: list[SignoffRecord]


def compute(reg: Registry, kb: KnowledgeBase) -> Dashboard:
    """The dashboard's figures for the registry's current contents (a few queries)."""
    rows = queries.overview(reg, kb)
    views, latest, pending = rows.views, rows.latest, rows.pending
    by_licence = Counter(v.deployment.licence_id or "unknown" for v in views)
    by_env = Counter(v.deployment.environment for v in views)
    by_state = Counter(v.state for v in views)
    findings = queries.open_findings_by_code(latest)
    charts = {
        "licence": _chart(by_licence, "Deployments by licence version"),
        "environment": _chart(by_env, "Deployments by environment"),
        "state": Markup(
            bars([Bar(k, n, STATE_COLOURS.get(k)) for k, n in by_state.most_common()], title="Sign-off state")
        ),
        "findings": _chart(findings, "Open findings by code", 8),
    }
    products = _product_rows(rows.products, views, latest, pending)
    totals = {
        "deployments": len(views),
        "products": len(products),
        "findings": sum(findings.values()),
        "pending": len(pending),
        "unsigned": sum(n for s, n in by_state.items() if s != "approved"),
    }
    return Dashboard(charts=charts, totals=totals, products=products, pending=pending)


def _chart(counts: Counter[str], title: str, top: int = 10) -> Markup:
    # The SVG is built from escaped values in charts.bars, hence Markup.
    return Markup(bars([Bar(k, n) for k, n in counts.most_common(top)], title=title))


def _product_rows(
    names: list[str],
    views: list[DeploymentView],
    latest: list[queries.ScanSummary],
    pending: list[SignoffRecord],
) -> list[dict[str, Any]]:
    deployed = Counter(v.deployment.product for v in views)
    unsigned = Counter(v.deployment.product for v in views if v.state != "approved")
    open_: Counter[str] = Counter()
    for s in latest:
        open_[s.product] += len(s.findings)
    waiting = Counter(s.product for s in pending)
    return [
        {
            "name": n,
            "deployments": deployed[n],
            "unsigned": unsigned[n],
            "findings": open_[n],
            "pending": waiting[n],
        }
        for n in names
    ]
