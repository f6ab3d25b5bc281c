"""Find my region (issue 15, part 4; issue 26, part 5): the matching rule, /zoek and the
/regio/<name> alias on the served demo warehouse, and the header's search box in Chromium, by
keyboard. Common names (Den Bosch), merged gemeenten (Lingewaal → West Betuwe) and typos within
two edits (Rivierenlnd) find their place; nonsense finds nothing."""
from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from core.places import Place, edit_distance, find, normalise
from dashboard import search
from pipelines.reference import REFERENCE_DIR, read_csv

MERGED = dt.date(2019, 1, 1)
PLACES = [Place("region", "AM10", "Rivierenland", "AM10", "Rivierenland", "Rivierenland"),
          Place("region", "AM02", "Friesland", "AM02", "Friesland", "Friesland"),
          Place("gemeente", "GM0281", "Tiel", "AM10", "Rivierenland", "Tiel"),
          Place("former", "GM0236", "Geldermalsen", "AM10", "Rivierenland", "West Betuwe", MERGED),
          Place("gemeente", "GM1900", "Súdwest-Fryslân", "AM02", "Friesland", "Súdwest-Fryslân"),
          Place("gemeente", "GM0893", "Bergen (L.)", "AM29", "Noord-Limburg", "Bergen (L.)"),
          Place("gemeente", "GM0373", "Bergen (NH.)", "AM15", "Noord-Holland Noord", "Bergen (NH.)")]


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
    assert find("Geldermalsen", PLACES).place.kind == "former"                      # for the note
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


@pytest.mark.parametrize("a, b, distance", [("rivierenland", "rivierenlnd", 1), ("tiel", "tiel", 0),
                                             ("geldermalsen", "geldremalsen", 2), ("kitten", "sitting", 3),
                                             ("", "abc", 3), ("abc", "", 3)])
def test_edit_distance_by_hand(a, b, distance):
    assert edit_distance(a, b, 5) == distance
    assert edit_distance(a, b, 1) == min(distance, 2)      # stops counting past the limit


@pytest.mark.parametrize("typo, name", [("Rivierenlnd", "Rivierenland"), ("Rivirenlnd", "Rivierenland"),
                                        ("Geldermalsn", "Geldermalsen"), ("Friesladn", "Friesland")])
def test_a_typo_within_two_edits_is_suggested(typo, name):
    found = find(typo, PLACES)
    assert found.region is None and found.suggestions[0].name == name


@pytest.mark.parametrize("nonsense", ["xyzzy", "Rvrnlnd", "qq", "Tl", "Amsterdamned-nonsense"])
def test_nonsense_and_three_typos_find_nothing(nonsense):
    found = find(nonsense, PLACES)
    assert (found.region, found.suggestions, found.place) == (None, [], None)


def test_every_alias_names_a_current_gemeente_and_says_its_source():
    gemeenten = {r["code"] for r in read_csv(REFERENCE_DIR / "gemeente_regions.csv") if not r["valid_to"]}
    aliases = read_csv(REFERENCE_DIR / "place_aliases.csv")
    assert {"Den Bosch", "Den Haag"} <= {a["alias"] for a in aliases}
    assert all(a["code"] in gemeenten and a["source"].strip() for a in aliases)


@pytest.fixture(scope="module")
def served_places(demo_warehouse) -> list[Place]:
    """The places of sql/queries/search_places.sql on the demo warehouse, as the dashboard reads them."""
    import duckdb

    from core.sql_files import query_text
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        return [Place(*row) for row in con.execute(query_text("search_places")).fetchall()]


@pytest.mark.parametrize("query, region", [("den bosch", "AM27"), ("Den Bosch", "AM27"), ("'s-Hertogenbosch", "AM27"),
                                           ("Den Haag", "AM21"), ("'s-Gravenhage", "AM21"), ("s gravenhage", "AM21"),
                                           ("Lingewaal", "AM10"), ("Geldermalsen", "AM10"), ("Neerijnen", "AM10"),
                                           ("West Betuwe", "AM10")])
def test_common_names_and_merged_gemeenten_lead_to_their_region(served_places, query, region):
    assert find(query, served_places).region == region


