"""Section 3: navigation start to the map or main table drawn, per page, in headless Chromium."""
from __future__ import annotations

from dataclasses import dataclass

# page → what "drawn" means there
PAGES = {
    # the map: SVG drawn on the server since 7 Dec round 9, plotly's before (compare.py times an
    # older commit with these selectors)
    "/": "#kaart-map .main-svg, #kaart-map svg",
    "/regio/AM10": ".covenant tbody tr",
    # the ranking's first row: a static table since 7 Dec, a grid before (compare.py times an
    # older commit with these selectors)
    "/vergelijken": ".ag-center-cols-container .ag-row, #cmp-ranking-table tbody tr",
    "/data": "main table tbody tr, main .ag-center-cols-container .ag-row",
    "/methode": "main table tbody tr",
}
# What a page draws after its main content, timed apart (not part of the 1 s goal): Vergelijken
# draws its chart once the ranking is drawn (issue 15). label → (page, selector)
LATER = {
    "/vergelijken chart": ("/vergelijken", "#cmp-chart .main-svg"),
}


@dataclass(frozen=True)
class PageReady:
    """Best and median of `loads` fresh loads, in milliseconds."""

    path: str
    loads: int
    best_ms: float
    median_ms: float


def load_once(browser, url: str, path: str, selector: str) -> float:
    """One load in a fresh context (no cache): ms from navigation start until `selector` shows."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url + path, wait_until="commit")
    # Checked on every animation frame in the page itself; performance.now() counts from
    # navigation start, so the value is the page's own clock, not Playwright's round trips.
    handle = page.wait_for_function("s => document.querySelector(s) ? performance.now() : false",
                                    arg=selector, polling="raf", timeout=60_000)
    elapsed = handle.json_value()
    context.close()
    return elapsed


def run(browser, url: str, loads: int) -> list[PageReady]:
    """Every page `loads` times."""
    results = []
    for path, selector in PAGES.items():
        times = sorted(load_once(browser, url, path, selector) for _ in range(loads))
        results.append(PageReady(path, loads, times[0], times[len(times) // 2]))
    return results
