"""A demo refresh with and without Prefect's flow wrapper, each in a fresh process, run by
benchmarks/prefect_share.py. The time includes the imports (Prefect's are part of its cost)
and, for the flow, the ephemeral server's start-up.

Usage: python -m benchmarks.refresh_cases CASE WAREHOUSE INBOX   (CASE: flow or plain)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def with_flow(path: Path, inbox: Path) -> dict:
    """pipelines.flows.refresh on a demo inbox, as `regiomonitor refresh` runs it."""
    from pipelines.flows import refresh

    summary = refresh(str(path), str(inbox), True)
    return {"rows": summary["submissions"]["rows_loaded"]}


def plain(path: Path, inbox: Path) -> dict:
    """The same plain functions the flow composes, called directly."""
    from pipelines import boundaries, inbox as inbox_listing, runs, warehouse

    with warehouse.writer_lock(path):
        received, history = warehouse.previous_state(path)
        real_geometry = boundaries.carried_geometry(path)
        con = warehouse.create_staging(path)
        runs.restore_history(con, history)
        runs.load_base(con)
        boundaries.restore_geometry(con, real_geometry)
        boundaries.load_shipped(con, real_geometry)
        results = runs.load_submissions(con, inbox_listing.received_files(inbox, log=lambda line: None), runs.is_demo_inbox(inbox),
                                        received, warehouse.accepted_partly(path),
                                        lambda *a: None)
        counts = runs.record_run(con, "bench-plain", "refresh", runs.now(), results)
        warehouse.publish(con, path)
    return {"rows": counts["rows_loaded"]}


def main(argv: list[str]) -> None:
    """Run one case; print seconds (imports included) and peak RSS as JSON."""
    started = time.perf_counter()
    case, target, inbox = argv
    detail = {"flow": with_flow, "plain": plain}[case](Path(target), Path(inbox))
    from benchmarks.subprocess_case import peak_rss_mb
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_rss_mb(), **detail}))


if __name__ == "__main__":
    main(sys.argv[1:])
