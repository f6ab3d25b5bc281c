"""Data's revisions list, a page of 100 at a time like the submissions (issue 27, page ready):
newest first, ?revisions_page=N kept within the first and last page, a named navigation whose
links keep the other list's page. The real app runs in process on a copy of the demo warehouse
into which a partner's correction of AM10_roc.csv (every one of its 153 figures one higher) was
ingested by the real pipeline; the browser's page-open request is posted to it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.settings import DEMO_DIR
from tests.helpers import TableText, page_render, query
from tests.status_consistency import components_where
from tests.test_methode import client, find, post, text  # noqa: F401 (client: a fixture)

CORRECTED = DEMO_DIR / "inbox" / "AM10_roc.csv"


def corrected_rows() -> list[list[str]]:
    """The demo's AM10_roc.csv, each figure one higher: the file a partner sends to correct it."""
    lines = CORRECTED.read_text(encoding="utf-8").splitlines()
    return [[*cells[:3], str(int(cells[3]) + 1), *cells[4:6], "correctie"]
            for cells in (line.split(";") for line in lines[1:])]


@pytest.fixture(scope="module")
def served(demo_warehouse, tmp_path_factory) -> Path:
    """A copy of the demo warehouse after the correction was ingested (153 revisions) and a
    wrong file rejected (150 rejected rows). The app (tests/test_methode.py's client) serves
    this one."""
    from pipelines import ingest

    folder = tmp_path_factory.mktemp("revisions")
    warehouse = Path(shutil.copyfile(demo_warehouse, folder / "warehouse.duckdb"))
    inbox = folder / "inbox"
    inbox.mkdir()
    correction = inbox / "AM10_roc_correctie.csv"
    correction.write_text("regio;indicator;periode;waarde;partner;sector;opmerking\n" +
                          "".join(";".join(row) + "\n" for row in corrected_rows()), encoding="utf-8")
    [result] = ingest.ingest_files(warehouse, [correction])
    assert result.change_counts["replaced"] == 153
    wrong = inbox / "AM10_fout.csv"   # 150 rows with a region that does not exist: 150 rejected rows
    wrong.write_text("regio;indicator;periode;waarde;partner;sector;opmerking\n" +
                     "".join(f"XX{n:03d};stages;2006-03;5;uwv;zorg;\n" for n in range(150)), encoding="utf-8")
    [result] = ingest.ingest_files(warehouse, [wrong])
    assert (result.status, result.rows_rejected) == ("rejected", 150)
    return warehouse


def data_page(client, search: str) -> object:
    return post(client, page_render("/data", search))["_pages_content"]["children"]


def revisions_table(page: object) -> TableText:
    """The revisions table as the browser draws it from the page's one static-table component."""
    [static] = components_where(find(page, "revisies"), lambda props: props.get("className") == "static-html")
    return TableText(static["props"]["data-html"])


def pager_links(section: dict) -> dict[str, str]:
    """The pager's links in a section: words → address."""
    nav = next(part for part in section["props"]["children"] if part and part["type"] == "Nav")
    return {text(a): a["props"]["href"] for a in nav["props"]["children"] if a and a["type"] == "A"}


def test_revisions_show_100_a_page_newest_first(client):
    first = data_page(client, "?lang=nl")
    table = revisions_table(first)
    assert table.caption == ("Cijfers die een later bestand verving of introk: "
                             "1 tot en met 100 van 153, nieuwste eerst")
    page_one = table.rows
    assert len(page_one) == 100
    section = find(first, "revisies")
    assert "Pagina 1 van 2" in text(section)
    assert pager_links(section) == {"Oudere revisies →": "/data?revisions_page=2&lang=nl#revisies"}
    assert find(first, "aanleveringen") is not None

    second = data_page(client, "?revisions_page=2&lang=nl")
    table = revisions_table(second)
    assert table.caption.endswith("101 tot en met 153 van 153, nieuwste eerst")
    page_two = table.rows
    assert len(page_two) == 53
    assert pager_links(find(second, "revisies")) == {"← Nieuwere revisies": "/data?lang=nl#revisies"}
    # The submissions' pager keeps the revisions' page, and the other way round.
    assert pager_links(find(second, "aanleveringen")) == {
        "Oudere bestanden →": "/data?submissions_page=2&revisions_page=2&lang=nl#aanleveringen"}

    # Together the two pages are every figure of the file, each once, old value → one higher.
    expected = sorted((row[1], row[4], row[5], row[3]) for row in corrected_rows())
    shown = [(r[1], r[3], r[4], r[6]) for r in page_one + page_two]   # indicator, partner, sector, new
    assert sorted(shown) == expected
    assert all(int(r[6]) == int(r[5]) + 1 and r[8] == "AM10_roc_correctie.csv" for r in page_one + page_two)


@pytest.mark.parametrize("asked, shown", [("99999", 53), ("0", 100), ("-1", 100), ("abc", 100),
                                          ("²", 100), ("9" * 50, 100)])
def test_a_revisions_page_out_of_range_or_not_a_number_is_kept_within_the_pages(client, asked, shown):
    assert len(revisions_table(data_page(client, f"?revisions_page={asked}&lang=nl")).rows) == shown


def test_revisions_pager_in_english(client):
    page = data_page(client, "?revisions_page=2&lang=en")
    assert revisions_table(page).caption == (
        "Figures a later file replaced or withdrew: 101 to 153 of 153, newest first")
    section = find(page, "revisies")
    assert "Page 2 of 2" in text(section)
    assert pager_links(section) == {"← Newer revisions": "/data?lang=en#revisies"}


