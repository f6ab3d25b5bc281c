"""Charts people can read, sent lean (issue 15, parts 6 and 7), in headless Chromium."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow   # every test drives the served app in Chromium


def test_a_measure_change_sends_only_the_new_colours(page, served_app):
    page.goto(f"{served_app}/?lang=nl")
    expect(page.locator("#kaart-map .main-svg").first).to_be_attached(timeout=20_000)
    with page.expect_response(lambda r: "_dash-update-component" in r.url
                              and "kaart-map" in (r.request.post_data or "")) as info:
        page.get_by_role("button", name="% van het doel").click()
    body = info.value.text()
    assert "__dash_patch_update" in body and "geojson" not in body    # a Patch, no shapes resent
    expect(page.get_by_role("button", name="% van het doel")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("document.querySelector('#kaart-map .js-plotly-plot').data[0].zmax === 1")
    z = page.evaluate("document.querySelector('#kaart-map .js-plotly-plot').data[0].z")
    assert all(0 <= v <= 1 for v in z)


def test_trajectory_has_the_target_in_its_legend_and_dutch_axes(page, served_app):
    page.goto(f"{served_app}/regio/AM10?lang=nl")
    chart = page.locator("#card-leerwerkplaatsen .js-plotly-plot")
    expect(chart).to_be_attached(timeout=20_000)
    names = page.evaluate("[...document.querySelectorAll('#card-leerwerkplaatsen .js-plotly-plot')][0]"
                          ".data.map(d => d.name)")
    assert "Doel 1.200" in names
    ticks = page.evaluate("[...document.querySelectorAll('#card-leerwerkplaatsen .xtick text')]"   # month and
                          ".map(t => [...t.querySelectorAll('tspan.line')].map(s => s.textContent).join(' ')"   # year on
                          " || t.textContent)")   # two lines (figures.month_axis)
    assert ticks and ticks[0] == "nov 2005"
    yticks = page.evaluate("[...document.querySelectorAll('#card-leerwerkplaatsen .ytick text')]"
                           ".map(t => t.textContent)")
    assert "1.200" in yticks or "1.000" in yticks
