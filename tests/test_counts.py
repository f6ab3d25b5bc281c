"""One definition per count (issue 23, item 3): partners behind (v_partner_delivery,
v_late_counts), provisional figures (v_progress_stand.provisional) and the figures changed since
the previous publication (figure_change), each against a small case worked out by hand; then
the demo warehouse: the Data page's and the region page's numbers are the same definition
wherever they appear, and one page-level check on the served Data page."""
from __future__ import annotations

import json

import duckdb
import pytest

from core.formats import fmt_amount
from pipelines import ingest
from tests import page_sweep
from tests.helpers import TableText, build, month, page_rows, query, write_csv
from tests.status_consistency import components_where


def stages_target(region: str) -> dict:
    return {"programme": "lw2005", "region": region, "indicator": "stages", "version": 1,
            "valid_from": "2005-11-28", "baseline_value": 0, "baseline_date": "2005-11-28",
            "target_value": 1000, "deadline": "2007-11-28", "source": "test", "note": None,
            "is_demo": True}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Three regions, December 2005 … March 2006, 5 a month each (stages targets 0 → 1000):
    AM01 roc Dec–Jan, werkgevers Dec–Mar; AM02 roc Dec–Feb, uwv (EVC) Dec–Mar; AM03 werkgevers
    Dec, Feb, Mar (January missing). Every region reported March, so March is due (at least 25 %
    of the 3 regions). Every partner is expected from its first month (the default rule)."""
    tmp = tmp_path_factory.mktemp("counts")
    inbox = tmp / "inbox"
    write_csv(inbox / "am01.csv", [*(f"AM01;stages;{m};5;roc;zorg;" for m in ("2005-12", "2006-01")),
                                   *(f"AM01;stages;{m};5;werkgevers;bouw;"
                                     for m in ("2005-12", "2006-01", "2006-02", "2006-03"))])
    write_csv(inbox / "am02.csv", [*(f"AM02;stages;{m};5;roc;zorg;" for m in ("2005-12", "2006-01", "2006-02")),
                                   *(f"AM02;evc_trajecten;{m};5;uwv;zorg;"
                                     for m in ("2005-12", "2006-01", "2006-02", "2006-03"))])
    write_csv(inbox / "am03.csv", [f"AM03;stages;{m};5;werkgevers;bouw;" for m in ("2005-12", "2006-02", "2006-03")])
    path = build(tmp, inbox, targets=[stages_target(r) for r in ("AM01", "AM02", "AM03")])
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_partners_behind_counted_once_by_hand(small):
    # Behind at March 2006: AM01 roc (last January: 2 months, since February) and AM02 roc (1,
    # since March): 2 pairs, 1 distinct partner. AM03 werkgevers is up to date but misses January.
    [counts] = page_rows(small, "data_late_counts", programme="lw2005")
    assert counts == {"due_month": month("2006-03"), "pairs": 5, "pairs_behind": 2, "partners_behind": 1,
                      "pairs_gaps_only": 1, "pairs_listed": 3}
    listed = {(r["region"], r["partner"]): (r["behind"], r["months_behind"], r["behind_since"], r["months_missing"])
              for r in page_rows(small, "data_late_partners", programme="lw2005")}
    assert listed == {("AM01", "roc"): (True, 2, month("2006-02"), 2),
                      ("AM02", "roc"): (True, 1, month("2006-03"), 1),
                      ("AM03", "werkgevers"): (False, 0, None, 1)}
    fresh = {(r["region"], r["partner"]): (r["months_behind"], r["behind"])
             for r in page_rows(small, "data_freshness", programme="lw2005")}
    assert fresh == {("AM01", "roc"): (2, True), ("AM01", "werkgevers"): (0, False),
                     ("AM02", "roc"): (1, True), ("AM02", "uwv"): (0, False),
                     ("AM03", "werkgevers"): (0, False)}


def test_provisional_figures_counted_once_by_hand(small):
    # March 2006, stages: AM01 misses roc in February and March (2 months), AM02 roc in March,
    # AM03 werkgevers in January: 3 provisional regions. AM02's EVC is complete.
    def shown(as_of: str, indicator: str = "stages") -> list[dict]:
        return page_rows(small, "map_progress", programme="lw2005", indicator=indicator, month=month(as_of))
    march = {r["region"]: r for r in shown("2006-03") if r["status"] is not None}
    assert {r: (p["provisional"], p["realised"]) for r, p in march.items()} == {
        "AM01": (True, 30), "AM02": (True, 15), "AM03": (True, 15)}
    assert {r["regions_provisional"] for r in shown("2006-03")} == {3}
    months = dict(small.execute("select region, months_incomplete from mv_progress_monthly where "
                                "indicator = 'stages' and as_of_month = '2006-03-01'").fetchall())
    assert months == {"AM01": 2, "AM02": 1, "AM03": 1}
    assert {r["regions_provisional"] for r in shown("2006-01")} == {1}                   # AM03 only
    assert {r["regions_provisional"] for r in shown("2006-03", "evc_trajecten")} == {0}  # no EVC target but AM10's


def test_changed_figures_counted_once_by_hand(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest.ingest_files(published, [write_csv(inbox / "a.csv", [
        "AM10;stages;2006-01;30;ROC Rivor;;", "AM10;stages;2006-02;31;ROC Rivor;;",
        "AM10;evc_trajecten;2006-01;12;UWV;;"])])
    ingest.ingest_files(published, [write_csv(inbox / "b.csv", [
        "AM10;stages;2006-01;32;ROC Rivor;;",            # replaces 30
        "AM10;stages;2006-03;33;ROC Rivor;;",            # new
        "AM10;evc_trajecten;2006-01;intrekken;UWV;;"])])  # withdraws 12
    # The latest publication changed 3 figures; every place that counts them says 3.
    [(stored,)] = query(published, "select figures_changed from publication order by id desc limit 1")
    con = duckdb.connect(str(published), read_only=True)
    try:
        listed = page_rows(con, "publication_changes", region=None)
        in_region = page_rows(con, "publication_changes", region="AM10")
    finally:
        con.close()
    assert stored == len(listed) == len(in_region) == 3
    assert {(r["period"], r["old_value"], r["new_value"]) for r in listed} == {
        (month("2006-01"), 30, 32), (month("2006-03"), None, 33), (month("2006-01"), 12, None)}


# The demo warehouse: every page's number is the single definition's.

@pytest.fixture(scope="module")
def demo(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    yield con
    con.close()


def test_data_page_counts_partners_behind_one_way(demo):
    [counts] = page_rows(demo, "data_late_counts", programme="lw2005")
    fresh = page_rows(demo, "data_freshness", programme="lw2005")
    late = page_rows(demo, "data_late_partners", programme="lw2005")
    behind = {(r["region"], r["partner"]) for r in late if r["behind"]}
    assert {(r["region"], r["partner"]) for r in fresh if r["behind"]} == behind
    assert {(r["region"], r["partner"]) for r in fresh if r["months_behind"] > 0} == behind
    assert counts["pairs_behind"] == len(behind) and counts["pairs_listed"] == len(late)
    assert counts["pairs"] == len(fresh)
    assert counts["partners_behind"] == len({partner for _region, partner in behind})
    assert counts["pairs_gaps_only"] == len([r for r in late if not r["behind"]])
    assert 0 < counts["partners_behind"] < counts["pairs_behind"] < counts["pairs_listed"]


def test_region_page_says_the_same_months_behind_twice(demo):
    """"Late deliveries" and "Freshness per partner" on the region page: one months_behind."""
    for (region,) in demo.execute("select code from region").fetchall():
        fresh = {r["partner"]: r["months_behind"]
                 for r in page_rows(demo, "region_freshness", region=region, programme="lw2005")}
        for r in page_rows(demo, "region_late_partners", region=region, programme="lw2005"):
            assert fresh[r["partner"]] == r["months_behind"], (region, r["partner"])
            assert r["behind"] == (r["months_behind"] > 0)


def page_tree(served_app: str, path: str, search: str = "") -> dict:
    """The page's layout as the Dash router sends it."""
    status, body = page_sweep.post(served_app, page_sweep.page(path, search))
    assert status == 200
    return json.loads(body)


