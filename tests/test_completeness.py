"""Completeness and provisional progress (sql/views/05_completeness.sql, 15_provisional.sql)
against small cases worked out by hand. A month a partner has not delivered is missing, never 0.

Rivierenland (AM10) leerwerkplaatsen: B = 290, T = 1200, 28-11-2005 → 28-11-2007. ROC reports
40 a month from December 2005; the employers' desk 10 a month from January 2006 but nothing
after April 2006. EVC: UWV reports 50 a month, December 2005 … June 2006, except March 2006.
"""
from __future__ import annotations

import datetime as dt

import pytest

from pipelines import reference, submissions, validation
from tests.helpers import month, staging, write_csv

MONTHS = ["2005-12", "2006-01", "2006-02", "2006-03", "2006-04", "2006-05", "2006-06"]


def load(con, tmp, name: str, rows: list[str]) -> None:
    path = write_csv(tmp / name, rows)
    sha = name.ljust(64, "0")
    validation.prepare(con)
    checked = validation.check(con, path, sha[:16])
    assert checked.errors == []
    submissions.record(con, path, sha, checked, False, "test", dt.datetime(2006, 7, 1))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("completeness")
    con = staging(tmp)
    rows = [f"AM10;leerwerkplaatsen;{m};40;roc;zorg;" for m in MONTHS]
    rows += [f"AM10;leerwerkplaatsen;{m};10;werkgevers;bouw;" for m in MONTHS[1:5]]
    rows += [f"AM10;evc_trajecten;{m};50;uwv;zorg;" for m in MONTHS if m != "2006-03"]
    load(con, tmp, "am10.csv", rows)
    return con


def one(con, sql: str, *params) -> dict:
    cursor = con.execute(sql, list(params))
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(columns, rows[0]))


def state(con, indicator: str, period: str) -> tuple:
    row = one(con, "select state, partners_delivered, partners_expected, partners_missing "
                   "from v_completeness where region = 'AM10' and indicator = ? and period = ?",
              indicator, month(period))
    return tuple(row.values())


def progress(con, indicator: str, as_of: str) -> dict:
    return one(con, "select * from v_progress_stand where region = 'AM10' and indicator = ? "
                    "and as_of_month = ?", indicator, month(as_of))


def test_default_rule_expects_a_partner_every_month_from_its_first_delivery_to_the_deadline(con):
    rows = con.execute("select partner, indicator, first_month, last_month, source from v_obligation "
                       "where region = 'AM10' order by all").fetchall()
    deadline = month("2007-11")
    assert rows == [("roc", "leerwerkplaatsen", month("2005-12"), deadline, "default"),
                    ("uwv", "evc_trajecten", month("2005-12"), deadline, "default"),
                    ("werkgevers", "leerwerkplaatsen", month("2006-01"), deadline, "default")]


def test_completeness_states_complete_partial_missing(con):
    assert state(con, "leerwerkplaatsen", "2006-04") == ("complete", 2, 2, [])
    assert state(con, "leerwerkplaatsen", "2006-05") == ("partial", 1, 2, ["werkgevers"])
    assert state(con, "leerwerkplaatsen", "2006-07") == ("missing", 0, 2, ["roc", "werkgevers"])
    assert state(con, "evc_trajecten", "2006-03") == ("missing", 0, 1, ["uwv"])


def test_status_pace_and_projection_rest_on_the_last_complete_month(con):
    shown = progress(con, "leerwerkplaatsen", "2006-06")
    stand = progress(con, "leerwerkplaatsen", "2006-04")
    # Realised includes what arrived for the incomplete months, and says so.
    assert shown["realised"] == 290 + 7 * 40 + 4 * 10
    assert shown["provisional"] and shown["months_incomplete"] == 2
    assert shown["month_state"] == "partial" and shown["month_partners_missing"] == ["werkgevers"]
    # Status, pace and projection are those of April 2006, the last complete month.
    assert shown["stand_month"] == month("2006-04")
    for column in ("status", "pace_ratio", "recent_pace", "projected", "projected_low"):
        assert shown[column] == stand[column], column
    assert shown["stand_realised"] == stand["realised"] == 290 + 5 * 40 + 4 * 10
    assert not stand["provisional"] and not shown["status_provisional"]


