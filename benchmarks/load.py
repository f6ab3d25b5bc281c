"""`regiomonitor bench --load`: many simulated visitors against the served dashboard.

Builds the demo warehouse, serves it as `regiomonitor serve` does (gunicorn), captures the
callback bodies Chromium really sends, then runs locust (benchmarks/load_users.py) at each
user count on loopback, bounded in time. At every level it also publishes new warehouse files
during the run (a complete copy, then os.replace, as the pipelines publish) to show that a
publish does not stall readers. Prints the figures with the machine line.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks import machine, payloads
from benchmarks.serving import chromium, serving
from core.settings import DEMO_DIR, ROOT

GOAL_P95_MS = 300
GOAL_P99_MS = 150            # issue 27, at 100 users with three publishes
GOAL_MAX_MS = 500
GOAL_FIRST_VIEW_MS = 300     # the first view after a publish, in every worker
GOAL_TREE_PSS_MB = 1024      # the serving tree, Prefect server and worker included when running


@dataclass(frozen=True)
class Level:
    """One user count's figures (milliseconds, requests per second)."""

    users: int
    publishes: int
    requests: int
    failures: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    load_average: str
    server_cpu_s: float          # CPU seconds the server's processes used during the level
    seconds_run: float
    errors: tuple[str, ...] = ()
    slowest: tuple[tuple[str, int, float, float], ...] = ()   # request, count, p99, max (ms)
    client_cpu_s: float = 0.0    # CPU seconds the simulated visitors (locust) used


def build_demo(path: Path) -> None:
    """The demo warehouse with the pipelines' plain functions, in a process of its own."""
    subprocess.run([sys.executable, "-m", "benchmarks.refresh_cases", "plain", str(path),
                    str(DEMO_DIR / "inbox")],
                   check=True, cwd=ROOT, capture_output=True, timeout=600)


def publish_during(served: Path, seconds: float, every: float, stop: threading.Event) -> list[float]:
    """Publish a new copy of the warehouse every `every` seconds until stopped; when each happened."""
    source = served.with_name("source.duckdb")
    shutil.copyfile(served, source)
    started, times = time.monotonic(), []
    while not stop.wait(every) and time.monotonic() - started < seconds:
        staging = served.with_name(served.name + ".load.new")
        shutil.copyfile(source, staging)
        os.replace(staging, served)
        times.append(time.monotonic() - started)
    return times


def server_processes(url: str) -> list[psutil.Process]:
    """The `regiomonitor serve` process listening on `url`'s port and its gunicorn workers."""
    port = url.rsplit(":", 1)[1]
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info["cmdline"] or []
        if "serve" in cmdline and "--port" in cmdline and port in cmdline:
            return [proc, *proc.children(recursive=True)]
    raise RuntimeError(f"no server process on port {port}")


