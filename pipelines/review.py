"""The review queue: figures far above their usual level wait in held_figure, unpublished,
until a steward approves or rejects them (`regiomonitor review`). A decision is kept with
who, when and why in review_decision, a history table that every rebuild carries and
replays (sql/pipelines/changes.sql), so a refresh publishes what the stewards decided.

An approval goes the one way figures reach the warehouse: the held figures become an
`intake_change` (sql/pipelines/approved.sql) that pipelines/submissions.py's statements
apply, in a staging copy that is published atomically like any load (pipelines/decisions.py,
which a rebuild replays the decisions with, in the order they were made).

A decision cannot go stale (issue 23): it is checked against what is published now. When a
later file changed the figure since it was held (sql/views/70_review.sql, "overtaken"),
approving would put an older figure over the partner's correction, so the decision is
refused, naming the held value, the current one and the later file; `review list` and /beheer
show that conflict instead of offering a decision.
"""
from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core import changes
from core.sql_files import query_text
from core.texts import said
from pipelines import decisions, ingest, runs, statements, warehouse
from pipelines.validation import Change

DECISIONS = ("approved", "rejected")


class ReviewError(ValueError):
    """An id that is not waiting for review, an overtaken figure, or a decision without a reason."""


@dataclass(frozen=True)
class Held:
    """One figure in the review queue, as `review list`, the Data page and /beheer show it."""

    id: str                     # <submission id>:<row>, what `review approve` takes
    file_name: str
    received_at: dt.datetime
    change: Change              # old_value: the figure published now
    reason_nl: str
    reason_en: str
    later_file: str | None = None   # a later file that changed the figure since: no decision

    @property
    def overtaken(self) -> bool:
        return self.later_file is not None

    def conflict(self, lang: str) -> str:
        """'overtaken: held 5,000, now 25 from the later file c.csv'."""
        return changes.overtaken_text(self.change.new_value, self.change.old_value,
                                      self.later_file or "", lang)


def waiting(con: duckdb.DuckDBPyConnection, region: str | None = None) -> list[Held]:
    """The held figures (of one region), oldest file first, each with the published figure it
    would replace now; an overtaken one with the later file that changed that figure."""
    return [Held(row[0], row[1], row[2], Change(row[3], *row[4:11], "held"), row[11], row[12],
                 row[14] if row[13] else None)
            for row in con.execute(query_text("held_waiting"), {"region": region}).fetchall()]


def waiting_in(served: Path, region: str | None = None) -> list[Held]:
    """`waiting` on the published warehouse, read-only."""
    con = duckdb.connect(str(served), read_only=True)
    try:
        ingest.check_schema(con, served)
        return waiting(con, region)
    finally:
        con.close()


def decide(served: Path, ids: list[str], decision: str, steward: str, why: str,
           run_id: str = "") -> list[Held]:
    """Approve (publish) or reject the held figures `ids` in one publish; returns them.
    Every id must be waiting and not overtaken; nothing changes otherwise."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision must be one of {DECISIONS}")
    if not why.strip():
        raise ReviewError(str(said("Give a reason (--reason).")))
    started = runs.now()
    with warehouse.staging(served) as con:
        ingest.check_schema(con, served)
        chosen = select(con, ids)
        at = decisions.decision_moment(con, started)
        con.execute("begin transaction")
        publication = con.execute("select coalesce(max(id), 0) + 1 from publication").fetchone()[0]
        statements.insert_values(con, "review_decision",
                                 [[*split(h.id), decision, steward, why, at, publication]
                                  for h in chosen])
        decisions.apply(con, [split(h.id) for h in chosen], decision, at)
        con.execute("commit")
        runs.record_run(con, run_id or str(uuid.uuid4()), "review", started, [],
                        {decision: len(chosen)})
    return chosen


def select(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[Held]:
    """The waiting figures with these ids ('all': every one not overtaken), in the queue's
    order; an unknown, decided or overtaken id stops the decision before anything changes."""
    queue = {h.id: h for h in waiting(con)}
    if ids == ["all"]:
        chosen = [h for h in queue.values() if not h.overtaken]
        if not chosen:
            raise ReviewError(str(said("Nothing to decide: no figure waits for a decision "
                                       "(see `regiomonitor review list`).")))
        return chosen
    unknown = [i for i in ids if i not in queue]
    if unknown:
        raise ReviewError(str(said("Not waiting for review: {ids} (see `regiomonitor review list`)",
                                   ids=", ".join(unknown))))
    overtaken = [queue[i] for i in ids if queue[i].overtaken]
    if overtaken:
        raise ReviewError("\n".join(str(refusal(h)) for h in overtaken))
    asked = set(ids)
    return [h for h in queue.values() if h.id in asked]


def refusal(held: Held) -> object:
    """Why a decision on an overtaken figure is refused, and what to do instead."""
    c = held.change
    return said("Decision refused for {id} ({file} row {row}, {figure}): {conflict}. The later file's "
                "figure stands: no decision is taken on the older one. If {held} is right, the partner "
                "sends it again.", id=held.id, file=held.file_name, row=c.source_row,
                figure=functools.partial(changes.figure_label, c.region, c.indicator, c.period,
                                         c.partner, c.sector),
                conflict=held.conflict, held=functools.partial(changes.value_text, c.new_value))


def split(held_id: str) -> tuple[str, int]:
    """'<submission id>:<row>' → (submission id, row)."""
    submission_id, row = held_id.rsplit(":", 1)
    return submission_id, int(row)
