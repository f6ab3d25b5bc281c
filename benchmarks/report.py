"""Print each section's figures against its goal; return them for the smoke test."""
from __future__ import annotations

from benchmarks.latency import Latency
from benchmarks.map_bytes import MapBytes
from benchmarks.page_ready import PageReady
from benchmarks.subprocess_case import Measured
from benchmarks.transfer import GOAL_BYTES, Transfer

GOALS = {"vs_duckdb": 1.5, "vs_pandas": 2.5, "peak_mb": 1024, "p95_ms": 50, "page_ms": 1000,
         "map_gzip": 150 * 1024, "validate_s": 1.0}


def verdict(ok: bool) -> str:
    """The word that ends a line with a goal."""
    return "goal met" if ok else "GOAL MISSED"


def print_ingest(results: dict[str, Measured]) -> dict[str, Measured]:
    """Section 1: each case, then the two ratios and the memory goal."""
    print("\n1. Ingest (best of repeated runs, each in a fresh process)")
    for m in results.values():
        detail = {k: v for k, v in m.detail.items() if k != "cpu_seconds"}
        print(f"   {m.name:34} {m.seconds:7.2f} s  CPU {cpu(m):6.2f} s  peak RSS {m.peak_mb:6.0f} MB"
              f"   {detail}")
    raw, pandas = results["duckdb"], results["pandas"]
    for key, one, label in (("ingest", "one_csv", "CSV"), ("ingest_parquet", "one_parquet", "Parquet")):
        real = results[key]
        vs_raw, vs_pandas = real.seconds / raw.seconds, pandas.seconds / real.seconds
        print(f"   ingest ({label:7}) / raw DuckDB = {vs_raw:.2f}x whole; CPU seconds "
              f"{cpu(real) / cpu(raw):.2f}x")
        marginal = (real.seconds - results[one].seconds) / raw.seconds
        print(f"   (ingest ({label:7}) - ingest of 1 record) / raw DuckDB = {marginal:.2f}x marginal "
              f"(goal <= {GOALS['vs_duckdb']}x: {verdict(marginal <= GOALS['vs_duckdb'])}); CPU seconds "
              f"{(cpu(real) - cpu(results[one])) / cpu(raw):.2f}x")
        print(f"   pandas / ingest ({label:7}) = {vs_pandas:.2f}x faster (goal >= {GOALS['vs_pandas']}x: "
              f"{verdict(vs_pandas >= GOALS['vs_pandas'])}); CPU seconds {cpu(pandas) / cpu(real):.2f}x")
    for key in ("validate_csv", "validate_xlsx"):
        m = results[key]
        print(f"   {m.name} of {m.detail['rows']:,} rows: {m.seconds:.2f} s (goal <= "
              f"{GOALS['validate_s']:.0f} s: {verdict(m.seconds <= GOALS['validate_s'])})")
    peak = max(real.peak_mb, results["ingest_parquet"].peak_mb)
    print(f"   ingest peak RSS     = {peak:.0f} MB (goal <= {GOALS['peak_mb']} MB: "
          f"{verdict(peak <= GOALS['peak_mb'])})", flush=True)
    return results


def cpu(m: Measured) -> float:
    """A case's CPU seconds (all its threads), reported beside wall time on a shared machine."""
    return m.detail.get("cpu_seconds", float("nan"))


def print_latency(results: list[Latency]) -> list[Latency]:
    """Section 2: p50 and p95 per callback."""
    print("\n2. Dashboard callbacks through HTTP")
    for r in results:
        print(f"   {r.name:30} {r.calls} calls  p50 {r.p50_ms:6.1f} ms  p95 {r.p95_ms:6.1f} ms "
              f"[{r.source}]  ({verdict(r.p95_ms <= GOALS['p95_ms'])}, p95 <= {GOALS['p95_ms']} ms)")
    return results


