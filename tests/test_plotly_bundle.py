"""The browser gets plotly.js's "geo" bundle (dashboard/plotly_bundle.py), never the full one:
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
    assert re.search(r"plotly\.js \(geo - minified\) v(\S+)", header)[1] == \
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


@pytest.mark.parametrize("path", ["/", "/?measure=pct", "/regio/AM10", "/vergelijken?regions=AM10,AM12"])
def test_every_chart_uses_only_the_bundles_trace_types(demo_warehouse, tmp_path, path):
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    client.get("/")
    pathname, _, search = path.partition("?")
    answer = client.post("/_dash-update-component", data=json.dumps(page_render(pathname, "?" + search)),
                         content_type="application/json")
    types = trace_types(answer.get_json())
    assert types and types <= plotly_bundle.TRACE_TYPES


@pytest.mark.slow
def test_the_map_page_draws_with_the_geo_bundle_and_nothing_from_outside(page, served_app):
    """The map is SVG: no topojson fetched from cdn.plot.ly (assets/plotly_bundle.js), no WebGL."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(served_app + "/")
    expect(page.locator("#kaart-map .main-svg").first).to_be_attached(timeout=20_000)
    assert any(url.endswith(plotly_bundle.ROUTE) for url in requested)
    assert not any("plotly.min.js" in url for url in requested)       # the full bundle
    response = page.request.get(served_app + plotly_bundle.ROUTE)
    assert response.ok and "max-age=31536000" in response.headers["cache-control"]
    page.wait_for_load_state("networkidle")
    assert page.external_requests == [] and not any("topojson" in url or url.endswith(".json") for url in requested)
    assert page.locator("#kaart-map canvas").count() == 0
    assert page.console_errors == []


PRELOADED = ("/vendor/plotly-geo-", "/dcc/async-graph.js", "/dcc/async-dropdown.js")


def test_only_a_page_whose_main_content_is_a_chart_preloads_plotly(demo_warehouse, tmp_path):
    from dashboard.app import create_app

    client = create_app(demo_warehouse, tmp_path / "accounts.sqlite", tmp_path / "inbox").server.test_client()
    hints = re.compile(r'<link rel="preload" href="([^"]*)" as="script"( fetchpriority="low")?>')
    head = client.get("/?lang=en&measure=pct").get_data(as_text=True).split("</head>")[0]
    low = ' fetchpriority="low"'     # asked for after the scripts the page runs first
    assert hints.findall(head) == [("/vendor/plotly-geo-4.1.1.min.js", low),
                                   ("/_dash-component-suites/dash/dcc/async-graph.js", low),
                                   ("/_dash-component-suites/dash/dcc/async-dropdown.js", low)]
    for url, _priority in hints.findall(head):
        assert client.get(url).status_code == 200
    for path in ("/methode", "/data", "/regio/AM10", "/vergelijken", "/bestaat/niet"):
        served = client.get(path).get_data(as_text=True)
        assert not any(name in served for name in PRELOADED[1:]) and \
            f'<link rel="preload" href="{plotly_bundle.ROUTE}"' not in served, path


@pytest.mark.slow
def test_the_map_page_takes_its_preloaded_scripts(page, served_app):
    """The script elements dcc and assets/plotly_bundle.js add while the page is drawn are
    handed the preloaded answers: one request each, by the preload, and no warning that a
    preload went unused. They are asked for with a low priority (after the scripts the page runs
    first), those scripts are not."""
    sent, warnings, priorities = [], [], {}
    page.on("request", lambda r: any(name in r.url for name in PRELOADED) and sent.append(r.url))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.requestWillBeSent",
           lambda e: priorities.setdefault(e["request"]["url"].rsplit("/", 1)[-1], e["request"]["initialPriority"]))
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(served_app + "/")
    expect(page.locator("#kaart-map .main-svg").first).to_be_attached(timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(3500)       # Chromium warns about a preload unused 3 s after load
    taken = page.evaluate("""performance.getEntriesByType('resource')
        .filter(e => /vendor\\/plotly-geo|dcc\\/async-(graph|dropdown)\\.js$/.test(e.name))
        .map(e => e.initiatorType)""")
    assert taken == ["link"] * 3 and len(sent) == 3
    assert [priorities[name] for name in (plotly_bundle.FILE.name, "async-graph.js", "async-dropdown.js")] == ["Low"] * 3
    assert not [name for name, priority in priorities.items() if "dash_renderer" in name and priority == "Low"]
    assert not [w for w in warnings if "preload" in w] and page.console_errors == []


ROWS = "#cmp-ranking-table tbody tr"


@pytest.mark.slow
def test_vergelijken_starts_plotly_after_its_ranking_shows(page, served_app):
    """The ranking is the page's main content: plotly.js (data-plotly-after) is requested only
    once its rows show, and the chart is still drawn, with the geo bundle."""
    page.add_init_script(f"""new MutationObserver((_, observer) => {{
        if (document.querySelector('{ROWS}')) {{ window.rowsShownAt = performance.now(); observer.disconnect(); }}
    }}).observe(document, {{childList: true, subtree: true}});""")
    page.goto(served_app + "/vergelijken?regions=AM10,AM12")
    expect(page.locator("#cmp-chart .main-svg").first).to_be_attached(timeout=20_000)
    rows_shown, bundle_requested = page.evaluate("""() => [window.rowsShownAt, performance
        .getEntriesByType('resource').find(e => e.name.includes('/vendor/plotly-geo')).startTime]""")
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
