"""`regiomonitor worker`: a Prefect worker on the work pool `regiomonitor`.

`serve` starts one beside the web server; more may run on other machines that mount the same
inbox and warehouse storage at the same paths and reach the same Prefect server. Each first
waits for that server, creates the pool and the deployments (pipelines/deployments.py; doing it
again changes nothing), and then replaces itself with `prefect worker start`, so that `ps`
shows the Prefect worker and a SIGTERM reaches it directly.
"""
from __future__ import annotations

import os
import sys
import time
import urllib.request

from core.texts import said

START_TIMEOUT_S = 120   # a first start on an empty PREFECT_HOME migrates its database (~20 s measured)
# How often the worker asks for runs: Prefect's default (10 s) would add that much to every upload.
QUERY_SECONDS = "2"


def wait_for(api: str, timeout: float = START_TIMEOUT_S) -> None:
    """Until the Prefect server at `api` answers its health check."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(str(said("The Prefect server at {api} does not answer; start it (`regiomonitor serve` "
                                  "does) or give its address with --prefect-api.", api=api)))
            time.sleep(0.5)


def become_worker(api: str, name: str | None = None) -> None:
    """Register the pool and deployments on `api`, then exec `prefect worker start` on the pool."""
    os.environ.update(PREFECT_API_URL=api, PREFECT_SERVER_ANALYTICS_ENABLED="false",
                      PREFECT_WORKER_QUERY_SECONDS=QUERY_SECONDS)
    wait_for(api)
    from pipelines.deployments import POOL, register

    register(POOL)
    command = [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL, "--type", "process",
               "--install-policy", "never", *(["--name", name] if name else [])]
    sys.stdout.flush()
    os.execv(sys.executable, command)
