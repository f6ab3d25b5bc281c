"""The national picture (issue 15, part 5): v_national and v_similar_regions recomputed here by
hand from the per-region figures and the reference files, and shown on the pages; the
programme frame beside it as context, never as a share (issue 23, tests/test_methode.py)."""
from __future__ import annotations

import csv
import re

import duckdb
import pytest
from playwright.sync_api import expect

from core.settings import REFERENCE_DIR

FIRST_SIX = {"AM01", "AM10", "AM21", "AM22", "AM25", "AM28"}  # Groningen, Rivierenland, Den Haag,
# Rotterdam, West-Brabant, Eindhoven (Haaglanden, Rijnmond and Zuidoost-Brabant by CBS name)


@pytest.fixture(scope="module")
def con(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    yield con
    con.close()


def test_national_total_median_and_programme_frame(con):
    month = con.execute("select as_of_month from mv_current_month").fetchone()[0]
    regions = con.execute("select region, realised, target_value, achievement from mv_progress_monthly "
                          "where indicator = 'evc_trajecten' and as_of_month = ?", [month]).df()
    row = con.execute("select * from mv_national where indicator = 'evc_trajecten' and as_of_month = ?",
                      [month]).df().iloc[0]
    assert row["regions_with_target"] == len(regions) == 35
    assert row["realised_total"] == pytest.approx(regions["realised"].sum())
    assert row["achievement_total"] == pytest.approx(regions["realised"].sum() / regions["target_value"].sum())
    assert row["median_achievement"] == pytest.approx(regions["achievement"].median())
    frame = {(r["scope"], r["indicator"]): r for r in csv.DictReader(open(REFERENCE_DIR / "programme_frame.csv",
                                                                          encoding="utf-8"))}
    assert row["national_goal"] == float(frame[("national", "evc_trajecten")]["goal"]) == 20_000
    assert row["first_regions_goal"] == 6_500
    assert set(frame[("first_regions", "evc_trajecten")]["regions"].split(";")) == FIRST_SIX
    assert row["first_regions"].split(";") == sorted(FIRST_SIX)
    assert not row["national_goal_is_demo"] and not row["first_regions_goal_is_demo"]
    assert row["is_demo"]        # demo realisations: the national total is demo too
    stages = con.execute("select national_goal from mv_national where indicator = 'stages' limit 1").fetchone()
    assert stages[0] is None     # no frame for internships: nothing invented


def test_similar_regions_are_the_four_nearest_in_population(con):
    population = dict(con.execute("select region, arg_max(population_15_74, year) from population "
                                  "group by region").fetchall())
    nearest = sorted((r for r in population if r != "AM10"),
                     key=lambda r: (abs(population[r] - population["AM10"]), r))[:4]
    shown = [r for (r,) in con.execute("select similar_region from mv_similar_regions where region = 'AM10' "
                                       "order by nearness").fetchall()]
    assert shown == nearest


@pytest.mark.slow
def test_map_and_region_page_show_nederland_and_mediaan(page, served_app):
    page.goto(f"{served_app}/?lang=nl")
    panel = page.locator("#kaart-national")
    expect(panel).to_contain_text("Alle 35 regio's met een doel samen", timeout=20_000)
    expect(panel).to_contain_text("Landelijk doel van Leren & Werken, voor het hele programma: 15.000.")
    expect(panel).to_contain_text("Bron: Persbericht van de ministeries van OCW en SZW")
    expect(panel).to_contain_text("demonstratiedata")
    page.get_by_role("button", name="EVC-trajecten").click()
    expect(panel).to_contain_text("Landelijk doel van Leren & Werken, voor het hele programma: 20.000.")
    page.goto(f"{served_app}/regio/AM10?lang=en")
    card = page.locator("#card-evc_trajecten")
    expect(card.locator("dt", has_text="Netherlands")).to_be_visible(timeout=20_000)
    expect(card.locator("dt", has_text="median")).to_be_visible()
    expect(page.locator(".similar tbody tr")).to_have_count(5)    # the region and four like it


@pytest.mark.slow
def test_methode_cites_the_frame_and_gives_the_stewards_contact(page, served_app):
    from core.settings import STEWARD_CONTACT

    page.goto(f"{served_app}/methode?lang=nl")
    expect(page.locator("#bronnen")).to_contain_text("Sociale innovatie (2006)", timeout=20_000)
    expect(page.locator("#kader")).to_contain_text("20.000")
    expect(page.locator("#contact a")).to_have_attribute("href", f"mailto:{STEWARD_CONTACT}")


@pytest.mark.slow
def test_compare_refuses_a_fifth_region_in_words_and_draws_sparklines(page, served_app):
    page.goto(f"{served_app}/vergelijken?lang=nl&regions=AM01,AM02,AM03,AM10")
    expect(page.locator("#cmp-ranking-table tbody tr")).to_have_count(35, timeout=20_000)
    expect(page.locator("svg.sparkline")).to_have_count(35)
    assert page.locator("svg.sparkline").first.get_attribute("aria-label").startswith("van ")
    assert page.get_by_role("img", name=re.compile("^van .* maanden$")).count() == 35
    page.get_by_role("button", name="Twente", exact=True).click()
    expect(page.locator("#cmp-regions-refused")).to_contain_text("Twente is niet toegevoegd")
    expect(page.get_by_role("button", name="Twente", exact=True)).to_have_attribute("aria-pressed", "false")
    axes = page.evaluate("document.querySelector('#cmp-chart .js-plotly-plot').layout")
    assert {"xaxis", "xaxis2", "xaxis3", "xaxis4"} <= set(axes)   # all four indicators
