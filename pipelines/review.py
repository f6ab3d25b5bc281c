"""The review queue: figures far above their usual level wait in held_figure, unpublished,
until a steward approves or rejects them (`regiomonitor review`). A decision is kept with
who, when and why in review_decision, a history table that every rebuild carries and
replays (sql/pipelines/changes.sql), so a refresh publishes what the stewards decided.

An approval goes the one way figures reach the warehouse: the held figures become an
`intake_change` (sql/pipelines/approved.sql) that pipelines/submissions.py's statements
apply, in a staging copy that is published atomically like any load.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.sql_files import query_text
from core.texts import said
from pipelines import runs, statements, warehouse
from pipelines.validation import Change

DECISIONS = ("approved", "rejected")


class ReviewError(ValueError):
    """An id that is not waiting for review, or a decision without a reason."""


@dataclass(frozen=True)
class Held:
    """One figure waiting for review, as `review list` and the Data page show it."""

    id: str                     # <submission id>:<row>, what `review approve` takes
    file_name: str
    received_at: dt.datetime
    change: Change
    reason_nl: str
    reason_en: str




def waiting(con: duckdb.DuckDBPyConnection, region: str | None = None) -> list[Held]:
    """The figures waiting for a steward (of one region), oldest file first, each with the
    published figure it would replace now."""
    return [Held(row[0], row[1], row[2], Change(row[3], *row[4:11], "held"), row[11], row[12])
            for row in con.execute(query_text("held_waiting"), {"region": region}).fetchall()]


def waiting_in(served: Path, region: str | None = None) -> list[Held]:
    """`waiting` on the published warehouse, read-only."""
    con = duckdb.connect(str(served), read_only=True)
    try:
        return waiting(con, region)
    finally:
        con.close()


def decide(served: Path, ids: list[str], decision: str, steward: str, why: str,
           run_id: str = "") -> list[Held]:
    """Approve (publish) or reject the held figures `ids` in one publish; returns them.
    Every id must be waiting; nothing changes otherwise."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision must be one of {DECISIONS}")
    if not why.strip():
        raise ReviewError(str(said("Give a reason (--reason).")))
    started = runs.now()
    with warehouse.staging(served) as con:
        chosen = select(con, ids)
        con.execute("begin transaction")
        con.executemany("insert into review_decision values (?, ?, ?, ?, ?, ?)",
                        [[*split(h.id), decision, steward, why, started] for h in chosen])
        con.executemany("update held_figure set status = ? where submission_id = ? and source_row = ?",
                        [[decision, *split(h.id)] for h in chosen])
        if decision == "approved":
            publish_approved(con, chosen, started)
        con.execute("commit")
        runs.record_run(con, run_id or str(uuid.uuid4()), "review", started, [],
                        {decision: len(chosen)})
    return chosen


def select(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Held]:
    """The waiting figures with these ids ('all' for every one); an unknown or decided id
    stops the decision before anything changes."""
    queue = {h.id: h for h in waiting(con)}
    if ids == ["all"]:
        return list(queue.values())
    unknown = [i for i in ids if i not in queue]
    if unknown:
        raise ReviewError(str(said("Not waiting for review: {ids} (see `regiomonitor review list`)",
                                   ids=", ".join(unknown))))
    return [queue[i] for i in dict.fromkeys(ids)]


def split(held_id: str) -> tuple[str, int]:
    """'<submission id>:<row>' → (submission id, row)."""
    submission_id, row = held_id.rsplit(":", 1)
    return submission_id, int(row)


def publish_approved(con: duckdb.DuckDBPyConnection, chosen: list[Held], at: dt.datetime) -> None:
    """Apply the approved figures per submission with the one writer's statements."""
    by_submission: dict[str, list[int]] = {}
    for h in chosen:
        submission_id, row = split(h.id)
        by_submission.setdefault(submission_id, []).append(row)
    for submission_id, rows in by_submission.items():
        is_demo = con.execute("select is_demo from submission where id = ?", [submission_id]).fetchone()[0]
        statements.run(con, "approved", {"submission_id": submission_id, "rows": rows})
        params = {"submission_id": submission_id, "is_demo": is_demo, "received_at": at}
        for name in ("archive_revised", "apply_changes"):
            statements.run(con, name, params)
        con.execute("drop table temp.intake_change")
