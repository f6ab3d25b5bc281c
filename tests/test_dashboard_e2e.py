"""The real dashboard, served by `regiomonitor serve`, driven in Debian's headless Chromium."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.slow   # every test drives the served app in Chromium


def open_map(page, served_app, query: str = ""):
    page.goto(f"{served_app}/{query}")
    expect(page.locator("#kaart-map svg.region-map")).to_be_attached(timeout=20_000)
    expect(page.locator("table.data-table tbody tr")).to_have_count(35)


def test_map_page_shows_all_regions_offline_and_without_errors(page, served_app):
    open_map(page, served_app)
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator(".demo-banner")).to_contain_text("Demonstratiedata")
    links = page.locator("table.data-table tbody a")
    expect(links).to_have_count(35)
    assert page.locator("table.data-table a", has_text="Rivierenland").get_attribute("href") == \
        "/regio/AM10?lang=nl"
    expect(page.locator("#kaart-summary")).to_contain_text("35 regio's met een doel")
    expect(page.locator(".legend")).to_contain_text("Versnelling nodig")
    page.wait_for_load_state("networkidle")  # let the map library settle before counting requests
    assert page.external_requests == []
    assert page.console_errors == []


def test_from_the_map_to_rivierenland_and_its_targets(page, served_app):
    open_map(page, served_app)
    page.locator("table.data-table a", has_text="Rivierenland").click()
    expect(page).to_have_url(re.compile(r"/regio/AM10"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Arbeidsmarktregio Rivierenland (AM10)")
    lwp, evc = page.locator("#card-leerwerkplaatsen"), page.locator("#card-evc_trajecten")
    expect(lwp.locator(".target-value")).to_have_text("1.200")
    expect(evc.locator(".target-value")).to_have_text("1.500")
    expect(lwp).to_contain_text("Uitgangswaarde op 28-11-2005")
    expect(lwp).to_contain_text("290")
    expect(evc).to_contain_text("340")
    expect(lwp).to_contain_text("doel uit het convenant")
    expect(lwp).to_contain_text("realisaties: demonstratiedata")
    expect(lwp.locator(".status")).to_have_text(re.compile(
        "Doel bereikt|Op koers|Versnelling nodig|Beperkte voortgang|Niet gehaald"))
    expect(lwp).to_contain_text("Nodig per maand vanaf nu")
    expect(page.locator(".covenant")).to_contain_text("ROC Rivor")
    expect(page.locator(".covenant tbody tr").first).to_contain_text("1.200")
    expect(page.locator(".contributions tbody tr").first).to_be_visible()
    expect(page.locator(".sources tbody tr").first).to_contain_text("AM10_")
    assert page.console_errors == []


# A point inside Rivierenland's shape, in the page's coordinates: the first point of a grid over
# its box that lies in its fill, taken to the screen by the shape's own transform.
INSIDE_AM10 = """() => {
    const shape = document.querySelector('#kaart-map a[href^="/regio/AM10?"] path');
    const box = shape.getBBox();
    for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
        const point = new DOMPoint(box.x + box.width * i / 10, box.y + box.height * j / 10);
        if (shape.isPointInFill(point) && !shape.isPointInStroke(point)) {
            const screen = point.matrixTransform(shape.getScreenCTM());
            return [screen.x, screen.y];
        }
    }
    return null;
}"""


def test_clicking_a_region_on_the_map_opens_its_page_keeping_the_view(page, served_app):
    open_map(page, served_app, "?lang=nl&month=2007-06")
    page.locator("#kaart-map").scroll_into_view_if_needed()   # below the national panel
    page.evaluate("window.firstDocument = true")   # gone if the browser loads a new document
    x, y = page.evaluate(INSIDE_AM10)
    page.mouse.click(x, y)   # a real mouse click on the shape
    expect(page).to_have_url(re.compile(r"/regio/AM10\?programme=lw2005&month=2007-06&lang=nl$"), timeout=10_000)
    expect(page.locator("#card-leerwerkplaatsen .target-value")).to_have_text("1.200")
    assert page.evaluate("window.firstDocument") is True   # opened in the app, as the table's links


def test_every_region_on_the_map_is_a_link_a_keyboard_reaches(page, served_app):
    open_map(page, served_app)
    link = page.locator("#kaart-map a[href^='/regio/AM10?']")
    assert link.get_attribute("aria-label").startswith("Rivierenland, Status: ")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/regio/AM10\?"), timeout=10_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeidsmarktregio Rivierenland (AM10)")


def test_choosing_another_indicator_redraws_table_and_summary(page, served_app):
    open_map(page, served_app)
    page.get_by_role("button", name="EVC-trajecten").click()
    expect(page.locator("table.data-table caption")).to_contain_text("EVC-trajecten")
    expect(page.locator("#kaart-summary")).to_contain_text("EVC-trajecten")
    assert page.console_errors == []


def test_english_by_the_language_switch(page, served_app):
    page.goto(f"{served_app}/regio/AM10")
    page.locator(".lang-switch a", has_text="EN").click()
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Labour-market region Rivierenland (AM10)")
    expect(page.locator("#card-leerwerkplaatsen .target-value")).to_have_text("1,200")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_an_unknown_region_says_so(page, served_app):
    page.goto(f"{served_app}/regio/AM99")
    expect(page.locator("main")).to_contain_text("Regio AM99 bestaat niet")
