"""One reference month per view (issue 23, item 2): every breakdown on the region page adds up
to the total it explains, at the page's month, and the map and the ranking compare every region
at the same month as the region's own page shows it.

The window is defined once (v_counted_months, sql/views/10_progress.sql): the months after the
baseline month, up to the as-of month and no later than the deadline month. First a small case
worked out by hand, then every region × indicator of the demo warehouse at several months.
"""
from __future__ import annotations

from collections import defaultdict

import duckdb
import pytest

from tests.helpers import build, month, page_rows, write_csv

REGISTRY_HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """AM01 stages (demo target): B = 100 on 28-11-2005, T = 1000 by 28-03-2006, so R counts
    December 2005 … March 2006. Deliveries: November 2005 7 (the baseline month), December 10
    roc · zorg, January 20 werkgevers · bouw, February 30 roc · bouw, March 40 roc · zorg, April 50
    roc · zorg (after the deadline month). Rivierenland leerwerkplaatsen (real target, 28-11-2005 →
    28-11-2007): a registry extract with one record in the baseline month and two in January 2006
    (Tiel, Culemborg)."""
    tmp = tmp_path_factory.mktemp("breakdowns")
    inbox = tmp / "inbox"
    write_csv(inbox / "am01.csv", ["AM01;stages;2005-11;7;roc;zorg;", "AM01;stages;2005-12;10;roc;zorg;",
                                   "AM01;stages;2006-01;20;werkgevers;bouw;",
                                   "AM01;stages;2006-02;30;roc;bouw;", "AM01;stages;2006-03;40;roc;zorg;",
                                   "AM01;stages;2006-04;50;roc;zorg;"])
    records = ["1,GM0281,leerwerkplaatsen,2005-11-29,gestart,zorg,registers",
               "2,GM0281,leerwerkplaatsen,2006-01-10,gestart,zorg,registers",
               "3,GM0216,leerwerkplaatsen,2006-01-20,gestart,bouw,registers"]
    (inbox / "register.csv").write_text(REGISTRY_HEADER + "".join(r + "\n" for r in records),
                                        encoding="utf-8")
    target = {"programme": "lw2005", "region": "AM01", "indicator": "stages", "version": 1,
              "valid_from": "2005-11-28", "baseline_value": 100, "baseline_date": "2005-11-28",
              "target_value": 1000, "deadline": "2006-03-28", "source": "test", "note": None,
              "is_demo": True}
    path = build(tmp, inbox, targets=[target])
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def contributions(con, region: str, as_of: str) -> dict[str, tuple]:
    return {r["partner"]: (r["realised"], pytest.approx(r["share"]), r["indicator_gain"])
            for r in page_rows(con, "region_contributions", region=region, programme="lw2005", month=month(as_of))}


def card(con, region: str, indicator: str, as_of: str) -> dict:
    [row] = [r for r in page_rows(con, "region_progress", region=region, programme="lw2005", month=month(as_of))
             if r["indicator"] == indicator]
    return row


def test_contributions_count_the_cards_months_only(small):
    # January: December's 10 (roc) and January's 20 (werkgevers); the baseline month's 7 never.
    assert contributions(small, "AM01", "2006-01") == {"roc": (10, 1 / 3, 30), "werkgevers": (20, 2 / 3, 30)}
    assert card(small, "AM01", "stages", "2006-01")["realised"] == 130          # B + 30
    # June, past the deadline: 10 + 30 + 40 for roc, 20 for werkgevers; April's 50 never.
    assert contributions(small, "AM01", "2006-06") == {"roc": (80, 0.8, 100), "werkgevers": (20, 0.2, 100)}
    assert card(small, "AM01", "stages", "2006-06")["realised"] == 200          # B + 100
    assert contributions(small, "AM01", "2005-11") == {}                         # the baseline month


def test_gemeenten_count_the_cards_months_only(small):
    def records(as_of: str) -> dict[str, int]:
        return {r["gemeente_name"]: r["records"] for r in page_rows(
            small, "region_gemeenten", region="AM10", programme="lw2005", month=month(as_of),
            boundary="signing")}
    # The record of 29-11-2005 falls in the baseline month: neither the card nor the table counts it.
    assert records("2006-01") == {"Tiel": 1, "Culemborg": 1}
    assert records("2008-01") == {"Tiel": 1, "Culemborg": 1}
    assert records("2005-12") == {}
    # … so they add up to the registers' row of the contributions, and to the card's gain.
    assert contributions(small, "AM10", "2008-01") == {"registers": (2, 1.0, 2)}
    assert card(small, "AM10", "leerwerkplaatsen", "2008-01")["realised"] == 290 + 2


# The demo warehouse at several months: the baseline month, early, the default month (maart
# 2007), later provisional months and after the deadline.
MONTHS = ["2005-11", "2006-06", "2006-12", "2007-01", "2007-03", "2007-06", "2007-12"]


