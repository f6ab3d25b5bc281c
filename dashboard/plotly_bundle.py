"""plotly.js for the browser: the official "geo" partial bundle instead of the full one (issue 15
part 7, issue 27 round 4).

The dashboard draws three trace types: scatter (every chart, the schematic tiles), choropleth
(the regions and gemeenten) and scattergeo (the provisional rings). plotly.js ships exactly these
as its "geo" partial bundle, `dist/plotly-geo.min.js` in the plotly.js npm package of the same
version plotly.py carries: 1,4 MB instead of 4,8 MB for the full one. The maps were drawn with the
"map" bundle before (choroplethmap, scattermap: 3,0 MB with MapLibre GL), which also had to start
a WebGL context, in software in headless Chromium; the geo traces draw SVG with d3-geo, on our own
shapes with the base layers off, so they need no topojson either (assets/plotly_bundle.js).
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

A page whose main content is a chart (the map page) says so when it registers
(`chart_first=True`): its head preloads (`rel="preload" as="script"`: fetched, not run) the
bundle and dcc's lazy chunks the page asks for while React draws it (`async-graph.js`,
`async-dropdown.js`, from dcc's own folder, the address webpack asks for them by). Without it
the bundle was asked for only after React's first draw of the page (a 0,3–0,45 s long task at
load 9) and the two animation frames assets/plotly_bundle.js waits, and downloaded after it
(0,1–0,15 s on localhost at that load, a round trip and 0,38 MB on a real network); the chunks
were asked for during that draw. Now all three arrive while the main scripts run, and the
script elements the page adds later are handed the preloaded answers (same address, same
credentials mode: no `crossorigin` on either side; tests/test_plotly_bundle.py).

These preloads have `fetchpriority="low"`: Chromium speaks HTTP/1.1 to this server, six
connections at most, and the page names 25 files. Asked for beside the scripts the page runs
first, the three took connections from them (the bundle, 0,38 MB with brotli, held one for
0,1–0,2 s), and those scripts queued behind them; now they are asked for after those scripts, and
still arrive long before React's draw needs them. In resource timing the last of those scripts
was there 72–112 ms sooner in 4 of 6 interleaved runs at load average 5–17 (medians of 10–16
first visits; docs/benchmarks.md, page ready round 7); a gain in time to ready was not shown.
"""
from __future__ import annotations

import re
from pathlib import Path

import dash

from dashboard import first_page, vendored

VERSION = "4.1.1"
TRACE_TYPES = frozenset({"scatter", "scattergeo", "choropleth"})
FILE = Path(__file__).parent / "vendor" / f"plotly-geo-{VERSION}.min.js"
ROUTE = vendored.route(FILE)
META_NAME = "plotly-bundle"
FIRST = "chart_first"     # dash.register_page(..., chart_first=True): the main content is a chart
# dcc's chunks a chart page asks for while it is drawn (webpack's chunk names in dcc 4), from
# the folder of dcc's own bundle; a chunk no longer shipped is not preloaded.
CHUNKS = ("async-graph.js", "async-dropdown.js")
DCC_TAG = re.compile(r'<script src="([^"]*/_dash-component-suites/dash/dcc/)dash_core_components\.[^"/]*\.js"></script>')
DCC_FOLDER = Path(dash.dcc.__file__).parent


def tag(url: str) -> str:
    """The element that names the bundle at `url` (assets/plotly_bundle.js reads it)."""
    return f'<meta name="{META_NAME}" content="{url}">'


def first_scripts(bundle: str, scripts: str) -> list[str]:
    """What a page whose main content is a chart preloads: the bundle at `bundle`, and the dcc
    chunks beside dcc's bundle as Dash's `scripts` name it."""
    found = DCC_TAG.search(scripts)
    chunks = [found[1] + chunk for chunk in CHUNKS if (DCC_FOLDER / chunk).is_file()] if found else []
    return [bundle, *chunks]


def install(app: dash.Dash) -> None:
    """Serve the bundle and name it in the head of every page (after `app.index_string` is set);
    a page whose main content is a chart preloads it and dcc's chunks."""
    url = vendored.install(app, FILE, "plotly_bundle")
    app.index_string = app.index_string.replace("</head>", tag(url) + "</head>", 1)
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        page = render(**kwargs)
        if not first_page.registered(app, FIRST):
            return page
        hints = first_page.script_preloads(first_scripts(url, kwargs.get("scripts", "")), low=True)
        return page.replace("</head>", hints + "</head>", 1)

    app.interpolate_index = interpolate_index
