"""DeploymentContext: the facts a scan cannot see, read from weightclear.toml.

Every key is validated (pydantic, ``extra="forbid"``); an error names the
file, the key and its line. No config at all is a valid, empty context: the
rules then report the obligations that would apply as ``*_UNDECLARED`` or
``review`` results. See docs/configuration.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from weightclear.errors import ConfigError
from weightclear.model import Location, Modality

CONFIG_NAME = "weightclear.toml"

# EU member states (ISO 3166-1 alpha-2). The Llama EU clause names the European Union, not the EEA.
EU_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
)


class LicenseeType(StrEnum):
    COMPANY = "company"
    INDIVIDUAL = "individual"


class Distribution(StrEnum):
    """How the product reaches others; closed choice, walked by a test."""

    INTERNAL = "internal"  # only the licensee's own staff use it
    HOSTED = "hosted"  # a service others use; no weights leave
    API_RESALE = "api-resale"  # the model offered to others through an API
    ON_DEVICE = "on-device"  # weights ship inside an app or device
    WEIGHTS_PUBLISHED = "weights-published"  # weights published for download
    DELIVERED_TO_CLIENT = "delivered-to-client"  # weights handed to one client
    RECIPIENT_INTEGRATED = "recipient-integrated"  # passes on another's integrated product unchanged
    END_USER = "end-user"  # only uses another's product


#: modes in which copies of the weights leave the licensee
SHIPS_WEIGHTS = frozenset(
    {
        Distribution.ON_DEVICE,
        Distribution.WEIGHTS_PUBLISHED,
        Distribution.DELIVERED_TO_CLIENT,
    }
)


class Access(StrEnum):
    SELF_HOSTED = "self-hosted"
    PROVIDER_API = "provider-api"
    BUNDLED = "bundled"
    THIRD_PARTY_PRODUCT = "third-party-product"  # used only through someone else's product


class Method(StrEnum):
    FINE_TUNE = "fine-tune"
    LORA_ADAPTER = "lora-adapter"
    QUANTISATION = "quantisation"
    MERGE = "merge"
    DISTILLATION = "distillation"


class Exposure(StrEnum):
    INTERNAL = "internal"
    HOSTED_FEATURE = "hosted-feature"  # offered to others without its name
    HOSTED_NAMED = "hosted-named"  # offered to others under its name
    DISTRIBUTED = "distributed"  # weights given to others


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MonthlyUsers(_Section):
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    users: int = Field(ge=0)


class Organisation(_Section):
    name: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    licensee_type: LicenseeType | None = None
    monthly_active_users: int | tuple[MonthlyUsers, ...] | None = None
    annual_revenue_usd: int | None = Field(default=None, ge=0)

    @field_validator("monthly_active_users")
    @classmethod
    def _non_negative(cls, value: object) -> object:
        if isinstance(value, int) and value < 0:
            raise ValueError("must be zero or more")
        return value

    @property
    def in_eu(self) -> bool | None:
        """True when the principal place of business is an EU member state; None when unknown."""
        return None if self.country is None else self.country in EU_COUNTRIES

    def users_in(self, month: str) -> int | None:
        """Users for a calendar month ``YYYY-MM``; a bare number counts for every month."""
        mau = self.monthly_active_users
        if isinstance(mau, int):
            return mau
        for row in mau or ():
            if row.month == month:
                return row.users
        return None

    def peak_users(self) -> int | None:
        """The largest monthly figure declared, or None when nothing is declared."""
        mau = self.monthly_active_users
        if isinstance(mau, int):
            return mau
        return max((row.users for row in mau), default=None) if mau else None


class Product(_Section):
    name: str | None = None
    distribution: tuple[Distribution, ...] = ()
    users_in_eu: bool | None = None
    use_case: str | None = None
    commercial: bool | None = None  # False: research, evaluation or personal use only
    attribution_owner: str | None = None
    attribution_surfaces: tuple[str, ...] = ()
    downstream_terms: str | None = None  # file whose terms pass the use restrictions on

    @field_validator("distribution", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value


class DeclaredModel(_Section):
    id: str = Field(min_length=1)
    access: Access | None = None
    modality_used: Modality | None = None


class Derivative(_Section):
    name: str = Field(min_length=1)
    path: str | None = None
    base_model: tuple[str, ...] = ()
    method: Method | None = None
    trained_on_outputs_of: tuple[str, ...] = ()
    exposure: Exposure = Exposure.DISTRIBUTED

    @field_validator("base_model", "trained_on_outputs_of", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value


class Approval(_Section):
    licence: str = Field(min_length=1)
    models: tuple[str, ...] = ()
    approved_by: str = Field(min_length=1)
    date: dt.date
    reference: str | None = None


class Waiver(_Section):
    code: str = Field(min_length=1)
    licence: str | None = None
    model: str | None = None
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    expires: dt.date
    reference: str | None = None


class Config(_Section):
    organisation: Organisation = field(default_factory=Organisation)
    product: Product = field(default_factory=Product)
    models: tuple[DeclaredModel, ...] = ()
    derivatives: tuple[Derivative, ...] = ()
    approvals: tuple[Approval, ...] = ()
    waivers: tuple[Waiver, ...] = ()


KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, kw_only=True)
class DeploymentContext:
    """The deployment facts, validated; an empty context when there is no weightclear.toml."""

    path: str | None = None  # the config file as given
    rel_path: str = CONFIG_NAME  # the config relative to the scan root (for evidence locations)
    digest: str | None = None
    organisation: Organisation = field(default_factory=Organisation)
    product: Product = field(default_factory=Product)
    models: tuple[DeclaredModel, ...] = ()
    derivatives: tuple[Derivative, ...] = ()
    approvals: tuple[Approval, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    key_lines: dict[KeyPath, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    missing_paths: frozenset[str] = frozenset()  # paths named here that the scanned tree lacks

    @property
    def declared(self) -> bool:
        """True when a weightclear.toml was read."""
        return self.path is not None

    def location(self, *keys: str | int) -> Location | None:
        """Where a key (or its nearest enclosing table) is written in weightclear.toml."""
        if not self.declared:
            return None
        return Location(path=self.rel_path, line=_nearest_line(self.key_lines, keys))


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_\-]+|\"[^\"]*\")(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|\"[^\"]*\"))*)\s*=")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip('"') for part in dotted.split("."))


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every table and key path in TOML ``text`` to its line (arrays of tables get indices).

    tomllib does not report positions, so this scans the text the way a reader
    would; it is only used to point error messages and evidence at a line.
    """
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    counts: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            parts = _split_key(header.group(2))
            if header.group(1) == "[[":
                counts[parts] = counts.get(parts, -1) + 1
                table = (*parts, counts[parts])
            else:
                table = parts
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, *_split_key(key.group(1))), number)
    return lines


