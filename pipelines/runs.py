"""What every run shares: the base of a warehouse, the inbox's files, who and when, loading
the files, and the typed record of the run and of each file in it.

pipelines/flows.py composes these plain functions into the Prefect flows `refresh` and
`ingest`; tests and benchmarks call them directly; nothing here imports Prefect.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from core.settings import DEMO_MARKER
from pipelines import loading, reference, statements
from pipelines.loading import FileResult

if TYPE_CHECKING:   # the run history is handed over as DuckDB's .df() frames
    import pandas as pd


def load_base(con: duckdb.DuckDBPyConnection, demo_targets: bool = True) -> dict:
    """Everything a warehouse holds before any submission: reference data, targets (with the
    generated demo ones unless told otherwise), population, the context with its model and the
    schematic tile map. The
    refresh flow runs the same steps as separate tasks; tests and benchmarks call this.
    The tiles' module (geopandas) is imported here: `ingest` uses this module without it."""
    from pipelines import context, schematic_tiles
    return {
        "reference": reference.load_reference(con),
        "targets": reference.load_targets(con, demo=reference.DEMO_TARGETS if demo_targets else None),
        "population": reference.load_population(con),
        "context": context.load_and_fit(con),
        "geometry": schematic_tiles.load(con),
    }


def is_demo_inbox(inbox: Path) -> bool:
    """An inbox holding the DEMONSTRATIEDATA marker contains generated figures only."""
    return (inbox / DEMO_MARKER).exists()


def steward() -> str:
    """Who ran the load: REGIOMONITOR_STEWARD, else the operating-system user."""
    return os.environ.get("REGIOMONITOR_STEWARD") or getpass.getuser()


def now() -> dt.datetime:
    """Current UTC time without zone, as the warehouse stores timestamps."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def load_submissions(con: duckdb.DuckDBPyConnection, files: list[Path], is_demo: bool,
                     received: dict[str, dt.datetime],
                     partial: frozenset[str] = frozenset(),
                     progress: Callable[..., None] = loading.LOG.info) -> list[FileResult]:
    """Check and load every file (the ingest logic); a file with errors is never half-loaded.

    Files load in the order they were first received, so revisions replay as they happened;
    files the steward accepted partly before (`partial`, by hash) are accepted partly again.
    """
    return loading.load_files(con, files, is_demo, steward(), now(), received, partial,
                              progress=progress)


def counts(results: list[FileResult]) -> dict[str, int]:
    """A run's files per status, rows, errors and warnings: pipeline_run's count columns.
    A partly loaded file counts as partial, never as rejected."""
    files = {status: sum(r.status == status for r in results)
             for status in ("loaded", "partial", "rejected", "unchanged")}
    return {**{f"files_{status}": n for status, n in files.items()},
            "rows_loaded": sum(r.rows for r in results),
            "rows_rejected": sum(r.rows_rejected for r in results),
            "errors": sum(r.error_count for r in results),
            "warnings": sum(len(r.warnings) for r in results)}


OLD_SUMMARY_KEYS = {"files_loaded": "loaded", "files_partial": "partial",
                    "files_rejected": "rejected", "files_unchanged": "unchanged_duplicates",
                    "rows_loaded": "rows"}


def counted(runs: pd.DataFrame) -> pd.DataFrame:
    """Runs recorded before the count columns existed get them from their JSON summary (refresh
    kept them under "submissions", ingest at the top level); rows_rejected, errors and warnings
    were not recorded then and stay 0."""
    if "files_loaded" in runs.columns:
        return runs
    summaries = [json.loads(text) for text in runs["summary"]]
    counts = [summary.get("submissions", summary) for summary in summaries]
    return runs.assign(**{column: [int(c.get(old, 0) or 0) for c in counts]
                          for column, old in OLD_SUMMARY_KEYS.items()})


def restore_history(con: duckdb.DuckDBPyConnection, history: dict[str, pd.DataFrame]) -> None:
    """Carry the history tables (warehouse.HISTORY_TABLES) of the served warehouse into a
    fresh build, by column name: an older file may lack newer columns. Runs before any file
    loads, so the stewards' review decisions apply to the rebuild."""
    for table, rows in history.items():   # names from warehouse.HISTORY_TABLES, in key order
        if len(rows):
            con.register("previous", counted(rows) if table == "pipeline_run" else rows)
            con.execute(f"insert into {table} by name select * from previous")
            con.unregister("previous")


def record_run(con: duckdb.DuckDBPyConnection, run_id: str, flow: str, started: dt.datetime,
               results: list[FileResult], summary: dict | None = None) -> dict[str, int]:
    """Add this run and its files to the run history, counts as columns; `summary` keeps the
    other steps' counts as JSON. Returns the counts."""
    finished = now()
    run_counts = counts(results)
    con.execute("insert into pipeline_run by name select ? as run_id, ? as flow, "
                "? as started_at, ? as finished_at, 'geslaagd' as status, "
                "?::double as duration_s, ? as summary, " +
                ", ".join(f"?::bigint as {column}" for column in run_counts),
                [run_id, flow, started, finished, (finished - started).total_seconds(),
                 json.dumps(summary or {}, sort_keys=True, default=str), *run_counts.values()])
    if results:
        statements.insert_values(con, "run_file",
                                 [[run_id, r.path.name, r.sha256, r.kind, r.status, r.rows,
                                   r.rows_rejected, r.error_count, len(r.warnings),
                                   round(r.duration_s, 3)] for r in results])
    return run_counts
