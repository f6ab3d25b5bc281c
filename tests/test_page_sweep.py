"""No blank page, ever (issue 10): every page for every region × every programme month × both
languages through the real served app, the page router and the page callbacks, each a 200
with a rendered page and no traceback in the server log. Also on a warehouse with regions
without targets, without data, and with a single data point."""
from __future__ import annotations

import json

import duckdb
import pytest

from core.texts import _
from dashboard.components import ERROR_MESSAGE
from tests.helpers import build, write_csv
from tests.page_sweep import boundary, comparison, log_sizes, map_view, page, post, ranking, sweep, tracebacks

pytestmark = pytest.mark.slow   # every test posts to a served app (gunicorn)

LANGS = ("nl", "en")


def months_and_regions(warehouse) -> tuple[list[str], list[str]]:
    """Every month a reader can choose (the month dropdown's list), and every region code."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        months = [m.strftime("%Y-%m") for (m,) in con.execute(
            "select as_of_month from v_as_of_months as m join programme as p on p.code = m.programme "
            "where as_of_month <= greatest(date_trunc('month', p.end_date), "
            "(select as_of_month from mv_current_month)) order by 1").fetchall()]
        regions = [code for (code,) in con.execute("select code from region order by code").fetchall()]
    finally:
        con.close()
    return months, regions


def calls_for(months: list[str], regions: list[str]) -> list:
    """Every page and callback in both languages, with and without a month in the address."""
    calls = [page(path, f"?lang={lang}") for path in ("/", "/vergelijken", "/methode", "/data")
             for lang in LANGS]
    calls += [page(f"/regio/{code}", f"?lang={lang}") for code in regions for lang in LANGS]
    for m, month in enumerate(months):
        for lang in LANGS:
            calls += [page("/", f"?month={month}&lang={lang}"),
                      page("/vergelijken", f"?month={month}&lang={lang}&regions={','.join(regions[:4])}"),
                      map_view(month, lang), ranking(month, lang), comparison(month, lang, regions[:4])]
        # every region in every month, the language alternating (each region gets both):
        # the strings are the same for every month, the figures are not
        calls += [page(f"/regio/{code}", f"?month={month}&lang={LANGS[(m + r) % 2]}")
                  for r, code in enumerate(regions)]
    calls += [boundary(code, months[-1], lang, view) for code in regions for lang in LANGS
              for view in ("signing", "current")]
    return calls


# ~1,300 requests, about 2 minutes on 2 shared cores: in PARTS tests of every PARTS-th call each
# (together every call), so that on a busy machine no one test nears pytest's 600 s timeout
# (the whole sweep in one test passed it at load average 20, 7 Dec).
PARTS = 4


@pytest.mark.slow
@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_region_month_and_language_renders(served_app, demo_warehouse, part):
    months, regions = months_and_regions(demo_warehouse)
    assert len(regions) == 35 and months[0] == "2005-11" and months[-1] == "2007-11"
    calls = calls_for(months, regions)
    assert len(calls) > 35 * 25
    before = log_sizes(demo_warehouse.parent)
    assert sweep(served_app, calls[part::PARTS]) == []
    assert tracebacks(demo_warehouse.parent, since=before) == []


def test_the_router_response_is_the_page_a_reader_sees(served_app):
    status, body = post(served_app, page("/regio/AM29", "?month=2007-06"))
    assert status == 200
    assert "Noord-Limburg" in body and "voorlopig" in body


@pytest.fixture(scope="module")
def sparse_app(tmp_path_factory, serve):
    """Real targets only (Rivierenland); Rivierenland with one data point, AM01 with data but no
    target, every other region with neither."""
    tmp = tmp_path_factory.mktemp("sparse")
    inbox = tmp / "inbox"
    write_csv(inbox / "one.csv", ["AM10;leerwerkplaatsen;2006-03;12;roc;zorg;"])
    write_csv(inbox / "untargeted.csv", ["AM01;stages;2006-02;7;roc;zorg;",
                                         "AM01;stages;2006-03;9;roc;zorg;"])
    warehouse = build(tmp, inbox)
    with serve(warehouse) as url:
        yield url, warehouse


def test_regions_without_targets_data_or_an_interval_render(sparse_app):
    url, warehouse = sparse_app
    months, _ = months_and_regions(warehouse)
    calls = calls_for(months, ["AM01", "AM02", "AM10"])
    assert sweep(url, calls) == []
    assert tracebacks(warehouse.parent) == []


def test_a_failing_callback_shows_a_message_and_logs_why(sparse_app):
    # Runs after the sparse sweep above (same server): an indicator no page offers makes the
    # map's redraw fail. The reader gets the Dutch and English message in the page's error
    # region, the outputs stay as they were, and the traceback is in the server log.
    url, warehouse = sparse_app
    broken = map_view("2006-03", "nl", indicator="no-such-indicator")
    before = log_sizes(warehouse.parent)
    status, body = post(url, broken)
    assert status == 200
    update = json.dumps(json.loads(body)["sideUpdate"], ensure_ascii=False)
    assert "callback-error" in update
    assert _(ERROR_MESSAGE, "nl") in update and _(ERROR_MESSAGE, "en") in update
    assert tracebacks(warehouse.parent, since=before) != []
