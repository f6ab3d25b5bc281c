"""One presentation layer (issue 15, part 8): a status with its uncertainty and "target reached
in" are said by core/presentation.py alone, the same in the CLI report and on the pages;
readable chart axes and scales (part 6)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from core import presentation
from dashboard import figures
from dashboard.progress_report import progress_report
from dashboard.status_style import PROGRESS_SCALE

STATUSES = {"on_track": "Op koers", "achieved": "Doel bereikt"}


def row(**values: object) -> pd.Series:
    base = {"status": "on_track", "status_uncertain": False, "status_provisional": False,
            "status_month": dt.date(2007, 3, 1), "as_of_month": dt.date(2007, 3, 1),
            "projected_month_reached": None, "reached_after_deadline": False,
            "month_reached": None}
    return pd.Series(base | values)


def test_status_says_its_uncertainty_in_words_and_a_symbol():
    assert presentation.status_text(row(), STATUSES, "nl") == "Op koers"
    text = presentation.status_text(row(status_uncertain=True, status_provisional=True,
                                        status_month=dt.date(2007, 1, 1)), STATUSES, "nl", symbol=True)
    assert text == "▲ Op koers (onzeker, voorlopig, stand per jan 2007)"
    assert presentation.status_text(row(status=None), STATUSES, "en") == "no target"
    # pd.NA in a yes/no column is "no", never an exception (issue 10)
    assert presentation.status_text(row(status_uncertain=pd.NA), STATUSES, "nl") == "Op koers"


def test_target_reached_in_has_one_rule():
    reached = row(status="achieved", month_reached=dt.date(2007, 2, 1))
    assert presentation.reached_text(reached, "nl", short=True) == "feb 2007"   # when, not "–"
    assert presentation.reached_text(reached, "en") == "February 2007"
    # Nothing to project, said by the status of the same row: deadline passed, no pace, not started
    for status in ("not_achieved", "no_data", "not_started"):
        assert presentation.reached_text(row(status=status), "nl") == "–"
    assert presentation.reached_text(row(), "nl") == "niet in dit tempo"
    late = row(projected_month_reached=dt.date(2008, 2, 1), reached_after_deadline=True)
    assert presentation.reached_text(late, "nl") == "februari 2008 (verwacht, na de termijn)"
    assert presentation.reached_text(late, "en", short=True) == "Feb 2008 (expected, after the deadline)"
    ahead = row(projected_month_reached=dt.date(2007, 4, 1), reached_after_deadline=False)
    assert presentation.reached_text(ahead, "nl") == "april 2007 (verwacht)"   # not yet a fact


def test_the_cli_report_says_status_as_the_pages_do(demo_warehouse):
    import duckdb

    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        first = con.execute("select p.*, s.label_nl from mv_progress_monthly as p join status as s "
                            "on s.code = p.status where region = 'AM10' and as_of_month = "
                            "(select as_of_month from mv_current_month) order by indicator limit 1").df().iloc[0]
    finally:
        con.close()
    expected = presentation.status_text(first, {first["status"]: first["label_nl"]}, "nl")
    assert expected in progress_report(demo_warehouse, "AM10")


def test_axes_in_dutch():
    ticks = figures.number_axis(1_400, "nl")
    assert "1.500" in ticks["ticktext"] and ticks["range"][1] >= 1_400
    assert figures.number_axis(1_400_000, "nl")["ticktext"] == ["0", "0,5\xa0mln.", "1\xa0mln.", "1,5\xa0mln."]
    months = figures.month_axis(dt.date(2005, 11, 28), dt.date(2007, 11, 28), "nl")
    # Level labels, the year under the month (issue 26: tilted labels overlap on a phone).
    assert months["ticktext"][0] == "nov<br>2005" and months["tickangle"] == 0
    four = figures.month_axis(dt.date(2005, 11, 28), dt.date(2007, 11, 28), "en", 4)   # 25 months, steps of 7
    assert four["ticktext"] == ["Nov<br>2005", "Jun<br>2006", "Jan<br>2007", "Aug<br>2007"]


def test_names_break_only_after_slashes_and_underscores():
    from dash import html

    from dashboard.components import breakable

    parts = breakable("Zaanstreek/Waterland")
    assert parts[0] == "Zaanstreek/" and isinstance(parts[1], html.Wbr) and parts[2] == "Waterland"
    assert [p for p in breakable("AM10_oo_fondsen.csv") if isinstance(p, str)] == ["AM10_", "oo_", "fondsen.csv"]
    assert breakable("Rivierenland") == ["Rivierenland"]


def test_progress_scale_is_darker_for_higher_values_and_never_white():
    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    levels = [luminance(colour) for _, colour in PROGRESS_SCALE]
    assert levels == sorted(levels, reverse=True)
    assert PROGRESS_SCALE[0][1].lower() not in ("#ffffff", "#fff")


def test_names_break_at_the_same_places_in_a_static_table():
    from dashboard.components import breakable_markup

    assert breakable_markup("Zaanstreek/Waterland") == "Zaanstreek/<wbr>Waterland"
    assert breakable_markup("AM10_<b>&.csv") == "AM10_<wbr>&lt;b&gt;&amp;.csv"   # escaped, then cut
    assert breakable_markup("Rivierenland") == "Rivierenland"


def test_a_static_table_is_the_accessible_table_with_every_text_escaped():
    from dashboard.components import Cell, link_markup, static_table

    box = static_table("Caption & <i>", ["Regio", "Aantal"],
                       [[link_markup("A<b>", "/regio/X?lang=nl&a=1"), "1.200"],
                        [Cell("Tiel", row_header=True), Cell("0/3", "cov-none")],
                        [link_markup("f.csv", "/data?submission=1", app=False), "<script>"]],
                       numeric={1}, table_id="t", phone_hidden={0})
    assert (box.role, box.tabIndex, getattr(box, "aria-label")) == ("region", "0", "Caption & <i>")
    assert box.children.className == "static-html"
    assert getattr(box.children, "data-html") == (
        '<table class="data-table" id="t"><caption>Caption &amp; &lt;i&gt;</caption>'
        '<thead><tr><th scope="col" class="phone-hidden">Regio</th><th scope="col" class="num">Aantal</th></tr></thead>'
        '<tbody><tr><td class="phone-hidden"><a href="/regio/X?lang=nl&amp;a=1" data-app-link="">A&lt;b&gt;</a></td>'
        '<td class="num">1.200</td></tr>'
        '<tr><th scope="row" class="phone-hidden">Tiel</th><td class="num cov-none">0/3</td></tr>'
        '<tr><td class="phone-hidden"><a href="/data?submission=1">f.csv</a></td><td class="num">&lt;script&gt;</td></tr>'
        '</tbody></table>')
