"""Real processes for the benchmarks and the tests alike: `regiomonitor …` in a fresh
interpreter, `regiomonitor serve` until its home page answers, a free port, and Debian's
Chromium via Playwright. One copy of each, so that a test and a benchmark start the product
the same way a user does (the tests import them from here: benchmarks is an installed package)."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.settings import ROOT

# Chromium keeps only the last --disable-features, so ours repeats Playwright's own list
# (playwright-core's chromiumSwitches.ts, Playwright 1.65; tests/test_browser.py fails when an
# upgrade changes it) and adds the omnibox's two WebUI popups: headless Chromium 156 preloads
# them in every window, so every new context (each test's page, each benchmark load) paid
# ~1,1 s CPU for a browser UI nobody sees. A page load cost 1,7 busy core-seconds with them,
# 0,95 without (docs/benchmarks.md, 8 Dec).
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled",
    "PreconnectToSearch", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion")
UNSEEN_BROWSER_UI = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + UNSEEN_BROWSER_UI)]


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it), so that servers started side by
    side, or by two test runs on one machine, never collide on a fixed number."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


Env = dict[str, str | None]


def _command(args: tuple[str, ...], env: Env | None, code: Path) -> dict:
    """What `cli` and `start_cli` share: this venv's Python, `-m regiomonitor.cli` from the
    source tree `code` (`-m` puts the cwd first on sys.path), and this environment with `env`
    laid over it (a None value removes that variable)."""
    merged = {**os.environ, "PYTHONPATH": str(code), **(env or {})}
    return {"args": [sys.executable, "-m", "regiomonitor.cli", *args], "cwd": code,
            "env": {k: v for k, v in merged.items() if v is not None}}


def cli(*args: str, env: Env | None = None, stdin: str | None = None,
        timeout: float = 120, code: Path = ROOT) -> subprocess.CompletedProcess:
    """`regiomonitor args…` run to its end in a fresh process, as a user runs it: its exit
    status and its output as text. For what only a real process shows (exit status, stderr,
    start-up cost, signals); in-process `cli.main([...])` is cheaper for the rest."""
    return subprocess.run(**_command(args, env, code), input=stdin, capture_output=True,
                          text=True, timeout=timeout)


def start_cli(*args: str, env: Env | None = None, code: Path = ROOT,
              **popen: object) -> subprocess.Popen:
    """`regiomonitor args…` started and left running (serve, demo, a refresh to kill);
    `popen` passes stdout/stderr and the like to subprocess.Popen."""
    return subprocess.Popen(**_command(args, env, code), **popen)


@contextlib.contextmanager
def serving(warehouse: Path, folder: Path, workers: int | None = None,
            env: Env | None = None, code: Path = ROOT, runs: bool = False,
            users: Iterable[tuple[str, str, str, list[str]]] = ()) -> Iterator[str]:
    """`regiomonitor serve` (gunicorn) on `warehouse`, started as a user starts it, until its
    home page answers; yields its base URL and stops it afterwards. Its log is
    `folder/serve-<port>.log`; its accounts store `folder/accounts-<port>/accounts.sqlite` holds
    `users` (name, password, role, organisations). With `runs` its own Prefect server (its home
    `folder/prefect-<port>`) and worker run beside it, uploads landing in
    `folder/uploads-<port>/inbox`; else `--no-prefect`. `env` is added to its environment;
    `code` is the source tree to run (another commit's, to compare in one run:
    benchmarks/compare.py)."""
    port = free_port()
    accounts = folder / f"accounts-{port}" / "accounts.sqlite"
    accounts.parent.mkdir(parents=True, exist_ok=True)
    if users:
        from dashboard.accounts import Store
        store = Store(accounts)
        for name, password, role, orgs in users:
            store.add(name, password, role, orgs)
    prefect = ["--upload-inbox", str(folder / f"uploads-{port}" / "inbox"), "--prefect-port", str(free_port())]
    if runs:
        env = {**(env or {}), "PREFECT_HOME": str(folder / f"prefect-{port}")}
    options = ["--accounts", str(accounts), *(prefect if runs else ["--no-prefect"]),
               *(["--workers", str(workers)] if workers else [])]
    log_path = folder / f"serve-{port}.log"
    with open(log_path, "w") as log:
        proc = start_cli("serve", "--warehouse", str(warehouse), "--port", str(port), *options,
                         env=env, code=code, stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, proc, log_path)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=60)   # serve stops its Prefect worker and server first


def wait_until_up(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 300) -> None:
    """Poll the home page until it answers; raise with the server's log if it died or never
    answered (a fixed sleep would be too short on a busy machine and too long on an idle one).
    The first `serve` of a fresh install compresses the bundles once (dashboard/compression.py,
    brotli 11): two of them starting at once on two busy cores took more than 90 s."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log_path.read_text())
            time.sleep(0.3)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Headless Debian Chromium (Playwright cannot download its own browser here)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        raise RuntimeError("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
