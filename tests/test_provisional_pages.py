"""Provisional figures as a reader sees them in headless Chromium (issue 10): the map's rings,
the default month and why, the trajectory's dashed provisional segment, the late partners on
the region page, and the stewards' filterable list exported as CSV."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect


def ready(page, url: str) -> None:
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible(timeout=20_000)
    page.wait_for_load_state("networkidle")


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


@pytest.mark.slow
def test_map_rings_every_provisional_region_and_says_why_this_month(page, served_app):
    ready(page, f"{served_app}/?month=2007-06")
    rings = page.locator("#kaart-map circle.ring")
    expect(rings.first).to_be_visible()
    # which region each ring marks: the shape whose fill holds the ring's centre
    ringed = page.evaluate("""() => [...document.querySelectorAll('#kaart-map circle.ring')].map(c => {
        const point = new DOMPoint(c.cx.baseVal.value, c.cy.baseVal.value);
        return [...document.querySelectorAll('#kaart-map svg.region-map a')]
            .filter(a => a.querySelector('path').isPointInFill(point)).map(a => a.getAttribute('href').slice(7, 11));
    })""")
    assert ["AM29"] in ringed
    assert page.locator("#kaart-map a[href^='/regio/AM29?']").get_attribute("aria-label").count("(voorlopig)") == 1
    expect(page.locator("#kaart-legend")).to_contain_text(
        f"voorlopig (open ring op de kaart): {len(ringed)}")
    row = page.locator("#kaart-table tr", has=page.get_by_role("link", name="Noord-Limburg"))
    expect(row).to_contain_text("voorlopig")
    expect(row).to_contain_text("stand per mrt 2007")
    ready(page, served_app)
    expect(page.locator(".default-month")).to_contain_text(
        re.compile(r"Standaard toont deze pagina maart 2007: .* minstens 80% .* \(28 van 35\)"))
    assert page.console_errors == []


@pytest.mark.slow
def test_region_page_dashes_provisional_months_and_names_late_partners(page, served_app):
    ready(page, f"{served_app}/regio/AM29?month=2007-06")
    late = page.locator("#achterstand")
    expect(late).to_contain_text("voorlopig")
    expect(late).to_contain_text("ROC (beroepsonderwijs): 3 maand(en) achter, sinds april 2007")
    card = page.locator("#card-leerwerkplaatsen")
    expect(card).to_contain_text("1.479 (voorlopig)")
    expect(card).to_contain_text("Op koers (stand per maart 2007)")
    # plotly.js is loaded and started after the page is drawn; on a busy machine that can end
    # well after the network went quiet (ready), so wait for the chart itself.
    expect(card.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)
    traces = page.evaluate("""() => document.querySelector('#card-leerwerkplaatsen .js-plotly-plot').data
        .map(d => [d.name, (d.line || {}).dash || null, d.x ? d.x.length : 0])""")
    provisional = [t for t in traces if t[0] == "Voorlopig (niet compleet)"]
    assert provisional == [["Voorlopig (niet compleet)", "dash", 4]]   # March (joined) … June
    expect(page.locator(".completeness")).to_contain_text("0/3")
    assert page.console_errors == []


@pytest.mark.slow
def test_late_partners_list_filters_and_exports_what_is_shown(page, served_app):
    ready(page, f"{served_app}/data")
    grid = page.locator(".late-grid")
    expect(grid.locator(".ag-center-cols-container .ag-row").first).to_be_visible()
    grid.locator(".ag-floating-filter input").first.fill("Noord-Limburg")
    expect(grid.locator(".ag-center-cols-container .ag-row")).to_have_count(5)
    name, content = download(page, "Exporteer als CSV")
    assert name == "achterlopende-partners.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Regio", "Code", "Partner", "Maanden achter"]
    assert {r[1] for r in rows[1:]} == {"AM29"} and len(rows) == 6
    assert {r[3] for r in rows[1:]} == {"3"} and {r[4] for r in rows[1:]} == {"apr 2007"}
    assert page.console_errors == []


def test_sparkline_marks_an_incomplete_month_open_not_as_a_dip(demo_warehouse):
    """The trend column's sparkline as the ranking query gives it (numpy arrays, or NA for no line);
    which months and which are open is computed in SQL (tests/test_page_queries.py)."""
    import numpy as np
    import pandas as pd

    from dashboard.app import create_app

    create_app(demo_warehouse)   # page modules register themselves with an app
    from tests.test_context_pages import page_module
    sparkline = page_module("vergelijken").sparkline

    assert sparkline(np.array([0.0, 10, 20, 25, 35]), np.array([3])) == {
        "values": [0, 10, 20, 25, 35], "open": [3]}
    assert sparkline(pd.NA, pd.NA) is None and sparkline(None, None) is None
