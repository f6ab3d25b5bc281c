"""The scenario of issue 10, end to end: one valid early file (an August 2007 figure for one
partner in one region) ingested into the demo warehouse by the real `ingest` flow leaves the
default month, every region's status and every partner's backlog as they were, and marks that
region's newest month provisional; a region whose partners are three months behind says
"voorlopig" and names them, on the served page and in `regiomonitor progress`."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from pipelines.flows import ingest
from regiomonitor import cli
from tests.helpers import write_csv
from tests.page_sweep import page, post, sweep, tracebacks

AT_DEFAULT = ("select p.region, p.indicator, p.status, p.realised, p.provisional, p.stand_month "
              "from mv_progress_monthly as p join mv_current_month as c using (programme, as_of_month) "
              "order by all")


def rows(path, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def early(prefect_harness, demo_warehouse, tmp_path_factory):
    """A copy of the demo warehouse before and after ingesting one early file."""
    tmp = tmp_path_factory.mktemp("early")
    before = tmp / "before.duckdb"
    shutil.copy(demo_warehouse, before)
    after = tmp / "after.duckdb"
    shutil.copy(demo_warehouse, after)
    path = write_csv(tmp / "inbox" / "AM10_roc_augustus.csv",
                     ["AM10;leerwerkplaatsen;aug 2007;12;roc;zorg;vroeg aangeleverd"])
    results = ingest([str(path)], warehouse_path=str(after))
    assert [r.status for r in results] == ["loaded"]
    return before, after


def test_the_default_month_and_every_status_stay_as_they_were(early):
    before, after = early
    current = "select as_of_month, regions_complete, regions_expected from mv_current_month"
    assert rows(after, current) == rows(before, current)
    assert str(rows(after, current)[0][0]) == "2007-03-01"
    assert rows(after, AT_DEFAULT) == rows(before, AT_DEFAULT)


def test_nobody_else_becomes_late_because_one_partner_is_early(early):
    before, after = early
    late = "select * from mv_late_partners order by all"
    assert rows(after, late) == rows(before, late)


def test_that_regions_newest_month_is_provisional(early):
    _, after = early
    newest = rows(after, "select provisional, month_state, month_partners_delivered, "
                         "month_partners_expected, stand_month < as_of_month from mv_progress_monthly "
                         "where region = 'AM10' and indicator = 'leerwerkplaatsen' "
                         "and as_of_month = '2007-08-01'")
    assert newest == [(True, "partial", 1, 4, True)]   # roc of roc, werkgevers, gemeenten, registers


def test_cli_marks_provisional_figures_and_names_late_partners(early, capsys):
    _, after = early
    cli.main(["progress", "--warehouse", str(after), "--region", "AM10", "--month", "2007-08"])
    out = capsys.readouterr().out
    assert "(v)" in out and "voorlopig: bevat maanden" in out and "Stand per" in out
    cli.main(["progress", "--warehouse", str(after), "--region", "AM29", "--month", "2007-06",
              "--lang", "en"])
    out = capsys.readouterr().out
    assert "(p)" in out and "Behind: ROC (vocational college) 3 months behind, since Apr 2007" in out


@pytest.mark.slow
def test_served_pages_after_the_early_file(early, serve):
    # The reproduction: /vergelijken and /regio/AM29 went blank after this file.
    _, after = early
    with serve(after) as url:
        failures = sweep(url, [page("/vergelijken"), page("/vergelijken", "?month=2007-08&lang=en"),
                               page("/regio/AM29"), page("/regio/AM29", "?month=2007-08"),
                               page("/regio/AM10", "?month=2007-08"), page("/")])
        status, region = post(url, page("/regio/AM29", "?month=2007-06"))
        _, default = post(url, page("/regio/AM29"))
    assert failures == []
    assert tracebacks(after.parent) == []
    assert status == 200
    # Three months behind: provisional, and the partners named with the month they fell behind.
    for body in (region, default):
        assert "voorlopig" in body
        assert "ROC (beroepsonderwijs): 3 maand(en) achter, sinds april 2007" in body
    assert "1.479 (voorlopig)" in region     # AM29's leerwerkplaatsen in June 2007, as reported
