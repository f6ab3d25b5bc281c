"""The region factsheet on paper (issue 26, part 4), printed to PDF by the real Chromium from the
served demo app: at most 2 A4 pages in portrait (AM10 ran to 5, a quarter of page 1 blank);
each card keeps its chart beside its figures and is never split over a page; no element is
wider than the page and no table cell breaks a word ("Beroepsonderwi|js"); a title block with
the region, month, date made, source, demo label and permalink; page numbers in @page."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from core.formats import fmt_date

pytestmark = pytest.mark.slow   # prints the served app in Chromium

A4_PRINTABLE = 703        # px: 210 mm less the 12 mm @page margins each side, at 96 px per inch
A4_PRINTABLE_HEIGHT = 1035  # px: 297 mm less the 10 mm and 13 mm @page margins
CARD_CHART_WIDTH = 425    # px: assets/print.js, a card's chart beside its figures
# The page as it is printed, measured in the same turn as the browser's beforeprint (assets/print.js
# draws the charts at paper size then; Dash may redraw them at screen size afterwards):
# - cards: each card's box, its figures' and its chart's box, and its break-inside;
# - broken: words of table cells split over two lines (a word runs between spaces, hyphens or
#   slashes, where a line may break; a split word has text boxes on two lines);
# - crossing: elements reaching past the printable width (a chart's own svg clips what it holds).
PRINTED = r"""(width) => {
    window.dispatchEvent(new Event('beforeprint'));
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const cards = [...document.querySelectorAll('.card')].map(card => ({
        id: card.id, card: box(card), figures: box(card.querySelector('.card-figures')),
        chart: box(card.querySelector('.main-svg')), breaks: getComputedStyle(card).breakInside}));
    const broken = [];
    for (const cell of document.querySelectorAll('main td, main th')) {
        if (!cell.getClientRects().length) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/[^\s\-\u2010\u2013\/]+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(m[0]);
            }
        }
    }
    const crossing = [...document.querySelectorAll('body *')]   // a chart's svg clips what is inside it
        .filter(e => !e.ownerSVGElement && e.getClientRects().length && e.getBoundingClientRect().right > width + 0.5)
        .map(e => e.tagName + '.' + e.className);
    return {cards, broken, crossing};
}"""
PAGE_NUMBERS = """() => [...document.styleSheets].flatMap(s => { try { return [...s.cssRules]; } catch (e) { return []; } })
    .filter(r => r instanceof CSSPageRule).map(r => r.cssText).join(' ')"""


def printed(browser, url: str):
    """The page as Chromium prints it (print media, at the A4 printable width): the page, what
    PRINTED measures, and its PDF (A4, the CSS page size, as the browser's print dialog makes it;
    printing fires beforeprint itself)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible(timeout=45_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.querySelectorAll('.card')].every(c => c.querySelector('.main-svg'))")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE, "height": 1000})
    page.wait_for_timeout(300)
    measured = page.evaluate(PRINTED, A4_PRINTABLE)
    return context, page, measured, page.pdf(format="A4", print_background=True, prefer_css_page_size=True)


@pytest.mark.parametrize("region, lang", [("AM10", "nl"), ("AM10", "en"), ("AM18", "nl")])
def test_the_factsheet_prints_on_two_a4_pages_with_each_card_beside_its_chart(browser, served_app, region, lang):
    context, _page, measured, pdf = printed(browser, f"{served_app}/regio/{region}?month=2007-03&lang={lang}")
    try:
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2
        sizes = {m.groups() for m in re.finditer(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
        assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(595, 842)}   # A4 portrait, pt
        cards = measured["cards"]
        assert len(cards) == 4
        for card in cards:
            left, top, right, bottom = card["card"]
            figures, chart = card["figures"], card["chart"]
            assert card["breaks"] == "avoid" and bottom - top < A4_PRINTABLE_HEIGHT / 2, card["id"]
            assert figures[2] <= chart[0] and chart[2] <= right, card["id"]           # side by side
            assert round(chart[2] - chart[0]) == CARD_CHART_WIDTH, card["id"]
            assert top <= chart[1] < chart[3] <= bottom and figures[1] < chart[3], card["id"]
        assert measured["crossing"] == []
        assert measured["broken"] == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_factsheet_has_a_title_block_with_permalink_and_page_numbers(browser, served_app, lang):
    context, page, _measured, _pdf = printed(browser, f"{served_app}/regio/AM10?month=2007-03&lang={lang}")
    try:
        heading = page.locator(".print-heading")
        expect(heading).to_be_visible()
        expect(page.locator("main h1")).to_contain_text("Rivierenland (AM10)")
        for text in ({"nl": ["Regiomonitor – factsheet", "demonstratiedata", "stand per maart 2007",
                             "Bron: aanleveringen van partners en registeruittreksels"],
                      "en": ["Regiomonitor – factsheet", "demonstratiedata", "as of March 2007",
                             "Source: partner submissions and registry extracts"]}[lang]
                     + [fmt_date(dt.date.today(), lang)]):
            expect(heading).to_contain_text(text)
        permalink = f"{served_app}/regio/AM10?programme=lw2005&month=2007-03&lang={lang}"
        expect(heading.locator(".permalink")).to_have_text(permalink)
        assert re.search(r"@bottom-right\s*\{[^}]*counter\(page\)[^}]*counter\(pages\)", page.evaluate(PAGE_NUMBERS))
    finally:
        context.close()