def _nearest_line(lines: dict[KeyPath, int], keys: KeyPath) -> int | None:
    for end in range(len(keys), 0, -1):
        if keys[:end] in lines:
            return lines[keys[:end]]
    return None


def _error_from(exc: ValidationError, path: str, lines: dict[KeyPath, int]) -> ConfigError:
    first = exc.errors()[0]
    loc = tuple(p for p in first["loc"] if isinstance(p, str | int))
    # pydantic adds the member type of a union to the location ("int", "tuple[...]"): drop it.
    keys = tuple(p for p in loc if isinstance(p, int) or (not any(c in p for c in "[]") and p != "int"))
    dotted = ".".join(str(p) for p in keys)
    message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
    return ConfigError(message, path=path, key=dotted, line=_nearest_line(lines, keys))


def parse_config(text: str, *, path: str = CONFIG_NAME, rel_path: str = CONFIG_NAME) -> DeploymentContext:
    """Validate weightclear.toml ``text``; raises ConfigError naming file, key and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            f"not valid TOML: {exc}", path=path, line=int(found.group(1)) if found else None
        ) from exc
    lines = key_lines(text)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise _error_from(exc, path, lines) from None
    return DeploymentContext(
        path=path,
        rel_path=rel_path,
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
        organisation=config.organisation,
        product=config.product,
        models=config.models,
        derivatives=config.derivatives,
        approvals=config.approvals,
        waivers=config.waivers,
        key_lines=lines,
    )


def _relative(config: Path, root: Path) -> str:
    try:
        return config.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return config.name


def load_context(config: Path | None, root: Path) -> DeploymentContext:
    """Read weightclear.toml (``config``, else ROOT/weightclear.toml when present)."""
    if config is None:
        candidate = root / CONFIG_NAME
        if not candidate.is_file():
            return DeploymentContext()
        config = candidate
    try:
        text = config.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=str(config)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=str(config)) from None
    context = parse_config(text, path=str(config), rel_path=_relative(config, root))
    return replace(context, missing_paths=_missing_paths(context, root))


def _missing_paths(context: DeploymentContext, root: Path) -> frozenset[str]:
    """Paths the config names that are not in the scanned tree (a release folder built later in CI).

    Not an error: the rules then report what is missing there (no agreement copy, no Notice, no
    downstream terms), instead of the scan stopping before it could say so.
    """
    named = [d.path for d in context.derivatives if d.path]
    if context.product.downstream_terms:
        named.append(context.product.downstream_terms)
    return frozenset(rel for rel in named if not (root / rel).exists())
