"""With real boundaries published, the map uses them, credits them, and offers a visible
switch back to the schematic tiles; neither makes a request outside localhost."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from pipelines.flows import geometry_flow
from tests.helpers import region_file

pytestmark = pytest.mark.slow   # serves its own app and drives it in Chromium


def test_map_switches_between_real_boundaries_and_tiles(prefect_harness, demo_warehouse, page, serve, tmp_path):
    path = tmp_path / "with-boundaries.duckdb"
    shutil.copy(demo_warehouse, path)
    geometry_flow(str(region_file(tmp_path, path)), warehouse_path=str(path), cache_dir=str(tmp_path / "cache"))
    with serve(path) as url:
        page.goto(url)
        real = page.get_by_role("button", name="Echte grenzen (CBS)")
        expect(real).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#kaart-attribution")).to_contain_text("Bron: CBS/PDOK, Gebiedsindelingen 2025")
        page.get_by_role("button", name="Schematische tegels").click()
        expect(page.locator("#kaart-attribution")).to_contain_text("Schematische tegelkaart")
        expect(page).to_have_url(re.compile("shape=schematic"))
        page.wait_for_load_state("networkidle")   # the switch's requests done, then count them
        assert page.external_requests == []
        assert page.console_errors == []
