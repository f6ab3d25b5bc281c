"""What Vergelijken and Regio draw, computed in SQL (sql/queries/ranking.sql, compare_expected.sql,
region_gemeenten.sql; issue 15, part 7), against figures worked out by hand.

Programme lw2005, baselines on 28-11-2005, so November 2005 is month 0 (sql/views/10_progress.sql).
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from core.sql_files import query_text
from pipelines import inbox as inbox_listing, reference, runs, warehouse
from tests.helpers import write_csv

REGISTRY_HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"
JAN_2007 = dt.date(2007, 1, 1)


def target(region: str, baseline: int, goal: int, deadline: str) -> dict:
    return {"programme": "lw2005", "region": region, "indicator": "stages", "version": 1,
            "valid_from": "2005-11-28", "baseline_value": baseline, "baseline_date": "2005-11-28",
            "target_value": goal, "deadline": deadline, "source": "test", "note": None, "is_demo": True}


def published(tmp_path, files: list, targets: list[dict]) -> duckdb.DuckDBPyConnection:
    """A warehouse published by the pipeline's plain functions (real targets plus `targets`),
    opened read-only as the dashboard opens it."""
    path = tmp_path / "w.duckdb"
    con = warehouse.create_staging(path)
    runs.load_base(con, demo_targets=False)
    if targets:
        reference.insert_rows(con, "target", targets)
    results = runs.load_submissions(con, inbox_listing.received_files(files[0].parent, log=lambda _: None),
                                    False, {})
    runs.record_run(con, "run-0", "test", runs.now(), results)
    warehouse.publish(con, path)
    return duckdb.connect(str(path), read_only=True)


def rows(con, name: str, **params) -> list[dict]:
    cursor = con.execute(query_text(name), params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def compare_con(tmp_path_factory):
    """Rivierenland leerwerkplaatsen (real target 290 → 1200): roc delivers 40 a month Dec 2005 –
    May 2006, 30 a month Jun – Nov 2006, nothing for Aug 2006, and nothing after Nov 2006.
    Stages targets: AM01 100 → 2500 (N = 24), AM02 100 → 1300 (N = 12), AM03 0 → 1000 (N = 24)."""
    tmp = tmp_path_factory.mktemp("compare")
    months = [f"{y}-{m:02d}" for y, m in [(2005, 12), *((2006, m) for m in range(1, 12))]]
    lines = [f"AM10;leerwerkplaatsen;{m};{40 if i < 6 else 30};roc;zorg;"
             for i, m in enumerate(months) if m != "2006-08"]
    path = write_csv(tmp / "inbox" / "roc.csv", lines)
    con = published(tmp, [path], [target("AM01", 100, 2500, "2007-11-28"),
                                   target("AM02", 100, 1300, "2006-11-28"),
                                   target("AM03", 0, 1000, "2007-11-28")])
    yield con
    con.close()


def test_sparkline_is_the_last_13_month_ends_with_incomplete_months_open(compare_con):
    [am10] = [r for r in rows(compare_con, "ranking", programme="lw2005", indicator="leerwerkplaatsen",
                              month=JAN_2007) if r["region"] == "AM10"]
    # 290 at signing; +40 Dec 2005 … May 2006 (530), +30 Jun, Jul (590), Aug not delivered (590),
    # +30 Sep, Oct, Nov (680), Dec 2006 and Jan 2007 not delivered (680). Jan 2006 … Jan 2007:
    assert am10["trend_values"] == [370, 410, 450, 490, 530, 560, 590, 590, 620, 650, 680, 680, 680]
    assert am10["trend_open"] == [7, 11, 12]          # Aug 2006, Dec 2006, Jan 2007
    assert am10["realised"] == 680


def test_sparkline_of_a_short_history(compare_con):
    ranking = {r["region"]: r for r in rows(compare_con, "ranking", programme="lw2005",
                                            indicator="leerwerkplaatsen", month=dt.date(2006, 2, 1))}
    assert ranking["AM10"]["trend_values"] == [290, 330, 370, 410]   # Nov 2005 … Feb 2006
    assert ranking["AM10"]["trend_open"] == []
    at_signing = rows(compare_con, "ranking", programme="lw2005", indicator="stages",
                      month=dt.date(2005, 11, 1))
    assert {r["region"] for r in at_signing} == {"AM01", "AM02", "AM03"}
    assert all(r["trend_values"] is None for r in at_signing)         # one month end: no line


def test_trend_table_holds_each_months_sparkline_as_worked_out_by_hand(compare_con):
    """mv_trend (sql/views/25_trend.sql), computed once per publish, is what the view computes,
    and each as-of month has its own line: a line ends at its as-of month, at most 13 long."""
    def trend(month: dt.date) -> tuple:
        return compare_con.execute("select trend_values, trend_open from mv_trend where programme = "
                                   "'lw2005' and indicator = 'leerwerkplaatsen' and region = 'AM10' "
                                   "and as_of_month = ?", [month]).fetchone()
    assert trend(dt.date(2005, 12, 1)) == ([290, 330], [])                     # Nov, Dec 2005
    assert trend(dt.date(2006, 9, 1)) == ([290, 330, 370, 410, 450, 490, 530, 560, 590, 590, 620],
                                          [9])                                 # Aug 2006 open
    assert trend(JAN_2007) == ([370, 410, 450, 490, 530, 560, 590, 590, 620, 650, 680, 680, 680],
                               [7, 11, 12])
    assert trend(dt.date(2005, 11, 1)) is None                                 # one month end
    table, view = (compare_con.execute(f"select * from {name} order by all").fetchall()
                   for name in ("mv_trend", "v_trend"))
    assert table == view and len(table) > 0


def test_expected_path_is_the_median_of_the_chosen_regions(compare_con):
    """E / T after k months: AM01 (100 + 100k) / 2500, AM02 (100 + 100k) / 1300 (reached at
    k = 12), AM03 k / 24."""
    three = {(r["indicator"], r["month_end"]): r["expected_share"] for r in rows(
        compare_con, "compare_expected", programme="lw2005", month=JAN_2007,
        regions=["AM01", "AM02", "AM03"])}
    assert three[("stages", dt.date(2005, 11, 30))] == pytest.approx(0.04)       # k = 0: 0,04 · 0,0769 · 0
    assert three[("stages", dt.date(2006, 2, 28))] == pytest.approx(0.16)        # k = 3: 0,16 · 0,3077 · 0,125
    assert three[("stages", dt.date(2007, 1, 31))] == pytest.approx(1500 / 2500)  # k = 14: 0,6 · 1 · 0,5833
    assert len([k for k in three if k[0] == "stages"]) == 15                     # Nov 2005 … Jan 2007
    two = {r["month_end"]: r["expected_share"] for r in rows(
        compare_con, "compare_expected", programme="lw2005", month=JAN_2007, regions=["AM01", "AM02"])}
    assert two[dt.date(2006, 2, 28)] == pytest.approx((400 / 2500 + 400 / 1300) / 2)
    rivierenland = rows(compare_con, "compare_expected", programme="lw2005", month=dt.date(2006, 5, 1),
                        regions=["AM10"])
    # 290 + 910 · k / 24 of 1200, k = 0 … 6
    assert [r["expected_share"] for r in rivierenland if r["indicator"] == "leerwerkplaatsen"] == \
        pytest.approx([(290 + 910 * k / 24) / 1200 for k in range(7)])


def test_contributions_name_their_sectors_in_both_languages(compare_con):
    # the region page's "Sectoren" column: the register's labels, never the code 'zorg'
    [roc] = rows(compare_con, "region_contributions", region="AM10", programme="lw2005", month=JAN_2007)
    assert (roc["partner"], roc["realised"], roc["share"]) == ("roc", 6 * 40 + 5 * 30, 1.0)
    assert roc["indicator_gain"] == 6 * 40 + 5 * 30        # the card's R − B: 680 − 290
    assert (roc["sectors_nl"], roc["sectors_en"]) == ("Zorg en welzijn", "Care and welfare")


def test_compare_series_gives_month_ends(compare_con):
    series = rows(compare_con, "compare_series", programme="lw2005", month=dt.date(2006, 2, 1),
                  regions=["AM10"])
    lwp = [(r["month_end"], r["realised"]) for r in series if r["indicator"] == "leerwerkplaatsen"]
    assert lwp == [(dt.date(2005, 11, 30), 290), (dt.date(2005, 12, 31), 330),
                   (dt.date(2006, 1, 31), 370), (dt.date(2006, 2, 28), 410)]


@pytest.fixture(scope="module")
def gemeente_con(tmp_path_factory):
    """A registry extract for Rivierenland. Geldermalsen (GM0236) and Neerijnen (GM0304) were in
    Rivierenland at signing, Lingewaal (GM0733) in Gorinchem; all three are West Betuwe (GM1960)
    since 2019. Tiel (GM0281) is in Rivierenland throughout."""
    tmp = tmp_path_factory.mktemp("gemeenten")
    records = ["1,GM0236,leerwerkplaatsen,2006-03-15,gestart,zorg,roc",
               "2,GM0236,leerwerkplaatsen,2006-03-28,gestart,techniek,roc",
               "3,GM0304,leerwerkplaatsen,2006-03-20,afgerond,zorg,roc",
               "4,GM0733,leerwerkplaatsen,2006-03-02,gestart,techniek,roc",
               "5,GM0281,leerwerkplaatsen,2006-04-10,gestart,zorg,roc",
               "6,GM0733,evc_trajecten,2006-04-11,afgerond,zorg,roc",
               "7,GM0281,evc_trajecten,2006-04-12,gestart,zorg,roc",
               "8,GM0281,evc_trajecten,2006-05-03,gestart,zorg,roc",
               "9,GM0281,evc_trajecten,2007-06-03,gestart,zorg,roc"]    # after January 2007
    path = tmp / "inbox" / "register.csv"
    path.parent.mkdir()
    path.write_text(REGISTRY_HEADER + "".join(r + "\n" for r in records), encoding="utf-8")
    con = published(tmp, [path], [])
    yield con
    con.close()


def gemeenten(con, boundary: str, month: dt.date = JAN_2007) -> list[tuple]:
    return [(r["gemeente_name"], r["records"], pytest.approx(r["share_all"]),
             {c["indicator"]: (c["records"], pytest.approx(c["share"])) for c in r["cells"]})
            for r in rows(con, "region_gemeenten", region="AM10", programme="lw2005", month=month,
                          boundary=boundary)]


def test_gemeente_shares_on_todays_boundaries(gemeente_con):
    # West Betuwe: 4 leerwerkplaatsen (rows 1–4) and 1 EVC (row 6); Tiel 1 and 2 (rows 5, 7, 8).
    # Region: 5 leerwerkplaatsen, 3 EVC, 8 in all.
    assert gemeenten(gemeente_con, "current") == [
        ("West Betuwe", 5, 5 / 8, {"leerwerkplaatsen": (4, 4 / 5), "evc_trajecten": (1, 1 / 3)}),
        ("Tiel", 3, 3 / 8, {"leerwerkplaatsen": (1, 1 / 5), "evc_trajecten": (2, 2 / 3)})]


def test_gemeente_shares_on_the_boundaries_at_signing(gemeente_con):
    # Lingewaal (rows 4, 6) counted for Gorinchem then. Rivierenland: 4 leerwerkplaatsen, 2 EVC;
    # a gemeente without EVC records shows 0 (0 %), not a gap.
    assert gemeenten(gemeente_con, "signing") == [
        ("Tiel", 3, 3 / 6, {"leerwerkplaatsen": (1, 1 / 4), "evc_trajecten": (2, 2 / 2)}),
        ("Geldermalsen", 2, 2 / 6, {"leerwerkplaatsen": (2, 2 / 4), "evc_trajecten": (0, 0)}),
        ("Neerijnen", 1, 1 / 6, {"leerwerkplaatsen": (1, 1 / 4), "evc_trajecten": (0, 0)})]


def test_gemeente_shares_count_up_to_the_as_of_month(gemeente_con):
    march = gemeenten(gemeente_con, "current", dt.date(2006, 3, 1))
    assert march == [("West Betuwe", 4, 1.0, {"leerwerkplaatsen": (4, 1.0)})]
    june_2007 = gemeenten(gemeente_con, "current", dt.date(2007, 6, 1))
    assert [(name, n) for name, n, _, _ in june_2007] == [("West Betuwe", 5), ("Tiel", 4)]


def test_gemeente_share_table_is_the_view_for_every_month_and_boundary(gemeente_con):
    """mv_gemeente_shares (sql/views/55_gemeente_shares.sql), computed once per publish, is
    what the view computes, for both boundary views and every as-of month the cards count."""
    table, view = (gemeente_con.execute(f"select * from {name} order by all").fetchall()
                   for name in ("mv_gemeente_shares", "v_gemeente_shares"))
    assert table == view
    keys = gemeente_con.execute("select count(distinct boundary), count(distinct as_of_month) "
                                "from mv_gemeente_shares where region = 'AM10'").fetchone()
    assert keys[0] == 2 and keys[1] > 12
