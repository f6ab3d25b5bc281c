"""v_progress against figures worked out by hand for Rivierenland (B = 290, T = 1200)."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from tests.helpers import build, write_csv


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """Built once for the module's tests, which only read it."""
    tmp_path = tmp_path_factory.mktemp("progress")
    inbox = tmp_path / "inbox"
    write_csv(inbox / "roc.csv", [
        "AM10;leerwerkplaatsen;nov 2005;99;roc;zorg;before signing: part of the baseline",
        "AM10;leerwerkplaatsen;dec 2005;40;roc;zorg;",
        "AM10;leerwerkplaatsen;dec 2005;20;roc;bouw;",
        "AM10;leerwerkplaatsen;2006-06;50;roc;zorg;",
        "AM10;evc_trajecten;2006-01;160;roc;zorg;",
    ])
    write_csv(inbox / "werkgevers.csv", ["AM10;leerwerkplaatsen;2007-01;30;werkgevers;techniek;"])
    con = duckdb.connect(str(build(tmp_path, inbox)), read_only=True)
    yield con
    con.close()


def test_realised_is_baseline_plus_realisations_after_the_baseline_month(warehouse):
    row = warehouse.execute(
        "select realised, achievement, as_of_month, realised_since_baseline from v_progress_stand "
        "where region = 'AM10' and indicator = 'leerwerkplaatsen' and as_of_month = '2007-01-01'"
    ).fetchone()
    # 290 + (40 + 20) + 50 + 30 = 430; November 2005 is already in the baseline.
    assert row[0] == 430
    assert row[1] == pytest.approx(430 / 1200)
    assert row[2] == dt.date(2007, 1, 1)
    assert row[3] == 140


def test_evc_and_a_target_without_realisations(warehouse):
    rows = dict(warehouse.execute("select indicator, realised from v_progress_stand "
                                  "where region = 'AM10' and as_of_month = '2007-01-01'").fetchall())
    assert rows == {"leerwerkplaatsen": 430, "evc_trajecten": 500}


def test_monthly_series_is_cumulative(warehouse):
    rows = warehouse.execute(
        "select as_of_month, realised from v_progress_monthly where region = 'AM10' and "
        "indicator = 'leerwerkplaatsen' and as_of_month in ('2005-11-01', '2005-12-01', "
        "'2006-05-01', '2006-06-01', '2007-01-01') order by 1").fetchall()
    assert [r[1] for r in rows] == [290, 350, 350, 400, 430]


def test_observations_of_a_region_without_target_do_not_appear(warehouse):
    # Only real targets are loaded here: AM01 has none, so it has no progress row.
    assert warehouse.execute("select count(*) from v_progress where region = 'AM01'").fetchone() == (0,)
