"""Written model names -> catalogue models, licence versions and lineage.

``resolve_name`` maps any stack's spelling of a model onto the catalogue
(``kb.models``: ids, aliases, version, size, variant) through the spelling
rules of ``resolve_names``. ``group_models`` turns discovery's evidence into
one ModelUse per model, following model cards' ``base_model`` chains so that a
fine-tune, merge, adapter, quantisation or distillation inherits its base
model's licence (docs/resolution.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from weightclear.knowledge import KnowledgeBase
from weightclear.knowledge.schema import ModelEntry
from weightclear.model import Evidence, Location, ModelUse, Reference, Resolution, Role
from weightclear.resolve_cards import MAX_LINEAGE, Cards, lineage_from_cards
from weightclear.resolve_names import (
    FAMILY_WORDS,
    SNAPSHOT_STAMP,
    Normalised,
    Parsed,
    normalise,
    not_a_model,
    parse,
)

_SIZE_TOKEN = re.compile(r"^(?:\d+x)?\d+(?:\.\d+)?[bm]$")
_VERSION_HEAD = re.compile(r"\d+(?:\.\d+)*(?=[a-z])")  # 3 of 3n: a lettered variant of a version
_VERSION_TOKEN = re.compile(r"^\d{1,2}(?:\.\d+)+$")
_REVISION_TOKEN = re.compile(r"^\d{1,2}(?:\.\d+)*$")  # v2 once normalised: a republisher's revision
_DATE_TOKEN = re.compile(
    r"^(?:2[0-9])?[0-9]{2}(?:0[1-9]|1[0-2]|[0-3][0-9])$"
)  # 0528, 2407, 250528: a release date  # 2.6, 0.3: dotted, so a size or date is never taken

# Artefacts name the weights themselves: kept (as unknown) even when no licence can be found.
ARTEFACT_KINDS = frozenset(
    {"gguf-file", "hf-folder", "hf-cache", "model-card", "safetensors-metadata", "config"}
)


@dataclass(frozen=True)
class _Entry:
    model: ModelEntry
    parsed: Parsed
    org: str | None
    quantised: bool  # a re-release such as ...-Instruct-FP8: the plain model wins a tie
    id_version: str | None  # the version the id spells; parsed.version is the catalogue's (Llama) version

    def has_version(self, version: str) -> bool:
        # Llama Guard 3 8B is Llama 3.1: "llama-guard3" names it by the id's 3, prose by the field's 3.1
        return version in (self.parsed.version, self.id_version)


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, tuple[str, ...]]  # normalised spelling -> catalogue ids
    by_name: dict[str, tuple[_Entry, ...]]  # leading name word (llama, gemma, tinyllama) -> entries


_INDEXES: dict[int, tuple[KnowledgeBase, _Index]] = {}


def _build_index(kb: KnowledgeBase) -> _Index:
    by_key: dict[str, list[str]] = defaultdict(list)
    by_name: dict[str, list[_Entry]] = defaultdict(list)
    for model in kb.models.values():
        for spelling in (model.id, *model.aliases):
            key = normalise(spelling).key
            if key and model.id not in by_key[key]:
                by_key[key].append(model.id)
        norm = normalise(model.id)
        parsed = parse(norm.tokens, model.version, model.size)
        if parsed is not None:
            org = model.id.split("/")[0] if "/" in model.id else None
            id_version = parse(norm.tokens).version  # type: ignore[union-attr]  # same tokens, not None
            by_name[parsed.name].append(_Entry(model, parsed, org, bool(norm.quant), id_version))
    return _Index({k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_name.items()})


def _index(kb: KnowledgeBase) -> _Index:
    # KnowledgeBase holds dicts (unhashable); one index per loaded knowledge base object.
    cached = _INDEXES.get(id(kb))
    if cached is None or cached[0] is not kb:
        if len(_INDEXES) >= 8:  # tests build many; a process normally has one
            _INDEXES.clear()
        cached = (kb, _build_index(kb))
        _INDEXES[id(kb)] = cached
    return cached[1]


def catalogue_lineage(model: ModelEntry, kb: KnowledgeBase) -> tuple[str, ...]:
    """The catalogue's base_model chain of ``model``, nearest first (cycles cut)."""
    chain: list[str] = []
    current = model.base_model
    while current and current not in chain and current != model.id and len(chain) < MAX_LINEAGE:
        chain.append(current)
        base = kb.models.get(current)
        current = base.base_model if base else None
    return tuple(chain)


