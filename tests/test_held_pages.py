"""/beheer shows the review queue a page at a time (core/paging.py): every held figure has a form,
and one file with 150 outliers made a page of 150 forms (thousands for a bigger file). The pages
hold every figure once, oldest file first; a bad page number shows the first or last page; a
decision sent from a later page comes back to that page."""
from __future__ import annotations

import html
import re

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.accounts import Store
from pipelines import ingest, review
from tests.helpers import STEWARD, query, signed_in_phone, write_csv
from tests.test_accounts import csrf_token, login
from tests.test_upload_e2e import axe_violations

HELD = 150


@pytest.fixture
def queue(published, tmp_path) -> Path:
    """A warehouse with HELD figures held: three usual months of 20 in each of HELD series, then
    a file that sets the fourth to 5000."""
    cells = [(r, s) for (r,) in query(published, "select code from region order by code")
             for (s,) in query(published, "select code from sector order by code")][:HELD]
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a_usual.csv", [
        f"{r};evc_trajecten;2006-0{m};20;uwv;{s};" for r, s in cells for m in (1, 2, 3)])])
    [spikes] = ingest.ingest_files(published, [write_csv(inbox / "b_spikes.csv", [
        f"{r};evc_trajecten;2006-04;5000;uwv;{s};" for r, s in cells])])
    assert spikes.change_counts["held"] == HELD
    return published


def signed_in(warehouse: Path, folder: Path):
    """A steward signed in to the real app in process (Flask test client) on `warehouse`."""
    from dashboard.app import create_app

    Store(folder / "accounts.sqlite").add("stef", "een-lang-wachtwoord", "steward")
    app = create_app(warehouse, folder / "accounts.sqlite", folder / "inbox")
    app.server.config["TESTING"] = True
    client = app.server.test_client()
    login(client, "stef")
    return client


@pytest.fixture
def steward(queue, tmp_path, monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    return signed_in(queue, tmp_path)


def held_page(client, query_string: str = "") -> tuple[str, list[str], list[str]]:
    """The held table's caption, the held figures with a form on the page, and its pager links."""
    page = client.get("/beheer" + query_string).text
    caption = html.unescape(re.search(r'<table class="data-table stacks" id="held">\s*<caption>(.*?)</caption>',
                                      page, re.S)[1])
    pager = re.search(r'<nav class="pager no-print"[^>]*>(.*?)</nav>', page, re.S)
    links = [html.unescape(a) for a in re.findall(r'<a href="([^"]+)"', pager[1])] if pager else []
    return caption, re.findall(r'name="held" value="([^"]+)"', page), links


def test_the_queue_is_paged_and_each_held_figure_is_on_one_page(steward, published):
    caption, first, links = held_page(steward)
    assert caption == ("Cijfers ver boven het gebruikelijke niveau, 1 tot en met 100 van 150: "
                       "ze tellen pas mee na goedkeuring")
    assert links == ["/beheer?lang=nl&held_page=2#held"]
    caption, second, links = held_page(steward, "?held_page=2")
    assert caption.startswith("Cijfers ver boven het gebruikelijke niveau, 101 tot en met 150 van 150")
    assert links == ["/beheer?lang=nl#held"]
    assert len(first) == 100 and len(second) == 50
    assert first + second == [h.id for h in review.waiting_in(published)]   # oldest first, each once
    assert held_page(steward, "?held_page=2&lang=en")[0] == (
        "Figures far above the usual level, 101 to 150 of 150: they count only once approved")
    for bad, shown in (("abc", first), ("0", first), ("9" * 40, first), ("99999", second)):
        assert held_page(steward, f"?held_page={bad}")[1] == shown, bad


def test_a_decision_from_the_second_page_comes_back_to_it(steward):
    _caption, second, _links = held_page(steward, "?held_page=2")
    answer = steward.post("/beheer/beoordelen", data={
        "csrf_token": csrf_token(steward, "/beheer?held_page=2"), "held": second[0],
        "decision": "approved", "reason": "", "held_page": "2", "lang": "nl"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/beheer?lang=nl&started=no_reason&held_page=2"
    refused = steward.post("/beheer/beoordelen", data={
        "csrf_token": csrf_token(steward, "/beheer"), "held": second[0], "decision": "approved",
        "reason": "", "held_page": "2; drop", "lang": "nl"})
    assert refused.headers["Location"] == "/beheer?lang=nl&started=no_reason"


def test_a_held_figure_a_later_file_corrected_keeps_its_place_without_a_form(steward, queue):
    """Corrected data: the partner sends the last held figure again as 25. It stays in the queue
    on page 2 (every figure keeps its place), shown as overtaken, with no form to decide on it."""
    last = review.waiting_in(queue)[-1]
    ingest.ingest_files(queue, [write_csv(queue.parent / "inbox" / "c_correction.csv", [
        f"{last.change.region};evc_trajecten;2006-04;25;uwv;{last.change.sector};"])])
    page = steward.get("/beheer?held_page=2").text
    assert page.count('<td class="held-file"') == HELD - 100
    _caption, forms, _links = held_page(steward, "?held_page=2")
    assert last.id not in forms and len(forms) == HELD - 101
    assert page.count("Geen besluit mogelijk: het cijfer van het latere bestand blijft staan.") == 1
    assert len(held_page(steward)[1]) == 100


def test_a_short_queue_has_no_pager(published, tmp_path, monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_SSO", raising=False)
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a.csv", [
        f"AM10;evc_trajecten;2006-0{m};20;uwv;zorg;" for m in (1, 2, 3)])])
    ingest.ingest_files(published, [write_csv(inbox / "b.csv", ["AM10;evc_trajecten;2006-04;5000;uwv;zorg;"])])
    caption, held, links = held_page(signed_in(published, tmp_path))
    assert caption == "Cijfers ver boven het gebruikelijke niveau: ze tellen pas mee na goedkeuring"
    assert len(held) == 1 and links == []


@pytest.mark.slow   # served, in Chromium
def test_the_pages_on_a_phone(queue, serve, browser, axe_source):
    with serve(queue) as url, signed_in_phone(browser, url, STEWARD) as page:
        page.goto(f"{url}/beheer?held_page=2")
        expect(page.locator("#held tbody tr")).to_have_count(HELD - 100)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        earlier = page.get_by_role("navigation", name="Pagina's van de vastgehouden cijfers").get_by_role("link")
        expect(earlier).to_have_text("← Vorige vastgehouden cijfers")
        box = earlier.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert axe_violations(page, axe_source) == []
        earlier.click()
        expect(page.locator("#held tbody tr")).to_have_count(100)
        expect(page.locator("#held caption")).to_contain_text("1 tot en met 100 van 150")
        assert page.console_errors == []
