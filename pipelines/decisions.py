"""Applying review decisions to held figures, in the order they happened (issue 23).

A steward's decision (`regiomonitor review`, /beheer) and a rebuild's replay of it go through
`apply`: the held figures change status and, when approved, become an `intake_change`
(sql/pipelines/approved.sql) that the one writer's statements apply.

A rebuild (`refresh`) must give the warehouse the decisions gave, so it replays the history
as it happened: files in the order they were received, and each recorded decision between
the files, where it was made (`replay_until`, called before every file and after the last).
Applying a decision at its file instead would differ whenever a file after it touched the
same figure, or the plausibility check of a later file saw the approved figure. For that
order to be known from the recorded moments (whole seconds), the moments never tie the wrong
way round: a decision is made after every file received so far (`decision_moment`), and a
file is received no earlier than the last decision and after every earlier load's files
(`receipt_moment`); on the same second a decision therefore came before the file.
"""
from __future__ import annotations

import datetime as dt
import itertools

import duckdb

from pipelines import statements

ONE_SECOND = dt.timedelta(seconds=1)
Key = tuple[str, int]   # (submission id, row) of a held figure


def decision_moment(con: duckdb.DuckDBPyConnection, now: dt.datetime) -> dt.datetime:
    """When a decision taken now is recorded: `now`, or one second past the newest file
    received when the clock has not passed it yet."""
    newest = con.execute("select max(received_at) from submission").fetchone()[0]
    return now if newest is None or now > newest else newest + ONE_SECOND


def receipt_moment(con: duckdb.DuckDBPyConnection, now: dt.datetime) -> dt.datetime:
    """When files loaded now are received: `now`, but no earlier than the newest decision (a
    decision is recorded up to a second ahead, see `decision_moment`) and later than every file
    already received. Files of one load share the moment and load by name, as a rebuild loads
    them; files of two loads on the same second would load by name too, perhaps the other way
    round than they came."""
    newest_file, newest_decision = con.execute(
        "select (select max(received_at) from submission), "
        "(select max(decided_at) from review_decision)").fetchone()
    after_files = newest_file + ONE_SECOND if newest_file is not None else now
    return max(now, after_files, newest_decision or now)


def apply(con: duckdb.DuckDBPyConnection, keys: list[Key], decision: str, at: dt.datetime) -> None:
    """Mark the held figures `keys` approved or rejected; an approval publishes them, in the
    order given (the queue's: oldest file first), per submission. One update per submission,
    not one per figure (executemany runs a statement per row, ~1 ms each)."""
    for submission_id, group in itertools.groupby(keys, key=lambda key: key[0]):
        rows = [row for _, row in group]
        statements.run(con, "decided", {"submission_id": submission_id, "rows": rows, "decision": decision})
        if decision != "approved":
            continue
        is_demo = con.execute("select is_demo from submission where id = ?", [submission_id]).fetchone()[0]
        statements.run(con, "approved", {"submission_id": submission_id, "rows": rows})
        params = {"submission_id": submission_id, "is_demo": is_demo, "received_at": at}
        for name in ("archive_revised", "apply_changes"):
            statements.run(con, name, params)
        con.execute("drop table temp.intake_change")


def replay_until(con: duckdb.DuckDBPyConnection, until: dt.datetime | None) -> int:
    """Apply the recorded decisions made at or before `until` (all when None) whose figure
    still waits in this build, in the order they were made; returns how many. Nothing is due
    in an `ingest`: its warehouse has applied every decision already."""
    due = statements.run(con, "decisions_due", {"until": until}).fetchall()
    for (decision, at), group in itertools.groupby(due, key=lambda d: (d[2], d[3])):
        apply(con, [(submission_id, row) for submission_id, row, *_ in group], decision, at)
    return len(due)
