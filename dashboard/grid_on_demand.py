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

A page whose main content is a grid (Vergelijken's ranking) says so when it registers
(`grid_first=True`): its head preloads the bundle (`rel="preload" as="script"`), so the download
is done when the stand-in asks for it and only the evaluation waits for the grid, as before. It
also preloads the chunk with ag-grid itself (`async-community.js`, 0,87 MB, 0,2 MB with brotli),
which the bundle asks for only when its first grid renders: otherwise a request the grid waits
for, one round trip after the bundle has run (issue 27).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import dash
import dash_ag_grid

from dashboard import first_page

META_NAME = "grid-bundle"
FIRST = "grid_first"      # dash.register_page(..., grid_first=True): the main content is a grid
# ag-grid's own code, a chunk the bundle loads from its own folder when a grid first renders
# (webpack's chunk name in dash-ag-grid 35); not preloaded should a version no longer ship it.
CHUNK = "async-community.js"
SHIPS_CHUNK = (Path(dash_ag_grid.__file__).parent / CHUNK).is_file()
BUNDLE_TAG = re.compile(r'<script src="([^"]*/_dash-component-suites/dash_ag_grid/dash_ag_grid\.[^"]*\.js)"></script>\n?')


def on_demand(scripts: str) -> tuple[str, str | None]:
    """Dash's script tags without the grid bundle's, and that bundle's address (None, and the
    tags unchanged, when there is none)."""
    found = BUNDLE_TAG.search(scripts)
    if not found:
        return scripts, None
    return scripts[:found.start()] + scripts[found.end():], found[1]


def first_scripts(bundle: str) -> list[str]:
    """What a page whose main content is a grid preloads: the bundle, and ag-grid's chunk from
    the same folder (the address the bundle asks for it by)."""
    return [bundle] + ([bundle.rsplit("/", 1)[0] + "/" + CHUNK] if SHIPS_CHUNK else [])


def install(app: dash.Dash) -> None:
    """Take the grid bundle out of every Dash page's scripts and name it in the head (and
    preload it on a page whose main content is a grid)."""
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        scripts, url = on_demand(kwargs.get("scripts", ""))
        if url is None:
            return render(**kwargs)
        kwargs["scripts"] = scripts
        hints = f'<meta name="{META_NAME}" content="{html.escape(url)}">'
        if first_page.registered(app, FIRST):
            hints += first_page.script_preloads(first_scripts(url))
        return render(**kwargs).replace("</head>", hints + "</head>", 1)

    app.interpolate_index = interpolate_index
