"""Find my region (issue 15, part 4): the matching rule, /zoek and the /regio/<name> alias on the
served demo warehouse, and the header's search box in Chromium, by keyboard."""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from core.places import Place, find, normalise

PLACES = [Place("region", "AM10", "Rivierenland", "AM10", "Rivierenland"),
          Place("region", "AM02", "Friesland", "AM02", "Friesland"),
          Place("gemeente", "GM0281", "Tiel", "AM10", "Rivierenland"),
          Place("gemeente", "GM0236", "Geldermalsen", "AM10", "Rivierenland"),
          Place("gemeente", "GM1900", "Súdwest-Fryslân", "AM02", "Friesland"),
          Place("gemeente", "GM0893", "Bergen (L.)", "AM29", "Noord-Limburg"),
          Place("gemeente", "GM0373", "Bergen (NH.)", "AM15", "Noord-Holland Noord")]


@pytest.mark.parametrize("text, key", [("Súdwest-Fryslân", "sudwestfryslan"), ("  West Betuwe ", "westbetuwe"),
                                       ("Bergen (NH.)", "bergennh"), ("<script>", "script"), ("", "")])
def test_normalise_drops_case_accents_and_punctuation(text, key):
    assert normalise(text) == key


@pytest.mark.parametrize("query, region", [("Rivierenland", "AM10"), ("rivierenland", "AM10"), ("am10", "AM10"),
                                           ("TIEL", "AM10"), ("geldermalsen", "AM10"), ("GM0281", "AM10"),
                                           ("sudwest fryslan", "AM02"), ("Súdwest-Fryslân", "AM02")])
def test_a_region_or_gemeente_name_or_code_finds_its_region(query, region):
    assert find(query, PLACES).region == region


def test_an_ambiguous_or_partial_name_gives_suggestions_not_a_guess():
    found = find("bergen", PLACES)
    assert found.region is None
    assert [p.code for p in found.suggestions] == ["GM0893", "GM0373"]
    assert [p.name for p in find("Tiell", PLACES).suggestions] == ["Tiel"]          # a typo
    assert find("xyzzy", PLACES).suggestions == [] and find("", PLACES).region is None
    assert find("x" * 10_000, PLACES).region is None                               # bounded


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str) -> tuple[int, str, str]:
    """Status, Location and body of a GET, without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Location", ""), err.read().decode()


@pytest.mark.parametrize("query, location", [
    ("Tiel", "/regio/AM10"), ("West%20Betuwe", "/regio/AM10"), ("Geldermalsen", "/regio/AM10"),
    ("am10", "/regio/AM10"), ("rivierenland&lang=en", "/regio/AM10?lang=en"),
    ("S%C3%BAdwest-Frysl%C3%A2n", "/regio/AM02")])
@pytest.mark.slow
def test_zoek_redirects_to_the_region_page(served_app, query, location):
    status, where, _ = get(f"{served_app}/zoek?q={query}")
    assert (status, where) == (302, location)


@pytest.mark.slow
def test_zoek_without_a_match_says_so_and_suggests(served_app):
    status, _, body = get(f"{served_app}/zoek?q=berg")
    assert status == 200 and "Bedoelde u" in body and "Bergen op Zoom" in body and "/regio/AM25" in body
    status, _, body = get(f"{served_app}/zoek?q=%3Cscript%3Ealert(1)%3C/script%3E&lang=en")
    assert status == 200 and "<script>alert" not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize("path, location", [("/regio/rivierenland", "/regio/AM10"),
                                            ("/regio/RIVIERENLAND?lang=en&month=2007-01",
                                             "/regio/AM10?lang=en&month=2007-01"),
                                            ("/regio/groot-amsterdam", "/regio/AM18")])
@pytest.mark.slow
def test_region_name_alias_redirects_to_the_code(served_app, path, location):
    assert get(f"{served_app}{path}")[:2] == (302, location)


@pytest.mark.slow
def test_search_box_by_keyboard_on_every_page(page, served_app):
    page.goto(f"{served_app}/methode?lang=en")
    expect(page.locator("main h1")).to_be_visible(timeout=20_000)
    page.wait_for_load_state("networkidle")
    box = page.get_by_label("Find region or municipality")
    expect(page.locator("#site-search-options option[value='Geldermalsen']")).to_have_count(1)
    # In the page's HTML, outside Dash's layout (search.install), with names escaped as HTML:
    expect(page.locator("#react-entry-point #site-search-options")).to_have_count(0)
    expect(page.locator('#site-search-options option[value="\'s-Hertogenbosch"]')).to_have_count(1)
    box.focus()
    page.keyboard.type("Geldermalsen", delay=20)
    page.keyboard.press("Tab")     # to the button (Enter in the box first picks the suggestion)
    expect(page.get_by_role("button", name="Search")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{served_app}/regio/AM10?lang=en")
    expect(page.locator("main h1")).to_contain_text("Rivierenland (AM10)")
    page.goto(f"{served_app}/login")
    page.get_by_label("Zoek regio of gemeente").fill("berg")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Bergen op Zoom")).to_be_visible()
    page.get_by_role("link", name="Bergen op Zoom").click()
    expect(page.locator("main h1")).to_contain_text("West-Brabant (AM25)")
    page.goto(f"{served_app}/regio/rivierenland")
    expect(page.locator("main h1")).to_contain_text("Rivierenland (AM10)")
    page.goto(f"{served_app}/regio/Atlantis")
    expect(page.locator("main")).to_contain_text("bestaat niet")
    assert page.console_errors == []
