"""plotly.js for the browser: the official "basic" partial bundle instead of the full one (issue 15
part 7, issue 27).

Every chart is a scatter (figures.trajectory, vergelijken.compare_figure; the maps are SVG drawn
on the server, dashboard/svg_map.py), and plotly.js ships scatter, bar and pie as its "basic"
partial bundle, `dist/plotly-basic.min.js` in the plotly.js npm package of the same version
plotly.py carries: 1,19 MB (0,33 MB with brotli 11) instead of 4,8 MB for the full one. Until the
maps left plotly.js it was the "geo" bundle (1,40 MB, 0,38 MB with brotli), for choropleth and
scattergeo; docs/benchmarks.md "Issue 27: the basic plotly.js bundle" has what the change moved.
Refresh it with plotly.py: `npm pack plotly.js@<version>` and copy
`package/dist/plotly-basic.min.js` to vendor/plotly-basic-<version>.min.js; its header carries
plotly.js's MIT licence (tests/test_plotly_bundle.py checks the version and that every figure
uses only these trace types: a trace of another type is not drawn).

Every page names it in a `<meta>` element and assets/plotly_bundle.js points dcc.Graph's loader
at it: dcc.Graph loads plotly.js when the first chart appears, from this file. Loading it at once
instead (a `defer` script, or `rel="preload"`) was slower (measured with the bigger map bundle):
it ran before Dash drew the page and held up the whole chain of layout, callbacks and drawing; a
`rel="prefetch"` made the pages without charts slower on this 2-core machine.
"""
from __future__ import annotations

from pathlib import Path

import dash

from dashboard import vendored

VERSION = "4.1.1"
TRACE_TYPES = frozenset({"scatter", "bar", "pie"})
FILE = Path(__file__).parent / "vendor" / f"plotly-basic-{VERSION}.min.js"
ROUTE = vendored.route(FILE)
META_NAME = "plotly-bundle"


def tag(url: str) -> str:
    """The element that names the bundle at `url` (assets/plotly_bundle.js reads it)."""
    return f'<meta name="{META_NAME}" content="{url}">'


def install(app: dash.Dash) -> None:
    """Serve the bundle and name it in the head of every page (after `app.index_string` is set)."""
    url = vendored.install(app, FILE, "plotly_bundle")
    app.index_string = app.index_string.replace("</head>", tag(url) + "</head>", 1)