def test_a_month_not_delivered_never_counts_as_zero_in_the_pace(con):
    # EVC at June 2006: March is missing. The recent pace is 50 a month over the five complete
    # months (Jan, Feb, Apr, May, Jun), not 250 / 6 with March taken as 0.
    evc = progress(con, "evc_trajecten", "2006-06")
    # Leerwerkplaatsen at June 2006: May and June are partial (no employers' desk), so the pace
    # is 50 a month over January … April, not dragged down to (4 × 50 + 2 × 40) / 6.
    raw = one(con, "select recent_months, recent_pace from v_progress_monthly where region = 'AM10' "
                   "and indicator = 'leerwerkplaatsen' and as_of_month = ?", month("2006-06"))
    assert (raw["recent_months"], raw["recent_pace"]) == (4, 50)
    assert evc["recent_months"] == 5 and evc["recent_pace"] == 50
    # The gap in March makes every later figure provisional, the status included.
    assert evc["provisional"] and evc["status_provisional"] and evc["months_incomplete"] == 1
    assert evc["stand_month"] == month("2006-06")


def test_the_as_of_month_itself_complete_is_its_own_stand(con):
    april = progress(con, "leerwerkplaatsen", "2006-04")
    assert april["stand_month"] == month("2006-04") and not april["provisional"]
    assert april["month_state"] == "complete"


def test_after_the_deadline_the_stand_is_the_last_complete_month(con):
    late = progress(con, "leerwerkplaatsen", "2007-12")
    assert late["stand_month"] == month("2006-04")
    assert late["status"] != "not_achieved" and late["status_provisional"] is False
    assert late["provisional"] and late["months_incomplete"] == 19   # May 2006 … Nov 2007


def test_the_register_overrides_the_default_and_names_a_partner_that_never_delivered(tmp_path):
    con = staging(tmp_path)
    reference.insert_rows(con, "reporting_obligation", [
        {"programme": "lw2005", "region": "AM10", "partner": "gemeenten", "indicator": "evc_trajecten",
         "first_month": month("2006-01"), "last_month": month("2006-03"), "source": "test register"}])
    load(con, tmp_path, "uwv.csv", [f"AM10;evc_trajecten;{m};50;uwv;zorg;" for m in MONTHS[:3]])
    assert con.execute("select partner, last_month, source from v_obligation where region = 'AM10' "
                       "order by partner").fetchall() == [
        ("gemeenten", month("2006-03"), "register"), ("uwv", month("2007-11"), "default")]
    assert state(con, "evc_trajecten", "2006-02") == ("partial", 1, 2, ["gemeenten"])
    assert state(con, "evc_trajecten", "2005-12") == ("complete", 1, 1, [])


def test_late_partners_are_behind_the_due_month_since_the_month_after_their_last(con):
    rows = con.execute("select partner, months_behind, behind_since, last_delivered, indicators_behind, "
                       "months_missing, due_month from v_late_partners where region = 'AM10' "
                       "order by partner").fetchall()
    # One region reported June 2006: June is due. The employers' desk last delivered April.
    assert rows == [("uwv", 0, None, month("2006-06"), [], 1, month("2006-06")),
                    ("werkgevers", 2, month("2006-05"), month("2006-04"), ["leerwerkplaatsen"], 2,
                     month("2006-06"))]


def test_default_month_is_the_latest_month_complete_for_the_required_share(tmp_path):
    con = staging(tmp_path, demo_targets=True)
    rows = []
    for code in ("AM01", "AM02", "AM03", "AM05", "AM06"):   # five regions through March 2006
        rows += [f"{code};stages;{m};5;roc;zorg;" for m in MONTHS[:4]]
    rows += [f"AM0{i};stages;2006-04;5;roc;zorg;" for i in (1, 2, 3)]   # three of them in April
    rows += ["AM01;stages;2006-05;5;roc;zorg;"]                        # one early file for May
    load(con, tmp_path, "regions.csv", rows)
    current = one(con, "select * from v_current_month")
    # March: 5 of 5 complete. April: 3 of 5 (60 %). May: 1 of 5. With 80 % required: March.
    assert (current["as_of_month"], current["regions_complete"], current["regions_expected"],
            current["share_required"]) == (month("2006-03"), 5, 5, 0.8)
    con.execute("update setting set value = 0.6 where name = 'default_month_complete_share'")
    assert one(con, "select as_of_month from v_current_month")["as_of_month"] == month("2006-04")
    # The early May file for one region makes no one else late: May is not due yet.
    due = con.execute("select distinct due_month from v_late_partners").fetchall()
    assert due == [(month("2006-04"),)]


def test_observation_values_are_exact_decimals(con):
    assert con.execute("select data_type from information_schema.columns where table_name = 'observation' "
                       "and column_name = 'value'").fetchone() == ("DECIMAL(18,2)",)