def print_latency_ratio(uncached: list[Latency], cached: list[Latency]) -> list[Latency]:
    """Section 2b: the same callbacks with the per-snapshot caches of views and of whole answers
    off (the code before issue 15 had only the query cache), and how much slower that is."""
    print("\n2b. The same callbacks with the view and answer caches off (REGIOMONITOR_VIEW_CACHE=0), same run")
    for off, on in zip(uncached, cached):
        print(f"   {off.name:30} {off.calls} calls  p50 {off.p50_ms:6.1f} ms  p95 {off.p95_ms:6.1f} ms "
              f"[{off.source}]  cache off / on: p95 x{off.p95_ms / max(on.p95_ms, 0.01):.1f}")
    return uncached


def print_pages(results: list[PageReady]) -> list[PageReady]:
    """Section 3: page ready per page."""
    print("\n3. Page ready in headless Chromium (navigation start to map/table drawn)")
    for r in results:
        print(f"   {r.path:14} best {r.best_ms:6.0f} ms  median {r.median_ms:6.0f} ms of {r.loads} "
              f"({verdict(r.median_ms <= GOALS['page_ms'])}, <= {GOALS['page_ms']} ms)")
    return results


def print_transfer(results: list[Transfer]) -> list[Transfer]:
    """Section 3b: bytes on the wire per page, first visit and again with the browser's cache."""
    print("\n3b. Bytes on the wire per page (compressed bodies and headers, Chromium's transferSize)")
    for r in results:
        print(f"   {r.path:14} first visit {r.first_bytes / 1e6:5.2f} MB  cached {r.cached_bytes / 1e3:6.1f} kB"
              f"  ({verdict(r.first_bytes <= GOAL_BYTES)}, first visit <= {GOAL_BYTES / 1e6:.1f} MB)")
    return results


def print_map_bytes(results: list[MapBytes]) -> list[MapBytes]:
    """Section 4: geometry and figure JSON, raw and gzipped."""
    print("\n4. Bytes for the map (JSON, raw / gzip)")
    for r in results:
        goal = (f"  ({verdict(r.figure_gzip <= GOALS['map_gzip'])}, <= 150 KB gzip)"
                if r.name.startswith("35") else "")
        print(f"   {r.name:32} geometry {r.geometry_raw / 1024:7.1f} / {r.geometry_gzip / 1024:6.1f} KB"
              f"   figure {r.figure_raw / 1024:7.1f} / {r.figure_gzip / 1024:6.1f} KB{goal}")
    return results


def print_prefect(results: dict[str, Measured]) -> dict[str, Measured]:
    """Section 5: the flow's overhead over the plain functions."""
    rows = results["plain"].detail["rows"]   # --quick refreshes the demo files of 3 regions
    print(f"\n5. Prefect's share of a demo refresh of {rows:,} rows (fresh process each, imports included)")
    for m in results.values():
        print(f"   {m.name:34} {m.seconds:7.2f} s   peak RSS {m.peak_mb:6.0f} MB")
    flow, plain = results["flow"].seconds, results["plain"].seconds
    print(f"   Prefect's share: {flow - plain:.2f} s of {flow:.2f} s ({(flow - plain) / flow:.0%})",
          flush=True)
    return results


def print_notices(results: dict[str, object]) -> dict[str, object]:
    """Section 6: the Atom feeds asked whole and again with their ETag, and the mail digests
    (issue 24; no goal: what a reader and a publish wait for)."""
    print("\n6. Feeds and mail (issue 24)")
    for f in results["feeds"]:
        print(f"   {f.path:26} {f.entries:4} entries {f.bytes / 1024:7.1f} KB   whole {f.whole_ms:6.1f} ms"
              f"   304 {f.revalidate_ms:6.1f} ms")
    d = results["digests"]
    print(f"   digests for {d.recipients} accounts following every region: {d.sent} of {d.queued} sent;"
          f" queued in {d.queue_s:.2f} s, sent in {d.send_s:.2f} s over one SMTP connection", flush=True)
    return results
