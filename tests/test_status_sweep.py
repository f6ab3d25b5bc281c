"""Issue 23's sweep: on the demo warehouse, for all 35 regions × 4 indicators × every as-of month,
no status contradicts its projection or its "doel bereikt in" text — in the views, in what
`regiomonitor progress` prints for every region, and on the region page, the comparison and
(tests/test_phone_print.py) the printed factsheet. The rule itself: sql/views/10_progress.sql;
hand-computed cases: tests/test_status_rule.py."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd
import pytest

from core import presentation
from core.formats import fmt_amount
from dashboard import ids
from regiomonitor.cli import main
from tests.helpers import TableText
from tests.page_sweep import page, post, ranking
from tests.status_consistency import (
    PACE,
    cli_cards,
    components_where,
    contradiction,
    page_cards,
    status_code,
    texts_of,
)

# Every way a row can contradict itself; each row found is a defect. `{view}` is one of VIEWS.
CONTRADICTIONS = """
with rows as (
    select *, cast(date_trunc('month', deadline) as date) as deadline_month,
        (select code from status where kind = 'pace' and min_ratio <= anticipated_ratio
         order by min_ratio desc limit 1) as band
    from {view}
)
select region, indicator, as_of_month, status, projected, target_value, projected_month_reached,
    reached_after_deadline, status_uncertain
from rows
where (status = 'on_track' and not (projected >= target_value and projected_month_reached <= deadline_month
                                    and not reached_after_deadline))
   or (status in ('acceleration_needed', 'limited_progress', 'deterioration')
       and not (projected < target_value and (projected_month_reached is null
                                              or projected_month_reached > deadline_month)))
   or (status in (select code from status where kind = 'pace') and status <> band)
   or reached_after_deadline <> coalesce(projected_month_reached > deadline_month, false)
   or (status = 'achieved' and (realised < target_value or month_reached is null
                                or projected_month_reached is not null))
   or (status = 'no_data' and (projected_month_reached is not null or recent_months > 0))
   or status_uncertain <> (status in (select code from status where kind = 'pace')
                           and (projected_low is null
                                or (projected_low < target_value and projected_high >= target_value)))
limit 20
"""
VIEWS = ("v_progress_monthly", "mv_progress_monthly")


@pytest.fixture(scope="module")
def con(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    yield con
    con.close()


def months(con) -> list[dt.date]:
    return [m for (m,) in con.execute("select distinct as_of_month from mv_progress_monthly "
                                      "order by 1").fetchall()]


def test_the_sweep_covers_every_region_indicator_and_month(con):
    series = con.execute("select region, indicator, count(*) from mv_progress_monthly "
                         "group by all").fetchall()
    assert len({r for r, _i, _n in series}) == 35 and len({i for _r, i, _n in series}) == 4
    assert len(series) == 35 * 4
    assert {n for _r, _i, n in series} == {len(months(con))} == {37}   # Nov 2005 … Nov 2008


@pytest.mark.parametrize("view", VIEWS)
def test_no_status_contradicts_its_projection_or_its_month(con, view):
    assert con.execute(CONTRADICTIONS.format(view=view)).fetchall() == []


def test_every_card_says_status_and_reached_in_alike(con):
    frame = con.execute("select p.*, i.unit from mv_progress_monthly as p "
                        "join indicator as i on i.code = p.indicator").df()
    wrong = []
    for row in frame.itertuples():
        for lang in ("nl", "en"):
            said = contradiction(row.status, fmt_amount(row.projected, row.unit, lang),
                                 fmt_amount(row.target_value, row.unit, lang),
                                 presentation.reached_text(row, lang), lang)
            if said:
                wrong.append((row.region, row.indicator, row.as_of_month, said))
    assert wrong == [] and len(frame) == 35 * 4 * 37


def test_rivierenland_o_and_o_in_march_2007_is_not_on_track(con):
    # Issue 23's case. O&O-uitgaven, B = € 0, T = € 1.650.000, 16 of 24 months. The six months
    # October 2006 … March 2007 (all complete): 91.867,70 + 60.339,61 + 43.884,49 + 89.149,13
    # + 81.549,08 + 70.640,06 = 437.430,07, p = 72.905,01. R = € 1.065.547,38.
    # P = 1.065.547,38 + 8 × 72.905,01 = 1.648.787,47 → € 1.648.787 < T: α = 99,93 %.
    # T is reached ⌈584.452,62 / 72.905,01⌉ = 9 months on: December 2007, after the deadline.
    row = con.execute("select * from mv_progress_monthly where region = 'AM10' "
                      "and indicator = 'oo_uitgaven_eur' and as_of_month = '2007-03-01'").df().iloc[0]
    assert row["realised"] == pytest.approx(1_065_547.38)
    assert row["recent_months"] == 6 and row["recent_pace"] == pytest.approx(437_430.07 / 6)
    assert row["projected"] == 1_648_787
    assert row["anticipated_ratio"] == pytest.approx(1_648_787 / 1_650_000)
    assert row["status"] == "acceleration_needed"                # was: on track (ρ = 96,9 %)
    assert row["status_uncertain"]                               # the interval contains T
    assert row["projected_low"] < 1_650_000 <= row["projected_high"]
    assert row["projected_month_reached"] == pd.Timestamp(2007, 12, 1) and row["reached_after_deadline"]


def test_the_cli_says_no_card_on_course_whose_projection_misses(con, capsys, demo_warehouse):
    """`regiomonitor progress` for every region at the default month, and for Rivierenland at
    every month: every column's status agrees with its projection and "doel bereikt in"."""
    regions = [code for (code,) in con.execute("select code from region order by 1").fetchall()]
    runs = [[code] for code in regions] + [["AM10", "--month", m.strftime("%Y-%m")] for m in months(con)]
    wrong, seen = [], set()
    for region, *month in runs:
        main(["progress", "--warehouse", str(demo_warehouse), "--region", region, *month])
        for card in cli_cards(capsys.readouterr().out, "nl"):
            code = status_code(card["status"], "nl")
            seen.add(code)
            said = contradiction(code, card["projected"], card["target"], card["reached"], "nl")
            if said:
                wrong.append((region, month, said))
    assert wrong == []
    assert {"on_track", "acceleration_needed", "achieved"} <= seen


