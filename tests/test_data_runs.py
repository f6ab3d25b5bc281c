"""The Data page and the CLI read a run's counts from pipeline_run's columns: ingest runs show
their files and rows, and a partly loaded file counts as partial, never as rejected."""
from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import expect

from pipelines import ingest
from tests.helpers import write_csv

pytestmark = pytest.mark.slow   # serves its own app and drives it in Chromium


def test_ingest_runs_show_their_counts_on_the_data_page(browser, serve, published, tmp_path):
    good = write_csv(tmp_path / "new" / "goed.csv", ["AM10;stages;2006-03;5;roc;zorg;",
                                                      "AM10;stages;2006-04;6;roc;zorg;"])
    mixed = write_csv(tmp_path / "new" / "deels.csv", ["AM10;evc_trajecten;2006-03;5;uwv;zorg;",
                                                        "AM10;evc_trajecten;2006-04;vijf;uwv;zorg;"])
    bad = write_csv(tmp_path / "new" / "fout.csv", ["AM10;stages;2006-Q1;5;roc;zorg;"])
    ingest.ingest_files(published, [good, mixed, bad], ingest.Options(accept_valid_rows=True))
    ingest.ingest_files(published, [good])                       # the same file again: unchanged
    con = duckdb.connect(str(published), read_only=True)
    runs = con.execute("select files_loaded, files_partial, files_rejected, files_unchanged, "
                       "rows_loaded, rows_rejected, errors from pipeline_run where flow = 'ingest' "
                       "order by started_at").fetchall()
    files = con.execute("select file_name, status, rows_loaded, rows_rejected, errors from run_file "
                        "order by file_name, status").fetchall()
    con.close()
    assert runs == [(1, 1, 1, 0, 3, 2, 2), (0, 0, 0, 1, 0, 0, 0)]
    assert files == [("deels.csv", "partial", 1, 1, 1), ("fout.csv", "rejected", 0, 1, 1),
                     ("goed.csv", "loaded", 2, 0, 0), ("goed.csv", "unchanged", 0, 0, 0)]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        with serve(published) as url:
            page.goto(f"{url}/data")
            expect(page.locator("main h1")).to_be_visible(timeout=20_000)
            expect(page.locator("main")).to_contain_text("3 bestanden, naar de stand nu:")
            expect(page.locator("ul.state-counts li")).to_have_text(
                ["geladen: 1", "deels geladen: 1", "afgewezen: 1"])
            table = page.locator("table", has=page.locator("caption", has_text="runs"))
            rows = table.locator("tbody tr")
            expect(rows).to_have_count(3)                     # two ingests and the build
            shown = [[c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
                     for i in range(3)]
            counts = sorted(tuple(cells[3:11]) for cells in shown if cells[0] == "ingest")
            assert counts == [("0", "0", "0", "1", "0", "0", "0", "0"),     # loaded, partly, rejected,
                              ("1", "1", "1", "0", "3", "2", "2", "0")]     # unchanged; rows, errors
    finally:
        context.close()
