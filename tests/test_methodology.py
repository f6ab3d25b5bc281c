"""The progress methodology (sql/views/10_progress.sql) against figures worked out by hand.

Rivierenland leerwerkplaatsen: B = 290 on 28-11-2005, T = 1200 on 28-11-2007, N = 24 months
(December 2005 … November 2007). Every expected number below was computed on paper.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest

from pipelines import reference, submissions, validation
from tests.helpers import staging, write_csv

MONTHS = ["2005-12", "2006-01", "2006-02", "2006-03", "2006-04", "2006-05",
          "2006-06", "2006-07", "2006-08", "2006-09", "2006-10", "2006-11"]


def target(region, indicator, baseline, target_value, baseline_date="2005-11-28",
           deadline="2007-11-28", version=1, valid_from=None):
    return {"programme": "lw2005", "region": region, "indicator": indicator, "version": version,
            "valid_from": valid_from or baseline_date, "baseline_value": baseline,
            "baseline_date": baseline_date, "target_value": target_value, "deadline": deadline,
            "source": "test", "note": None, "is_demo": True}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("method")
    con = staging(tmp)  # real Rivierenland targets: leerwerkplaatsen 290 → 1200, EVC 340 → 1500
    reference.insert_rows(con, "target", [
        target("AM01", "stages", 100, 2500),                 # boundary cases: T − B = 2400
        target("AM02", "stages", 100, 2500),
        target("AM03", "stages", 100, 2500),
        target("AM05", "stages", 500, 400),                  # T ≤ B: achieved at signing
        target("AM06", "stages", 100, 1000, baseline_date="2006-03-15"),  # signed later
        target("AM07", "stages", 100, 1000),                 # no data ever
        target("AM08", "stages", 100, 1300),                 # amended mid-programme
        target("AM08", "stages", 100, 1600, version=2, valid_from="2006-11-28"),
        target("AM09", "stages", 0, 1000),                   # a month missing in the middle
        target("AM11", "stages", 0, 1000),                   # two partners, two sectors
        target("AM13", "stages", 0, 50),                     # reached in March 2006
    ])
    rows = [f"AM10;leerwerkplaatsen;{m};{40 if i < 6 else 30};roc;zorg;" for i, m in enumerate(MONTHS)]
    rows += [f"AM10;evc_trajecten;{m};{v};uwv;zorg;" for m, v in zip(MONTHS, [20, 60] * 3)]
    rows += ["AM01;stages;2006-11;1140;roc;zorg;", "AM02;stages;2006-11;720;roc;zorg;",
             "AM03;stages;2006-11;0;roc;zorg;", "AM08;stages;2006-01;10;roc;zorg;",
             "AM09;stages;2005-12;10;roc;zorg;", "AM09;stages;2006-01;20;roc;zorg;",
             "AM09;stages;2006-03;60;roc;zorg;", "AM11;stages;2006-01;30;roc;zorg;",
             "AM11;stages;2006-01;10;werkgevers;bouw;", "AM11;stages;2006-02;20;roc;bouw;",
             "AM13;stages;2006-01;30;roc;zorg;", "AM13;stages;2006-03;25;roc;zorg;"]
    path = write_csv(tmp / "test.csv", rows)
    # The boundary cases are far above every other series (1140 against a median of 20): this
    # module is about the formulas, not the outlier rule (tests/test_outliers.py), so no history
    # is long enough to judge a figure here and none is held for review.
    con.execute("update outlier_rule set min_history = 1000")
    validation.prepare(con)
    checked = validation.check(con, path, "f" * 16)
    assert checked.errors == []
    submissions.record(con, path, "f" * 64, checked, True, "test", dt.datetime(2007, 1, 1))
    return con


def at(con, region, indicator, month):
    cursor = con.execute("select * from v_progress_monthly where region = ? and indicator = ? "
                         "and as_of_month = ?", [region, indicator, dt.date.fromisoformat(month + "-01")])
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(columns, rows[0]))


def test_rivierenland_at_the_start(con):
    p = at(con, "AM10", "leerwerkplaatsen", "2005-11")
    assert (p["months_elapsed"], p["realised"], p["expected"]) == (0, 290, 290)
    assert p["required_per_month"] == pytest.approx(910 / 24)   # 37,9 a month
    assert round(p["required_per_month"], 1) == 37.9
    assert p["pace_ratio"] is None and p["run_rate"] is None
    assert p["status"] == "not_started"


def test_rivierenland_after_6_months(con):
    p = at(con, "AM10", "leerwerkplaatsen", "2006-05")
    assert p["months_elapsed"] == 6 and p["elapsed_fraction"] == 0.25
    assert p["realised"] == 530                       # 290 + 6 × 40
    assert p["achievement"] == pytest.approx(530 / 1200)
    assert p["expected"] == 517.5                     # 290 + 910 × 0,25
    assert p["gap"] == 12.5
    assert p["run_rate"] == 40
    assert p["required_per_month"] == pytest.approx(670 / 18)  # 37,22
    assert p["pace_ratio"] == pytest.approx(240 / 227.5)       # 105,5 %
    assert p["status"] == "on_track"
    assert p["recent_pace"] == 40 and p["projected"] == 1250   # 530 + 40 × 18
    assert p["projected_low"] == p["projected_high"] == 1250   # six equal months: no spread
    assert p["projected_month_reached"] == dt.date(2007, 10, 1)  # ⌈670 / 40⌉ = 17 months on
    assert p["reached_after_deadline"] is False and p["status_uncertain"] is False


def test_rivierenland_after_12_months(con):
    p = at(con, "AM10", "leerwerkplaatsen", "2006-11")
    assert p["realised"] == 710                       # 530 + 6 × 30
    assert p["expected"] == 745                       # 290 + 910 × 0,5
    assert p["pace_ratio"] == pytest.approx(420 / 455)  # 92,3 %
    assert p["status"] == "acceleration_needed"
    assert p["run_rate"] == 35                        # 420 / 12
    assert p["required_per_month"] == pytest.approx(490 / 12)
    assert p["projected"] == 1070                     # 710 + 30 × 12
    assert p["projected_month_reached"] == dt.date(2008, 4, 1)  # ⌈490 / 30⌉ = 17
    assert p["reached_after_deadline"] is True


def test_rivierenland_at_the_deadline_and_after(con):
    for month in ("2007-11", "2008-05"):              # 24 and 30 months
        p = at(con, "AM10", "leerwerkplaatsen", month)
        assert (p["months_elapsed"], p["months_remaining"], p["elapsed_fraction"]) == (24, 0, 1)
        assert p["realised"] == 710 and p["expected"] == 1200
        assert p["required_per_month"] is None
        assert p["status"] == "not_achieved"
        assert p["projected"] == 710


def test_months_not_reported_count_as_nothing_realised(con):
    p = at(con, "AM10", "leerwerkplaatsen", "2007-05")
    assert p["months_reported"] == 12 and p["last_reported_month"] == dt.date(2006, 11, 1)
    assert p["recent_months"] == 0 and p["recent_pace"] is None
    assert p["projected_month_reached"] is None


# The status follows the anticipated progress α = (P − B) / (T − B), not ρ (issue 23; the α
# boundaries themselves: tests/test_status_rule.py). One month reported, 12 months left, T − B = 2400.
@pytest.mark.parametrize("region, status, anticipated", [
    ("AM01", "on_track", (1240 + 1140 * 12 - 100) / 2400),   # ρ = 95 %; P = 14.920, α = 617,5 %
    ("AM02", "on_track", (820 + 720 * 12 - 100) / 2400),     # ρ = 60 % (was: acceleration needed);
                                                             # P = 9.460 ≥ T = 2.500, α = 390 %
    ("AM03", "limited_progress", 0),                         # zeros reported: p = 0, P = B, α = 0
])
def test_status_boundaries(con, region, status, anticipated):
    p = at(con, region, "stages", "2006-11")
    assert p["status"] == status
    assert p["anticipated_ratio"] == pytest.approx(anticipated)


def test_thresholds_come_from_the_status_table(con):
    rows = con.execute("select code, min_ratio from status where kind = 'pace' order by sort").fetchall()
    assert rows == [("on_track", 1.0), ("acceleration_needed", 0.6), ("limited_progress", 0.0),
                    ("deterioration", -math.inf)]


def test_projection_interval_straddling_the_target_is_uncertain(con):
    # EVC: 20, 60, 20, 60, 20, 60 → R = 340 + 240 = 580; p = 40; s = √480; n = 6; 18 months left.
    p = at(con, "AM10", "evc_trajecten", "2006-05")
    assert p["projected"] == 1300                      # 580 + 40 × 18
    margin = 1.96 * math.sqrt(480) / math.sqrt(6) * 18  # 315,55
    assert p["projected_low"] == round(1300 - margin) == 984       # whole units, as shown
    assert p["projected_high"] == round(1300 + margin) == 1616
    assert p["pace_ratio"] == pytest.approx(240 / 290)
    assert p["status"] == "acceleration_needed" and p["status_uncertain"] is True


def test_target_at_or_below_baseline_is_achieved_at_signing(con):
    assert at(con, "AM05", "stages", "2005-11")["status"] == "achieved"
    assert at(con, "AM05", "stages", "2006-06")["status"] == "achieved"
    assert at(con, "AM05", "stages", "2006-06")["month_reached"] == dt.date(2005, 11, 1)


def test_a_reached_target_says_the_month_it_was_reached(con):
    before = at(con, "AM13", "stages", "2006-02")                 # 30 of 50
    assert before["status"] != "achieved" and before["month_reached"] is None
    for month in ("2006-03", "2006-09", "2008-06"):               # 55 ≥ 50 from March on
        p = at(con, "AM13", "stages", month)
        assert (p["status"], p["month_reached"]) == ("achieved", dt.date(2006, 3, 1))


def test_as_of_before_the_baseline(con):
    p = at(con, "AM06", "stages", "2006-01")          # baseline 15-03-2006
    assert p["status"] == "not_started" and p["realised"] is None
    assert at(con, "AM06", "stages", "2006-04")["status"] == "no_data"


def test_no_data_yet(con):
    p = at(con, "AM07", "stages", "2006-06")
    assert (p["status"], p["realised"], p["months_reported"]) == ("no_data", 100, 0)


def test_amended_target_applies_from_its_date_and_keeps_history(con):
    before = at(con, "AM08", "stages", "2006-10")
    after = at(con, "AM08", "stages", "2006-11")      # in force from 28-11-2006, by month end
    assert (before["version"], before["target_value"]) == (1, 1300)
    assert (after["version"], after["target_value"]) == (2, 1600)
    assert after["amended"] and after["version_count"] == 2
    assert after["expected"] == 100 + 1500 * 12 / 24


def test_a_month_missing_in_the_middle(con):
    p = at(con, "AM09", "stages", "2006-03")
    assert p["realised"] == 90 and p["months_reported"] == 3
    assert p["recent_pace"] == 30                       # (10 + 20 + 60) / 3 reported months


def test_region_without_target_has_no_progress_row(con):
    assert con.execute("select count(*) from v_progress_monthly where region = 'AM12'").fetchone() == (0,)


def test_contributions_by_partner_and_sector(con):
    def contributions(month: str) -> list[tuple]:
        return con.execute("select partner, sector, realised, share from v_contributions "
                           "where region = 'AM11' and as_of_month = ? order by realised desc",
                           [dt.date.fromisoformat(month + "-01")]).fetchall()
    # AM11: January 2006 roc · zorg 30 and werkgevers · bouw 10; February roc · bouw 20.
    assert contributions("2006-02") == [("roc", "zorg", 30, 0.5), ("roc", "bouw", 20, pytest.approx(1 / 3)),
                                        ("werkgevers", "bouw", 10, pytest.approx(1 / 6))]
    # Issue 23: as of January the table holds January only, as the card does (R − B = 40).
    assert contributions("2006-01") == [("roc", "zorg", 30, 0.75), ("werkgevers", "bouw", 10, 0.25)]
    assert at(con, "AM11", "stages", "2006-01")["realised_since_baseline"] == 40
    assert contributions("2005-11") == []                     # the baseline month counts nothing


def test_coverage_and_freshness_per_partner(con):
    # The last month anyone reported is November 2006: 12 programme months (Dec 2005 … Nov 2006).
    coverage = dict(con.execute("select partner, list(period order by period) filter (where reported) "
                                "from v_coverage where region = 'AM11' group by 1").fetchall())
    assert coverage == {"roc": [dt.date(2006, 1, 1), dt.date(2006, 2, 1)],
                        "werkgevers": [dt.date(2006, 1, 1)]}
    months = con.execute("select count(*) from v_coverage where region = 'AM11' and partner = 'roc'").fetchone()
    assert months == (12,)
    fresh = con.execute("select partner, last_reported, months_behind, behind from v_partner_delivery "
                        "where region = 'AM11' order by 1").fetchall()
    assert fresh == [("roc", dt.date(2006, 2, 1), 9, True), ("werkgevers", dt.date(2006, 1, 1), 10, True)]


def test_ranking_shares_ranks_on_ties(con):
    rows = dict(con.execute("select region, rank_absolute from v_ranking where indicator = 'stages' "
                            "and as_of_month = '2006-11-01'").fetchall())
    # realised: AM01 1240, AM02 820, AM05 500, AM09 90 … AM03, AM06, AM07 and AM08 all at 100 or 110
    assert rows["AM01"] == 1 and rows["AM02"] == 2 and rows["AM05"] == 3
    assert rows["AM03"] == rows["AM06"] == rows["AM07"]


def test_per_10k_uses_the_population_table(con):
    people = con.execute("select population_15_74 from population where region = 'AM10'").fetchone()[0]
    p = at(con, "AM10", "leerwerkplaatsen", "2006-05")
    assert p["realised_per_10k"] == pytest.approx(530 / people * 10000)
    assert p["gain_per_10k"] == pytest.approx(240 / people * 10000)
