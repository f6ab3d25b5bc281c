"""Shared fixtures: one Prefect test harness per session, one demo warehouse built by
the real refresh flow, the real dashboard served in a subprocess, and Debian's Chromium."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

# Prefect reads these at import: keep its state out of the home folder and offline.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="regiomonitor-prefect-"))
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"

from regiomonitor.core.settings import DEMO_DIR  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's ephemeral test server, started once (it takes ~15 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def demo_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """The demo warehouse, built once by the real `refresh` flow from data/demo. Beside it,
    inbox-before.json lists the demo inbox as it was before (tests/test_ingest_flow.py checks
    the refresh moved and touched nothing)."""
    from pipelines.flows import refresh

    path = tmp_path_factory.mktemp("warehouse") / "regiomonitor.duckdb"
    path.with_name("inbox-before.json").write_text(json.dumps(inbox_listing(DEMO_DIR / "inbox")))
    refresh(str(path), str(DEMO_DIR / "inbox"), True)
    return path


def inbox_listing(inbox: Path) -> list[list]:
    """Every entry of an inbox with its modification time."""
    return sorted([p.name, p.stat().st_mtime_ns] for p in inbox.iterdir())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Accounts every served app has: (user name, password, role, organisations).
PARTNER = ("roc-rivierenland", "partner-wachtwoord-1", "partner", ["roc"])
STEWARD = ("beheerder", "steward-wachtwoord-1", "steward", [])


@contextlib.contextmanager
def serving(warehouse: Path, workers: int = 2):
    """`regiomonitor serve` (gunicorn and the upload loader) on a warehouse, as a user starts
    it, with the PARTNER and STEWARD accounts; yields its base URL. Accounts and the upload
    inbox live beside the warehouse (`accounts/`, `uploads/inbox`)."""
    from dashboard.accounts import Store

    port = free_port()
    accounts = warehouse.parent / f"accounts-{port}" / "accounts.sqlite"
    store = Store(accounts)
    for name, password, role, orgs in (PARTNER, STEWARD):
        store.add(name, password, role, orgs)
    log_path = warehouse.with_name(f"serve-{port}.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "regiomonitor.cli", "serve", "--warehouse",
                                 str(warehouse), "--port", str(port), "--workers", str(workers),
                                 "--accounts", str(accounts), "--upload-inbox",
                                 str(warehouse.parent / f"uploads-{port}" / "inbox")],
                                stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(url, timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise RuntimeError(log_path.read_text())
                time.sleep(0.3)
        try:
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture(scope="session")
def served_app(demo_warehouse):
    """The dashboard on the demo warehouse, served once for the session."""
    with serving(demo_warehouse) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (its own browser download is not possible here)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, served_app):
    """A fresh page that records console errors and every request outside localhost."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.console_errors = []
    pg.external_requests = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    pg.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
          or pg.external_requests.append(r.url))
    yield pg
    context.close()


@pytest.fixture(autouse=True)
def command_language(monkeypatch):
    """Each test starts in Dutch: `regiomonitor --lang en`, run in process, sets
    REGIOMONITOR_LANG for the flows it runs; the next test must not inherit it."""
    monkeypatch.delenv("REGIOMONITOR_LANG", raising=False)
