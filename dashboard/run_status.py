"""Runs started in the browser, as a person reads them: starting them once, and their state.

A run is recorded in the accounts store first (its key is the submission or decision id) and
then created in Prefect with that key as the idempotency key (dashboard/prefect_api.py), so
the same action twice is one run. When Prefect cannot be reached the record waits and every
page view tries again with the same key: nothing is lost, nothing runs twice.

What a flow run's state means here: waiting (scheduled, with a worker on the pool), waiting
for a worker (none polls the pool: the page says so), running, done with its summary, refused
with its reason (a Failed state named 'Refused', pipelines/deployments.py; perhaps with a
choice to confirm) or failed with a short message.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from core.formats import fmt_duration, fmt_timestamp
from core.texts import N_, _
from dashboard import prefect_api
from dashboard.accounts import Run, Store, now

# A run's state in words (RunView.state → label); the page's data-state keeps the code.
STATES = {"unsent": N_("not started yet"), "waiting": N_("waiting"), "no_worker": N_("waiting for a worker"),
          "running": N_("running"), "done": N_("done"), "refused": N_("refused"), "failed": N_("failed")}
KINDS = {"ingest": N_("Load file"), "refresh": N_("Rebuild the warehouse"), "review": N_("Review decision")}
EXPLAINED = {
    "unsent": N_("Prefect cannot be reached right now. Nothing is lost: the run is started as soon as it "
                 "answers (this page tries again each time it refreshes)."),
    "no_worker": N_("No worker is running to carry it out. Nothing is lost: it starts as soon as a worker "
                    "runs (`regiomonitor serve` starts one, `regiomonitor worker` another)."),
}
FINAL = {"done", "refused", "failed"}
REFUSED = "Refused"   # pipelines/deployments.py: REFUSED
SHORT = 300           # a failure's message is cut here: the whole one is in the Prefect UI


@dataclass(frozen=True)
class RunView:
    """One run, ready for a page (and the JSON the page polls)."""

    key: str
    kind: str
    username: str
    subject: str
    state: str
    label: str
    detail: str          # the summary, the reason of a refusal or failure, or why it waits
    started: str
    duration: str
    choice: str = ""     # a refusal that a confirmed second step may overrule: 'drop_missing'
    flow_run_id: str = ""

    @property
    def final(self) -> bool:
        return self.state in FINAL


def start(store: Store, run: Run) -> Run:
    """Record `run` (unless its key is known) and create its flow run if it has none yet."""
    held = store.add_run(run)
    return ensure_started(store, held)


def ensure_started(store: Store, run: Run) -> Run:
    """Create the flow run of a record that has none (Prefect was not reachable before)."""
    if run.flow_run_id:
        return run
    try:
        flow_run = prefect_api.start(run.flow, run.parameters, run.key)
    except prefect_api.Unavailable:
        return run
    store.set_flow_run(run.key, flow_run.id)
    return store.run(run.key)


def new_run(kind: str, flow: str, key: str, username: str, subject: str, parameters: dict) -> Run:
    return Run(key, kind, username, subject, flow, parameters, None, now())


def views(store: Store, runs: list[Run], lang: str) -> list[RunView]:
    """Each run with its state now: one request for all flow runs, one for the pool."""
    runs = [ensure_started(store, r) for r in runs]
    try:
        found = prefect_api.flow_runs([r.flow_run_id for r in runs if r.flow_run_id])
        waiting = any(f.state_type in ("SCHEDULED", "PENDING") for f in found.values())
        has_worker = prefect_api.pool_has_worker() if waiting else True
    except prefect_api.Unavailable:
        found, has_worker = {}, True
    return [view(r, found.get(r.flow_run_id or ""), has_worker, lang) for r in runs]


def view(run: Run, flow_run: prefect_api.FlowRun | None, has_worker: bool, lang: str) -> RunView:
    """`run` as the page shows it, in `lang`."""
    state = code(flow_run, has_worker)
    detail, choice = "", ""
    if state in EXPLAINED:
        detail = _(EXPLAINED[state], lang)
    elif flow_run is not None and state in FINAL:
        detail, choice = said_by(flow_run.message, lang)
    started = fmt_timestamp(run.created_at, lang)
    return RunView(run.key, run.kind, run.username, run.subject, state, _(STATES[state], lang), detail,
                   started, duration(flow_run, lang), choice, run.flow_run_id or "")


def code(flow_run: prefect_api.FlowRun | None, has_worker: bool) -> str:
    """The state's code (STATES) from Prefect's state type and name."""
    if flow_run is None:
        return "unsent"
    kind = flow_run.state_type
    if kind in ("SCHEDULED", "PENDING"):
        return "waiting" if has_worker else "no_worker"
    if kind in ("RUNNING", "CANCELLING", "PAUSED"):
        return "running"
    if kind == "COMPLETED":
        return "done"
    return "refused" if flow_run.state_name == REFUSED else "failed"


def said_by(message: str, lang: str) -> tuple[str, str]:
    """The summary or reason a flow put in its final state (JSON per language), and the choice
    it offers; a failure's own message, shortened, when it is not ours."""
    try:
        texts = json.loads(message)
        return str(texts[lang]), str(texts.get("choice", ""))
    except (ValueError, KeyError, TypeError):
        text = message.removeprefix("Flow run encountered an exception: ")
        return (text[:SHORT] + " …" if len(text) > SHORT else text), ""


def duration(flow_run: prefect_api.FlowRun | None, lang: str) -> str:
    """How long it ran (so far); '–' before it starts."""
    if flow_run is None or not flow_run.start_time:
        return "–"
    start = dt.datetime.fromisoformat(flow_run.start_time)
    end = dt.datetime.fromisoformat(flow_run.end_time) if flow_run.end_time else dt.datetime.now(dt.timezone.utc)
    return fmt_duration(max((end - start).total_seconds(), 0), lang)


def as_json(view_: RunView) -> dict:
    """What the page's script reads."""
    return {"key": view_.key, "state": view_.state, "label": view_.label, "detail": view_.detail,
            "duration": view_.duration, "final": view_.final, "choice": view_.choice}
