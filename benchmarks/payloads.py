"""The callback requests a browser sends, captured once from real page loads in Chromium."""
from __future__ import annotations

import json
import urllib.request

from benchmarks import page_ready

CALLBACK_PATH = "/_dash-update-component"
# name → (page to open, the outputs the request updates, what to do on the page to fire it).
# An output is given by each name it had, so that compare.py captures an older commit's request
# too (the ranking was an AG Grid's rowData before 7 Dec, the map a plotly figure before round 9); the page is drawn when page_ready
# says so, whichever commit it is. Every request is fired by a visitor's action taken once the
# page is drawn, never by the page load itself: a first visit gets its page with the layout and
# sends no page render (the router callback) at all (dashboard/first_page.py), so the page
# render is captured as a reader moves from the map to a region, the way the router draws every
# page after the first.
CALLBACKS = {
    "map view (indicator change)": ("/", ("kaart-map.figure", "kaart-map.data-html"), "click_indicator"),
    "ranking (Vergelijken)": ("/vergelijken", ("cmp-ranking.data-html", "cmp-grid.rowData"),
                              "choose_indicator"),
    "page render /regio/AM10": ("/", ("_pages_content.children",), "open_region"),
}
REGION = "AM10"


def click_indicator(page) -> None:
    """Press the EVC-trajecten button on the Kaart page, as a user does."""
    page.get_by_role("button", name="EVC-trajecten").click()


def choose_indicator(page) -> None:
    """Pick another indicator in the Vergelijken dropdown by keyboard, each key once the list has
    taken the one before (fixed waits of 200 and 100 ms lost a key at load average 15, and the
    request never came)."""
    page.locator("#cmp-indicator").focus()
    page.keyboard.press("Enter")
    page.get_by_role("listbox").wait_for(timeout=60_000)
    focused = "() => document.activeElement && document.activeElement.closest('[role=listbox]') ? " \
              "document.activeElement.value : false"
    first = page.wait_for_function(focused, timeout=60_000).json_value()
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"v => ({focused})() !== v", arg=first, timeout=60_000)
    page.keyboard.press("Enter")


def open_region(page) -> None:
    """Follow the map table's link to the region page (an in-app link: the router draws it)."""
    page.locator(f'#main a[href^="/regio/{REGION}?"]').first.click()


ACTIONS = {"click_indicator": click_indicator, "choose_indicator": choose_indicator,
           "open_region": open_region}


def capture(browser, url: str) -> dict[str, dict]:
    """The JSON body of each callback in CALLBACKS, as the page posted it."""
    payloads = {}
    for name, (path, outputs, action) in CALLBACKS.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        wanted = lambda r, o=outputs: CALLBACK_PATH in r.url and any(n in (r.post_data or "") for n in o)  # noqa: E731
        page.goto(url + path)
        page.locator(page_ready.PAGES[path]).first.wait_for(timeout=60_000)
        with page.expect_request(wanted, timeout=60_000) as request:
            ACTIONS[action](page)
        payloads[name] = request.value.post_data_json
        context.close()
    return payloads


def post(url: str, body: dict) -> tuple[bytes, dict[str, str]]:
    """POST a captured body to the callback endpoint; the response body and headers."""
    request = urllib.request.Request(url + CALLBACK_PATH, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), dict(response.headers)
