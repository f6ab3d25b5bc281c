"""The steps of a refresh, as plain functions that tests call directly.

pipelines/flows.py composes them into the Prefect flow; nothing here imports Prefect.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from pipelines import geometry, loading, reference
from pipelines.demo_data import DEMO_MARKER


def load_base(con: duckdb.DuckDBPyConnection, demo_targets: bool = True) -> dict:
    """Everything a warehouse holds before any submission: reference data, targets (with the
    generated demo ones unless told otherwise), population and the schematic tile map. The
    refresh flow runs the same steps as separate tasks; tests and benchmarks call this."""
    return {
        "reference": reference.load_reference(con),
        "targets": reference.load_targets(con, demo=reference.DEMO_TARGETS if demo_targets else None),
        "population": reference.load_population(con),
        "geometry": geometry.load_geometry(con, geometry.schematic_tiles(con), "schematic",
                                           geometry.SCHEMATIC_ATTRIBUTION),
    }


def inbox_files(inbox: Path) -> list[Path]:
    """Submission files in the inbox and in its processed/ and rejected/ folders, by name.

    `ingest` moves files into processed/ and rejected/; a full rebuild reads them too, so a
    later refresh never loses a figure that was ingested (nor the record of a rejection).
    """
    if not inbox.is_dir():
        raise FileNotFoundError(f"Inbox {inbox} does not exist (set REGIOMONITOR_INBOX or --inbox).")
    folders = [inbox] + [inbox / sub for sub in loading.DONE_FOLDERS if (inbox / sub).is_dir()]
    return sorted((p for folder in folders for p in folder.iterdir() if loading.is_submission(p)),
                  key=lambda p: p.name)


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
                     progress: Callable[..., None] = loading.LOG.info) -> dict[str, int]:
    """Check and load every file (the ingest logic); a file with errors is never half-loaded.

    Files load in the order they were first received, so revisions replay as they happened;
    files the steward accepted partly before (`partial`, by hash) are accepted partly again.
    """
    results = loading.load_files(con, files, is_demo, steward(), now(), received, partial,
                                 progress=progress)
    return loading.summarise(results)


def record_run(con: duckdb.DuckDBPyConnection, history: list[tuple], run_id: str, flow: str,
               started: dt.datetime, summary: dict) -> None:
    """Carry the run history over from the served warehouse and add this run."""
    if history:
        con.executemany("insert into pipeline_run values (?, ?, ?, ?, ?, ?)", history)
    con.execute("insert into pipeline_run values (?, ?, ?, ?, 'geslaagd', ?)",
                [run_id, flow, started, now(), json.dumps(summary, sort_keys=True)])
