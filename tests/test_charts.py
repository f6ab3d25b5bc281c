"""Charts people can read, sent lean (issue 15, parts 6 and 7), in headless Chromium."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.status_style import NO_TARGET_COLOUR, STATUS_COLOURS

pytestmark = pytest.mark.slow   # every test drives the served app in Chromium


# The map's fills as the browser shows them, region code → colour.
FILLS = """() => Object.fromEntries([...document.querySelectorAll('#kaart-map svg.region-map a')]
    .map(a => [a.getAttribute('href').slice(7, 11), a.querySelector('path').getAttribute('fill')]))"""


def test_a_measure_change_recolours_the_map_and_shows_its_scale(page, served_app):
    page.goto(f"{served_app}/?lang=nl")
    expect(page.locator("#kaart-map svg.region-map a")).to_have_count(35, timeout=20_000)
    before = page.evaluate(FILLS)
    assert set(before.values()) <= {*STATUS_COLOURS.values(), NO_TARGET_COLOUR}   # the status colours,
    assert len(set(before.values()) - {NO_TARGET_COLOUR}) >= 3                      # several of them
    expect(page.locator("#kaart-map .colour-bar")).to_have_count(0)   # status: the legend instead
    with page.expect_response(lambda r: "_dash-update-component" in r.url
                              and "kaart-map" in (r.request.post_data or "")) as info:
        page.get_by_role("button", name="% van het doel").click()
    answer = info.value.json()["response"]
    assert list(answer) == ["kaart-map"] and "region-map" in answer["kaart-map"]["data-html"]   # the map alone
    expect(page.get_by_role("button", name="% van het doel")).to_have_attribute("aria-pressed", "true")
    bar = page.locator("#kaart-map svg.colour-bar")
    expect(bar).to_be_visible()
    assert bar.locator("text").all_text_contents() == ["0%", "25%", "50%", "75%", "100%"]
    after = page.evaluate(FILLS)
    assert after.keys() == before.keys() and len(after) == 35
    # every region with a target on the YlGnBu scale, none in a status colour any more
    assert not set(after.values()) & set(STATUS_COLOURS.values()) and len(set(after.values())) > 10
    assert page.console_errors == []


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