def test_the_cli_prints_rivierenland_o_and_o_as_the_views_decide(capsys, demo_warehouse):
    main(["progress", "--warehouse", str(demo_warehouse), "--region", "AM10", "--month", "2007-03"])
    oo = cli_cards(capsys.readouterr().out, "nl")[3]
    assert oo == {"status": "Versnelling nodig (onzeker)", "projected": "€\xa01.648.787",
                  "target": "€\xa01.650.000", "reached": "dec 2007 (verwacht, na de termijn)"}


def router_tree(served_app: str, path: str, search: str) -> object:
    """The page a reader sees at path?search, as the page router returns it."""
    status, body = post(served_app, page(path, search))
    assert status == 200
    return json.loads(body)["response"]["_pages_content"]["children"]


@pytest.mark.slow   # posts to the served app
def test_region_pages_say_what_the_views_decide(con, served_app):
    """A few region × month combinations, the issue's case first, then a card of every status."""
    picks = [("AM10", dt.date(2007, 3, 1))] + con.execute(
        "select arg_min(region, region || as_of_month), arg_min(as_of_month, region || as_of_month) "
        "from mv_progress_monthly where as_of_month between '2006-02-01' and '2007-10-01' "
        "group by status order by status").fetchall()
    for region, month in picks:
        for lang in ("nl", "en"):
            cards = page_cards(router_tree(served_app, f"/regio/{region}",
                                           f"?month={month:%Y-%m}&lang={lang}"), lang)
            assert len(cards) == 4, (region, month)
            rows = con.execute("select p.*, s.label_nl, s.label_en from mv_progress_monthly as p "
                               "join status as s on s.code = p.status where region = ? "
                               "and as_of_month = ?", [region, month]).df()
            for row in rows.itertuples():
                card = cards[row.indicator]
                assert card["code"] == row.status == status_code(card["status"], lang)
                assert card["status"].endswith(presentation.status_text(
                    row, {row.status: getattr(row, f"label_{lang}")}, lang, short=False))
                assert contradiction(row.status, card["projected"], card["target"], card["reached"],
                                     lang) is None, (region, month, card)
    oo = page_cards(router_tree(served_app, "/regio/AM10", "?month=2007-03"), "nl")["oo_uitgaven_eur"]
    assert oo["status"] == "► Versnelling nodig (onzeker)"
    assert oo["reached"] == "december 2007 (verwacht, na de termijn)"


# The ranking's columns (dashboard/pages/vergelijken.py COLUMNS): region, anticipated progress, status.
REGION, ALPHA, STATUS = 1, 9, 10


@pytest.mark.slow   # posts to the served app
@pytest.mark.parametrize("month", ["2006-06", "2007-03"])
def test_the_comparison_ranks_with_the_same_status_and_anticipated_progress(con, served_app, month):
    """Vergelijken: every region's status is the one the views decided, said alike, and on track
    exactly when its anticipated progress α (the column beside it) is at least 100%."""
    as_of = dt.date.fromisoformat(month + "-01")
    labels = dict(con.execute("select code, label_nl from status").fetchall())
    for indicator in ("leerwerkplaatsen", "oo_uitgaven_eur"):
        status, body = post(served_app, ranking(month, "nl", indicator))
        assert status == 200
        rows = TableText(json.loads(body)["response"][ids.CMP_RANKING]["data-html"]).rows
        assert len(rows) == 35
        views = con.execute("select p.*, r.name as region_name from mv_progress_monthly p join region r "
                            "on r.code = p.region where indicator = ? and as_of_month = ?",
                            [indicator, as_of]).df().set_index("region_name")
        for shown in rows:
            decided = views.loc[shown[REGION]]
            assert shown[STATUS] == presentation.status_text(decided, labels, "nl", as_of=as_of, symbol=True)
            if decided["status"] in PACE:   # α as the table shows it, "142,3%"
                alpha = float(shown[ALPHA].rstrip("%").replace(".", "").replace(",", "."))
                assert (decided["status"] == "on_track") == (alpha >= 100), shown


@pytest.mark.slow   # posts to the served app
def test_the_provisional_note_names_the_month_the_status_rests_on(con, served_app):
    """A provisional card whose status is taken at the as-of month itself (reached, or a target
    amended since the last complete month) does not say it rests on the last complete month."""
    picks = con.execute(
        "select status, arg_min(region, as_of_month), min(as_of_month), arg_min(indicator, as_of_month), "
        "arg_min(stand_month, as_of_month) from mv_progress_monthly "
        "where provisional and status_month <> stand_month group by status order by status").fetchall()
    assert [status for status, *_rest in picks] == ["acceleration_needed", "achieved"]
    for status, region, month, indicator, stand in picks:
        tree = router_tree(served_app, f"/regio/{region}", f"?month={month:%Y-%m}")
        [card] = components_where(tree, lambda props: props.get("id") == f"card-{indicator}")
        note = " ".join(t for t in texts_of(card) if t.startswith("Voorlopig:"))
        assert "de laatste complete maand." not in note, note
        assert ("Het doel is bereikt" if status == "achieved" else "gewijzigd") in note, note
