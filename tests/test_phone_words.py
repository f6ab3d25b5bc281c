"""Every page at 390 px (issue 26, item 3), in the real served app and Chromium: no word is
broken inside itself (each rendered word's boxes lie on one line), no name is cut off with an
ellipsis, every chart's tick, axis and legend labels lie inside its drawing and do not overlap,
and each page's key figure is in view without scrolling sideways."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers import STEWARD, signed_in_phone

pytestmark = pytest.mark.slow   # every test drives the served app in Chromium

# Each page, and what a reader comes to it for: every visible element a selector matches must lie
# within the screen's width as the page opens. "" marks a selector that may match nothing.
PAGES = {
    "/": ["main h1", "#kaart-table thead th", "#kaart-table tbody th, #kaart-table tbody td"],
    "/vergelijken?regions=AM10,AM22": [
        "main h1", "#cmp-ranking-table thead th.pin-start", "#cmp-ranking-table thead th.pin-end",
        "#cmp-ranking-table tbody th", "#cmp-ranking-table tbody td.pin-end"],
    "/data": ["main h1", "#data-submissions thead th:nth-child(1)", "#data-submissions thead th:nth-child(4)",
              "#data-submissions tbody td:nth-child(1)", "#data-submissions tbody td:nth-child(4)",
              '.late-grid .ag-header-cell[col-id="region_name"]',
              '.late-grid .ag-header-cell[col-id="months_behind"]'],
    "/methode": ["main h1", "main .formulas dt"],
    "/regio/AM10": ["main h1", ".card .figure-big", ".card h2"],
    "/regio/AM10?month=2007-03": ["main h1", ".card .figure-big", ".card .status"],   # the factsheet's permalink
    "/login": ["main h1", "main form button[type=submit]"],
    "/aanleveren": ["main h1", "main form input[type=file]", "main form button[type=submit]"],
    "/beheer": ["main h1", "#audit td"],   # its tables stack into blocks on a phone
}

# Words whose boxes lie on more than one line, and boxes that cut their text with an ellipsis.
# A word is a run of non-space text; a hyphen, slash, dash or underscore ends a word too, since a
# line may end after one ("Midden-|Utrecht", "Zaanstreek/|Waterland", "aanlevering_|roc").
BROKEN_WORDS = r"""() => {
    const found = [], range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const host = node.parentElement;
        if (!host || host.closest('svg, script, style, noscript') || !host.getClientRects().length) continue;
        for (const word of node.data.matchAll(/[^\s\-\/–—_]+[\-\/–—_]?/g)) {
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0.5)
                                                             .map(r => Math.round(r.top)));
            if (lines.size > 1) found.push(`${word[0]} (${host.tagName.toLowerCase()}.${host.className})`);
        }
    }
    for (const el of document.querySelectorAll('body *')) {
        if (getComputedStyle(el).textOverflow === 'ellipsis' && el.getClientRects().length
            && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim())
            found.push(`cut: ${el.textContent.trim()} (${el.tagName.toLowerCase()}.${el.className})`);
    }
    return found;
}"""

# Chart labels (ticks, axis titles, legend, colour bar, annotations) that stick out of their
# chart's drawing or the screen, or that overlap a neighbour on the same axis.
CUT_LABELS = """() => {
    const found = [];
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
        if (!gd.getClientRects().length) continue;
        const name = (gd.closest('[id]') || gd).id;
        const svg = gd.querySelector('svg.main-svg').getBoundingClientRect();
        const left = Math.max(svg.left, 0), right = Math.min(svg.right, innerWidth);
        const labels = '.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext, '
                     + '.cbaxis text, .annotation-text, .gtitle';
        for (const t of gd.querySelectorAll(labels)) {
            const r = t.getBoundingClientRect();
            if (r.width && (r.left < left - 0.5 || r.right > right + 0.5
                            || r.top < svg.top - 0.5 || r.bottom > svg.bottom + 0.5))
                found.push(`${name}: "${t.textContent}" outside [${Math.round(left)}, ${Math.round(right)}]`);
        }
        for (const axis of gd.querySelectorAll('.xaxislayer-above')) {
            const ticks = [...axis.querySelectorAll('.xtick text')].map(t => [t.textContent, t.getBoundingClientRect()])
                .filter(([, r]) => r.width).sort((a, b) => a[1].left - b[1].left);
            for (let i = 1; i < ticks.length; i++)
                if (ticks[i][1].left < ticks[i - 1][1].right - 0.5)
                    found.push(`${name}: "${ticks[i - 1][0]}" overlaps "${ticks[i][0]}"`);
        }
    }
    return found;
}"""

# The key figures that lie beyond the screen's edges, and the page's own width.
OUT_OF_VIEW = """(selectors) => {
    const found = [];
    for (const selector of selectors) {
        const shown = [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length);
        if (!shown.length) found.push(`${selector}: not shown`);
        for (const e of shown) {
            const r = e.getBoundingClientRect();
            if (r.left < -0.5 || r.right > innerWidth + 0.5)
                found.push(`${selector}: "${e.textContent.trim().slice(0, 30)}" at ${Math.round(r.left)}–${Math.round(r.right)}`);
        }
    }
    if (document.documentElement.scrollWidth > innerWidth)
        found.push(`page ${document.documentElement.scrollWidth} px wide`);
    return found;
}"""


@pytest.fixture
def steward_phone(browser, served_app):
    """A 390 px phone signed in as a steward (who may open /aanleveren and /beheer)."""
    with signed_in_phone(browser, served_app, STEWARD) as page:
        yield page


def open_drawn(page, url: str) -> None:
    """Open a page and wait until its charts are drawn (plotly starts late, assets/plotly_bundle.js)."""
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible(timeout=45_000)   # 2 cores shared by 4 suites
    page.wait_for_load_state("networkidle")
    page.wait_for_function("""() => [...document.querySelectorAll('.dash-graph')]
        .every(g => !g.getClientRects().length || g.querySelector('.main-svg'))""")
    page.wait_for_timeout(300)   # plotly's automargin redraws once after the first drawing


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_word_breaks_no_cut_labels_and_the_key_figure_in_view(steward_phone, served_app, lang):
    problems = {}
    for path, key_figures in PAGES.items():
        open_drawn(steward_phone, f"{served_app}{path}{'&' if '?' in path else '?'}lang={lang}")
        found = (steward_phone.evaluate(BROKEN_WORDS) + steward_phone.evaluate(CUT_LABELS)
                 + steward_phone.evaluate(OUT_OF_VIEW, key_figures))
        if found:
            problems[path] = found
    assert problems == {}
    assert steward_phone.console_errors == []
