"""`regiomonitor serve`: the dashboard under gunicorn, with the upload loader beside it.

gunicorn runs `regiomonitor.wsgi:server` in several worker processes; each builds the app and
opens the warehouse read-only after the fork (no preload). The master starts the loader
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
        from regiomonitor.wsgi import server  # in the worker, after the fork
        return server


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
              "graceful_timeout": 10, "preload_app": False, "accesslog": None,
              "errorlog": "-", "loglevel": "warning", "proc_name": "regiomonitor",
              "limit_request_line": 8190, "limit_request_fields": 100,
              "on_starting": on_starting, "on_exit": on_exit}).run()
