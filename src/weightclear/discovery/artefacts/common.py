"""Small helpers shared by the artefact scanners."""

from __future__ import annotations

import re

# owner/name as the Hub spells repo ids (letters, digits, '-', '_', '.'; 96 characters at most)
_HF_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
_HF_URL = re.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([^/?#\s]+/[^/?#\s]+)", re.IGNORECASE)


def is_hf_id(text: str) -> bool:
    """True when ``text`` has the shape of a Hugging Face repo id (``org/name``)."""
    return bool(_HF_ID.match(text)) and ".." not in text


def hf_id_from_url(url: str) -> str | None:
    """``https://huggingface.co/org/name[/...]`` -> ``org/name``; None for anything else."""
    match = _HF_URL.match(url.strip())
    if not match:
        return None
    repo = match.group(1)
    return repo if is_hf_id(repo) else None


def base_model_list(value: object) -> tuple[str, ...]:
    """A card's ``base_model`` (a string, a comma-separated string or a list) as a tuple of ids."""
    if isinstance(value, str):
        items: list[object] = list(value.split(","))
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        return ()
    return tuple(s for s in (str(i).strip() for i in items if isinstance(i, str | int | float)) if s)