def _official(text: str, model: ModelEntry, kb: KnowledgeBase, reason: str) -> Resolution:
    return Resolution(
        text=text,
        model_id=model.id,
        licence_id=model.licence,
        family=model.family,
        modality=model.modality,
        lineage=catalogue_lineage(model, kb),
        reason=reason,
    )


def _derivative(text: str, base: ModelEntry, kb: KnowledgeBase, reason: str) -> Resolution:
    return Resolution(
        text=text,
        model_id=text.strip(),
        licence_id=base.licence,
        family=base.family,
        modality=base.modality,
        lineage=(base.id, *catalogue_lineage(base, kb)),
        reason=reason,
    )


def _licence_only(text: str, entries: Sequence[_Entry], why: str) -> Resolution:
    """Several models fit: resolve the licence when they all share it (the model stays as written)."""
    licences = sorted({e.model.licence for e in entries})
    if len(licences) != 1:
        return Resolution(
            text=text, model_id=None, licence_id=None, reason=f"{why}; licences differ: {licences}"
        )
    families = {e.model.family for e in entries}
    modalities = {e.model.modality for e in entries}
    return Resolution(
        text=text,
        model_id=text.strip(),
        licence_id=licences[0],
        family=families.pop() if len(families) == 1 else None,
        modality=modalities.pop() if len(modalities) == 1 else None,
        reason=f"{why}; all candidates are under {licences[0]}",
    )


def _how(norm: Normalised, entry_org: str | None) -> str:
    """The spelling details worth telling a reviewer: provider, quantisation, publisher."""
    parts = [f"Ollama default tag {norm.default_tag}"] if norm.default_tag else []
    if norm.provider:
        parts.append(f"via {norm.provider.rstrip('/-')}")
    if norm.quant:
        parts.append(f"quantisation {'/'.join(norm.quant)}")
    if norm.org and entry_org and norm.org.lower() != entry_org.lower():
        parts.append(f"published by {norm.org}")
    return f" ({', '.join(parts)})" if parts else ""


def _by_key(text: str, norm: Normalised, kb: KnowledgeBase, index: _Index) -> Resolution | None:
    """Equal normalised spellings; a serving spelling needs the same decorations (sd-turbo is a model)."""
    ids = index.by_key.get(norm.key)
    if not ids:
        return None
    # one spelling may name a model and its FP8 (or -turbo) re-release: prefer the one with the written marker
    marks = {i: normalise(i) for i in ids}
    # a model whose own name carries a marker (sdxl-turbo) is not named without it ("sdxl" is not SDXL-Turbo)
    ids = tuple(i for i in ids if set(marks[i].decorations) <= set(norm.decorations))
    if not ids:
        return None
    exact = [i for i in ids if (marks[i].quant, marks[i].decorations) == (norm.quant, norm.decorations)]
    same = exact or [i for i in ids if marks[i].quant == norm.quant] or list(ids)
    model = kb.models[min(same, key=lambda i: (len(i), i))]
    org = model.id.split("/")[0] if "/" in model.id else None
    return _official(text, model, kb, f"spelling of {model.id}{_how(norm, org)}")


def _size_fits(written: Parsed, entry: Parsed) -> bool:
    if written.size is None:
        return True
    if entry.size != written.size:
        return False
    # Bedrock drops the expert count (llama4-scout-17b): a missing count fits any
    return written.experts is None or entry.experts is None or written.experts == entry.experts


