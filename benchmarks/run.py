"""`regiomonitor bench`: every section in one run, printed with the machine it ran on."""
from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks import (
    ingest,
    latency,
    machine,
    map_bytes,
    notices,
    page_ready,
    payloads,
    prefect_share,
    transfer,
    workload,
)
from benchmarks.report import (
    print_ingest,
    print_latency,
    print_latency_ratio,
    print_map_bytes,
    print_notices,
    print_pages,
    print_prefect,
    print_transfer,
)


@dataclass(frozen=True)
class Size:
    """How much work one run does."""

    rows: int
    repeats: int        # ingest cases, best of
    calls: int          # per callback
    loads: int          # per page
    regions: int | None  # of the demo inbox, for section 5's refresh (None: all 35)


FULL = Size(workload.FULL_ROWS, 2, 200, 5, None)
QUICK = Size(workload.QUICK_ROWS, 1, 10, 1, 3)


def run(size: Size, out: Path | None, warehouse: Path | None = None,
        with_prefect: bool = True, browser: object | None = None,
        prefect_api: str | None = None) -> dict[str, object]:
    """Generate, ingest, serve and measure at `size` (FULL, QUICK, or the smoke test's own);
    print each section as it finishes; return figures. `browser`: a Chromium already running
    (the tests' own; Playwright's sync API cannot start a second one in the same thread), else
    one is started for the run; `prefect_api`: a Prefect server already running for section 5's
    flow, else it starts a temporary one as a user's would."""
    work = Path(tempfile.mkdtemp(prefix="regiomonitor-bench-")) if out is None else out
    work.mkdir(parents=True, exist_ok=True)
    try:
        figures = measure(size, work, warehouse or work / "served.duckdb", browser)
        if with_prefect:
            figures["prefect"] = print_prefect(prefect_share.run(work, prefect_api, size.regions))
        return figures
    finally:
        if out is None:
            shutil.rmtree(work, ignore_errors=True)


def measure_ingest(size: Size, work: Path, served: Path) -> dict[str, object]:
    """Section 1 on one generated extract, with the machine it ran on."""
    print(machine.machine_line(), flush=True)
    files = workload.generate(work / "data", size.rows)
    print(f"workload: {size.rows:,} records, CSV {files['csv'].stat().st_size / 1e6:.0f} MB, "
          f"Parquet {files['parquet'].stat().st_size / 1e6:.0f} MB ({work})", flush=True)
    return {"ingest": print_ingest(ingest.run(files, work, size.repeats, served))}


def measure(size: Size, work: Path, served: Path, browser: object | None = None) -> dict[str, object]:
    """Sections 1–4 on one generated extract (in `browser`, else in a Chromium of their own)."""
    figures = measure_ingest(size, work, served)
    map_bytes.load_real_boundaries(served)
    from benchmarks.serving import chromium, serving
    own = chromium() if browser is None else contextlib.nullcontext(browser)
    with serving(served, work) as url, own as browser:
        bodies = payloads.capture(browser, url)
        figures["latency"] = print_latency(latency.run(url, bodies, size.calls))
        figures["pages"] = print_pages(page_ready.run(browser, url, size.loads))
        figures["transfer"] = print_transfer(transfer.run(browser, url))
        figures["map_bytes"] = print_map_bytes(
            map_bytes.run(url, bodies["map view (indicator change)"], served))
        figures["notices"] = print_notices(notices.run(url, served, size.calls, recipients=size.calls))
    with serving(served, work, env={"REGIOMONITOR_VIEW_CACHE": "0"}) as url:
        figures["latency_uncached"] = print_latency_ratio(
            latency.run(url, bodies, size.calls), figures["latency"])
    return figures


def main(argv: list[str] | None = None) -> None:
    """`python -m benchmarks.run --ingest-only [--quick] --out DIR`: section 1 alone, for
    ingest work on a machine where others run browsers (sections 2–4 would compete)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--ingest-only", action="store_true", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    measure_ingest(QUICK if args.quick else FULL, args.out, args.out / "served.duckdb")


if __name__ == "__main__":
    main()
