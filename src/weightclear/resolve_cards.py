"""Lineage through model cards: follow ``base_model`` from card to card until a base resolves.

Cards come from README front matter, GGUF headers, safetensors metadata and
adapter configs found in the scanned tree. ``weightclear.resolve`` passes its
``resolve_name`` in (this module sits below it and cannot import it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from weightclear.knowledge import KnowledgeBase
from weightclear.model import ModelCard, Reference, Resolution
from weightclear.resolve_names import normalise

MAX_LINEAGE = 16  # base_model chains longer than this are cut (and cycles stop at the first repeat)
Resolver = Callable[[str, KnowledgeBase], Resolution]
SELF_KINDS = frozenset({"gguf-file", "hf-folder", "safetensors-metadata"})  # references naming their own file


class Cards:
    """Model cards found in the tree, by name and by place, for following base_model chains."""

    def __init__(self, cards: Iterable[ModelCard]) -> None:
        self.by_key: dict[str, ModelCard] = {}
        self.by_path: dict[str, list[ModelCard]] = defaultdict(list)
        self.by_dir: dict[str, list[ModelCard]] = defaultdict(list)
        for card in cards:
            if card.name:
                self.by_key.setdefault(normalise(card.name).key, card)
            self.by_path[card.location.path].append(card)
            self.by_dir[card.location.path.rpartition("/")[0]].append(card)

    def named(self, name: str) -> ModelCard | None:
        """The card whose model name is ``name`` in any spelling (``acme/acme-b`` finds folder ``acme-b``)."""
        return self.by_key.get(normalise(name).key)

    def for_reference(self, ref: Reference) -> ModelCard | None:
        """The card describing the model ``ref`` names: by name, else the only card at its file or folder.

        The place only counts for the artefact's own name (a GGUF header, a model folder): a base_model
        entry or a name in the folder's prose may well be another model.
        """
        card = self.named(ref.text)
        if card is not None or ref.kind not in SELF_KINDS:
            return card
        for group in (
            self.by_path.get(ref.location.path, []),
            self.by_dir.get(ref.location.path.rpartition("/")[0], []),
        ):
            if len(group) == 1:
                return group[0]
        return None


def _declared_licence(cards: Sequence[ModelCard], kb: KnowledgeBase) -> tuple[str, str] | None:
    for card in cards:
        for value in (card.licence_name, card.licence, card.licence_link):
            terms = kb.licence_by_identifier(value) if value else None
            if terms is not None:
                return terms.id, terms.family
    return None


def _card_chain(
    card: ModelCard, cards: Cards, kb: KnowledgeBase, resolve: Resolver
) -> tuple[list[str], Resolution | None, bool]:
    """Walk base_model from card to card: (names passed, the first base that resolves, whether it looped)."""
    chain: list[str] = []
    seen = {id(card)}
    current = card
    while len(chain) < MAX_LINEAGE:
        for base in current.base_models:
            found = resolve(base, kb)
            if found.licence_id is not None and found.model_id is not None:
                return chain, found, False
        following = [(b, c) for b in current.base_models if (c := cards.named(b)) is not None]
        fresh = [(b, c) for b, c in following if id(c) not in seen]
        if not fresh:
            return chain, None, bool(following)
        base_name, current = fresh[0]
        chain.append(current.name or base_name)  # the id group_models gives that model
        seen.add(id(current))
    return chain, None, False


def lineage_from_cards(
    text: str, card: ModelCard, kb: KnowledgeBase, cards: Cards, resolve: Resolver
) -> Resolution:
    """Follow ``base_model`` from card to card until a base resolves; the chain is the lineage.

    The model keeps the card's name. Without a resolvable base, the licence the
    cards declare is used; a cycle stops at the first repeat.
    """
    name = card.name or text.strip()
    chain, base, looped = _card_chain(card, cards, kb, resolve)
    if base is not None and base.model_id is not None:
        relation = card.base_model_relation or "derivative"
        return Resolution(
            text=text,
            model_id=name,
            licence_id=base.licence_id,
            family=base.family,
            modality=base.modality,
            lineage=(*chain, base.model_id, *base.lineage),
            reason=f"{relation} of {chain[0] if chain else base.model_id} per {card.location.path}",
        )
    visited = [card, *(c for c in map(cards.named, chain) if c is not None)]
    declared = _declared_licence(visited, kb)
    why = "base_model chain loops" if looped else "no base model in the catalogue"
    return Resolution(
        text=text,
        model_id=name,
        licence_id=declared[0] if declared else None,
        family=declared[1] if declared else None,
        lineage=tuple(chain),
        reason=f"{why}; licence as declared in {card.location.path}"
        if declared
        else f"{why}; licence unknown",
    )
