"""dash-ag-grid's bundle only on pages that draw a grid (dashboard/grid_on_demand.py,
assets/grid_on_demand.js): the page's scripts and head, and in Chromium a page without a grid
that never loads it, and the grid pages drawn as before (rows, the phone's pinned columns), with
the stand-in's statics the real component's."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import grid_on_demand


def test_pages_name_the_grid_bundle_in_the_head_not_in_a_script_tag(demo_warehouse, tmp_path):
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    page = client.get("/data").get_data(as_text=True)
    head, body = page.split("</head>")
    assert not re.search(r'<script src="[^"]*dash_ag_grid\.', body)
    url = re.search(r'<meta name="grid-bundle" content="([^"]+)">', head)[1]
    assert client.get(url).status_code == 200                       # Dash still serves it
    scripts = re.findall(r'<script src="([^"?]+)', body)
    assert scripts.index("/assets/grid_on_demand.js") < next(i for i, s in enumerate(scripts) if "dash_renderer" in s)


def test_without_the_bundles_tag_the_scripts_stay_as_they_are():
    tags = '<script src="/_dash-component-suites/dash/deps/react@18.v1.min.js"></script>'
    assert grid_on_demand.on_demand(tags) == (tags, None)
    grid = '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35_3_0m1.min.js"></script>\n'
    assert grid_on_demand.on_demand(tags + "\n" + grid + tags) == (tags + "\n" + tags,
                                                                  "/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35_3_0m1.min.js")


def grid_scripts(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                         ".filter(n => n.includes('/dash_ag_grid/'))")


@pytest.mark.slow
def test_a_page_without_a_grid_never_loads_it(page, served_app):
    page.goto(served_app + "/methode")
    expect(page.locator("main table tbody tr").first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert grid_scripts(page) == []
    assert page.console_errors == []


@pytest.mark.slow
def test_the_grid_is_drawn_from_the_bundle_loaded_on_demand(browser, served_app):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served_app + "/data")
        grid = page.locator(".late-grid")
        expect(grid.locator(".ag-center-cols-container .ag-row").first).to_be_visible(timeout=60_000)
        expect(grid.locator(".ag-pinned-right-cols-container .ag-row").first).to_be_attached()   # phone
        assert any("dash_ag_grid." in url for url in grid_scripts(page))
        assert [url for url in grid_scripts(page) if url.endswith("/async-community.js")] == [
            served_app + "/_dash-component-suites/dash_ag_grid/async-community.js"]   # once, by the bundle
        # The stand-in is what the renderer resolves, with the real component's statics.
        statics = page.evaluate("""() => [window.dash_ag_grid.AgGrid, window.dash_ag_grid.AgGrid.loaded].map(
            c => JSON.stringify([c.dashRenderType, c.dashPersistence, c.defaultProps === undefined]))""")
        assert statics[0] == statics[1]
        assert page.evaluate("['getApi', 'getApiAsync'].every(k => typeof window.dash_ag_grid[k] === 'function')")
        assert errors == []
    finally:
        context.close()


def test_no_page_preloads_the_grid(demo_warehouse, tmp_path):
    """Vergelijken's ranking is a static table: no page's main content is a grid, and none
    fetches the grid's bundle or ag-grid's chunk with its head."""
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    preload = re.compile(r'<link rel="preload" href="[^"]*dash_ag_grid[^"]*" as="script">')
    for path in ("/vergelijken?lang=en", "/", "/methode", "/data", "/regio/AM10", "/bestaat/niet"):
        assert not preload.search(client.get(path).get_data(as_text=True)), path
