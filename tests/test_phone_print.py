"""A 390 px phone and printed A4 (issue 15, parts 1 and 2), in the real served app and Chromium:
no page scrolls sideways, wide tables scroll in their own focusable box, the map fits the screen
(a map drawn on the server as SVG, it prints on A4 too), the map's table shows realised, target and status; axe-core finds
nothing at that width; the region page prints as a one-column A4 factsheet whose cards' statuses
agree with their projections (issue 23)."""
from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from core.texts import _
from tests.helpers import PARTNER, query, signed_in_phone
from tests.status_consistency import contradiction

pytestmark = pytest.mark.slow   # every test drives the served app in Chromium

PAGES = ["/", "/regio/AM10", "/vergelijken?regions=AM10,AM22", "/data", "/methode", "/login",
         "/zoek?q=berg", "/aanleveren"]
AXE = """async () => (await axe.run({exclude: [['.dash-dropdown-focus-target']]},
    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}
)).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
# Elements sticking out to the right of the window (boxes that scroll on their own excepted).
STICKING_OUT = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5
                 && !e.closest('.table-scroll, .ag-body-viewport, .ag-header-viewport, .ag-center-cols-viewport'))
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


@pytest.fixture
def phone(browser, served_app):
    """A phone-sized page signed in as a partner (so /aanleveren opens), recording console errors."""
    with signed_in_phone(browser, served_app, PARTNER) as page:
        yield page


def open_page(page, url: str) -> None:
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible(timeout=45_000)   # 2 cores shared by 4 suites
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_page_scrolls_sideways_on_a_phone_and_axe_finds_nothing(phone, served_app, demo_warehouse, axe_source,
                                                                   lang):
    [(file_id,)] = query(demo_warehouse, "select id from submission where file_name = 'AM10_roc.csv'")
    for path in [*PAGES, f"/data?submission={file_id}&rows_page=2"]:   # a file's rows, with their pager
        open_page(phone, f"{served_app}{path}{'&' if '?' in path else '?'}lang={lang}")
        widths = phone.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1] == 390, (path, widths, phone.evaluate(STICKING_OUT))
        boxes = phone.locator(".table-scroll")
        for i in range(boxes.count()):
            box = boxes.nth(i)
            assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
            assert box.get_attribute("aria-label"), path
        phone.evaluate(axe_source)
        assert phone.evaluate(AXE) == [], (path, lang)
    assert phone.console_errors == []


def test_the_map_fits_a_phone_and_its_table_shows_realised_target_and_status(phone, served_app):
    open_page(phone, f"{served_app}/?lang=nl")
    graph = phone.locator(".map-panel svg.region-map")
    # Every shape's east and west end lies inside the map: the viewBox is fitted to its shapes.
    expect(graph.locator("path")).to_have_count(35, timeout=20_000)
    edges = graph.evaluate("""svg => {
        const graph = svg.getBoundingClientRect();
        const shapes = [...svg.querySelectorAll('path')].map(p => p.getBoundingClientRect());
        return [Math.min(...shapes.map(s => s.left)) - graph.left, Math.max(...shapes.map(s => s.right)) - graph.left,
                graph.width];
    }""")
    assert 0 <= edges[0] < edges[1] <= edges[2] + 0.5, edges
    assert edges[1] - edges[0] > 0.9 * edges[2], edges   # and fills it
    assert edges[2] > 300   # the panel's width on a 390 px phone, not a fixed size
    box = phone.locator(".map-panel ~ div .table-scroll, #kaart-table .table-scroll").first
    shown = [h.strip() for h in box.locator("thead th:visible").all_text_contents()]
    assert shown == ["Regio", "Gerealiseerd", "Doel", "Status"]
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")   # all four without scrolling


A4_PRINTABLE = 703   # px: 210 mm less the 12 mm @page margins each side, at 96 px per inch


def crossing(page) -> list[str]:
    """The elements that reach past the A4 page's printable width (an svg's own shapes do not
    count: the svg clips what it holds)."""
    return page.evaluate("""(w) => [...document.querySelectorAll('body *')]
        .filter(e => !e.ownerSVGElement && e.getClientRects().length
                     && e.getBoundingClientRect().right > w + 0.5)
        .map(e => e.tagName + '.' + e.className)""", A4_PRINTABLE)


@contextlib.contextmanager
def desktop_page(browser, url: str) -> Iterator:
    """A 1400 px wide page opened at `url`, closed afterwards."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        open_page(page, url)
        yield page
    finally:
        context.close()