def _field_only(written: Parsed, entry: _Entry) -> int:
    """1 when the written version matches only the catalogue's version field, not the version in the id."""
    return int(written.version is not None and written.version != entry.id_version)


def _best(written: Parsed, entries: Iterable[_Entry], serving: bool) -> list[_Entry]:
    """The entries that fit best: fewest unexplained words, then fewest missing, then the variant."""
    scored = [
        (
            (
                len(written.words - e.parsed.words),
                len(e.parsed.words - written.words),
                _field_only(written, e),
            ),
            e,
        )
        for e in entries
    ]
    if not scored:
        return []
    top = min(score for score, _ in scored)
    best = [e for score, e in scored if score == top]
    # serving stacks serve the instruct variant even when the name omits it (llama-3.3-70b-versatile)
    want_instruct = written.instruct or serving
    best = [e for e in best if e.parsed.instruct == want_instruct] or best
    return [e for e in best if not e.quantised] or best


def _structural(
    text: str, written: Parsed, norm: Normalised, kb: KnowledgeBase, derived: bool
) -> Resolution | None:
    """Match name word, version, size and words against the catalogue entries of that name."""
    entries = _index(kb).by_name.get(written.name, ())
    pool = [e for e in entries if written.version is None or e.has_version(written.version)]
    if not pool:
        # A version the catalogue lacks (Gemma 5; Gemma 4 until catalogued, and it is Apache-2.0) is a model
        # of the family whose licence no source we hold gives: a family's licence so far says nothing of its
        # next release. A variant of a catalogued version (Gemma 3n of Gemma 3) takes that version's licence.
        if not _has_family_words(written, entries):
            return None
        variant = _variant_of(written, entries)
        if variant:
            return _licence_only(
                text, variant, f"{written.name} {written.version} is a variant of a catalogued version"
            )
        families = {e.model.family for e in entries}
        return Resolution(
            text=text,
            model_id=None,
            licence_id=None,
            family=families.pop() if len(families) == 1 else None,
            reason=f"{written.name} {written.version} is not in the catalogue: its licence is not known",
        )
    label = " ".join(x for x in (written.name, written.version, written.size) if x)
    if written.version is None and written.size is None:
        # "mistral-large" names the models that have every written word; "gemma-cpp" names none
        named = [e for e in pool if written.words <= e.parsed.words]
        # "Google/Gemma" in prose is the family under its org, not a model ("mistral" alone is an Ollama
        # tag the catalogue's aliases resolve before this)
        if derived or not named or (norm.org and not written.words):
            return None
        label = " ".join((written.name, *sorted(written.words)))
        return _licence_only(text, named, f"{label} named without version or size")
    only_release = _only_release(written, entries) if written.version is None else []
    if only_release:
        pool = only_release
    elif written.version is None and all(e.id_version is not None for e in pool):
        # "llama-7b" is the original LLaMA, not Llama 2: a size alone never picks a version for a family
        # whose every catalogued id spells one (the catalogue's aliases cover the served names that omit it)
        why = (
            f"{label} names no version, and every catalogued {written.name} model has one: an unversioned "
            "first release (such as the original LLaMA of 2023, under its own research licence) "
            "is not catalogued"
        )
        return Resolution(text=text, model_id=None, licence_id=None, reason=why)
    sized = [e for e in pool if _size_fits(written, e.parsed)] or _one_point_release(written, entries)
    if not sized:
        if written.version is None:
            return None
        if _names_another_family(text, written.name):
            # `deepseek-r1-0529-qwen3-14b`: a model of one family trained on another's, whose version the
            # name may carry (`qwen3`); its licence is its base's, which the family's cannot stand for
            return Resolution(
                text=text,
                model_id=None,
                licence_id=None,
                reason=f"no {label} in the catalogue, and the name carries another family's model: "
                "its licence is that base's, not known here",
            )
        # the version's own line, not the guard models that share its number (Llama Guard 2 is Llama 3's)
        plain = [e for e in pool if e.parsed.words <= written.words] or pool
        return _licence_only(
            text, plain, f"no {label} in the catalogue; licence from version {written.version}"
        )
    best = _best(written, sized, norm.serving)
    extra = sorted(written.words - best[0].parsed.words)
    if len(best) > 1:
        names = ", ".join(sorted(e.model.id for e in best)[:4])
        return _licence_only(text, best, f"{label} fits several models ({names})")
    entry = best[0]
    if extra or derived:
        adds = f": the name adds {' '.join(extra)}" if extra else f": the name contains {label}"
        return _derivative(text, entry.model, kb, f"derivative of {entry.model.id}{adds}")
    how = "served name of" if norm.serving else "closest catalogue model:"
    return _official(text, entry.model, kb, f"{how} {entry.model.id}{_how(norm, entry.org)}")


