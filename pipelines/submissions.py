"""The one writer of a checked input: its submission record, its figures and their revisions.

Every kind of input (partner file or registry extract) is recorded here from what
pipelines/validation.py left on the connection: `incoming` (the figures), `intake_problem`
(every failing cell), `intake_group` (a registry extract's gemeente counts).

A submission with any error is rejected as a whole and recorded with the reason for each
bad cell; the warehouse keeps what it had. With `accept_valid_rows` the valid rows load and
the others stay in rejected_row with their reasons (status 'partial'): nothing is silently
dropped.

Revision rule (changes.sql): a row replaces exactly the figure with the same region,
indicator, month, partner and sector, and the word 'intrekken' withdraws it; a registry
extract also withdraws each figure in its scope it no longer supports (scope.sql); nothing
else changes. The replaced figures move to observation_revision with the submission that replaced
them and when, so the earlier version stays queryable. Figures far above their usual level
are held for a steward's review (held_figure, pipelines/review.py) instead of published.
Loading the same file (by content hash) twice changes nothing: callers skip a hash the
warehouse already has.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import duckdb

from pipelines import statements
from pipelines.reasons import RowError
from pipelines.validation import Checked


def known_submission(con: duckdb.DuckDBPyConnection, sha: str) -> str | None:
    """The id of a submission with this content hash already in the warehouse, if any."""
    row = con.execute("select id from submission where sha256 = ?", [sha]).fetchone()
    return row[0] if row else None


def status_of(checked: Checked, accept_valid_rows: bool) -> str:
    """'loaded' without errors; 'partial' when the steward accepts the valid rows; else 'rejected'."""
    if not checked.error_count:
        return "loaded"
    if checked.refused:   # past the ceiling of failing records (validation.reasons)
        return "rejected"
    return "partial" if accept_valid_rows and checked.rows_accepted else "rejected"


def record(con: duckdb.DuckDBPyConnection, path: Path, sha: str, checked: Checked,
           is_demo: bool, steward: str, received_at: dt.datetime,
           accept_valid_rows: bool = False) -> str:
    """Write the submission, its reasons, its warnings and (when accepted) its figures, all or
    nothing; returns its status."""
    sub_id = sha[:16]
    status = status_of(checked, accept_valid_rows)
    accepted = checked.rows_accepted if status != "rejected" else 0
    con.execute("begin transaction")
    try:
        con.execute("insert into submission values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sub_id, path.name, sha, received_at, steward, status, accepted,
                     checked.rows_rejected, is_demo])
        if checked.staged and checked.error_count:   # every reason, past the listed ones too
            con.execute("insert into rejected_row select ?, source_row, column_name, value, "
                        "reason_nl, reason_en from intake_problem", [sub_id])
        elif not checked.staged:
            insert_reasons(con, "rejected_row", sub_id, checked.errors)
        insert_reasons(con, "submission_warning", sub_id, checked.warnings)
        if accepted:
            add_figures(con, sub_id, is_demo, received_at, steward)
        con.execute("commit")
    except BaseException:
        # A commit that failed (e.g. interrupted) has already ended the transaction: a rollback
        # would then raise and hide why it failed.
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("rollback")
        raise
    return status


def insert_reasons(con: duckdb.DuckDBPyConnection, table: str, sub_id: str,
                   reasons: list[RowError]) -> None:
    """Rejected rows or warnings of a submission, each with its reason in Dutch and English.
    `table` is 'rejected_row' or 'submission_warning' (never from input)."""
    statements.insert_values(con, table, [[sub_id, r.row, r.column, r.value, r.reason_nl,
                                           r.reason_en] for r in reasons])


def add_figures(con: duckdb.DuckDBPyConnection, sub_id: str, is_demo: bool,
                received_at: dt.datetime, steward: str) -> None:
    """Apply `intake_change`: archive and replace or withdraw the figures it changes, add the
    new ones, hold the flagged ones for review, and count an extract's records per gemeente."""
    ids = {"submission_id": sub_id, "is_demo": is_demo, "received_at": received_at,
           "steward": steward, "decided_at": received_at}
    for name in ("archive_revised", "apply_changes", "held", "gemeente_counts"):
        statements.run(con, name, ids)
