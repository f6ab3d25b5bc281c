"""The steward's review table and the one header (issue 24), in the served app and Chromium: at
1366 px and at 390 px /beheer does not scroll sideways, each held figure's reason field and its
Goedkeuren/Afkeuren buttons lie inside the window, and axe finds nothing; the header names the
signed-in steward on Flask and Dash pages alike, and a public reader of the same (cached) Dash
page never sees that name."""
from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from pipelines import ingest
from tests.helpers import STEWARD, sign_in, write_csv
from tests.test_upload_e2e import axe_violations

pytestmark = pytest.mark.slow   # serves its own app, driven in Chromium

# Far above ROC's usual work-learning places: held for review (as in tests/test_upload_e2e.py).
UNUSUAL = ["AM10;leerwerkplaatsen;2007-06;5000;roc;zorg;", "AM10;stages;2007-06;4000;roc;zorg;"]
LONG_NAME = "AM10_roc_juni_aanlevering_met_een_heel_lange_bestandsnaam_zonder_spaties.csv"
SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# Boxes outside the window horizontally (a box that scrolls on its own excepted).
OUTSIDE = """(selector) => [...document.querySelectorAll(selector)].map(e => e.getBoundingClientRect())
    .filter(r => r.left < -0.5 || r.right > innerWidth + 0.5).length"""


@pytest.fixture(scope="module")
def review_app(demo_warehouse, serve, tmp_path_factory):
    """The dashboard on a copy of the demo warehouse with two figures held for review."""
    folder = tmp_path_factory.mktemp("review")
    copy = shutil.copyfile(demo_warehouse, folder / "regiomonitor.duckdb")
    (folder / "inbox").mkdir()
    ingest.ingest_files(copy, [write_csv(folder / "inbox" / LONG_NAME, UNUSUAL)])
    with serve(copy) as url:
        yield url


@pytest.mark.parametrize("screen", SCREENS)
def test_the_review_table_fits_with_reason_and_buttons_in_view(browser, review_app, axe_source, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    try:
        sign_in(page, review_app, STEWARD)                     # a steward lands on /beheer
        expect(page.locator("main h1")).to_have_text("Beheer")
        rows = page.locator("#held tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text("ROC (beroepsonderwijs)")          # by name, not `roc`
        assert page.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
        for selector in ("#held input[name=reason]", "#held button[value=approved]",
                         "#held button[value=rejected]", "#held td"):
            assert page.evaluate(OUTSIDE, selector) == 0, (screen, selector)
        table = page.locator("#held").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= SCREENS[screen]["width"] + 0.5
        rows.first.get_by_label("Reden (verplicht)").focus()     # by keyboard: field, then its buttons
        page.keyboard.press("Tab")
        expect(rows.first.get_by_role("button", name="goedkeuren")).to_be_focused()
        page.keyboard.press("Tab")
        expect(rows.first.get_by_role("button", name="afkeuren")).to_be_focused()
        assert axe_violations(page, axe_source) == []
    finally:
        context.close()


def test_one_header_names_the_steward_on_every_page_and_no_one_else(browser, review_app, axe_source):
    steward = browser.new_context(viewport=SCREENS["phone"])
    public = browser.new_context(viewport=SCREENS["phone"])
    try:
        page = steward.new_page()
        sign_in(page, review_app, STEWARD)
        header = page.locator("header.site-header")
        expect(header).to_contain_text("Ingelogd als beheerder")
        expect(header.get_by_role("link", name="Methode")).to_be_visible()    # a Flask page links Methode
        expect(header.get_by_role("link", name="Beheer")).to_have_attribute("aria-current", "page")
        for path in ("/methode", "/data"):                                     # Dash pages: the same header
            page.goto(f"{review_app}{path}")
            expect(page.locator("main h1")).to_be_visible(timeout=45_000)
            expect(header).to_contain_text("Ingelogd als beheerder")
            expect(header.get_by_role("link", name="Beheer")).to_be_visible()
            expect(header.get_by_role("link", name="Aanleveren")).to_be_visible()
            expect(header.get_by_role("link", name="Sessies")).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        header.get_by_role("link", name="Uitloggen").click()                   # a link, then a form
        expect(page.locator("main h1")).to_have_text("Uitloggen")
        assert axe_violations(page, axe_source) == []
        page.get_by_role("main").get_by_role("button", name="Uitloggen").click()
        expect(page).to_have_url(f"{review_app}/")
        reader = public.new_page()
        for path in ("/methode", "/data"):                                     # cached, but per viewer
            reader.goto(f"{review_app}{path}")
            expect(reader.locator("main h1")).to_be_visible(timeout=45_000)
            expect(reader.locator("header.site-header")).not_to_contain_text("Ingelogd als")
            expect(reader.locator("header.site-header").get_by_role("link", name="Inloggen")).to_be_visible()
            expect(reader.locator("header.site-header").get_by_role("link", name="Beheer")).to_have_count(0)
    finally:
        steward.close()
        public.close()