def source_rows_table(page: object) -> TableText:
    [static] = components_where(find(page, "bronregels"), lambda props: props.get("className") == "static-html")
    return TableText(static["props"]["data-html"])


def test_a_files_source_rows_show_100_a_page_and_the_pager_keeps_the_file(client, served):
    """A file's own page lists its rows a page at a time (a registry extract has tens of
    thousands; 7.781 rows were a 6,5 MB page): ?rows_page=N, kept within the first and last
    page, its links keeping the file. Together the pages are every row, each once, in order."""
    [(file_id,)] = query(served, "select id from submission where file_name = 'AM10_roc_correctie.csv'")
    first = data_page(client, f"?submission={file_id}&lang=nl")
    table = source_rows_table(first)
    assert table.caption == ("Bronregels 1 tot en met 100 van 153 zoals de partner ze aanleverde "
                             "(rijnummers als in Excel)")
    section = find(first, "bronregels")
    assert "Pagina 1 van 2" in text(section)
    assert pager_links(section) == {"Volgende regels →": f"/data?submission={file_id}&rows_page=2&lang=nl#bronregels"}
    second = data_page(client, f"?submission={file_id}&rows_page=2&lang=nl")
    assert pager_links(find(second, "bronregels")) == {"← Vorige regels": f"/data?submission={file_id}&lang=nl#bronregels"}
    rows = table.rows + source_rows_table(second).rows
    assert [int(r[0]) for r in rows] == list(range(2, 155))   # Excel rows 2..154: below the header
    assert [(r[2], r[4], r[5], r[6]) for r in rows] == [(c[1], c[4], c[5], c[3]) for c in corrected_rows()]
    for asked, shown in [("99999", 53), ("0", 100), ("abc", 100), ("9" * 50, 100)]:
        page = data_page(client, f"?submission={file_id}&rows_page={asked}&lang=nl")
        assert len(source_rows_table(page).rows) == shown
    english = source_rows_table(data_page(client, f"?submission={file_id}&rows_page=2&lang=en"))
    assert english.caption == "Source rows 101 to 153 of 153 as the partner delivered them (row numbers as in Excel)"


def test_a_small_files_source_rows_need_no_pager(client, served):
    [(file_id,)] = query(served, "select id from submission where file_name = 'AM12_oo_fondsen.csv'")
    page = data_page(client, f"?submission={file_id}&lang=nl")
    table = source_rows_table(page)
    assert table.caption == "Bronregels zoals de partner ze aanleverde (rijnummers als in Excel)"
    assert not [part for part in find(page, "bronregels")["props"]["children"] if part and part["type"] == "Nav"]


def test_the_rejected_rows_show_100_a_page_and_keep_the_other_lists_pages(client):
    """Every failing cell of a partner file is a rejected row: one wrong file of 50.000 rows made
    the public Data page that long. A page of 100, by file and row, like the other lists."""
    def rejected(page: object) -> TableText:
        [static] = components_where(find(page, "afgewezen-regels"),
                                    lambda props: props.get("className") == "static-html")
        return TableText(static["props"]["data-html"])
    first = data_page(client, "?revisions_page=2&lang=nl")
    table = rejected(first)
    assert table.caption == "Elke afgewezen regel met de reden: 1 tot en met 100 van 150"
    assert [r[0] for r in table.rows] == ["AM10_fout.csv"] * 100
    assert [r[1] for r in table.rows] == [str(n) for n in range(2, 102)]
    assert pager_links(find(first, "afgewezen-regels")) == {
        "Volgende regels →": "/data?revisions_page=2&rejected_page=2&lang=nl#afgewezen-regels"}
    second = data_page(client, "?rejected_page=2&lang=nl")
    assert [r[1] for r in rejected(second).rows] == [str(n) for n in range(102, 152)]
    assert pager_links(find(second, "afgewezen-regels")) == {
        "← Vorige regels": "/data?lang=nl#afgewezen-regels"}
    assert pager_links(find(second, "revisies")) == {   # the revisions' pager keeps it
        "Oudere revisies →": "/data?revisions_page=2&rejected_page=2&lang=nl#revisies"}
    assert len(rejected(data_page(client, "?rejected_page=abc&lang=nl")).rows) == 100
    english = rejected(data_page(client, "?rejected_page=2&lang=en"))
    assert english.caption == "Every rejected row with its reason: 101 to 150 of 150"
    assert "(alleen voor databeheerders)" in [r[3] for r in table.rows]   # the values stay hidden


def test_a_wrong_files_own_page_shows_its_rejected_rows_100_a_page(client, served):
    [(file_id,)] = query(served, "select id from submission where file_name = 'AM10_fout.csv'")
    page = data_page(client, f"?submission={file_id}&lang=nl")
    section = find(page, "afgewezen-regels")
    [static] = components_where(section, lambda props: props.get("className") == "static-html")
    table = TableText(static["props"]["data-html"])
    assert table.caption == "Elke afgewezen regel met de reden: 1 tot en met 100 van 150"
    assert [r[0] for r in table.rows] == [str(n) for n in range(2, 102)]
    assert pager_links(section) == {
        "Volgende regels →": f"/data?submission={file_id}&rejected_page=2&lang=nl#afgewezen-regels"}
    assert find(page, "bronregels") is None   # a rejected file contributed no rows
    second = find(data_page(client, f"?submission={file_id}&rejected_page=2&lang=nl"), "afgewezen-regels")
    [static] = components_where(second, lambda props: props.get("className") == "static-html")
    assert [r[0] for r in TableText(static["props"]["data-html"]).rows] == [str(n) for n in range(102, 152)]
