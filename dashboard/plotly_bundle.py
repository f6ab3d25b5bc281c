"""plotly.js for the browser: the official "geo" partial bundle instead of the full one (issue 15
part 7, issue 27 round 4).

The dashboard drew three trace types: scatter (every chart), choropleth (the regions and
gemeenten) and scattergeo (the provisional rings); since round 9 both maps are SVG drawn on the
server (dashboard/svg_map.py) and every chart left is a scatter, which plotly.js's smaller "basic"
partial bundle (scatter, bar, pie) would draw too (not changed: its size and start-up not
measured here). plotly.js ships exactly these three
as its "geo" partial bundle, `dist/plotly-geo.min.js` in the plotly.js npm package of the same
version plotly.py carries: 1,4 MB instead of 4,8 MB for the full one. The maps were drawn with the
"map" bundle before (choroplethmap, scattermap: 3,0 MB with MapLibre GL), which also had to start
a WebGL context, in software in headless Chromium; the geo traces draw SVG with d3-geo, on our own
shapes with the base layers off (assets/plotly_bundle.js gave them an empty world topojson until round 9).
Refresh it with plotly.py: `npm pack plotly.js@<version>` and copy `package/dist/plotly-geo.min.js`
to vendor/plotly-geo-<version>.min.js; its header carries plotly.js's MIT licence
(tests/test_plotly_bundle.py checks the version and that every figure uses only these trace types).

Every page names it in a `<meta>` element and assets/plotly_bundle.js points dcc.Graph's loader
at it: dcc.Graph loads plotly.js when the first chart appears, from this file. Loading it at once
instead (a `defer` script, or `rel="preload"`) was slower with the map bundle: it ran before Dash
drew the page and held up the whole chain of layout, callbacks and drawing (measured one after the
other at load average 6–9: map page median 1,9 s deferred, 1,7 s preloaded, 1,5 s lazy); a
`rel="prefetch"` made the pages without charts slower on this 2-core machine (x1,1, fetching 3 MB
beside them).

The map page used to preload the bundle and dcc's graph chunk in its head (`chart_first`, rounds
5–8): its map is SVG drawn on the server now (dashboard/svg_map.py, round 9) and it loads no
plotly.js at all; the pages that still draw charts load it when their first chart appears.
"""
from __future__ import annotations

from pathlib import Path

import dash

from dashboard import vendored

VERSION = "4.1.1"
TRACE_TYPES = frozenset({"scatter", "scattergeo", "choropleth"})
FILE = Path(__file__).parent / "vendor" / f"plotly-geo-{VERSION}.min.js"
ROUTE = vendored.route(FILE)
META_NAME = "plotly-bundle"


def tag(url: str) -> str:
    """The element that names the bundle at `url` (assets/plotly_bundle.js reads it)."""
    return f'<meta name="{META_NAME}" content="{url}">'


def install(app: dash.Dash) -> None:
    """Serve the bundle and name it in the head of every page (after `app.index_string` is set)."""
    url = vendored.install(app, FILE, "plotly_bundle")
    app.index_string = app.index_string.replace("</head>", tag(url) + "</head>", 1)
