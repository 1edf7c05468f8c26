"""weightclear.toml: every key validated, errors name file, key and line; no config is valid too."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obligations.wc_build import to_toml
from weightclear.context import (
    Access,
    DeploymentContext,
    Distribution,
    key_lines,
    load_context,
    parse_config,
)
from weightclear.errors import ConfigError
from weightclear.model import Location

FULL = """\
[organisation]
name = "Acme Corp"
country = "NL"
licensee_type = "company"
monthly_active_users = [
  { month = "2024-06", users = 12_000_000 },
  { month = "2025-03", users = 15_000_000 },
]

[product]
name = "Acme Support"
distribution = ["hosted", "on-device"]
users_in_eu = true
use_case = "Answer customers' questions about their orders."
attribution_owner = "Jane Doe <jane@acme.example>"
attribution_surfaces = ["web/src/pages/About.tsx", "docs/**/*.md"]

[[models]]
id = "meta.llama3-1-70b-instruct-v1:0"
access = "provider-api"
modality_used = "text"

[[derivatives]]
name = "Llama-Acme-Support-8B"
path = "release/acme-support-8b"
base_model = ["meta-llama/Llama-3.1-8B-Instruct"]
method = "fine-tune"
trained_on_outputs_of = []
exposure = "distributed"

[[approvals]]
licence = "llama-3.1"
models = ["meta-llama/Llama-3.1-8B-Instruct"]
approved_by = "Legal <legal@acme.example>"
date = 2024-09-02
reference = "LEGAL-142"

[[waivers]]
code = "ATTRIBUTION_MISSING"
licence = "llama-3.1"
reason = "new site ships next sprint"
approved_by = "Legal"
expires = 2027-01-31
"""


def test_the_architecture_example_parses() -> None:
    ctx = parse_config(FULL)
    assert ctx.organisation.in_eu is True
    assert ctx.organisation.users_in("2024-06") == 12_000_000
    assert ctx.organisation.users_in("2024-07") is None
    assert ctx.organisation.peak_users() == 15_000_000
    assert ctx.product.distribution == (Distribution.HOSTED, Distribution.ON_DEVICE)
    assert ctx.models[0].access is Access.PROVIDER_API
    assert ctx.derivatives[0].base_model == ("meta-llama/Llama-3.1-8B-Instruct",)
    assert ctx.approvals[0].reference == "LEGAL-142"
    assert ctx.location("derivatives", 0, "path") == Location(path="weightclear.toml", line=25)
    assert ctx.location("waivers", 0) == Location(path="weightclear.toml", line=38)
    assert ctx.digest and len(ctx.digest) == 16


def test_a_bare_number_counts_for_every_month() -> None:
    ctx = parse_config("[organisation]\nmonthly_active_users = 5\n")
    assert ctx.organisation.users_in("2023-06") == 5


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("[product]\nname = 'x'\ncolour = 'red'\n", "product.colour", 3),
        ("[organisation]\ncountry = 'Netherlands'\n", "organisation.country", 2),
        ("[product]\ndistribution = 'broadcast'\n", "product.distribution.0", 2),
        ("[[models]]\nid = 'a'\n[[models]]\nid = 'b'\naccess = 'telepathy'\n", "models.1.access", 5),
        ("[[derivatives]]\nname = 'x'\nexposure = 'public'\n", "derivatives.0.exposure", 3),
        (
            "[organisation]\nmonthly_active_users = [{ month = '2024-13', users = 1 }]\n",
            "organisation.monthly_active_users",
            2,
        ),
        ("[[approvals]]\nlicence = 'llama-3.1'\napproved_by = 'x'\n", "approvals.0.date", 1),
        ("[surprise]\nx = 1\n", "surprise", 1),
    ],
)
def test_errors_name_the_key_and_line(text: str, key: str, line: int) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, path="conf/weightclear.toml")
    assert info.value.key is not None and info.value.key.startswith(key)
    assert info.value.line == line
    assert str(info.value).startswith(f"conf/weightclear.toml:{line}")


def test_unknown_key_is_an_error_not_silence() -> None:
    with pytest.raises(ConfigError, match=r"\[product.atribution_owner\]: unknown key"):
        parse_config("[product]\natribution_owner = 'Jane'\n")


def test_toml_syntax_error_has_its_line() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("[product]\nname = \n")
    assert info.value.line == 2


def test_no_config_is_a_valid_empty_context(tmp_path: Path) -> None:
    ctx = load_context(None, tmp_path)
    assert ctx == DeploymentContext()
    assert not ctx.declared and ctx.location("product") is None


def test_root_config_is_found_and_missing_paths_recorded(tmp_path: Path) -> None:
    (tmp_path / "weightclear.toml").write_text("[[derivatives]]\nname = 'x'\npath = 'release/x'\n")
    ctx = load_context(None, tmp_path)
    assert ctx.rel_path == "weightclear.toml" and ctx.derivatives[0].path == "release/x"
    assert ctx.missing_paths == {"release/x"}
    (tmp_path / "release" / "x").mkdir(parents=True)
    assert load_context(None, tmp_path).missing_paths == frozenset()


def test_explicit_config_outside_the_tree(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text("[product]\nname = 'p'\n")
    (tmp_path / "tree").mkdir()
    ctx = load_context(config, tmp_path / "tree")
    assert ctx.product.name == "p" and ctx.rel_path == "elsewhere.toml"


def test_unreadable_config_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_context(tmp_path / "missing.toml", tmp_path)


def test_key_lines_handles_dotted_keys_and_comments() -> None:
    lines = key_lines('# top\n[product] # the product\nname = "x"\norganisation.country = "NL"\n')
    assert lines[("product",)] == 2
    assert lines[("product", "name")] == 3
    assert lines[("product", "organisation", "country")] == 4


_names = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_values = st.one_of(st.integers(0, 10**9), st.text("abc xyz", max_size=8), st.booleans())


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(
        _names,
        st.lists(st.dictionaries(_names, _values, min_size=1, max_size=4), min_size=1, max_size=3),
        min_size=1,
        max_size=3,
    )
)
def test_key_lines_point_at_the_key(config: dict[str, list[dict[str, object]]]) -> None:
    text = to_toml(config)
    lines = text.splitlines()
    found = key_lines(text)
    for table, rows in config.items():
        for index, row in enumerate(rows):
            assert lines[found[(table, index)] - 1] == f"[[{table}]]"
            for key in row:
                assert lines[found[(table, index, key)] - 1].startswith(f"{key} = ")
