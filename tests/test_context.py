"""Expectations in context (issue 26): the context model against coefficients worked out by hand,
the expected figure as SQL over the stored coefficients, and the context file's intake.

Hand-computed case (a Poisson GLM with offset log(P / 10.000) and one 0/1 predictor has a closed
form: each group's rate is its total over its population):
    group 0: levels 10 and 30 on 10.000 and 30.000 people  → rate 40 / 4 = 10 per 10.000
    group 1: levels 20 and 60 on 10.000 and 20.000 people  → rate 80 / 3 per 10.000
    b0 = ln 10 = 2,302585;  b1 = ln(80/3 / 10) = ln(8/3) = 0,980829
    deviance D = 2·Σ[y·ln(y/μ) − (y − μ)] with μ = 10, 30, 80/3, 160/3 (group 0 fits exactly)
    null model: one rate 120 / 7 per 10.000;  pseudo-R² = 1 − D / D_null
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from pipelines import context, context_model
from tests.helpers import staging

LEVELS = np.array([10.0, 30.0, 20.0, 60.0])
POPULATION = np.array([10_000.0, 30_000.0, 10_000.0, 20_000.0])
GROUP = np.array([[0.0], [0.0], [1.0], [1.0]])


def deviance(y: list[float], mu: list[float]) -> float:
    return 2 * sum(a * math.log(a / m) - (a - m) for a, m in zip(y, mu))


def test_poisson_with_offset_matches_the_hand_computed_coefficients():
    result = context_model.fit(LEVELS, POPULATION, GROUP)
    assert result.estimate[0] == pytest.approx(math.log(10), abs=1e-6)
    assert result.estimate[1] == pytest.approx(math.log(8 / 3), abs=1e-6)
    assert result.ci_low[1] < result.estimate[1] < result.ci_high[1]
    d = deviance(LEVELS, [10, 30, 80 / 3, 160 / 3])
    d_null = deviance(LEVELS, [p / 10_000 * 120 / 7 for p in POPULATION])
    assert result.pseudo_r2 == pytest.approx(1 - d / d_null, abs=1e-6)


def test_leave_one_out_refits_without_the_region():
    # Without region 3 (level 20 on 10.000), group 1 is region 4 alone: 60 / 2 = 30 per 10.000.
    predicted = context_model.leave_one_out(LEVELS, POPULATION, GROUP)
    assert predicted[2] == pytest.approx(30, abs=1e-5)
    assert predicted[0] == pytest.approx(30 / 3, abs=1e-5)   # group 0 without region 1: 30 / 3


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    con = staging(tmp_path_factory.mktemp("context"), demo_targets=True)
    context.load_and_fit(con)   # the demo context, as a refresh loads it after the targets
    return con


def test_the_expected_figure_is_sql_over_the_stored_coefficients(con):
    b = dict(con.execute("select term, estimate from context_coefficient "
                         "where indicator = 'leerwerkplaatsen'").fetchall())
    x = con.execute("select unemployment_pct, bbl_per_100, bol_per_100, population_15_74 "
                    "from v_context_predictors where region = 'AM10' and year = 2005").fetchone()
    by_hand = math.exp(b["intercept"] + b["unemployment_pct"] * x[0] + b["bbl_per_100"] * x[1]
                       + b["bol_per_100"] * x[2])
    row = con.execute("select expected_per_10k, expected from v_context_expected "
                      "where region = 'AM10' and indicator = 'leerwerkplaatsen'").fetchone()
    assert row[0] == pytest.approx(by_hand)
    assert row[1] == pytest.approx(by_hand * x[3] / 10_000)


def test_the_model_is_stored_with_its_file_hash_and_fit_year(con):
    rows = con.execute("select indicator, status, fit_year, context_sha256 from context_fit "
                       "order by indicator").fetchall()
    sha = context.file_sha256(context.DEMO_CONTEXT)
    assert {r[2] for r in rows} == {2005} and {r[3] for r in rows} == {sha}
    # O&O spending starts at 0 everywhere: nothing to fit, so no figure and a reason.
    assert dict((r[0], r[1]) for r in rows)["oo_uitgaven_eur"] == "too_few"
    assert con.execute("select count(*) from context_loo where indicator = 'stages'").fetchone()[0] == 34


def test_a_region_with_too_little_data_gets_no_figure_and_a_reason(con):
    rows = dict(con.execute("select indicator, no_figure from v_context_expected "
                            "where region = 'AM38' and expected is null").fetchall())
    assert rows["leerwerkplaatsen"] == "incomplete_context"     # its MBO figures of 2005 are empty
    assert con.execute("select no_figure from v_context_expected where region = 'AM10' "
                       "and indicator = 'oo_uitgaven_eur'").fetchone()[0] == "no_model"


BAD = """region,year,population_15_74,unemployment_pct,mbo_bbl,mbo_bol,source,source_date
AM10,2005,186000,4.1,2900,6100,CBS,2006-12-31
AM99,2005,100000,4.0,10,10,CBS,2006-12-31
AM11,2005,0,140,-3,1.5,CBS,31-12-2006
AM10,2005,186000,,,,,2006-12-31
"""


def test_bad_context_rows_get_file_row_column_and_what_was_expected(con, tmp_path):
    path = tmp_path / "context.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(context.ContextFileError) as caught:
        context.load_context(con, path, is_demo=False)
    said = {(p.row, p.column): p.reason_en for p in caught.value.problems}
    assert said[(3, "region")].startswith("unknown region")
    assert said[(4, "population_15_74")] == "expected a number above 0"
    assert said[(4, "unemployment_pct")] == "expected a percentage from 0 to 100"
    assert said[(4, "mbo_bbl")] == "expected a number of 0 or more"
    assert said[(4, "mbo_bol")] == "expected a whole count (no decimals)"
    assert said[(4, "source_date")] == "expected a date, such as 2005-12-31"
    assert said[(5, "source")] == "a value (the cell is empty)"
    assert said[(5, "year")] == "duplicate: same region and year as row 2"
    english = "\n".join(line("en") for line in caught.value.said())
    assert "context.csv, row 4, column population_15_74 ('0'): expected a number above 0" in english
    assert con.execute("select count(*) from context where not is_demo").fetchone()[0] == 0


def test_a_context_file_without_a_column_is_refused_by_name(con, tmp_path):
    path = tmp_path / "context.csv"
    path.write_text("region,year,population_15_74\nAM10,2005,1000\n", encoding="utf-8")
    with pytest.raises(context.ContextFileError) as caught:
        context.load_context(con, path, is_demo=False)
    assert caught.value.said()[1]("en") == ("context.csv: required column 'unemployment_pct' is "
                                             "missing (columns: region, year, population_15_74)")


def test_refresh_refuses_a_bad_context_file_before_it_starts(tmp_path, monkeypatch):
    from regiomonitor import cli
    bad = tmp_path / "context.csv"
    bad.write_text(BAD, encoding="utf-8")
    monkeypatch.setattr(context, "REFERENCE_CONTEXT", bad)   # as a steward puts a new file there
    (tmp_path / "inbox").mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    with pytest.raises(SystemExit) as stopped:
        cli.main(["refresh", "--lang", "nl", "--warehouse", str(warehouse),
                  "--inbox", str(tmp_path / "inbox")])
    said = str(stopped.value.code)
    assert "context.csv, rij 4, kolom population_15_74 ('0'): verwacht een getal groter dan 0" in said
    assert "context.csv, rij 3, kolom region ('AM99'): onbekende regio" in said
    assert not warehouse.exists()
