"""The browser gets plotly.js's "basic" bundle (dashboard/plotly_bundle.py), never the full one:
same version as plotly.py, every trace type the pages draw is in it, and the served map page
draws with it."""
from __future__ import annotations

import json
import re

import plotly.offline
import pytest
from playwright.sync_api import expect

from benchmarks.payloads import choose_indicator
from dashboard import plotly_bundle
from tests.helpers import page_render


def test_the_bundle_is_the_version_plotly_py_carries():
    header = plotly_bundle.FILE.read_text(encoding="utf-8")[:200]
    assert re.search(r"plotly\.js \(basic - minified\) v(\S+)", header)[1] == \
        plotly_bundle.VERSION == plotly.offline.get_plotlyjs_version()


def trace_types(node: object) -> set[str]:
    """Every trace type in the figures anywhere in a callback answer."""
    if isinstance(node, dict):
        found = {t["type"] for t in node.get("data", []) if isinstance(t, dict) and "type" in t} \
            if isinstance(node.get("data"), list) and isinstance(node.get("layout"), dict) else set()
        return found.union(*(trace_types(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(trace_types(v) for v in node))
    return set()


@pytest.mark.parametrize("path", ["/regio/AM10", "/vergelijken?regions=AM10,AM12"])
def test_every_chart_uses_only_the_bundles_trace_types(demo_warehouse, tmp_path, path):
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    client.get("/")
    pathname, _, search = path.partition("?")
    answer = client.post("/_dash-update-component", data=json.dumps(page_render(pathname, "?" + search)),
                         content_type="application/json")
    types = trace_types(answer.get_json())
    assert types and types <= plotly_bundle.TRACE_TYPES


@pytest.mark.parametrize("search", ["", "?measure=pct", "?shape=schematic"])
def test_the_map_page_has_no_chart_and_preloads_no_script(demo_warehouse, tmp_path, search):
    """The map is SVG drawn on the server (dashboard/svg_map.py): no figure in the page, and its
    head asks for no plotly.js or dcc chunk ahead of time (no page's does)."""
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    for path in ("/", "/methode", "/data", "/regio/AM10", "/vergelijken"):
        head = client.get(path + search).get_data(as_text=True).split("</head>")[0]
        assert 'as="script"' not in head, path
    answer = client.post("/_dash-update-component", data=json.dumps(page_render("/", search)),
                         content_type="application/json")
    assert trace_types(answer.get_json()) == set() and "region-map" in answer.get_data(as_text=True)


@pytest.mark.slow
def test_the_map_page_loads_no_plotly_and_no_graph_chunk(page, served_app):
    """/ draws its map without plotly.js: the network log has neither the bundle (any plotly
    file) nor dcc's graph chunk, also after a change of measure and of shapes."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served_app + "/")
    expect(page.locator("#kaart-map svg.region-map a")).to_have_count(35, timeout=20_000)
    page.get_by_role("button", name="% van het doel").click()
    expect(page.locator("#kaart-map svg.colour-bar")).to_be_visible()
    page.get_by_role("button", name="Schematische tegels").click()
    expect(page.locator("#kaart-map svg.region-map text")).to_have_count(35)
    page.wait_for_load_state("networkidle")
    assert any("dash_renderer" in url for url in requested)   # the log is there
    assert not [url for url in requested if plotly_bundle.ROUTE in url or "plotly.min" in url or "async-graph" in url]
    assert page.external_requests == [] and page.console_errors == []


@pytest.mark.slow
def test_the_region_page_draws_with_the_basic_bundle_and_nothing_from_outside(page, served_app):
    """The region page's charts still draw with plotly.js: the basic bundle, SVG, nothing
    fetched from outside, no WebGL; its gemeente map is SVG drawn
    on the server, like the map page's."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served_app + "/regio/AM10?boundary=current")
    expect(page.locator("#card-leerwerkplaatsen .js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)
    expect(page.locator(".gemeenten figure svg.region-map path")).to_have_count(8)
    assert any(url.endswith(plotly_bundle.ROUTE) for url in requested)
    assert not any("plotly.min.js" in url for url in requested)       # the full bundle
    response = page.request.get(served_app + plotly_bundle.ROUTE)
    assert response.ok and "max-age=31536000" in response.headers["cache-control"]
    page.wait_for_load_state("networkidle")
    assert page.external_requests == [] and not any("topojson" in url or url.endswith(".json") for url in requested)
    assert page.locator("canvas").count() == 0
    assert page.console_errors == []


ROWS = "#cmp-ranking-table tbody tr"


@pytest.mark.slow
def test_vergelijken_starts_plotly_after_its_ranking_shows(page, served_app):
    """The ranking is the page's main content: plotly.js (data-plotly-after) is requested only
    once its rows show, and the chart is still drawn, with the basic bundle."""
    page.add_init_script(f"""new MutationObserver((_, observer) => {{
        if (document.querySelector('{ROWS}')) {{ window.rowsShownAt = performance.now(); observer.disconnect(); }}
    }}).observe(document, {{childList: true, subtree: true}});""")
    page.goto(served_app + "/vergelijken?regions=AM10,AM12")
    expect(page.locator("#cmp-chart .main-svg").first).to_be_attached(timeout=20_000)
    rows_shown, bundle_requested = page.evaluate("""route => [window.rowsShownAt, performance
        .getEntriesByType('resource').find(e => e.name.endsWith(route)).startTime]""", plotly_bundle.ROUTE)
    assert rows_shown is not None and bundle_requested >= rows_shown
    assert page.evaluate("document.querySelector('#cmp-chart .js-plotly-plot').data.length") == 4 * 4
    assert page.console_errors == []


@pytest.mark.slow
def test_a_choice_made_while_the_chart_starts_is_kept(page, served_app):
    """Choosing another indicator by keyboard as soon as the ranking shows, while plotly.js is
    still starting, changes the ranking (a chart sent by the server at that moment lost it)."""
    page.goto(served_app + "/vergelijken")
    page.locator(ROWS).first.wait_for(timeout=20_000)
    with page.expect_request(lambda r: "_dash-update-component" in r.url and "cmp-ranking.data-html" in (r.post_data or "")):
        choose_indicator(page)
    expect(page.locator("#cmp-indicator")).to_contain_text("EVC-trajecten")
    assert page.console_errors == []