@pytest.fixture(scope="module")
def demo(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    yield con
    con.close()


def region_codes(con) -> list[str]:
    return [r for (r,) in con.execute("select code from region order by code").fetchall()]


def test_demo_has_every_region_with_targets(demo):
    assert len(region_codes(demo)) == 35
    assert demo.execute("select count(distinct region || indicator) from target").fetchone() == (140,)


@pytest.mark.parametrize("as_of", MONTHS)
def test_every_regions_contributions_add_up_to_its_cards(demo, as_of):
    """Per region and indicator: the partners' rows add up to the card's R − B, their shares to 1."""
    for region in region_codes(demo):
        cards = {r["indicator"]: r for r in page_rows(demo, "region_progress", region=region, programme="lw2005",
                                                 month=month(as_of))}
        assert len(cards) == 4, region
        parts = defaultdict(list)
        for r in page_rows(demo, "region_contributions", region=region, programme="lw2005", month=month(as_of)):
            parts[r["indicator"]].append(r)
        for indicator, c in cards.items():
            gain = c["realised_since_baseline"]
            if c["realised"] is not None:
                assert float(gain) == pytest.approx(c["realised"] - c["baseline_value"], abs=0.005)
            shown = parts.get(indicator, [])
            assert sum(p["realised"] for p in shown) == gain, (region, indicator, as_of)
            assert all(p["indicator_gain"] == gain for p in shown)
            if gain:
                assert sum(p["share"] for p in shown) == pytest.approx(1.0)
        assert set(parts) <= set(cards)


@pytest.mark.parametrize("as_of", ["2006-06", "2007-03", "2007-12"])
def test_every_regions_gemeenten_add_up(demo, as_of):
    """Per region and indicator: on the boundaries at signing, the gemeenten's registry records
    add up to what the registry files contribute to the card in the same months; on either
    boundary view the shares add up to 1."""
    from_registry = dict(((region, indicator), total) for region, indicator, total in demo.execute(
        """select w.region, w.indicator, sum(o.value)
           from v_counted_months as w
           join observation as o on o.region = w.region and o.indicator = w.indicator
               and o.period between w.counted_from and w.counted_to
           where w.as_of_month = ?
               and o.submission_id in (select submission_id from registry_gemeente_count)
           group by all""", [month(as_of)]).fetchall())
    assert from_registry, "the demo has registry extracts"
    for region in region_codes(demo):
        for boundary in ("signing", "current"):
            table = page_rows(demo, "region_gemeenten", region=region, programme="lw2005", month=month(as_of),
                         boundary=boundary)
            totals = defaultdict(int)
            for gemeente in table:
                for cell in gemeente["cells"]:
                    totals[cell["indicator"]] += cell["records"]
            if table:
                assert sum(g["share_all"] for g in table) == pytest.approx(1.0)
                for indicator in totals:
                    assert sum(next(c["share"] for c in g["cells"] if c["indicator"] == indicator)
                               for g in table) == pytest.approx(1.0)
            if boundary == "signing":
                expected = {i: int(t) for (r, i), t in from_registry.items() if r == region}
                assert dict(totals) == expected, (region, as_of)


COMPARED = ("realised", "target_value", "achievement", "gain_per_10k", "status", "stand_month",
            "provisional")


@pytest.mark.parametrize("as_of", ["2006-12", "2007-03", "2007-06"])
def test_map_and_ranking_show_every_region_at_the_common_month(demo, as_of):
    """Every row of the map and the ranking is the region's own card at the heading's month; the
    pace ρ and status rest on the month the row names (stand_month); the map's rows add up to
    the national total and its legend counts the provisional rows."""
    cards = {}
    for region in region_codes(demo):
        for r in page_rows(demo, "region_progress", region=region, programme="lw2005", month=month(as_of)):
            cards[(region, r["indicator"])] = r
    for indicator in ("leerwerkplaatsen", "evc_trajecten", "stages", "oo_uitgaven_eur"):
        shown = page_rows(demo, "map_progress", programme="lw2005", indicator=indicator, month=month(as_of))
        ranked = page_rows(demo, "ranking", programme="lw2005", indicator=indicator, month=month(as_of))
        assert len(shown) == len(ranked) == 35
        for row in shown + ranked:
            own = cards[(row["region"], indicator)]
            assert {k: row[k] for k in COMPARED} == {k: own[k] for k in COMPARED}, row["region"]
        for row in ranked:
            own = cards[(row["region"], indicator)]
            assert row["pace_ratio"] == own["pace_ratio"] and own["stand_month"] <= month(as_of)
        country = next(r for r in page_rows(demo, "national", programme="lw2005", month=month(as_of))
                       if r["indicator"] == indicator)
        assert sum(r["realised"] for r in shown) == pytest.approx(country["realised_total"])
        assert {r["regions_provisional"] for r in shown} == {sum(r["provisional"] for r in shown)}


def test_gorinchem_in_march_2007_is_ranked_at_march_and_names_january(demo):
    """The case of the issue: Gorinchem (AM35) leerwerkplaatsen as of March 2007 rests its pace
    and status on January 2007, its last complete month; its figures are March's."""
    [row] = [r for r in page_rows(demo, "ranking", programme="lw2005", indicator="leerwerkplaatsen",
                             month=month("2007-03")) if r["region"] == "AM35"]
    own = card(demo, "AM35", "leerwerkplaatsen", "2007-03")
    assert row["stand_month"] == month("2007-01") and row["provisional"]
    assert row["realised"] == own["realised"] == own["baseline_value"] + float(own["realised_since_baseline"])