def pss_mb(pid: int) -> float:
    """Proportional set size of one process (shared pages divided among their sharers), MB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree_pss(url: str) -> tuple[float, int, list[str]]:
    """PSS of `regiomonitor serve` and every process under it (gunicorn workers and
    a Prefect server or worker it runs), MB; how many processes; their names."""
    total, names = 0.0, []
    for proc in server_processes(url):
        with contextlib.suppress(psutil.NoSuchProcess, OSError):
            total += pss_mb(proc.pid)
            names.append(proc.name())
    return total, len(names), names


@dataclass(frozen=True)
class FirstView:
    """One publish: the slowest of a burst right after it (public readers still read the
    previous publication until the new one is warmed), how long until it was marked warmed and
    public readers moved to it, and the slowest of a burst then (every worker's first view of
    the new publication), in ms and s."""

    at_once_ms: float
    until_ready_s: float
    first_new_ms: float


def first_views_after_publish(url: str, served: Path, body: dict, workers: int,
                              publishes: int = 3) -> list[FirstView]:
    """Per publish, 2 requests per worker at once, each on a connection of its own, so every
    worker answers: right after the publish, and again once the warm-up has marked the new file
    ready (dashboard/shared_cache.py). A worker that finds a view neither in its memory nor in
    the shared cache computes it (or waits for the worker computing it)."""
    import flask
    import requests
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.shared_cache import FOLDER, SharedCache

    data = json.dumps(body)
    shared = SharedCache(flask.Flask(__name__), served.parent / FOLDER)

    def one(_):
        started = time.perf_counter()
        response = requests.post(url + payloads.CALLBACK_PATH, data=data, timeout=60,
                                 headers={"Content-Type": "application/json", "Connection": "close"})
        response.raise_for_status()
        return 1000 * (time.perf_counter() - started)

    views = []
    source = served.with_name("first-view-source.duckdb")
    shutil.copyfile(served, source)
    with ThreadPoolExecutor(2 * workers) as pool:
        list(pool.map(one, range(2 * workers)))     # readers asked before: the warm-up replays it
        for _ in range(publishes):
            staging = served.with_name(served.name + ".first.new")
            shutil.copyfile(source, staging)
            stamp = staging.stat().st_ino, staging.stat().st_mtime_ns
            published = time.monotonic()
            os.replace(staging, served)
            at_once = max(pool.map(one, range(2 * workers)))
            while not shared.ready(stamp) and time.monotonic() - published < 60:
                time.sleep(0.01)
            until_ready = time.monotonic() - published
            views.append(FirstView(at_once, until_ready, max(pool.map(one, range(2 * workers)))))
            time.sleep(1)
    return views


def cpu_seconds(processes: list[psutil.Process]) -> float:
    """User + system CPU time of the processes still running."""
    total = 0.0
    for proc in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


def level(url: str, bodies: Path, served: Path, users: int, seconds: float) -> Level:
    """One locust run of `users` for `seconds`, with publishes every seconds/6."""
    processes = server_processes(url)
    cpu_before = cpu_seconds(processes)
    stop, published = threading.Event(), []
    publisher = threading.Thread(target=lambda: published.extend(
        publish_during(served, seconds - 5, seconds / 6, stop)))
    publisher.start()
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.load_users", url, str(bodies),
                               str(users), str(seconds)], capture_output=True, text=True,
                              cwd=ROOT, timeout=seconds + 120)
    finally:
        stop.set()
        publisher.join()
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    server_cpu = cpu_seconds(processes) - cpu_before
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return Level(users, len(published), figures["requests"], figures["failures"], figures["rps"],
                 figures["p50_ms"], figures["p95_ms"], figures["p99_ms"], figures["max_ms"], load,
                 server_cpu, seconds, tuple(figures["errors"]),
                 tuple(tuple(entry) for entry in figures["slowest"]), figures["client_cpu_s"])


def print_level(result: Level) -> Level:
    met = (not result.failures and result.p99_ms <= GOAL_P99_MS and result.max_ms <= GOAL_MAX_MS)
    goal = (f"  (0 errors, p99 <= {GOAL_P99_MS} ms, max <= {GOAL_MAX_MS} ms: "
            f"{'goal met' if met else 'GOAL MISSED'})")
    print(f"   {result.users:4d} users  {result.requests:6d} requests  {result.rps:5.1f} req/s  "
          f"p50 {result.p50_ms:5.0f}  p95 {result.p95_ms:5.0f}  p99 {result.p99_ms:5.0f}  "
          f"max {result.max_ms:6.0f} ms  errors {result.failures}  publishes {result.publishes}  "
          f"load average {result.load_average}{goal}", flush=True)
    per_request = 1000 * result.server_cpu_s / max(result.requests, 1)
    print(f"         server CPU {result.server_cpu_s:.0f} s in {result.seconds_run:.0f} s "
          f"({result.server_cpu_s / result.seconds_run:.2f} of {os.cpu_count()} CPUs), {per_request:.1f} ms CPU "
          f"per request; the visitors (locust, same machine) {result.client_cpu_s:.0f} s", flush=True)
    print("         slowest requests: " + "; ".join(
        f"{name} ×{count} p99 {p99:.0f} max {most:.0f} ms" for name, count, p99, most in result.slowest),
          flush=True)
    for error in result.errors:
        print(f"         {error}", flush=True)
    return result


def print_first_views(views: list[FirstView], workers: int) -> list[FirstView]:
    worst = max(max(v.at_once_ms, v.first_new_ms) for v in views)
    print(f"   first view after a publish ({2 * workers} requests at once, {workers} workers), slowest "
          f"per publish: at once {', '.join(f'{v.at_once_ms:.0f}' for v in views)} ms (public "
          f"readers read the previous publication until the new one is warmed); warmed and shown "
          f"after {', '.join(f'{v.until_ready_s:.1f}' for v in views)} s; then every worker's first "
          f"view of it {', '.join(f'{v.first_new_ms:.0f}' for v in views)} ms  "
          f"({'goal met' if worst <= GOAL_FIRST_VIEW_MS else 'GOAL MISSED'}, <= {GOAL_FIRST_VIEW_MS} ms)",
          flush=True)
    return views


def print_tree(url: str, when: str) -> float:
    pss, count, names = tree_pss(url)
    print(f"   serving tree {when}: {pss:.0f} MB PSS in {count} processes "
          f"({', '.join(sorted(set(names)))})  ({'goal met' if pss <= GOAL_TREE_PSS_MB else 'GOAL MISSED'}, "
          f"<= {GOAL_TREE_PSS_MB} MB)", flush=True)
    return pss


def run(users: list[int], seconds: float, workers: int | None = None) -> list[Level]:
    """Every user count in turn against one served demo warehouse."""
    work = Path(tempfile.mkdtemp(prefix="regiomonitor-load-"))
    try:
        print(machine.machine_line(), flush=True)
        served = work / "served.duckdb"
        build_demo(served)
        with serving(served, work, workers, runs=True) as url:   # the whole tree: Prefect server, worker
            with chromium() as browser:
                bodies = work / "payloads.json"
                bodies.write_text(json.dumps(payloads.capture(browser, url)), encoding="utf-8")
            print(f"\n6. Load: simulated visitors (locust, 1–3 s between actions), {seconds:.0f} s per "
                  f"level, publishes during each level; server: `regiomonitor serve` "
                  f"({workers or 'default'} workers)", flush=True)
            from regiomonitor.serving import default_workers
            count = workers or default_workers()
            print_tree(url, "at rest")
            render = json.loads(bodies.read_text(encoding="utf-8"))["page render /regio/AM10"]
            print_first_views(first_views_after_publish(url, served, render, count), count)
            levels = [print_level(level(url, bodies, served, n, seconds)) for n in users]
            print_tree(url, "after the levels")
            return levels
    finally:
        shutil.rmtree(work, ignore_errors=True)
