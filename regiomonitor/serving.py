"""`regiomonitor serve`: the dashboard under gunicorn, with Prefect beside it.

gunicorn runs `regiomonitor.wsgi:server` in several worker processes. The master imports it
before the fork (preload): code, app and compressed bundles are shared by every worker's memory
(copy-on-write); each worker opens the warehouse read-only after the fork, at its first query.
The master starts, as its children, one long-lived Prefect server (its UI shows every run) and
one Prefect worker on the work pool `regiomonitor` (`regiomonitor worker`, which first creates
the pool and the deployments), and stops both with their whole process groups when it exits,
so nothing is left running. The web app starts runs over the server's REST API
(REGIOMONITOR_PREFECT_API). gunicorn names itself in a `Server` header; we send no product
name or version there.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import gunicorn.http.wsgi
from gunicorn.app.base import BaseApplication

from core.settings import ROOT

SERVER_HEADER = "regiomonitor"


class Gunicorn(BaseApplication):
    """gunicorn with its options from our command line instead of its own."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from regiomonitor.wsgi import server  # in the master, before the fork (preload_app)
        return server


def post_fork(_server, _worker) -> None:
    """In each new worker: no warehouse snapshot of the master's (there should be none)."""
    from regiomonitor.wsgi import after_fork
    after_fork()


# Memory one more worker costs after the preload (private pages: its DuckDB, its query results
# and views), measured with `regiomonitor bench` (docs/benchmarks.md), rounded up.
WORKER_MB = 200
# What the master and the shared code hold, whatever the number of workers (Prefect's server and
# worker come on top of this: ~200 MB each, TECH-NOTES.md).
BASE_MB = 400


def default_workers(cpus: int | None = None, available_mb: int | None = None) -> int:
    """Two workers per CPU (a worker waits on DuckDB and the network part of the time; with the
    shared view cache a third per CPU only adds memory), at least 2 so one slow request never
    holds up everybody, and no more than the memory available after the base takes
    (WORKER_MB each)."""
    cpus = cpus or os.cpu_count() or 1
    if available_mb is None:
        available_mb = _available_mb()
    by_memory = max(1, (available_mb - BASE_MB) // WORKER_MB)
    return max(2, min(2 * cpus, by_memory))


def _available_mb() -> int:
    """MemAvailable from /proc/meminfo (Linux), else a value that does not limit."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 1 << 20


def prefect_server(host: str, port: int) -> subprocess.Popen:
    """`prefect server start` in a process group of its own (it starts helpers of its own)."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "true"}
    return subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", host,
                             "--port", str(port), "--analytics-off"],
                            cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def worker_process(api: str) -> subprocess.Popen:
    """`regiomonitor worker` (pool, deployments, then a Prefect worker) in its own process group."""
    return subprocess.Popen([sys.executable, "-m", "regiomonitor.cli", "worker", "--prefect-api", api],
                            cwd=ROOT, start_new_session=True)


def stop(child: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM to the child's whole process group (a worker's flow runs, the server's helpers);
    SIGKILL to whatever of it is left after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    signum = signal.SIGTERM
    while True:
        try:
            os.killpg(child.pid, signum)
        except ProcessLookupError:
            break
        child.poll()   # reap the leader, so that its group can end
        time.sleep(0.2)
        signum = signal.SIGKILL if time.monotonic() > deadline else 0
    child.wait()


def serve(warehouse: Path, accounts: Path, inbox: Path, host: str, port: int, workers: int,
          threads: int, prefect_api: str | None, prefect_port: int | None, worker: bool,
          server: subprocess.Popen | None = None) -> None:
    """Run gunicorn in this process until stopped (Ctrl-C or SIGTERM). `prefect_port`: start our
    own Prefect server there (its API is then `prefect_api`); `server`: one already started
    (`demo`'s), kept and stopped like our own; `worker`: start a worker too."""
    os.environ.update(REGIOMONITOR_WAREHOUSE=str(warehouse), REGIOMONITOR_ACCOUNTS=str(accounts),
                      REGIOMONITOR_UPLOAD_INBOX=str(inbox))
    if prefect_api:
        os.environ["REGIOMONITOR_PREFECT_API"] = prefect_api
    gunicorn.http.wsgi.SERVER = SERVER_HEADER
    children: list[subprocess.Popen] = [server] if server else []

    def on_starting(_server) -> None:
        if prefect_port:
            children.append(prefect_server("127.0.0.1", prefect_port))
        if worker and prefect_api:
            children.append(worker_process(prefect_api))

    def on_exit(_server) -> None:
        for child in reversed(children):   # the worker first, while its server still answers
            stop(child)

    Gunicorn({"bind": f"{host}:{port}", "workers": workers, "threads": threads,
              "worker_class": "gthread" if threads > 1 else "sync", "timeout": 60,
              # Longer than a reader pauses between clicks: a connection the server closes
              # while the browser reuses it is a "connection reset" (seen at 2 s, the default).
              "keepalive": 30,
              "graceful_timeout": 10, "preload_app": True, "post_fork": post_fork, "accesslog": None,
              "errorlog": "-", "loglevel": "warning", "proc_name": "regiomonitor",
              "limit_request_line": 8190, "limit_request_fields": 100,
              "on_starting": on_starting, "on_exit": on_exit}).run()
