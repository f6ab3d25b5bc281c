"""No dash_table bundle on the pages (issue 27, page ready ≤ 1 s on a first visit).

Dash registers its DataTable with every app (`dash/__init__.py` imports `dash_table`) and so names
its bundle (`dash_table/bundle.js`, 33 KB, 8,6 KB with brotli) in every page, before the
renderer. The product draws no DataTable: its tables are HTML (components.table,
components.static_table) or ag-grid (grid_on_demand.py). The bundle cost every first visit one
request and 6–11 ms of the renderer's main thread (`EvaluateScript`, devtools trace of /, load
average 5–10) before anything was drawn. Here its tag is taken out of every Dash page. Should a
page ever draw a `dash_table.DataTable`, the renderer would not know the component: the dashboard
may not import dash_table (tests/test_unused_scripts.py checks both).
"""
from __future__ import annotations

import re

import dash

DATA_TABLE_TAG = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/dash_table/[^"]*"></script>\n?')


def without_data_table(scripts: str) -> str:
    """Dash's script tags without the DataTable's (unchanged when Dash names none)."""
    return DATA_TABLE_TAG.sub("", scripts)


def install(app: dash.Dash) -> None:
    """Take the DataTable's bundle out of every Dash page's scripts."""
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        kwargs["scripts"] = without_data_table(kwargs.get("scripts", ""))
        return render(**kwargs)

    app.interpolate_index = interpolate_index
