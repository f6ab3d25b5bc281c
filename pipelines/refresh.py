"""The steps of a refresh, as plain functions that tests call directly.

pipelines/flows.py composes them into the Prefect flow; nothing here imports Prefect.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path

import duckdb

from pipelines import submissions
from pipelines.demo_data import DEMO_MARKER


def inbox_files(inbox: Path) -> list[Path]:
    """Submission files in the inbox, in name order so every run loads them alike."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"Inbox {inbox} does not exist (set REGIOMONITOR_INBOX or --inbox).")
    return sorted(p for p in inbox.iterdir()
                  if p.is_file() and p.suffix.lower() in submissions.SUBMISSION_SUFFIXES)


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
                     received: dict[str, dt.datetime]) -> dict[str, int]:
    """Check and load every file; a file with errors is recorded as rejected, never half-loaded."""
    lookups = submissions.lookups_from(con)
    counts = {"loaded": 0, "rejected": 0, "rows": 0, "unchanged_duplicates": 0}
    who, at = steward(), now()
    seen: set[str] = set()
    for path in files:
        sha = submissions.file_sha256(path)
        if sha in seen:  # the same content under another name: loading it again changes nothing
            counts["unchanged_duplicates"] += 1
            continue
        seen.add(sha)
        checked = submissions.check_submission(path, lookups)
        status = submissions.record_submission(con, path, sha, checked, is_demo, who,
                                               received.get(sha, at))
        counts[status] += 1
        counts["rows"] += len(checked.records) if status == "loaded" else 0
    return counts


def record_run(con: duckdb.DuckDBPyConnection, history: list[tuple], run_id: str, flow: str,
               started: dt.datetime, summary: dict) -> None:
    """Carry the run history over from the served warehouse and add this run."""
    if history:
        con.executemany("insert into pipeline_run values (?, ?, ?, ?, ?, ?)", history)
    con.execute("insert into pipeline_run values (?, ?, ?, ?, 'geslaagd', ?)",
                [run_id, flow, started, now(), json.dumps(summary, sort_keys=True)])
