"""plotly.js for the browser: the official "map" bundle instead of the full one (issue 15 part 7).

The dashboard draws three trace types: scatter, scattermap and choroplethmap. plotly.js ships
these (and densitymap) as its "map" partial bundle, `dist/plotly-map.min.js` in the plotly.js npm
package of the same version plotly.py carries: 3,0 MB instead of 4,8 MB, and in headless Chromium
here about 0,5 s to start instead of 1,3–1,5 s, which was most of the map page's time to appear.
Refresh it with plotly.py: `npm pack plotly.js@<version>` and copy `package/dist/plotly-map.min.js`
to vendor/plotly-map-<version>.min.js (tests/test_plotly_bundle.py checks the version and that
every figure uses only these trace types).

Every page names it in a `<meta>` element and assets/plotly_bundle.js points dcc.Graph's loader
at it: dcc.Graph loads plotly.js when the first chart appears, from this file. Loading it at once
instead (a `defer` script, or `rel="preload"`) was slower: it ran before Dash drew the page and
held up the whole chain of layout, callbacks and drawing (measured one after the other at load
average 6–9: map page median 1,9 s deferred, 1,7 s preloaded, 1,5 s lazy); a `rel="prefetch"`
made the pages without charts slower on this 2-core machine (x1,1, fetching 3 MB beside them).
"""
from __future__ import annotations

from pathlib import Path

import dash

from dashboard import vendored

VERSION = "4.1.1"
TRACE_TYPES = frozenset({"scatter", "scattermap", "choroplethmap", "densitymap"})
FILE = Path(__file__).parent / "vendor" / f"plotly-map-{VERSION}.min.js"
ROUTE = vendored.route(FILE)
META_NAME = "plotly-bundle"


def tag(url: str) -> str:
    """The element that names the bundle at `url` (assets/plotly_bundle.js reads it)."""
    return f'<meta name="{META_NAME}" content="{url}">'


def install(app: dash.Dash) -> None:
    """Serve the bundle and name it in the head of every page (after `app.index_string` is set)."""
    hint = tag(vendored.install(app, FILE, "plotly_bundle"))
    app.index_string = app.index_string.replace("</head>", hint + "</head>", 1)
