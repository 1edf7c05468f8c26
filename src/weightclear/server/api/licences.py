"""The licence library: every licence version's terms, and what changed between two versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from weightclear.knowledge import KnowledgeBase
from weightclear.knowledge.diff import diff_licences, term_values
from weightclear.server.auth import Role, User
from weightclear.server.deps import ServerState, api_role, state
from weightclear.server.errors import ApiError

router = APIRouter(tags=["licences"])


def terms_json(kb: KnowledgeBase, licence_id: str) -> dict[str, Any]:
    """One licence's terms as shown to reviewers."""
    t = kb.licence(licence_id)
    return {
        "id": t.id,
        "family": t.family,
        "version": t.version,
        "title": t.title,
        "release_date": t.release_date.isoformat() if t.release_date else None,
        "summary": t.summary,
        "terms": [
            {"aspect": aspect.value, "value": value, "clause": clause}
            for aspect, value, clause in term_values(t)
        ],
        "clauses": dict(t.clauses),
        "aup": t.aup_id,
    }


def known(kb: KnowledgeBase, licence_id: str) -> str:
    """``licence_id`` if the knowledge base has it; a 404 otherwise."""
    if licence_id not in kb.licences:
        raise ApiError(404, f"no licence {licence_id!r} in the knowledge base")
    return licence_id


@router.get("/licences")
def list_licences(
    st: ServerState = Depends(state),  # noqa: B008
    _: User = Depends(api_role(Role.VIEWER)),  # noqa: B008
) -> dict[str, Any]:
    """Every licence version in the knowledge base."""
    items = [
        {"id": t.id, "family": t.family, "version": t.version, "title": t.title}
        for t in sorted(st.kb.licences.values(), key=lambda t: (t.family, t.id))
    ]
    return {"knowledge_digest": st.kb.digest, "licences": items}


@router.get("/licences/diff")
def diff(
    old: str = Query(min_length=1, max_length=100),
    new: str = Query(min_length=1, max_length=100),
    st: ServerState = Depends(state),  # noqa: B008
    _: User = Depends(api_role(Role.VIEWER)),  # noqa: B008
) -> dict[str, Any]:
    """What a reviewer must look at again between two licence versions."""
    changes = diff_licences(st.kb, known(st.kb, old), known(st.kb, new))
    return {"old": old, "new": new, "changes": [change_json(c) for c in changes]}


def change_json(c: Any) -> dict[str, Any]:
    """One ``Change`` as JSON."""
    return {
        "aspect": c.aspect.value,
        "key": c.key,
        "old": c.old,
        "new": c.new,
        "old_clause": c.old_clause,
        "new_clause": c.new_clause,
        "note": c.note,
    }


@router.get("/licences/{licence_id}")
def show_licence(
    licence_id: str,
    st: ServerState = Depends(state),  # noqa: B008
    _: User = Depends(api_role(Role.VIEWER)),  # noqa: B008
) -> dict[str, Any]:
    """The terms of one licence version, in our words."""
    return terms_json(st.kb, known(st.kb, licence_id))
