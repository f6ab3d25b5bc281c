"""`regiomonitor serve` in a subprocess for the benchmark, and Debian's Chromium via Playwright."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from regiomonitor.core.settings import ROOT

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(warehouse: Path, log_dir: Path, workers: int | None = None,
            env: dict[str, str] | None = None, code: Path = ROOT) -> Iterator[str]:
    """The dashboard on `warehouse`, started as a user starts it (gunicorn; accounts in
    `log_dir`, no upload loader), with `env` added to its environment, from the source tree
    `code` (another commit's, to compare in one run: benchmarks/compare.py); yields its URL."""
    port = free_port()
    log_path = log_dir / f"serve-{port}.log"
    options = ["--accounts", str(log_dir / "accounts.sqlite"), "--no-loader",
               *(["--workers", str(workers)] if workers else [])]
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "regiomonitor.cli", "serve", "--warehouse",
                                 str(warehouse), "--port", str(port), *options], stdout=log,
                                stderr=log, cwd=code,  # `-m` puts the cwd first on sys.path
                                env={**os.environ, "PYTHONPATH": str(code), **(env or {})})
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, proc, log_path)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def wait_until_up(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 90) -> None:
    """Poll the home page until it answers; raise with the server's log if it died."""
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
        raise RuntimeError("chromium not found: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
