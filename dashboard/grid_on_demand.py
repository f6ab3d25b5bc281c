"""dash-ag-grid's main bundle only where a grid is drawn (issue 27, page ready ≤ 1 s).

Dash names every component library's bundle in every page, and dash-ag-grid's (1,3 MB, 0,28 MB
with brotli) holds the grid library itself: the map, region and method pages, which draw no
grid, spent 70–100 ms of the renderer's main thread on it before anything was drawn (CDP
`ThreadTime`, medians of 5 against the same page with an empty bundle, load average 17).
Here the page names it in `<meta name="grid-bundle">` instead of a script tag, and
assets/grid_on_demand.js puts a stand-in `dash_ag_grid` in its place that loads it when the
first grid appears (the way dcc.Graph loads plotly.js). Dash still serves the file: it registers
what it may serve while it builds the page, before this takes the tag out. If Dash names the
bundle differently one day, the tag stays as it is and the stand-in does nothing.

No page's main content is a grid any more: Vergelijken's ranking, the one that was (and had
its head preload the bundle and ag-grid's chunk, `grid_first`), is a static table since 7 Dec
(docs/benchmarks.md, "the ranking as a static table"); /data's grids load on demand below its
tables.
"""
from __future__ import annotations

import html
import re

import dash

META_NAME = "grid-bundle"
BUNDLE_TAG = re.compile(r'<script src="([^"]*/_dash-component-suites/dash_ag_grid/dash_ag_grid\.[^"]*\.js)"></script>\n?')


def on_demand(scripts: str) -> tuple[str, str | None]:
    """Dash's script tags without the grid bundle's, and that bundle's address (None, and the
    tags unchanged, when there is none)."""
    found = BUNDLE_TAG.search(scripts)
    if not found:
        return scripts, None
    return scripts[:found.start()] + scripts[found.end():], found[1]


def install(app: dash.Dash) -> None:
    """Take the grid bundle out of every Dash page's scripts and name it in the head."""
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        scripts, url = on_demand(kwargs.get("scripts", ""))
        if url is None:
            return render(**kwargs)
        kwargs["scripts"] = scripts
        hint = f'<meta name="{META_NAME}" content="{html.escape(url)}">'
        return render(**kwargs).replace("</head>", hint + "</head>", 1)

    app.interpolate_index = interpolate_index
