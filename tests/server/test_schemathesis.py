"""Schemathesis over the OpenAPI document: generated requests to every operation never get a 5xx.

Bounded: a few examples per operation, derandomised (a fixed seed), as the
admin (so every operation runs its real code, not only the 403) and once
without a token.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests.server.conftest import Server

EXAMPLES = 6


def test_no_generated_request_gets_a_server_error(server: Server) -> None:
    schema = schemathesis.openapi.from_url(f"{server.base}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, "the OpenAPI document lost operations"
    failures: list[str] = []
    auth = {"Authorization": f"Bearer {server.tokens['ada']}"}

    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(), with_token=st.booleans())
        def run(case: schemathesis.Case, with_token: bool) -> None:
            response = case.call(base_url=server.base, headers=auth if with_token else {}, timeout=30)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
                )
            elif response.status_code >= 400 and (response.headers.get("content-type") or [""])[0].startswith(
                "application/json"
            ):
                assert set(response.json()) == {"error"}, response.text

        run()
    if failures:
        pytest.fail("server errors:\n" + "\n".join(failures[:20]))
