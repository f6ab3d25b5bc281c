"""Bytes on the wire per page (issue 27): a first visit (empty browser cache) and a second visit
(what the browser keeps), as headless Chromium counts them (Resource Timing `transferSize`:
compressed bodies plus headers; 0 for what came from the cache). Goal: first visit <= 1,5 MB."""
from __future__ import annotations

from dataclasses import dataclass

from benchmarks.page_ready import PAGES

GOAL_BYTES = 1_500_000
# Every request the page made, the document included, once it has drawn its main content and
# the network is quiet (dcc.Graph loads plotly.js only when the first chart appears).
TRANSFERRED = """() => performance.getEntriesByType('navigation').concat(
    performance.getEntriesByType('resource')).reduce((sum, e) => sum + (e.transferSize || 0), 0)"""


@dataclass(frozen=True)
class Transfer:
    """Bytes on the wire for one page: first visit, and again with the browser's cache."""

    path: str
    first_bytes: int
    cached_bytes: int


def visit(page, url: str, path: str, selector: str) -> int:
    """Load `path`, wait until `selector` shows and the network is idle; bytes transferred."""
    page.goto(url + path, wait_until="commit")
    page.wait_for_selector(selector, state="attached", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    return int(page.evaluate(TRANSFERRED))


def run(browser, url: str) -> list[Transfer]:
    """Every page: a fresh context (nothing cached), then the same page again in it."""
    results = []
    for path, selector in PAGES.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        first = visit(page, url, path, selector)
        cached = visit(page, url, path, selector)
        context.close()
        results.append(Transfer(path, first, cached))
    return results
