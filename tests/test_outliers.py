"""Outliers judged per series (issue 23, item 5): a figure is compared with its own region ×
indicator × partner × sector, with a robust rule (median and MAD, a ratio to the median, a
least excess) whose parameters are reference data (data/reference/outlier_rules.csv), and
with a group when the series is too short (outlier_levels.csv). sql/pipelines/plausibility.sql.

The figures below are worked out by hand from that rule, with the parameters for counts:
k = 5 robust standard deviations (σ = 1,4826 · MAD), r = 5 × the median, d = 10 above it,
at least 3 other figures; limit = ⌊max(m + k·σ, r·m, m + d)⌋, held when value > limit.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from core.settings import REFERENCE_DIR
from core.sql_files import query_text
from pipelines import ingest, reference, review
from pipelines.loading import FileResult
from tests.helpers import query, write_csv
from tests.page_sweep import page, post

MONTHS_2006 = [f"2006-{m:02d}" for m in range(1, 13)]
# ROC's stages in AM10 for zorg, twelve months: sorted 6 7 8 8 9 9 9 9 10 10 11 12, median 9.
ZORG = [9, 8, 10, 9, 7, 11, 9, 12, 6, 9, 10, 8]
# With bouw at 10 and logistiek at 9 every month, ROC's monthly total is zorg + 19, median 28:
# the old rule (10 × the partner's median monthly total, 280) let 250 through.
BOUW, LOGISTIEK = 10, 9


def rows(sector: str, values: list[int], partner: str = "roc") -> list[str]:
    return [f"AM10;stages;{month};{value};{partner};{sector};" for month, value in zip(MONTHS_2006, values)]


@pytest.fixture
def roc_2006(published: Path, tmp_path: Path) -> Path:
    """AM10 · stages · ROC in 2006: zorg (median 9), bouw (10) and logistiek (9), published."""
    path = write_csv(tmp_path / "inbox" / "roc_2006.csv",
                     rows("zorg", ZORG) + rows("bouw", [BOUW] * 12) + rows("logistiek", [LOGISTIEK] * 12))
    [result] = ingest.ingest_files(published, [path])
    assert (result.status, result.warnings) == ("loaded", [])
    return published


def check(served: Path, folder: Path, lines: list[str], name: str = "jan_2007.csv") -> FileResult:
    """A dry run (`validate`) of one file: the warehouse stays as it is."""
    [result] = ingest.validate_files(served, [write_csv(folder / name, lines)])
    return result


def test_the_issues_spike_of_250_in_a_series_whose_median_is_9_is_held(roc_2006, tmp_path):
    totals = query(roc_2006, "select median(total) from (select period, sum(value) as total from observation "
                             "where partner = 'roc' group by period)")
    assert totals == [(28,)]      # the issue's 28: 250 is below 10 × 28, the old rule's limit
    path = write_csv(tmp_path / "inbox" / "jan_2007.csv", ["AM10;stages;2007-01;250;roc;zorg;",
                                                           "AM10;stages;2007-01;11;roc;bouw;",
                                                           "AM10;stages;2007-01;9;roc;logistiek;"])
    [result] = ingest.ingest_files(roc_2006, [path])
    assert result.change_counts["held"] == 1 and result.change_counts["added"] == 2
    # zorg with 250: 13 figures, median 9, |x − 9| sorted 0 0 0 0 1 1 1 1 2 2 3 3 241: MAD 1;
    # limit ⌊max(9 + 5 · 1,4826 · 1, 5 · 9, 9 + 10)⌋ = ⌊max(16,4, 45, 19)⌋ = 45
    [warning] = result.warnings
    assert (warning.row, warning.column, warning.value) == (2, "waarde", "250")
    assert warning.reason_nl == ("ongewoon hoog: meer dan 45, de grens voor de reeks AM10 · stages · "
                                 "ROC (beroepsonderwijs) · zorg (mediaan 9 van 13 cijfers); controleer het cijfer")
    assert warning.reason_en == ("unusually high: more than 45, the limit for the series AM10 · stages · "
                                 "ROC (vocational college) · zorg (median 9 of 13 figures); please check the figure")
    [held] = review.waiting_in(roc_2006)
    assert (held.change.sector, held.change.new_value) == ("zorg", 250)
    assert query(roc_2006, "select count(*) from observation where period = '2007-01-01'") == [(2,)]


@pytest.mark.parametrize(("value", "held"), [(45, False), (46, True), (20, False)])
def test_a_figure_at_the_limit_loads_and_one_above_it_is_held(roc_2006, tmp_path, value, held):
    # 45 or 46 in place of 250: still 13 figures, median 9, MAD 1, limit 45
    result = check(roc_2006, tmp_path, [f"AM10;stages;2007-01;{value};roc;zorg;"])
    assert result.status == "loaded"
    assert result.change_counts["held"] == int(held)
    assert [w.row for w in result.warnings] == ([2] if held else [])


def test_a_short_series_is_judged_against_the_partners_other_sectors(published, tmp_path):
    first = write_csv(tmp_path / "inbox" / "a.csv", rows("bouw", [BOUW] * 12) + rows("logistiek", [LOGISTIEK] * 12))
    ingest.ingest_files(published, [first])
    # ROC's first zorg figure: the series has no other, so ROC's stages in AM10 in every
    # sector: twelve 9s, twelve 10s and 60, median 10; |x − 10|: twelve 0s, twelve 1s, 50:
    # MAD 1; limit ⌊max(10 + 7,4, 50, 20)⌋ = 50
    [warning] = check(published, tmp_path, ["AM10;stages;2007-01;60;roc;zorg;"]).warnings
    assert warning.reason_nl == (
        "ongewoon hoog: meer dan 50, de grens voor alle sectoren van de partner samen, AM10 · stages · "
        "ROC (beroepsonderwijs), omdat de reeks zelf te kort is (mediaan 10 van 25 cijfers); "
        "controleer het cijfer")
    assert check(published, tmp_path, ["AM10;stages;2007-01;50;roc;zorg;"]).warnings == []


def test_a_new_partner_is_judged_against_its_sector_in_the_region(roc_2006, tmp_path):
    # Werkgevers have no stages in AM10 at all: all partners in zorg, that is ROC's twelve
    # and this one, sorted 6 7 8 8 9 9 9 9 10 10 11 12 60: median 9, MAD 1, limit 45
    [warning] = check(roc_2006, tmp_path, ["AM10;stages;2007-01;60;werkgevers;zorg;"]).warnings
    assert warning.reason_en == (
        "unusually high: more than 45, the limit for all partners in the sector together, AM10 · stages · "
        "zorg, as the series itself is too short (median 9 of 13 figures); please check the figure")


def test_a_whole_year_in_one_file_is_judged_against_itself(published, tmp_path):
    # eleven 9s and 250: median 9, MAD 0; limit ⌊max(9, 45, 19)⌋ = 45
    result = check(published, tmp_path, rows("zorg", [9] * 5 + [250] + [9] * 6))
    assert [(w.row, w.value) for w in result.warnings] == [(7, "250")]
    assert (result.change_counts["held"], result.change_counts["added"]) == (1, 11)


def test_an_approved_outlier_delivered_again_is_not_held_again(roc_2006, tmp_path):
    spike = ["AM10;stages;2007-01;250;roc;zorg;"]
    [approved] = ingest.ingest_files(roc_2006, [write_csv(tmp_path / "inbox" / "spike.csv", spike)],
                                     ingest.Options(approve_warnings=True))
    assert approved.change_counts["added"] == 1 and len(approved.warnings) == 1
    again = check(roc_2006, tmp_path, spike + ["AM10;stages;2007-02;9;roc;zorg;"], "again.csv")
    assert (again.warnings, again.change_counts["unchanged"], again.change_counts["added"]) == ([], 1, 1)


def test_the_parameters_are_the_reference_files(roc_2006, tmp_path):
    rules = {r["unit"]: r for r in reference.read_csv(REFERENCE_DIR / "outlier_rules.csv")}
    assert {k: float(v) for k, v in rules["aantal"].items() if k != "unit"} == {
        "min_history": 3, "mad_multiplier": 5, "median_ratio": 5, "min_excess": 10}
    assert query(roc_2006, "select unit, min_history, mad_multiplier, median_ratio, min_excess "
                           "from outlier_rule order by unit") == [
        (u, int(r["min_history"]), float(r["mad_multiplier"]), float(r["median_ratio"]),
         float(r["min_excess"])) for u, r in sorted(rules.items())]
    levels = reference.read_csv(REFERENCE_DIR / "outlier_levels.csv")
    assert [r["code"] for r in sorted(levels, key=lambda r: int(r["position"]))] == [
        "series", "partner", "sector", "region", "partner_kind"]
    # The rule reads the table: at r = 3 the limit for 40 is ⌊max(16,4, 27, 19)⌋ = 27.
    assert check(roc_2006, tmp_path, ["AM10;stages;2007-01;40;roc;zorg;"]).warnings == []
    with duckdb.connect(str(roc_2006)) as con:
        con.execute("update outlier_rule set median_ratio = 3 where unit = 'aantal'")
    [warning] = check(roc_2006, tmp_path, ["AM10;stages;2007-01;40;roc;zorg;"]).warnings
    assert warning.reason_en.startswith("unusually high: more than 27, the limit for the series")


def test_a_warehouse_from_before_the_outlier_tables_is_refreshed_first(published, tmp_path):
    with duckdb.connect(str(published)) as con:   # as a refresh before this rule left it
        con.execute("drop table outlier_level")
    path = write_csv(tmp_path / "inbox" / "x.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    for run in (ingest.validate_files, ingest.ingest_files):
        with pytest.raises(ingest.OutdatedWarehouse, match="regiomonitor refresh"):
            run(published, [path])


def test_methode_reads_the_parameters_from_the_same_tables(roc_2006):
    from dashboard import methode_outliers

    with duckdb.connect(str(roc_2006), read_only=True) as con:
        rules = con.execute(query_text("outlier_rules")).df()
        levels = con.execute(query_text("outlier_levels")).df()
    assert [methode_outliers.limit(r, "nl") for r in rules.itertuples()] == [
        "m + 5 × 1,4826 × MAD; 5 × m; m + 10", "m + 5 × 1,4826 × MAD; 5 × m; m + €\u00a01.000"]
    assert [methode_outliers.group(level, "nl") for _i, level in levels.iterrows()] == [
        "regio · partner · sector", "regio · partner", "regio · sector", "regio", "soort partner"]
    text = str(methode_outliers.section(rules, levels, "en", {"aantal": "count", "euro": "euro"}))
    assert "m + 5 × 1.4826 × MAD; 5 × m; m + 10" in text and "Other figures needed" in text


@pytest.mark.slow   # the demo warehouse served by gunicorn
def test_the_served_methode_page_shows_the_rule(served_app):
    status, body = post(served_app, page("/methode", "?lang=nl"))
    text = json.dumps(json.loads(body), ensure_ascii=False)
    assert status == 200
    assert "Uitschieters ter controle" in text and "m + 5 × 1,4826 × MAD; 5 × m; m + 10" in text
