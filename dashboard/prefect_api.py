"""The web app's only line to Prefect: its REST API over HTTP, with the standard library.

The dashboard may not import Prefect (the floors, docs/architecture.md), and needs only three
calls: create a flow run from a deployment (with an idempotency key, so that a double click, a
second tab or a resubmitted form gives the one run it gave before), read flow runs' states, and
ask whether the work pool has a worker. The server's address is REGIOMONITOR_PREFECT_API, set
by `regiomonitor serve`; none set means runs cannot be started, and the pages say so.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass

TIMEOUT_S = 5
POOL = "regiomonitor"          # pipelines/deployments.py: POOL
DEPLOYMENT = "regiomonitor"    # pipelines/deployments.py: DEPLOYMENT, one per flow


class Unavailable(OSError):
    """Prefect's server cannot be reached (or none is configured): nothing was started."""


@dataclass(frozen=True)
class FlowRun:
    """What the pages show of a flow run."""

    id: str
    state_type: str            # SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, CRASHED, CANCELLED, …
    state_name: str            # 'Refused' for a refusal (pipelines/deployments.py), 'Late', …
    message: str
    created: str               # ISO 8601, UTC
    start_time: str | None
    end_time: str | None
    seconds: float             # the run's own time (total_run_time)


def api_url() -> str | None:
    return os.environ.get("REGIOMONITOR_PREFECT_API") or None


def _call(method: str, path: str, body: object = None) -> object:
    base = api_url()
    if not base:
        raise Unavailable("REGIOMONITOR_PREFECT_API is not set")
    request = urllib.request.Request(base.rstrip("/") + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return json.loads(response.read() or b"null")
    except (urllib.error.URLError, TimeoutError, ConnectionError, json.JSONDecodeError) as err:
        raise Unavailable(str(err)) from err


def start(flow: str, parameters: dict, key: str) -> FlowRun:
    """A flow run of `flow`'s deployment, created once per `key`: asked again with the same key,
    Prefect answers with the run it created the first time."""
    deployment = _call("GET", f"/deployments/name/{flow}/{DEPLOYMENT}")
    run = _call("POST", f"/deployments/{deployment['id']}/create_flow_run",
                {"parameters": parameters, "idempotency_key": key})
    return _flow_run(run)


def flow_runs(ids: list[str]) -> dict[str, FlowRun]:
    """The flow runs with these ids, by id (one request for all)."""
    if not ids:
        return {}
    found = _call("POST", "/flow_runs/filter", {"flow_runs": {"id": {"any_": ids}}, "limit": len(ids)})
    return {run["id"]: _flow_run(run) for run in found}


def pool_has_worker() -> bool:
    """Whether a worker polls the pool now (Prefect calls the pool READY then)."""
    return _call("GET", f"/work_pools/{POOL}").get("status") == "READY"


def _flow_run(run: dict) -> FlowRun:
    state = run.get("state") or {}
    return FlowRun(run["id"], state.get("type", "SCHEDULED"), state.get("name", ""),
                   state.get("message") or "", run.get("created") or "", run.get("start_time"),
                   run.get("end_time"), float(run.get("total_run_time") or 0))
