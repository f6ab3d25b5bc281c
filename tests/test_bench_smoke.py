"""`regiomonitor bench` as a smoke test: every section runs for real and prints figures, on
less work than even `--quick`. No timing assertions — timings are measured by the benchmark
and reported in docs/benchmarks.md."""
from __future__ import annotations

import pytest

from benchmarks.run import Size, run

pytestmark = pytest.mark.slow   # the benchmark starts processes, servers and Chromium

# --quick's sizes with a tenth of its records and one region's demo files for section 5: the
# same cases, processes, servers and pages, 4-10 s CPU less a run (7 Dec; docs/benchmarks.md).
SMOKE = Size(rows=10_000, repeats=1, calls=10, loads=1, regions=1)


def test_quick_benchmark_produces_every_section(prefect_harness, browser, tmp_path, capsys):
    from prefect.settings import PREFECT_API_URL

    figures = run(SMOKE, out=tmp_path, browser=browser, prefect_api=PREFECT_API_URL.value())
    printed = capsys.readouterr().out
    assert printed.startswith("machine: ")
    assert {m.detail["rows"] for k, m in figures["ingest"].items() if k.startswith("ingest")} == {SMOKE.rows}
    assert figures["ingest"]["duckdb"].detail["groups"] == figures["ingest"]["pandas"].detail["groups"]
    assert [r.name for r in figures["latency"]] == ["map view (indicator change)",
                                                    "ranking (Vergelijken)", "page render /regio/AM10"]
    assert [r.name for r in figures["latency_uncached"]] == [r.name for r in figures["latency"]]
    assert [r.path for r in figures["pages"]] == ["/", "/regio/AM10", "/vergelijken", "/data", "/methode"]
    assert [r.path for r in figures["transfer"]] == [r.path for r in figures["pages"]]
    assert all(0 < r.cached_bytes < r.first_bytes for r in figures["transfer"])
    assert figures["map_bytes"][0].figure_gzip > 0
    assert figures["prefect"]["flow"].detail["rows"] == figures["prefect"]["plain"].detail["rows"] > 0
    assert [f.path for f in figures["notices"]["feeds"]] == ["/feeds/alles.atom", "/feeds/regio/AM10.atom"]
    assert figures["notices"]["digests"].sent == figures["notices"]["digests"].queued > 0
    for section in ("1. Ingest", "2. Dashboard", "2b. The same callbacks", "3. Page ready", "3b. Bytes on the wire", "4. Bytes",
                    "5. Prefect", "6. Feeds and mail"):
        assert section in printed
