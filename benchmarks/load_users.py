"""Simulated dashboard visitors with locust, in a process of their own (locust patches the
standard library with gevent on import, which must not touch the benchmark's other code).

Each user opens the dashboard as a browser does (the page, then Dash's layout, which holds the
page its Referer names (dashboard/first_page.py), and its dependencies), then, after 1–3 s of reading each time, does what people do on it: change the map's
indicator, open a region page, rank regions. The callback bodies are the ones Chromium sent
(benchmarks/payloads.py captures them). Prints one JSON line of figures.

Usage: python -m benchmarks.load_users URL PAYLOADS.json USERS SECONDS
"""
from __future__ import annotations

import json
import resource
import sys

import gevent
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser
from locust.env import Environment

from benchmarks.payloads import CALLBACK_PATH

PAYLOADS: dict[str, dict] = {}
PAGES = {"map view (indicator change)": "/", "page render /regio/AM10": "/regio/AM10",
         "ranking (Vergelijken)": "/vergelijken"}


class Visitor(FastHttpUser):
    """One person reading the dashboard. FastHttpUser (geventhttpclient): a hundred visitors
    with python-requests' client took so much of the two cores the server shares with them
    that their own work showed in every request's time (`client_cpu_s` says how much)."""

    wait_time = between(1, 3)
    default_headers = {"Accept-Encoding": "br, gzip, deflate"}   # what a browser accepts

    def on_start(self) -> None:
        self.open_page("/")

    def open_page(self, path: str) -> None:
        """A full page load: the HTML shell, then what Dash's renderer fetches first, the
        layout with the page in it (the browser names the page in the Referer)."""
        self.client.get(path, name=f"GET {path}")
        self.client.get("/_dash-layout", name="GET /_dash-layout",
                        headers={"Referer": f"{self.host}{path}"})
        self.client.get("/_dash-dependencies", name="GET /_dash-dependencies")

    def callback(self, name: str) -> None:
        self.client.post(CALLBACK_PATH, json=PAYLOADS[name], name=f"callback: {name}")

    @task(3)
    def change_indicator(self) -> None:
        self.callback("map view (indicator change)")

    @task(2)
    def open_region(self) -> None:
        self.callback("page render /regio/AM10")

    @task(2)
    def rank_regions(self) -> None:
        self.callback("ranking (Vergelijken)")

    @task(1)
    def reload(self) -> None:
        self.open_page("/regio/AM10")     # the page comes with the layout: no router request


def run(url: str, users: int, seconds: float) -> dict:
    """`users` visitors (spawned at 10 a second) for `seconds`; totals over every request."""
    Visitor.host = url
    env = Environment(user_classes=[Visitor])
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=10)
    gevent.sleep(seconds)
    runner.quit()
    total = env.stats.total
    return {"users": users, "seconds": seconds, "requests": total.num_requests,
            "failures": total.num_failures, "rps": total.num_requests / seconds,
            "p50_ms": total.get_response_time_percentile(0.50),
            "p95_ms": total.get_response_time_percentile(0.95),
            "p99_ms": total.get_response_time_percentile(0.99),
            "client_cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
            "max_ms": total.max_response_time,
            "errors": [f"{e.method} {e.name}: {e.error} ×{e.occurrences}"
                       for e in env.stats.errors.values()][:5],
            "slowest": sorted(([e.name, e.num_requests, e.get_response_time_percentile(0.99),
                                e.max_response_time] for e in env.stats.entries.values()),
                              key=lambda e: -e[3])[:4]}


if __name__ == "__main__":
    base, payload_file, count, duration = sys.argv[1:5]
    PAYLOADS.update(json.loads(open(payload_file, encoding="utf-8").read()))
    print(json.dumps(run(base, int(count), float(duration))), flush=True)
