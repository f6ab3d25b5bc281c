"""`regiomonitor serve`: the dashboard under gunicorn, with the upload loader beside it.

gunicorn runs `regiomonitor.wsgi:server` in several worker processes. The master imports it
before the fork (preload): code, app and compressed bundles are shared by every worker's memory
(copy-on-write); each worker opens the warehouse read-only after the fork, at its first query. The master starts the loader
(`regiomonitor loader`) as a child and stops it when it exits. gunicorn names itself in a
`Server` header; we send no product name or version there.
"""
from __future__ import annotations

import os
import subprocess
import sys
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
# What the master, the shared code and the loader hold, whatever the number of workers.
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


def loader_process(warehouse: Path, inbox: Path, accounts: Path) -> subprocess.Popen:
    """`regiomonitor loader` as a child process that shares our output."""
    return subprocess.Popen([sys.executable, "-m", "regiomonitor.cli", "loader", "--warehouse",
                             str(warehouse), "--inbox", str(inbox), "--accounts", str(accounts)],
                            cwd=ROOT)


def serve(warehouse: Path, accounts: Path, inbox: Path, host: str, port: int, workers: int,
          threads: int, loader: bool) -> None:
    """Run gunicorn in this process until stopped (Ctrl-C or SIGTERM)."""
    os.environ.update(REGIOMONITOR_WAREHOUSE=str(warehouse), REGIOMONITOR_ACCOUNTS=str(accounts),
                      REGIOMONITOR_UPLOAD_INBOX=str(inbox))
    gunicorn.http.wsgi.SERVER = SERVER_HEADER
    children: list[subprocess.Popen] = []

    def on_starting(_server) -> None:
        if loader:
            children.append(loader_process(warehouse, inbox, accounts))

    def on_exit(_server) -> None:
        for child in children:
            child.terminate()
            child.wait(timeout=20)

    Gunicorn({"bind": f"{host}:{port}", "workers": workers, "threads": threads,
              "worker_class": "gthread" if threads > 1 else "sync", "timeout": 60,
              # Longer than a reader pauses between clicks: a connection the server closes
              # while the browser reuses it is a "connection reset" (seen at 2 s, the default).
              "keepalive": 30,
              "graceful_timeout": 10, "preload_app": True, "post_fork": post_fork, "accesslog": None,
              "errorlog": "-", "loglevel": "warning", "proc_name": "regiomonitor",
              "limit_request_line": 8190, "limit_request_fields": 100,
              "on_starting": on_starting, "on_exit": on_exit}).run()