def test_a_merged_gemeente_leads_to_its_successor_with_a_note(served_places):
    place = find("Lingewaal", served_places).place      # AM35 Gorinchem before 2019 (SOURCE.md)
    assert (place.kind, place.code, place.current_name, place.region, place.merged_on) == \
        ("former", "GM0733", "West Betuwe", "AM10", MERGED)
    assert search.merger_note(place, "nl") == ("voormalige gemeente: Lingewaal is op 01-01-2019 opgegaan in "
                                               "West Betuwe, in Rivierenland (AM10)")
    den_bosch = find("den bosch", served_places).place
    assert (den_bosch.kind, den_bosch.current_name, den_bosch.region_name) == \
        ("alias", "'s-Hertogenbosch", "Noordoost-Brabant")


def test_typos_and_nonsense_on_the_served_places(served_places):
    assert find("Rivierenlnd", served_places).suggestions[0].code == "AM10"
    assert [p.current_name for p in find("den bosh", served_places).suggestions][:1] == ["'s-Hertogenbosch"]
    assert find("xyzzy", served_places).suggestions == []
    assert find("qwrtpsdfgh", served_places).suggestions == []


@pytest.mark.parametrize("query, location", [
    ("Tiel", "/regio/AM10"), ("West%20Betuwe", "/regio/AM10"), ("den%20bosch", "/regio/AM27"),
    ("Den%20Haag&lang=en", "/regio/AM21?lang=en"),
    ("am10", "/regio/AM10"), ("rivierenland&lang=en", "/regio/AM10?lang=en"),
    ("S%C3%BAdwest-Frysl%C3%A2n", "/regio/AM02")])
@pytest.mark.slow
def test_zoek_redirects_to_the_region_page(served_app, query, location):
    status, where, _ = get(f"{served_app}/zoek?q={query}")
    assert (status, where) == (302, location)


@pytest.mark.parametrize("query, lang, says", [
    ("Lingewaal", "nl", "Lingewaal is op 01-01-2019 opgegaan in West Betuwe, in Rivierenland (AM10)"),
    ("geldermalsen", "en", "Geldermalsen merged into West Betuwe on 01/01/2019, in Rivierenland (AM10)")])
@pytest.mark.slow
def test_zoek_for_a_merged_gemeente_says_what_it_became(served_app, query, lang, says):
    status, _, body = get(f"{served_app}/zoek?q={query}&lang={lang}")
    assert status == 200 and says in body
    assert f'href="/regio/AM10{"?lang=en" if lang == "en" else ""}"' in body


@pytest.mark.slow
def test_zoek_for_a_typo_suggests_and_for_nonsense_finds_nothing(served_app):
    status, _, body = get(f"{served_app}/zoek?q=Rivierenlnd")
    assert status == 200 and "Bedoelde u" in body and 'href="/regio/AM10">Rivierenland</a>' in body
    status, _, body = get(f"{served_app}/zoek?q=xyzzyq")
    assert status == 200 and "Bedoelde u" not in body and "/regio/AM" not in body


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
    expect(page.get_by_role("status")).to_contain_text("Geldermalsen merged into West Betuwe")
    page.get_by_role("link", name="To Rivierenland (AM10)").click()
    expect(page).to_have_url(f"{served_app}/regio/AM10?lang=en")
    expect(page.locator("main h1")).to_contain_text("Rivierenland (AM10)", timeout=20_000)
    page.goto(f"{served_app}/login")
    page.get_by_label("Zoek regio of gemeente").fill("berg")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Bergen op Zoom")).to_be_visible()
    page.get_by_role("link", name="Bergen op Zoom").click()
    expect(page.locator("main h1")).to_contain_text("West-Brabant (AM25)", timeout=20_000)
    page.goto(f"{served_app}/regio/rivierenland")
    expect(page.locator("main h1")).to_contain_text("Rivierenland (AM10)", timeout=20_000)
    page.goto(f"{served_app}/regio/Atlantis")
    expect(page.locator("main")).to_contain_text("bestaat niet")
    assert page.console_errors == []
