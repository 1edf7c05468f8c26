"""What the dashboard shows, computed once per state of the registry.

Every write to the registry extends the audit chain, so the chain's length
is an exact version number of its contents: the figures are recomputed only
when it has moved. The cache is a per-process optimisation, never a source
of truth, so replicas stay stateless and always agree with the database.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from weightclear.knowledge import KnowledgeBase
from weightclear.registry.records import Decision, DeploymentView, SignoffRecord
from weightclear.registry.repo import Registry
from weightclear.server import queries
from weightclear.server.pages.charts import STATE_COLOURS, Bar, bars


@dataclass(frozen=True, kw_only=True)
class Dashboard:
    charts: dict[str, Markup]
    totals: dict[str, int]
    products: list[dict[str, Any]]
    pending: list[SignoffRecord]


_lock = threading.Lock()
_cache: dict[int, tuple[int, Dashboard]] = {}  # id(registry) -> (audit seq, figures)


def dashboard(reg: Registry, kb: KnowledgeBase) -> Dashboard:
    """The dashboard's figures for the registry's current contents."""
    seq = queries.audit_seq(reg)
    hit = _cache.get(id(reg))
    if hit and hit[0] >= seq:
        return hit[1]
    # One thread recomputes; the others wait for its result instead of all
    # recomputing the same figures after a write (a burst of readers after a CI push).
    with _lock:
        hit = _cache.get(id(reg))
        if hit and hit[0] >= seq:
            return hit[1]
        seq = queries.audit_seq(reg)  # what the figures below will include, at least
        figures = _compute(reg, kb)
        _cache[id(reg)] = (seq, figures)
        return figures


_HTML_MAX = 256
_html: OrderedDict[tuple[int, int, Hashable], str] = OrderedDict()  # LRU of rendered pages


def dashboard_html(
    reg: Registry, kb: KnowledgeBase, viewer: Hashable, render: Callable[[Dashboard], str]
) -> str:
    """The rendered dashboard for ``viewer`` (what the page shows of the user), cached.

    Keyed by the audit chain length like the figures, so a hit costs one
    indexed head query and no rendering; the key also holds everything
    user-specific on the page (name, role, CSRF value), so no page is ever
    served to the wrong viewer.
    """
    seq = queries.audit_seq(reg)
    key = (id(reg), seq, viewer)
    with _lock:
        html = _html.get(key)
        if html is not None:
            _html.move_to_end(key)
            return html
    figures = dashboard(reg, kb)
    html = render(figures)
    with _lock:
        _html[key] = html
        while len(_html) > _HTML_MAX:
            _html.popitem(last=False)
    return html


def _compute(reg: Registry, kb: KnowledgeBase) -> Dashboard:
    views = reg.deployments(kb=kb)
    latest = queries.latest_scans(reg)
    pending = reg.signoffs(decisions=(Decision.PENDING,))
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
    products = _product_rows(queries.products(reg), views, latest, pending)
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
