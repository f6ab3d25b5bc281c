"""One classification rule per card (issue 23): status, projection, anticipated progress α and
"doel bereikt in" from sql/views/10_progress.sql, against cases worked out by hand.

Every target here: stages, B = 0 on 28-11-2005, deadline 28-11-2007, N = 24 months
(December 2005 … November 2007), one partner (ROC, zorg) unless said otherwise.
P = R + p·(N − k), α = (P − B) / (T − B); on track exactly when α ≥ 1, i.e. P ≥ T.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from core import presentation
from pipelines import reference, submissions, validation
from tests.helpers import staging, write_csv

MONTHS = ["2005-12", "2006-01", "2006-02", "2006-03", "2006-04", "2006-05",
          "2006-06", "2006-07", "2006-08", "2006-09", "2006-10", "2006-11"]


def target(region: str, target_value: float, version: int = 1, valid_from: str = "2005-11-28") -> dict:
    return {"programme": "lw2005", "region": region, "indicator": "stages", "version": version,
            "valid_from": valid_from, "baseline_value": 0, "baseline_date": "2005-11-28",
            "target_value": target_value, "deadline": "2007-11-28", "source": "test", "note": None,
            "is_demo": True}


def monthly(region: str, values: list[float], partner: str = "roc") -> list[str]:
    return [f"{region};stages;{m};{v};{partner};zorg;" for m, v in zip(MONTHS, values)]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("status-rule")
    con = staging(tmp)
    reference.insert_rows(con, "target", [
        target("AM01", 1200),            # 6 × 50: P = 1200 = T exactly
        target("AM02", 1201),            # 6 × 50: P = 1200, one short
        target("AM03", 1200),            # 6 × 30: α = 60 % exactly
        target("AM05", 1201),            # 6 × 30: α just under 60 %
        target("AM06", 1200),            # 6 × 60 then 6 × 40: ρ = 100 %, α = 90 %
        target("AM07", 1150),            # 20, 80, 20, 80, 20, 80: on track, interval wide
        target("AM08", 1200),            # December only
        target("AM09", 1200),            # amended in March 2006, a month not complete
        target("AM09", 3000, version=2, valid_from="2006-03-15"),
        target("AM11", 245),             # 10, 10, 10, 10, 11: P = 244,8, shown as 245
    ])
    rows = (monthly("AM01", [50] * 6) + monthly("AM02", [50] * 6) + monthly("AM03", [30] * 6)
            + monthly("AM05", [30] * 6) + monthly("AM06", [60] * 6 + [40] * 6)
            + monthly("AM07", [20, 80] * 3) + monthly("AM08", [100])
            + monthly("AM09", [50] * 4) + monthly("AM09", [50] * 3, partner="werkgevers")
            + monthly("AM11", [10, 10, 10, 10, 11]))
    path = write_csv(tmp / "rule.csv", rows)
    validation.prepare(con)
    checked = validation.check(con, path, "e" * 16)
    assert checked.errors == []
    submissions.record(con, path, "e" * 64, checked, True, "test", dt.datetime(2007, 1, 1))
    return con


def at(con, region: str, month: str, view: str = "v_progress_monthly") -> dict:
    cursor = con.execute(f"select * from {view} where region = ? and indicator = 'stages' "
                         "and as_of_month = ?", [region, dt.date.fromisoformat(month + "-01")])
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(columns, rows[0]))


def test_a_projection_exactly_on_the_target_is_on_track_and_reached_in_the_deadline_month(con):
    # At May 2006: k = 6, R = 300, p = 50, N − k = 18: P = 300 + 50 × 18 = 1200 = T.
    p = at(con, "AM01", "2006-05")
    assert (p["realised"], p["recent_pace"], p["projected"]) == (300, 50, 1200)
    assert p["anticipated_ratio"] == 1 and p["status"] == "on_track"
    assert p["projected_month_reached"] == dt.date(2007, 11, 1)    # May 2006 + ⌈900 / 50⌉ = 18
    assert p["reached_after_deadline"] is False
    assert p["status_uncertain"] is False                          # six equal months: s = 0


def test_one_short_of_the_target_is_not_on_track_and_reached_after_the_deadline(con):
    # T = 1201: P = 1200 < T, α = 1200 / 1201 = 99,9 %; ⌈901 / 50⌉ = 19 months: December 2007.
    p = at(con, "AM02", "2006-05")
    assert p["projected"] == 1200
    assert p["anticipated_ratio"] == pytest.approx(1200 / 1201)
    assert p["status"] == "acceleration_needed"
    assert p["projected_month_reached"] == dt.date(2007, 12, 1)
    assert p["reached_after_deadline"] is True
    assert p["status_uncertain"] is False                          # interval 1200 – 1200 < T


@pytest.mark.parametrize("region, anticipated, status", [
    ("AM03", 720 / 1200, "acceleration_needed"),   # P = 180 + 30 × 18 = 720: α = 60 % exactly
    ("AM05", 720 / 1201, "limited_progress"),      # α = 59,95 %
])
def test_the_60_percent_band(con, region, anticipated, status):
    p = at(con, region, "2006-05")
    assert p["projected"] == 720
    assert p["anticipated_ratio"] == pytest.approx(anticipated)
    assert p["status"] == status
    assert p["reached_after_deadline"] is True


def test_the_straight_line_says_on_course_while_the_recent_pace_misses(con):
    # The case, small: 6 × 60 then 6 × 40. At November 2006, k = 12: R = 600 = E, so
    # ρ = 100 % (on course on the straight line, the old rule). The last six months give p = 40:
    # P = 600 + 40 × 12 = 1080 < 1200, α = 90 %, and T is reached ⌈600 / 40⌉ = 15 months on.
    p = at(con, "AM06", "2006-11")
    assert (p["realised"], p["expected"], p["pace_ratio"]) == (600, 600, 1)
    assert (p["recent_pace"], p["projected"]) == (40, 1080)
    assert p["anticipated_ratio"] == pytest.approx(0.9)
    assert p["status"] == "acceleration_needed" and p["status_uncertain"] is False
    assert p["projected_month_reached"] == dt.date(2008, 2, 1) and p["reached_after_deadline"] is True
    assert presentation.reached_text(p, "nl") == "februari 2008 (verwacht, na de termijn)"


def test_deadline_passed_is_not_achieved_and_says_no_month(con):
    p = at(con, "AM06", "2007-11")
    assert p["status"] == "not_achieved" and p["projected"] == 600 and p["status_uncertain"] is False
    assert presentation.reached_text(p, "nl") == "–"


def test_on_track_with_an_interval_around_the_target_is_uncertain(con):
    # 20, 80, 20, 80, 20, 80: R = 300, p = 50, s = √(6 × 30² / 5) = √1080; P = 1200 ≥ T = 1150,
    # interval 1200 ± 1,96 × √1080 / √6 × 18 = 1200 ± 473,3: low 726,7 < T ≤ high.
    p = at(con, "AM07", "2006-05")
    assert p["projected"] == 1200 and p["status"] == "on_track"
    assert p["projected_low"] == round(1200 - 1.96 * 1080 ** 0.5 / 6 ** 0.5 * 18) == 727
    assert p["status_uncertain"] is True
    assert p["projected_month_reached"] == dt.date(2007, 10, 1)    # ⌈850 / 50⌉ = 17


def test_one_month_is_a_pace_without_an_interval_hence_uncertain(con):
    # December 2005 alone: n = 1, p = 100, P = 100 + 100 × 23 = 2400 ≥ 1200: on track, but one
    # month gives no spread to judge it by.
    p = at(con, "AM08", "2005-12")
    assert (p["recent_months"], p["projected"]) == (1, 2400)
    assert p["projected_low"] is None and p["status"] == "on_track" and p["status_uncertain"] is True


def test_no_complete_month_among_the_last_six_is_no_pace_and_no_projection(con):
    # ROC delivered December 2005 only; January … June 2006 are missing (never 0): no pace.
    raw = at(con, "AM08", "2006-06")
    assert raw["recent_months"] == 0 and raw["recent_pace"] is None
    assert raw["status"] == "no_data" and raw["projected"] is None
    assert raw["projected_month_reached"] is None and raw["reached_after_deadline"] is False
    assert presentation.reached_text(raw, "nl") == "–"
    # As shown: the status is that of December 2005, the last complete month, as one block.
    shown = at(con, "AM08", "2006-06", "v_progress_stand")
    assert shown["status_month"] == dt.date(2005, 12, 1)
    assert (shown["status"], shown["projected"], shown["status_uncertain"]) == ("on_track", 2400, True)
    assert shown["projected_month_reached"] == dt.date(2006, 11, 1)   # Dec 2005 + ⌈1100 / 100⌉


def test_an_amended_target_is_judged_with_the_figures_of_its_own_month(con):
    # March 2006: the employers' desk did not deliver (partial), so the stand month is February,
    # when the target was still 1200. The card shows target 3000 (version 2, from 15-03-2006);
    # judged in February against 1200 it would say on track with P = 300 + 100 × 21 = 2400 < 3000.
    # So the status is taken at March itself: R = 4 × 50 + 3 × 50 = 350; the complete months
    # December … February give p = 100; P = 350 + 100 × 20 = 2350, α = 2350 / 3000.
    shown = at(con, "AM09", "2006-03", "v_progress_stand")
    assert (shown["stand_month"], shown["status_month"]) == (dt.date(2006, 2, 1), dt.date(2006, 3, 1))
    assert (shown["version"], shown["target_value"], shown["projected"]) == (2, 3000, 2350)
    assert shown["anticipated_ratio"] == pytest.approx(2350 / 3000)
    assert shown["status"] == "acceleration_needed" and shown["status_provisional"] is True
    assert shown["projected_month_reached"] == dt.date(2008, 6, 1)   # ⌈2650 / 100⌉ = 27 months on


def test_the_status_is_judged_on_the_projection_as_shown_in_whole_units(con):
    # 10, 10, 10, 10, 11 up to April 2006: R = 51, p = 10,2, N − k = 19: R + p × 19 = 244,8, shown
    # (and judged) as P = 245 = T: on track. The month follows: ⌈194 / 10,2⌉ = 20 would be one past
    # the deadline; the rule keeps it on the side of its status, November 2007.
    p = at(con, "AM11", "2006-04")
    assert (p["realised"], p["projected"], p["anticipated_ratio"]) == (51, 245, 1)
    assert p["status"] == "on_track" and p["status_uncertain"] is True      # low end 235 < T
    assert p["projected_month_reached"] == dt.date(2007, 11, 1) and p["reached_after_deadline"] is False


def test_the_schema_refuses_an_on_track_threshold_below_the_target(con):
    with pytest.raises(Exception, match="CHECK constraint"):
        con.execute("update status set min_ratio = 0.95 where code = 'on_track'")


def test_each_band_says_its_own_threshold(con):
    """The status table's descriptions (shown on Methode beside the bands written from min_ratio)
    name the same numbers as min_ratio, in both languages."""
    rows = con.execute("select code, min_ratio, description_nl, description_en from status "
                       "where kind = 'pace' and isfinite(min_ratio)").fetchall()
    assert {code for code, *_rest in rows} == {"on_track", "acceleration_needed", "limited_progress"}
    for code, min_ratio, nl, en in rows:
        own = re.compile(rf"(?<![\d.,]){min_ratio:.0%}")   # "60%", and "0%" not inside "60%"
        assert own.search(nl) and own.search(en), code
