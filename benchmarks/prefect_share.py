"""Section 5: Prefect's share of a demo refresh — the flow against the plain functions."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from benchmarks.subprocess_case import Measured, run_case
from core.settings import DEMO_DIR, DEMO_MARKER


def run(out: Path, api_url: str | None = None, regions: int | None = None) -> dict[str, Measured]:
    """Both cases on a fresh warehouse each; the flow with an empty temp PREFECT_HOME, and its own
    temporary server unless `api_url` names a running one (the smoke test's: it checks that the
    section runs, not what Prefect's start-up costs). `regions`: refresh the demo files of only
    the first few regions (--quick), else the whole demo inbox."""
    inbox = DEMO_DIR / "inbox" if regions is None else demo_slice(out / "demo-inbox", regions)
    results = {}
    for case, name in (("plain", "plain functions"), ("flow", "Prefect flow `refresh`")):
        target = out / f"refresh-{case}.duckdb"
        for leftover in out.glob(target.name + "*"):
            leftover.unlink()
        with tempfile.TemporaryDirectory(prefix="bench-prefect-") as home:
            env = {"PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                   **({"PREFECT_API_URL": api_url} if api_url else {})}
            results[case] = run_case("benchmarks.refresh_cases", case, str(target), str(inbox),
                                     name=name, env=env)
    return results


def demo_slice(folder: Path, regions: int) -> Path:
    """A demo inbox (marker included) with the files of the first `regions` regions only."""
    folder.mkdir(parents=True, exist_ok=True)
    codes = sorted({f.name.split("_")[0] for f in (DEMO_DIR / "inbox").glob("AM*")})[:regions]
    for source in (DEMO_DIR / "inbox").iterdir():
        if source.name == DEMO_MARKER or source.name.split("_")[0] in codes:
            shutil.copyfile(source, folder / source.name)
    return folder
