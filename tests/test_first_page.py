"""The first page comes with Dash's layout (dashboard/first_page.py): the real app in process on
a copy of the demo warehouse, asked as a browser asks (its Referer naming the page), with
hostile and missing addresses; and in Chromium, where a first visit sends no router request."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from dashboard import response_cache
from dashboard.warehouse import EXTENSION_KEY
from tests.helpers import STEWARD, app_on_copy, page_render, signed_in_phone

LAYOUT = "/_dash-layout"
HERE = "http://localhost"


@pytest.fixture
def app(demo_warehouse, tmp_path):
    return app_on_copy(demo_warehouse, tmp_path)


def layout(app, referrer: str | None):
    headers = {"Referer": referrer} if referrer is not None else {}
    response = app.server.test_client().get(LAYOUT, headers=headers)
    assert response.status_code == 200
    return response


def container(response) -> dict[str, dict]:
    """The page container's parts by id: location, content, store, dummy."""
    shell = json.loads(response.data)["props"]["children"][0]
    return {c["props"]["id"]: c["props"] for c in shell["props"]["children"]}


def test_the_layout_holds_the_page_the_router_would_draw(app):
    parts = container(layout(app, f"{HERE}/regio/AM10?lang=en&month=2007-03"))
    assert parts["_pages_location"]["pathname"] == "/regio/AM10"
    assert parts["_pages_location"]["search"] == "?lang=en&month=2007-03"
    assert parts["_pages_store"]["data"] == {"title": "Regiomonitor – Region"}
    routed = app.server.test_client().post(
        "/_dash-update-component", data=json.dumps(page_render("/regio/AM10", "?lang=en&month=2007-03")),
        content_type="application/json")
    assert parts["_pages_content"]["children"] == json.loads(routed.data)["response"]["_pages_content"]["children"]


def test_dutch_first_and_every_public_page(app):
    for path in ("/", "/vergelijken", "/data", "/methode", "/regio/AM10"):
        parts = container(layout(app, HERE + path))
        assert parts["_pages_content"]["children"], path
        assert parts["_pages_location"]["search"] == ""
    assert container(layout(app, HERE + "/"))["_pages_store"]["data"] == {"title": "Regiomonitor – Kaart"}


@pytest.mark.parametrize("referrer", [None, "", f"{HERE}/login", f"{HERE}/bestaat/niet", "not a url",
                                      "javascript:alert(1)", f"{HERE}:99999/regio/", "file:///regio/AM10"])
def test_without_an_address_of_ours_the_router_draws_the_page(app, referrer):
    response = layout(app, referrer)
    parts = container(response)
    assert parts["_pages_content"].get("children") is None
    assert "pathname" not in parts["_pages_location"]       # dcc.Location reports the address
    assert "Referer" in response.headers["Vary"] and response.headers["Cache-Control"] == "no-store"


def test_behind_a_proxy_the_public_host_names_the_page(app):
    parts = container(layout(app, "https://regiomonitor.example.nl/regio/AM10"))
    assert parts["_pages_location"]["pathname"] == "/regio/AM10"


def test_hostile_view_state_falls_back_to_the_defaults(app):
    parts = container(layout(app, f"{HERE}/regio/AM10?month=%27%3Bdrop&programme=<x>&lang=zz&lang=en"))
    assert "Rivierenland" in json.dumps(parts["_pages_content"]["children"])


def test_a_first_page_is_kept_per_address_in_the_snapshot(app):
    def kept() -> int:
        snapshot = app.server.extensions[EXTENSION_KEY]._current
        return sum(1 for key in snapshot.results if key[:2] == ("memo", response_cache.LAYOUT_KEY_KIND))

    first = layout(app, f"{HERE}/regio/AM10")
    assert kept() == 1
    assert layout(app, f"{HERE}/regio/AM10").data == first.data
    layout(app, f"{HERE}/regio/AM10?lang=en")
    layout(app, f"{HERE}/data")                        # not marked: a steward's page is drawn each time
    assert kept() == 2


@pytest.mark.slow
def test_a_first_visit_sends_no_page_render_and_moving_on_does(page, served_app):
    renders = []
    page.on("request", lambda r: "_pages_content" in (r.post_data or "") and renders.append(r.url))
    page.goto(served_app + "/?lang=en")
    link = page.locator("table.data-table a", has_text="Rivierenland")
    expect(link).to_be_visible(timeout=60_000)
    expect(page).to_have_title("Regiomonitor – Map")
    assert page.locator("html").get_attribute("lang") == "en"
    page.wait_for_load_state("networkidle")
    assert renders == []
    link.click()                                     # an in-app link: the router draws the region
    expect(page).to_have_url(re.compile(r"/regio/AM10"))
    expect(page.locator(".covenant tbody tr").first).to_be_visible(timeout=60_000)
    expect(page).to_have_title("Regiomonitor – Region")
    assert len(renders) == 1
    assert page.console_errors == []


def test_every_page_preloads_its_layout_and_the_callbacks(app):
    head = app.server.test_client().get("/regio/AM10").get_data(as_text=True).split("</head>")[0]
    for endpoint in (LAYOUT, "/_dash-dependencies"):
        assert f'<link rel="preload" href="{endpoint}" as="fetch" crossorigin>' in head


def dash_requests(page) -> list[tuple[str, str]]:
    """(endpoint, initiator) of every layout and callback-graph request the page made."""
    return page.evaluate("""performance.getEntriesByType('resource')
        .filter(e => /\\/_dash-(layout|dependencies)$/.test(e.name))
        .map(e => [e.name.split('/').pop(), e.initiatorType])""")


@pytest.mark.slow
def test_the_preloaded_layout_is_the_one_the_renderer_uses(page, served_app):
    sent = []
    page.on("request", lambda r: r.url.endswith(("/_dash-layout", "/_dash-dependencies")) and sent.append(r.url))
    page.goto(served_app + "/methode")
    expect(page.locator("main table tbody tr").first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert sorted(dash_requests(page)) == [["_dash-dependencies", "link"], ["_dash-layout", "link"]]
    assert len(sent) == 2                            # the renderer's fetch sent nothing more
    assert page.console_errors == []                 # nor did Chromium find a preload unused


@pytest.mark.slow
def test_a_signed_in_stewards_preloaded_page_is_the_stewards(browser, served_app):
    with signed_in_phone(browser, served_app, STEWARD) as page:
        page.goto(served_app + "/data")              # the first Dash page of this visit
        expect(page.locator("main table tbody tr").first).to_be_visible(timeout=60_000)
        assert ["_dash-layout", "link"] in dash_requests(page)
        expect(page.get_by_text("(alleen voor databeheerders)")).to_have_count(0)   # names shown
        expect(page.get_by_role("link", name=re.compile("ingelogde"))).to_have_count(0)
        assert page.console_errors == []
