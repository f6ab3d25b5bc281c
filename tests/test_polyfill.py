"""The pages load regenerator-runtime instead of @babel/polyfill (dashboard/polyfill.py), and
what Dash's bundles load with it still works in Chromium: the renderer, the graph's and the
dropdown's chunks (their loader calls regeneratorRuntime), the grid."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import polyfill


def scripts(client, path: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', client.get(path).get_data(as_text=True))


def test_every_page_names_the_runtime_where_dash_put_the_polyfill(demo_warehouse, tmp_path):
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    for path in ("/", "/methode", "/data"):
        srcs = scripts(client, path)
        assert not any("polyfill" in src for src in srcs)
        assert srcs[0] == polyfill.ROUTE                  # before React and every bundle
        assert "react@" in srcs[1]
    answer = client.get(polyfill.ROUTE)
    assert answer.status_code == 200 and "max-age=31536000" in answer.headers["Cache-Control"]
    assert b"regeneratorRuntime" in answer.get_data()


def test_scripts_without_the_polyfill_stay_as_they_are():
    tags = '<script src="/_dash-component-suites/dash/deps/react@18.v1.min.js"></script>'
    assert polyfill.without_polyfill(tags, polyfill.ROUTE) == tags
    hostile = '<script src="/x/deps/polyfill@7.v1.min.js"></script>' * 2
    assert polyfill.without_polyfill(hostile, "/r.js").count("/r.js") == 1   # the one Dash puts


@pytest.mark.slow
@pytest.mark.parametrize("path, drawn", [("/", "#kaart-map svg"),
                                         ("/vergelijken", "#cmp-ranking-table tbody tr")])
def test_pages_draw_their_charts_dropdowns_and_grids_with_the_runtime_alone(page, served_app, path, drawn):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served_app + path)
    expect(page.locator(drawn).first).to_be_attached(timeout=30_000)
    expect(page.locator(".Select-control, .dash-dropdown").first).to_be_attached(timeout=10_000)
    assert page.evaluate("typeof regeneratorRuntime.mark") == "function"
    assert any(url.endswith(polyfill.ROUTE) for url in requested)
    assert not any("polyfill" in url for url in requested)
    assert any("async-dropdown" in url for url in requested)
    assert page.console_errors == []