def print_on_a4(page) -> None:
    """The page as the browser lays it out for printing on A4: print media, the beforeprint
    event (what the browser does first), the printable width."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.set_viewport_size({"width": A4_PRINTABLE, "height": 1000})
    page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_prints_within_an_a4_page(browser, served_app, lang):
    """The map page on paper: its map (SVG, scaled by its viewBox) and its colour scale fit the
    printable width, and nothing else reaches past it."""
    with desktop_page(browser, f"{served_app}/?lang={lang}&measure=pct") as page:
        expect(page.locator("#kaart-map svg.region-map path")).to_have_count(35)
        print_on_a4(page)
        for drawn in ("svg.region-map", "svg.colour-bar"):
            box = page.locator(f"#kaart-map {drawn}").bounding_box()
            assert box["width"] > 100 and box["x"] >= 0 and box["x"] + box["width"] <= A4_PRINTABLE + 0.5, drawn
        assert crossing(page) == []


# Each printed card: its id, the status its badge is drawn with, and its figures (term, value).
PRINTED_CARDS = """() => [...document.querySelectorAll('.card')].map(card => ({
    id: card.id,
    status: card.querySelector('.status').className.split('status-')[1],
    figures: [...card.querySelectorAll('dt')].map(dt => [dt.innerText.trim(),
                                                         dt.nextElementSibling.innerText.trim()])}))"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_region_page_prints_as_a_one_column_a4_factsheet(browser, served_app, lang):
    with desktop_page(browser, f"{served_app}/regio/AM10?month=2007-03&lang={lang}") as page:
        expect(page.get_by_role("button", name="Factsheet afdrukken" if lang == "nl" else "Print factsheet")).to_be_visible()
        print_on_a4(page)
        heading = page.locator(".print-heading")
        expect(heading).to_be_visible()
        expect(heading).to_contain_text("Leren & Werken 2005–2007")
        expect(heading).to_contain_text("maart 2007" if lang == "nl" else "March 2007")
        for hidden in (".site-header", "button", ".hint", ".back-link", "fieldset", ".modebar-container"):
            assert all(not el.is_visible() for el in page.locator(hidden).all()), hidden
        cards = page.locator(".card")
        expect(cards).to_have_count(4)
        boxes = [cards.nth(i).bounding_box() for i in range(4)]
        assert len({round(b["x"]) for b in boxes}) == 1                       # one column
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= A4_PRINTABLE for b in boxes)
        charts = page.locator(".card .main-svg")
        assert charts.count() >= 4
        assert all(0 < c.bounding_box()["x"] + c.bounding_box()["width"] <= A4_PRINTABLE
                   for c in charts.all())
        assert crossing(page) == []
        expect(page.locator(".contributions")).to_be_visible()
        expect(page.locator(".covenant")).to_be_visible()
        printed = page.evaluate(PRINTED_CARDS)
        assert len(printed) == 4
        for card in printed:   # issue 23: no printed status contradicts its projection
            figures = {term: value for term, value in card["figures"]}
            said = contradiction(card["status"], figures[_("Projected at the deadline", lang)],
                                 figures[_("Target", lang)], figures[_("Target reached in", lang)], lang)
            assert said is None, (card["id"], said)
        oo = next(c for c in printed if c["id"] == "card-oo_uitgaven_eur")
        assert oo["status"] == "acceleration_needed"    # € 1.648.787 < € 1.650.000
        pdf = page.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pdf.startswith(b"%PDF") and 2 <= pages <= 8, pages   # a factsheet, not the whole site


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_ranking_prints_whole_on_a4(browser, served_app, lang):
    """Vergelijken's ranking on paper: every column within the page's width, each header's name
    (its sort button's text) printed, and the sorted column marked."""
    with desktop_page(browser, f"{served_app}/vergelijken?lang={lang}&sort=-realised") as page:
        expect(page.locator("#cmp-ranking-table tbody tr")).to_have_count(35)
        print_on_a4(page)
        headers = page.locator("#cmp-ranking-table thead th")
        expect(headers).to_have_count(14)
        assert all(h.is_visible() and h.inner_text().strip() for h in headers.all())
        realised = page.locator("#cmp-ranking-table thead th[aria-sort=descending]")
        expect(realised.get_by_role("button")).to_have_text(_("Realised", lang))
        expect(page.locator("#cmp-ranking-table svg.sparkline")).to_have_count(35)
        assert crossing(page) == []