def _only_release(written: Parsed, entries: Sequence[_Entry]) -> list[_Entry]:
    """The entries of a name's one catalogued version at the written size (`mixtral-8x22b`: v0.1), or none.

    Only a name whose every catalogued model has one and the same version: then no earlier, unversioned
    release of that name is known ("llama-7b" has several versions and stays unresolved)."""
    if written.size is None or not entries or any(e.id_version is None for e in entries):
        return []
    if len({e.parsed.version for e in entries}) != 1:
        return []
    return [e for e in entries if _size_fits(written, e.parsed)]


def _one_point_release(written: Parsed, entries: Sequence[_Entry]) -> list[_Entry]:
    """The entries of the one point release of a whole version that has the written size, else none.

    "llama3-405b" names Llama 3.1 405B: Llama 3 has no 405B and 3.1 is the only 3.x release with one.
    """
    if written.version is None or not written.version.isdigit() or written.size is None:
        return []
    point = [
        e
        for e in entries
        if (e.parsed.version or "").startswith(f"{written.version}.") and _size_fits(written, e.parsed)
    ]
    return point if len({e.parsed.version for e in point}) == 1 else []


def _anchored(text: str, norm: Normalised, kb: KnowledgeBase) -> Resolution | None:
    """A community name that embeds a catalogue name (Hermes-2-Pro-Llama-3-8B): a derivative of it."""
    index = _index(kb)
    for start in range(1, len(norm.tokens)):
        if norm.tokens[start] not in index.by_name:
            continue
        for tokens in _base_readings(norm.tokens[start:]):
            written = parse(tokens)
            if written is not None and (written.version or written.size):
                found = _structural(text, written, norm, kb, derived=True)
                if found is not None and found.licence_id is not None:
                    return found
        spelled = _spelled_inside(norm.tokens[start:], index)
        if spelled is not None:
            # Nous-Hermes-2-Mixtral-8x7B-DPO: the base as the catalogue's own spellings write it (Mixtral-8x7B
            # is how Mixtral 8x7B v0.1 is served and named), the longest run of tokens that is one
            model = kb.models[spelled[0]]
            return _derivative(text, model, kb, f"derivative of {model.id}: the name contains {spelled[1]}")
    return None


def _without_revision(text: str, norm: Normalised, kb: KnowledgeBase, index: _Index) -> Resolution | None:
    """A republished model with its own revision after the size or date (``nvidia/gpt-oss-120b-Eagle3-v3``):
    the name without that revision, as a derivative of what it names."""
    for tokens in _base_readings(norm.tokens)[1:]:
        ids = index.by_key.get(" ".join(tokens), ())
        if len(ids) == 1:
            model = kb.models[ids[0]]
            return _derivative(text, model, kb, f"derivative of {model.id}: the name adds a revision")
        written = parse(tokens)
        if written is not None and written.name in index.by_name:
            found = _structural(text, written, norm, kb, derived=True)
            if found is not None and found.licence_id is not None:
                return found
    return None


