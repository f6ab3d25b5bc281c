"""Section 5: Prefect's share of a demo refresh — the flow against the plain functions."""
from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.subprocess_case import Measured, run_case


def run(out: Path, api_url: str | None = None) -> dict[str, Measured]:
    """Both cases on a fresh warehouse each; the flow with an empty temp PREFECT_HOME, and its own
    temporary server unless `api_url` names a running one (the smoke test's: it checks that the
    section runs, not what Prefect's start-up costs)."""
    results = {}
    for case, name in (("plain", "plain functions"), ("flow", "Prefect flow `refresh`")):
        target = out / f"refresh-{case}.duckdb"
        for leftover in out.glob(target.name + "*"):
            leftover.unlink()
        with tempfile.TemporaryDirectory(prefix="bench-prefect-") as home:
            env = {"PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                   **({"PREFECT_API_URL": api_url} if api_url else {})}
            results[case] = run_case("benchmarks.refresh_cases", case, str(target), name=name, env=env)
    return results
