"""Section 2: server-side time of the main callbacks through HTTP, p50 and p95."""
from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass

from benchmarks.payloads import post


@dataclass(frozen=True)
class Latency:
    """One callback's times over `calls` requests, in milliseconds."""

    name: str
    calls: int
    p50_ms: float
    p95_ms: float
    source: str      # 'Server-Timing' or 'wall (localhost)'


def server_ms(headers: dict[str, str]) -> float | None:
    """The sum of the Server-Timing durations, when the server sends them."""
    timing = headers.get("Server-Timing") or headers.get("server-timing")
    if not timing:
        return None
    return sum(float(d) for d in re.findall(r"dur=([0-9.]+)", timing))


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method)."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def time_callback(url: str, name: str, body: dict, calls: int, warmup: int = 12) -> Latency:
    """POST the same body `calls` times after a warm-up; Server-Timing if present, else wall.
    The warm-up reaches every gunicorn worker (4 by default) a few times: each worker has its
    own per-snapshot cache, and a cold worker's first call is a first view, not a repeat."""
    for _ in range(warmup):
        post(url, body)
    times, source = [], "Server-Timing"
    for _ in range(calls):
        started = time.perf_counter()
        _, headers = post(url, body)
        wall = (time.perf_counter() - started) * 1000
        server = server_ms(headers)
        if server is None:
            source = "wall (localhost)"
        times.append(server if server is not None else wall)
    return Latency(name, calls, percentile(times, 50), percentile(times, 95), source)


def run(url: str, payloads: dict[str, dict], calls: int) -> list[Latency]:
    """Every captured callback, `calls` times each."""
    return [time_callback(url, name, body, calls) for name, body in payloads.items()]