def _revised_spelling(text: str, norm: Normalised, kb: KnowledgeBase, index: _Index) -> Resolution | None:
    """A catalogue spelling followed by the republisher's own revision (``nvidia/DeepSeek-R1-0528-NVFP4-v2``).

    Tried before the structural reading, which would take that revision for the family's version
    (DeepSeek V2); only a whole catalogue spelling counts, so ``dolphin-mistral:7b-v2.6`` is left to it.
    """
    without = _without_later(norm.tokens, _REVISION_TOKEN)
    ids = index.by_key.get(" ".join(without), ()) if without else ()
    if len(ids) != 1:
        return None
    model = kb.models[ids[0]]
    return _derivative(text, model, kb, f"derivative of {model.id}: the name adds a revision")


def _spelled_inside(tokens: tuple[str, ...], index: _Index) -> tuple[str, str] | None:
    """(model id, the tokens) of the longest leading run of ``tokens`` with a version or size that is
    one catalogue model's spelling; None when no run is, or when a run spells several models."""
    for end in range(len(tokens), 0, -1):
        run = tokens[:end]
        if not any(_SIZE_TOKEN.match(t) or _VERSION_TOKEN.match(t) for t in run):
            continue
        ids = index.by_key.get(" ".join(run), ())
        if len(ids) == 1:
            return ids[0], " ".join(run)
    return None