def page_text(served_app: str, path: str, search: str = "") -> str:
    """The page's layout as the Dash router sends it, with its texts."""
    return json.dumps(page_tree(served_app, path, search), ensure_ascii=False)


@pytest.mark.slow
def test_data_and_region_pages_show_the_single_counts(served_app, demo):
    [counts] = page_rows(demo, "data_late_counts", programme="lw2005")
    data = page_text(served_app, "/data")
    said = (f"{counts['pairs_behind']} regio-partnerparen lopen achter: niet elke indicator die ze "
            f"verschuldigd zijn, is geleverd tot en met juni 2007. Verschillende partners met "
            f"achterstand: {counts['partners_behind']}.")
    assert data.count(said) == 2               # the freshness summary and the list of late partners
    assert f"De lijst telt {counts['pairs_listed']} rijen" in data
    markup = contributions_table(served_app, "/regio/AM10", "?month=2007-03")
    cards = page_rows(demo, "region_progress", region="AM10", programme="lw2005", month=month("2007-03"))
    # The contributions' total rows, in the table's order (indicators by code): the cards' R − B,
    # in bold.
    totals = [row[3] for row in TableText(markup).rows if row[2] == "Totaal: toename sinds de uitgangswaarde"]
    assert totals == [fmt_amount(c["realised"] - c["baseline_value"], c["unit"], "nl")
                      for c in sorted(cards, key=lambda c: c["indicator"])]
    assert totals[1] == "882" and totals[2] == "€\xa01.065.547"   # not 989 and € 1.132.931 (issue 23)
    assert all(f'<td class="num"><strong>{total}</strong></td>' in markup for total in totals)


def contributions_table(served_app: str, path: str, search: str) -> str:
    """The HTML of the region page's contributions table (components.static_table), as the router
    sends it."""
    tree = page_tree(served_app, path, search)["response"]["_pages_content"]["children"]
    [section] = components_where(tree, lambda props: props.get("className") == "contributions")
    [static] = components_where(section, lambda props: props.get("className") == "static-html")
    return static["props"]["data-html"]
