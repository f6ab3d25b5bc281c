"""The demo opens on the real map (issue 26 item 1): a choropleth of the 35 CBS 2025 regions,
credited under the map and on Methode; the tiles stay an option with a label and a status
symbol on every tile; the region page draws its gemeenten."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.vocabulary import STATUS_SYMBOLS

pytestmark = pytest.mark.slow   # every test drives the served app in Chromium

CREDIT = "Bron: CBS/PDOK, Gebiedsindelingen 2025, CC BY 4.0 (vereenvoudigd)"
# The map's regions as the browser shows them: the code each links to, and its outline's corners.
REGIONS = """() => [...document.querySelectorAll('#kaart-map svg.region-map a')].map(a => [
    a.getAttribute('href').slice(7, 11), a.querySelector('path').getAttribute('d').split(/[MLZ]/).filter(Boolean).length])"""


def test_the_first_screen_is_the_real_map_of_35_regions_credited(page, served_app):
    page.goto(served_app)
    expect(page.locator("#kaart-map svg.region-map")).to_be_visible(timeout=20_000)
    expect(page.locator("#kaart-attribution")).to_have_text(CREDIT)
    expect(page.get_by_role("button", name="Echte grenzen (CBS)")).to_have_attribute("aria-pressed", "true")
    regions = page.evaluate(REGIONS)
    assert len(regions) == 35 and len({code for code, _corners in regions}) == 35
    assert min(corners for _code, corners in regions) > 20   # real outlines, not the tiles' four corners
    expect(page.locator("table.data-table tbody tr")).to_have_count(35)   # the table alternative stays
    page.wait_for_load_state("networkidle")
    assert page.external_requests == []
    assert page.console_errors == []


def test_methode_credits_the_boundaries(page, served_app):
    page.goto(f"{served_app}/methode")
    expect(page.locator("#bronnen")).to_contain_text(f"Kaart: {CREDIT}")
    page.goto(f"{served_app}/methode?lang=en")
    expect(page.locator("#bronnen")).to_contain_text(
        "Map: Source: CBS/PDOK, Gebiedsindelingen 2025, CC BY 4.0 (simplified)")


def test_every_tile_shows_its_code_and_status_symbol(page, served_app):
    page.goto(f"{served_app}/?shape=schematic")
    expect(page.get_by_role("button", name="Schematische tegels")).to_have_attribute("aria-pressed", "true")
    labels = page.locator("#kaart-map svg.region-map text")
    expect(labels).to_have_count(35, timeout=20_000)
    texts = labels.all_text_contents()
    assert {t[:4] for t in texts} == set(page.locator("table.data-table tbody tr td:nth-child(2)").all_text_contents())
    assert all(any(symbol in t for symbol in STATUS_SYMBOLS.values()) for t in texts)
    expect(page.locator("#kaart-attribution")).to_contain_text("Schematische tegelkaart")
    assert page.console_errors == []


def test_a_click_on_a_tile_opens_its_region(page, served_app):
    page.goto(f"{served_app}/?shape=schematic")
    expect(page.locator("#kaart-map svg.region-map text")).to_have_count(35, timeout=20_000)
    tile = page.locator("#kaart-map svg.region-map text", has_text="AM10")
    tile.scroll_into_view_if_needed()   # a click outside the viewport reaches nothing
    box = tile.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)   # a real click on its label
    expect(page).to_have_url(re.compile(r"/regio/AM10\?"), timeout=10_000)
    assert page.console_errors == []


# The gemeenten on the region page's map: each shape's name (the first part of its accessible name).
GEMEENTEN = """() => [...document.querySelectorAll('.gemeenten figure svg.region-map [role=img]')]
    .map(g => g.getAttribute('aria-label').split(', ')[0]).sort()"""


def test_the_region_page_draws_its_gemeenten(page, served_app):
    page.goto(f"{served_app}/regio/AM10?boundary=current")
    expect(page.locator(".gemeenten figure svg.region-map path")).to_have_count(8, timeout=20_000)
    assert page.evaluate(GEMEENTEN) == ["Buren", "Culemborg", "Maasdriel", "Neder-Betuwe", "Tiel", "West Betuwe",
                                        "West Maas en Waal", "Zaltbommel"]
    fills = page.locator(".gemeenten figure svg.region-map path").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")
    assert "#081d58" in fills and len(set(fills)) > 3   # the largest share darkest, the others along the scale
    expect(page.locator(".gemeenten figure svg.colour-bar text").first).to_have_text("0%")
    expect(page.locator(".gemeenten figcaption")).to_contain_text("Kaart van de 8 gemeenten")
    expect(page.locator(".gemeenten figcaption")).to_contain_text(CREDIT)
    assert page.console_errors == []


def test_the_region_page_draws_its_gemeenten_at_signing_too(page, served_app):
    """The page opens on the boundaries at signing: the map is there as well, on today's shapes,
    and says so (Lingewaal then belonged to Gorinchem, now it is part of West Betuwe)."""
    page.goto(f"{served_app}/regio/AM10")
    expect(page.locator(".gemeenten figure svg.region-map path")).to_have_count(8, timeout=20_000)
    assert len(page.evaluate(GEMEENTEN)) == 8
    expect(page.locator(".gemeenten figcaption")).to_contain_text("De kaart toont de huidige gemeentegrenzen.")
    expect(page.locator(".gemeenten table")).to_contain_text("Geldermalsen")
    assert page.console_errors == []
