"""Record a checked submission in the warehouse: whole, partly (when the steward says so) or not.

A submission with any error is rejected as a whole and recorded with the reason for each
bad cell; the warehouse keeps what it had. With `accept_valid_rows` the valid rows load and
the others stay in rejected_row with their reasons (status 'partial'): nothing is silently
dropped.

Revision rule: a submission replaces every earlier figure for the same region, partner and
month it reports (a corrected file from UWV for AM10, March–May 2006 replaces UWV's AM10
figures of those months, whatever their indicator or sector). The replaced figures move to
observation_revision with the submission that replaced them and when, so the earlier
version stays queryable. Loading the same file (by content hash) twice changes nothing:
callers skip a hash the warehouse already has.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.validation import Checked, RowError
from regiomonitor.config import SQL_DIR

PIPELINE_SQL = SQL_DIR / "pipelines"
PLAUSIBILITY_FACTOR = 10  # "a month ten times the region's usual level" (issue 3)


def sql(name: str) -> str:
    """A pipeline statement from sql/pipelines/."""
    return (PIPELINE_SQL / f"{name}.sql").read_text(encoding="utf-8")


def known_submission(con: duckdb.DuckDBPyConnection, sha: str) -> str | None:
    """The id of a submission with this content hash already in the warehouse, if any."""
    row = con.execute("select id from submission where sha256 = ?", [sha]).fetchone()
    return row[0] if row else None


def plausibility_warnings(con: duckdb.DuckDBPyConnection, records: list[dict]) -> list[RowError]:
    """Figures ten times the usual level of their region, indicator and partner; not blocking."""
    if not records:
        return []
    con.register("incoming", pd.DataFrame(records))
    try:
        rows = con.execute(sql("plausibility"), {"factor": PLAUSIBILITY_FACTOR}).fetchall()
    finally:
        con.unregister("incoming")
    return [RowError(row, "waarde", f"{value:g}",
                     f"ongewoon hoog: meer dan {PLAUSIBILITY_FACTOR}× het gebruikelijke niveau "
                     f"({usual:g}) van deze regio, indicator en partner; controleer het cijfer",
                     f"unusually high: more than {PLAUSIBILITY_FACTOR}× the usual level "
                     f"({usual:g}) of this region, indicator and partner; please check the figure")
            for row, value, usual in rows]


def status_of(checked: Checked, accept_valid_rows: bool) -> str:
    """'loaded' without errors; 'partial' when the steward accepts the valid rows; else 'rejected'."""
    if not checked.errors:
        return "loaded"
    return "partial" if accept_valid_rows and checked.records else "rejected"


def record_submission(con: duckdb.DuckDBPyConnection, path: Path, sha: str, checked: Checked,
                      is_demo: bool, steward: str, received_at: dt.datetime,
                      accept_valid_rows: bool = False) -> str:
    """Write the submission, its records (when accepted), rejected rows and warnings; returns its status."""
    sub_id = sha[:16]
    status = status_of(checked, accept_valid_rows)
    accepted = checked.records if status != "rejected" else []
    con.execute("begin transaction")
    try:
        con.execute("insert into submission values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sub_id, path.name, sha, received_at, steward, status, len(accepted),
                     checked.rejected_rows, is_demo])
        insert_reasons(con, "rejected_row", sub_id, checked.errors)
        insert_reasons(con, "submission_warning", sub_id, checked.warnings)
        if accepted:
            load_observations(con, accepted, sub_id, is_demo, received_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return status


def insert_reasons(con: duckdb.DuckDBPyConnection, table: str, sub_id: str,
                   reasons: list[RowError]) -> None:
    """Rejected rows or warnings of a submission, each with its reason in Dutch and English."""
    if reasons:
        con.executemany(f"insert into {table} values (?, ?, ?, ?, ?, ?)",
                        [[sub_id, r.row, r.column, r.value, r.reason_nl, r.reason_en]
                         for r in reasons])


def load_observations(con: duckdb.DuckDBPyConnection, records: list[dict], sub_id: str,
                      is_demo: bool, received_at: dt.datetime) -> None:
    """Apply the revision rule, then insert the records with their submission id."""
    frame = pd.DataFrame(records).assign(submission_id=sub_id, is_demo=is_demo)
    con.register("incoming", frame)
    try:
        replace_and_insert(con, sub_id, received_at)
    finally:
        con.unregister("incoming")


def replace_and_insert(con: duckdb.DuckDBPyConnection, sub_id: str, received_at: dt.datetime) -> None:
    """Archive and delete the figures `incoming` revises, then insert `incoming`."""
    con.execute(sql("archive_revised"), {"submission_id": sub_id, "received_at": received_at})
    con.execute(sql("delete_revised"))
    con.execute("insert into observation by name select * from incoming")
