"""No @babel/polyfill on the pages: regenerator-runtime alone (issue 27, page ready ≤ 1 s).

Dash puts @babel/polyfill 7.12 (core-js 2 with regenerator-runtime, 90 KB) before React on every
page. It was the most expensive script to evaluate on a first visit to a page without a chart:
in headless Chromium here 120–530 ms of `EvaluateScript` at load average 12–14, and the
renderer's main thread used ~0,1 s less CPU to draw /methode without it (448 against 349 ms,
medians of 5, CDP `ThreadTime`). core-js 2 tests and patches ES2015+ built-ins that every
browser the dashboard supports has natively (its `setImmediate` is the one global it adds that
browsers lack, and every bundle here checks `typeof setImmediate` before it uses it).

What Dash's own bundles still take from it is the global `regeneratorRuntime`: the compiled
async functions of the renderer, dash_core_components (its loader of the graph and dropdown
chunks) and dash_table call `regeneratorRuntime.mark`/`wrap`. So the page gets that runtime alone,
regenerator-runtime 0.14.1 from npm (MIT, its LICENSE beside it, 25 KB, ~7 KB with brotli), in
the polyfill's place; cached for a year like plotly's bundle, its name changes with its version.
If a Dash upgrade drops the polyfill or names it differently, the scripts are left as they are
(tests/test_polyfill.py then fails, to look again).
"""
from __future__ import annotations

import re
from pathlib import Path

import dash

from dashboard import vendored

VERSION = "0.14.1"
FILE = Path(__file__).parent / "vendor" / f"regenerator-runtime-{VERSION}.js"
ROUTE = vendored.route(FILE)
POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@7[^"]*"></script>')


def without_polyfill(scripts: str, runtime_url: str) -> str:
    """Dash's script tags with the polyfill's replaced by the runtime's (same place: before
    React and every bundle that needs it); unchanged when there is no polyfill tag."""
    return POLYFILL_TAG.sub(lambda _m: f'<script src="{runtime_url}"></script>', scripts, count=1)


def install(app: dash.Dash) -> None:
    """Serve the runtime and put it in the polyfill's place in every Dash page."""
    runtime_url = vendored.install(app, FILE, "regenerator_runtime")
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        kwargs["scripts"] = without_polyfill(kwargs.get("scripts", ""), runtime_url)
        return render(**kwargs)

    app.interpolate_index = interpolate_index