def _base_readings(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The tokens as written, then without a version written after the size.

    In ``dolphin-mistral:7b-v2.6`` the 2.6 is Dolphin's own version, not Mistral's;
    official ids that put their version last (Mistral-7B-Instruct-v0.3) are read as
    written first.
    """
    without = _without_later(tokens, _VERSION_TOKEN)
    return [tokens, without] if without else [tokens]


def _without_later(tokens: tuple[str, ...], version: re.Pattern[str]) -> tuple[str, ...] | None:
    """``tokens`` without the first ``version`` token written after a size or date; None if none is."""
    sized = next((i for i, t in enumerate(tokens) if _SIZE_TOKEN.match(t) or _DATE_TOKEN.match(t)), None)
    if sized is None:
        return None
    later = next((i for i, t in enumerate(tokens) if i > sized and version.match(t)), None)
    return None if later is None else tuple(t for i, t in enumerate(tokens) if i != later)


# a point written as a dash before a size (Kubernetes names allow no dots): distill-qwen-1-5b is 1.5B
_POINT_AS_DASH = re.compile(r"(?<![a-z0-9.])([1-9])-(\d)b(?![a-z0-9])", re.IGNORECASE)


# A snapshot stamp, YYMMDD, at the end of a served name: its month and day
_DATED_STAMP = re.compile(rf"[-_]{SNAPSHOT_STAMP.pattern}$")


def resolve_name(text: str, kb: KnowledgeBase) -> Resolution:
    """Resolve one written model name (any stack's spelling) to a model and licence version.

    Never raises: a name that is not a model, or that fits nothing in the
    catalogue, gives a Resolution with no model and no licence and a reason.
    """
    stamp = _DATED_STAMP.search(text)
    if stamp:
        # Volcengine's snapshot stamp (`deepseek-v3-250324`) names a dated release when the catalogue has one
        # of that month and day (DeepSeek-V3-0324, MIT, not V3's own licence); otherwise it is dropped
        dated = _resolve_written(f"{text[: stamp.start()]}-{stamp.group(1)}", kb)
        if dated.model_id in kb.models and dated.model_id.endswith(stamp.group(1)):
            why = f"{dated.reason} (the stamp {stamp.group(0)[1:]} read as its date)"
            return replace(dated, text=text, reason=why)
    found = _resolve_written(text, kb)
    if found.model_id in kb.models:
        return found
    # "llama-3-8b" is Llama 3 8B; only a name that fits no catalogue model as written is read with a point
    pointed = _POINT_AS_DASH.sub(r"\1.\2b", text)
    if pointed != text:
        again = _resolve_written(pointed, kb)
        if again.model_id in kb.models:
            return replace(again, text=text, reason=f"{again.reason} (read as {pointed})")
    return found


def _resolve_written(text: str, kb: KnowledgeBase) -> Resolution:
    """resolve_name() of the name as written."""
    why_not = not_a_model(text)
    if why_not:
        return Resolution(text=text, model_id=None, licence_id=None, reason=f"not a model: {why_not}")
    model = kb.model_by_alias(text.strip())
    if model is not None:
        exact = model.id.lower() == text.strip().lower()
        return _official(text, model, kb, "catalogue id" if exact else f"catalogue alias of {model.id}")
    norm = normalise(text)
    written = parse(norm.tokens)
    if written is None:
        return Resolution(text=text, model_id=None, licence_id=None, reason="no model name in the text")
    index = _index(kb)
    found = _by_key(text, norm, kb, index) or _revised_spelling(text, norm, kb, index)
    # served names mean the instruct variant even without the word (llama3.1:8b, llama3-70b-8192), unless
    # the written decorations are the model's own (sd-turbo); the plain spelling stays the fallback
    own_marks = found is not None and bool(norm.decorations)
    own_marks = own_marks and normalise(str(found and found.model_id)).decorations == norm.decorations
    served = norm.serving and not written.instruct and not own_marks
    if (found is None or served) and written.name in index.by_name:
        parts = _structural(text, written, norm, kb, derived=False)
        if found is None or (parts is not None and parts.model_id in kb.models):
            found = parts
    if found is None or found.licence_id is None:
        found = _anchored(text, norm, kb) or found
    if (found is None or found.licence_id is None) and norm.org:
        found = _publisher_family(text, written, norm.org, index) or found
    if found is None or found.licence_id is None:
        found = _without_revision(text, norm, kb, index) or found
    return found or Resolution(text=text, model_id=None, licence_id=None, reason="no catalogue model matches")


def _has_family_words(written: Parsed, entries: Sequence[_Entry]) -> bool:
    """True when the name has the words every catalogued model of its name word has.

    An uncatalogued name borrows the family's licence only when it is of that family: every gpt-oss model
    has the word "oss", so "openai/gpt-4" is not one of them.
    """
    if not entries:
        return False
    shared = frozenset.intersection(*(frozenset(e.parsed.words) for e in entries))
    return shared <= written.words


def _variant_of(written: Parsed, entries: Sequence[_Entry]) -> list[_Entry]:
    """The entries of the catalogued version a lettered version varies (``3n`` of ``3``), if any."""
    head = _VERSION_HEAD.match(written.version or "")
    if head is None or head.group() == written.version:
        return []
    return [e for e in entries if e.has_version(head.group())]


def _publisher_family(text: str, written: Parsed, org: str, index: _Index) -> Resolution | None:
    """An uncatalogued release (google/gemma-2-2b-jpn-it) from the publisher of a single-licence family."""
    entries = index.by_name.get(written.name, ())
    if not entries or any((e.org or "").lower() != org.lower() for e in entries):
        return None
    if written.version is None and written.size is None and not written.words:
        return None  # the family's name under its org ("Google/Gemma" in prose), no model of it
    known = written.version is None or any(e.has_version(written.version) for e in entries)
    if not known and not _variant_of(written, entries):
        return None  # a release of a version the catalogue lacks: no licence known (google/gemma-5-31B-it)
    if not _has_family_words(written, entries):
        return None
    found = _licence_only(
        text, entries, f"a {written.name} model from {org} that the catalogue does not list"
    )
    return found if found.licence_id is not None else None


# --- grouping ---------------------------------------------------------------------------------------


def _resolve_reference(
    ref: Reference, kb: KnowledgeBase, cards: Cards, cache: dict[str, Resolution]
) -> Resolution | None:
    found = cache.get(ref.text)
    if found is None:
        # The text scanner resolved each name with resolve_name already (the pipeline's resolver, cached
        # per knowledge-base digest): reuse it rather than resolving every distinct name again. Artefact
        # readings (a GGUF header, a model card) are resolved here.
        known = ref.resolution if ref.kind not in ARTEFACT_KINDS else None
        found = cache.setdefault(ref.text, known or resolve_name(ref.text, kb))
    card = cards.for_reference(ref)
    # an official model's own name is the better witness; otherwise the card (and its chain) decides
    if card is not None and found.model_id not in kb.models and not not_a_model(ref.text):
        via = lineage_from_cards(ref.text, card, kb, cards, resolve_name)
        found = via if via.licence_id is not None or found.licence_id is None else found
    if ref.text in kb.licences and found.model_id not in kb.models:
        return None  # "llama-3.1" as written in configs and docs is a licence id, not a model
    if found.model_id is None:
        if not_a_model(ref.text) or ref.kind not in ARTEFACT_KINDS or ref.role is not Role.USE:
            return None
        found = replace(found, model_id=ref.text.strip())  # weights we cannot identify: kept, for review
    return found


def _declared_references(context: object) -> list[Reference]:
    """Models declared in weightclear.toml ``[[models]]`` (the hook: any ``context.models`` with ``.id``)."""
    refs: list[Reference] = []
    for index, item in enumerate(getattr(context, "models", None) or ()):
        text = item if isinstance(item, str) else getattr(item, "id", None)
        if not isinstance(text, str) or not text.strip():
            continue
        where = getattr(context, "location", None)
        location = where("models", index) if callable(where) else None
        if not isinstance(location, Location):
            location = Location(path=str(getattr(context, "rel_path", None) or "weightclear.toml"))
        refs.append(Reference(location=location, text=text, kind="config", role=Role.USE))
    return refs


def _sort_key(ref: Reference) -> tuple[str, int, int, str]:
    return (ref.location.path, ref.location.line or 0, ref.location.column or 0, ref.text)


def group_models(evidence: Evidence, kb: KnowledgeBase, context: object) -> tuple[ModelUse, ...]:
    """One ModelUse per model (canonical id, or the written name of a licensed derivative).

    Each reference is resolved (its ``resolution`` filled in); model cards'
    base_model chains give derivatives their base model's licence and lineage.
    Models that are only mentioned stay in the list (``ModelUse.used`` tells).
    ``context`` may declare models (``context.models``, items with ``.id``).
    """
    cards = Cards(evidence.model_cards)
    cache: dict[str, Resolution] = {}
    groups: dict[str, list[Reference]] = defaultdict(list)
    first: dict[str, Resolution] = {}
    for ref in (*evidence.references, *_declared_references(context)):
        found = _resolve_reference(ref, kb, cards, cache)
        if found is None or found.model_id is None:
            continue
        if found.model_id not in first or (first[found.model_id].licence_id is None and found.licence_id):
            first[found.model_id] = found  # a reference that found the licence speaks for the group
        groups[found.model_id].append(replace(ref, resolution=found))
    uses = [
        ModelUse(
            model_id=model_id,
            family=first[model_id].family,
            licence_id=first[model_id].licence_id,
            modality=first[model_id].modality,
            references=tuple(sorted(refs, key=_sort_key)),
            lineage=max((r.resolution.lineage for r in refs if r.resolution), key=len, default=()),
        )
        for model_id, refs in groups.items()
    ]
    return tuple(sorted(uses, key=lambda u: (u.model_id.lower(), u.model_id)))


def _names_another_family(text: str, name: str) -> bool:
    """True when ``text`` also names a family other than ``name`` (``qwen`` in ``deepseek-...-qwen3-14b``)."""
    lowered = text.lower()
    return any(w in lowered and w not in name and name not in w for w in FAMILY_WORDS)
