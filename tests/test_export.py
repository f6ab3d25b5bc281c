"""Exports (issue 15, part 3): never a formula from a cell; the ranking as a StatLine-style XLSX
with context rows, number formats, a frozen bold filtered header and a telling file name; the
region page's per-chart CSV and PNG."""
from __future__ import annotations

import io
import urllib.error
import urllib.request
import zipfile

import duckdb
import openpyxl
import pytest
from playwright.sync_api import expect

from dashboard.export import escape_cell, to_csv, write_sheet


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"),
    ("+31 6", "'+31 6"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    # OWASP's rule in full (issue 25): control characters, leading spaces, full-width signs
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), ("\n=1+1", "'\n=1+1"), ("\0x", "'\0x"),
    (" =1+1", "' =1+1"), ("   @SUM(A1)", "'   @SUM(A1)"), ("\u00a0+1", "'\u00a0+1"),
    ("\uff1d1+1", "'\uff1d1+1"), ("\uff0b1", "'\uff0b1"), ("\uff0dA1", "'\uff0dA1"),
    ("\uff20SUM(A1)", "'\uff20SUM(A1)"), (" \uff1dcmd", "' \uff1dcmd"), ("-", "'-"),
    # plain numbers, negative ones too, are no formulas and stay as they are
    ("-44", "-44"), ("-1.234,5", "-1.234,5"), ("-3%", "-3%"), (" -5", " -5"),
    ("Rivierenland", "Rivierenland"), ("a=b", "a=b"), ("", ""), (1200, 1200), (-5, -5), (None, None),
])
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


def test_csv_is_semicolon_separated_with_bom_and_escaped():
    text = to_csv(["Regio", "Waarde"], [["=1+1", "1.200"], ["\uff1dcmd", "-5"]])
    assert text.startswith("\ufeff")
    assert text.splitlines()[1:] == ["'=1+1;1.200", "'\uff1dcmd;-5"]


def to_xlsx(headers: list[str], rows: list[list]) -> bytes:
    """One sheet written by the exports' write_sheet (moved here from dashboard/export.py:
    only this test wrote a bare sheet)."""
    workbook = openpyxl.Workbook()
    write_sheet(workbook.active, headers, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMULA_LIKE = ["=cmd|' /C calc'!A0", " =1+1", "\uff1d1+1", "\t@SUM(A1)", "\n-2+3", "+31 6"]


def test_xlsx_keeps_numbers_and_stores_formula_like_text_as_text_without_an_apostrophe():
    """Each formula-like text is a text cell with Excel's quote prefix (the apostrophe is not part
    of the value, so nobody sees it), and the sheet has no formula at all; numbers, negative
    ones too, stay numbers and plain text carries no quote prefix."""
    content = to_xlsx(["Regio", "Doel", "Verschil"], [[text, 1200, -5] for text in FORMULA_LIKE]
                      + [["Rivierenland", 1, -1.5]])
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    for row, text in enumerate(FORMULA_LIKE, start=2):
        cell = ws.cell(row, 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True), text
        assert (ws.cell(row, 2).value, ws.cell(row, 3).value) == (1200, -5)
        assert ws.cell(row, 3).data_type == "n"
    assert not ws["A8"].quotePrefix and not ws["A1"].quotePrefix and ws["C8"].value == -1.5
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "'=" not in sheet and "&apos;=" not in sheet


def statline_sheet():
    from dashboard.export import Column, statline_xlsx
    content = statline_xlsx("Rangorde: Stages", [("Programma", "Leren & Werken"), ("Bron", "=bad()")],
                            [Column("Code"), Column("Regio"), Column("Gerealiseerd", "int"),
                             Column("% van doel", "pct"), Column("Uitgaven", "euro")],
                            [["AM10", "Rivierenland", 1200, 0.977, 1065547], ["AM01", "Groningen", None, None, 0]],
                            "rangorde")
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_statline_xlsx_has_title_context_and_a_frozen_filtered_bold_header():
    ws = statline_sheet()
    assert ws["A1"].value == "Rangorde: Stages" and ws["A1"].font.bold
    assert (ws["A2"].value, ws["B2"].value) == ("Programma", "Leren & Werken")
    assert (ws["B3"].value, ws["B3"].quotePrefix) == ("=bad()", True)      # context escaped too
    assert ws["A4"].value is None                                           # a blank row
    assert [c.value for c in ws[5]] == ["Code", "Regio", "Gerealiseerd", "% van doel", "Uitgaven"]
    assert all(c.font.bold for c in ws[5])
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref == "A5:E7"


def test_statline_xlsx_stores_numbers_with_number_formats():
    ws = statline_sheet()
    assert (ws["C6"].value, ws["C6"].number_format) == (1200, "#,##0")
    assert (ws["D6"].value, ws["D6"].number_format) == (0.977, "0.0%")
    assert ws["E6"].number_format == "€ #,##0"
    assert ws["C7"].value is None and ws["A6"].data_type == "s"


@pytest.mark.parametrize("parts, name", [
    (("leerwerkplaatsen", "2007-03", "rangorde"), "regiomonitor_leerwerkplaatsen_2007-03_rangorde.xlsx"),
    (("AM10", "O&O fund / 2007", "../x"), "regiomonitor_am10_o-o-fund-2007_x.xlsx")])
def test_file_names_say_what_is_in_them_and_are_safe(parts, name):
    from dashboard.export import file_name
    assert file_name(*parts, ext="xlsx") == name


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ranking_xlsx_reads_like_statline(page, served_app, lang):
    from tests.test_dashboard_pages import download, ready

    ready(page, f"{served_app}/vergelijken?indicator=oo_uitgaven_eur&month=2007-01&lang={lang}")
    name, content = download(page, "Download Excel (XLSX)")
    assert name == f"regiomonitor_oo_uitgaven_eur_2007-01_{'rangorde' if lang == 'nl' else 'ranking'}.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    values = list(ws.iter_rows(values_only=True))
    context = {row[0]: row[1] for row in values[1:] if row[0] and row[1]}
    if lang == "nl":
        assert values[0][0].startswith("Regiomonitor – rangorde") and "O&O-uitgaven" in values[0][0]
        assert context["Programma"] == "Leren & Werken 2005–2007"
        assert context["Indicator"] == "O&O-uitgaven" and context["Stand per maand"] == "januari 2007"
        assert context["Eenheid"].startswith("euro's")
        assert context["Gegevens"].startswith("demonstratiedata")
        assert context["Bron"].startswith("Regiomonitor: aanleveringen") and "gedownload" in context["Bron"]
    else:
        assert context["Programme"] == "Leren & Werken 2005–2007" and context["Source"].startswith("Regiomonitor")
    header = next(i for i, row in enumerate(values) if row[1] in ("Code",)) + 1
    assert ws.freeze_panes == f"A{header + 1}" and ws.auto_filter.ref.startswith(f"A{header}:")
    assert all(cell.font.bold for cell in ws[header])
    headers = [c.value for c in ws[header]]
    pct = ws.cell(header + 1, headers.index("% van doel" if lang == "nl" else "Share of target") + 1)
    realised = ws.cell(header + 1, 4)
    assert isinstance(pct.value, float) and pct.number_format == "0.0%"
    assert isinstance(realised.value, int | float) and realised.number_format == "€ #,##0"
    assert len(values) - header == 35
    assert not any(ch in str(v) for row in values for v in row for ch in "▁▂▃▄▅▆▇█")   # no block trend
    assert {v[1] for v in values[header:]} >= {"AM10", "AM01"}                      # the CBS codes


@pytest.mark.slow
def test_a_region_chart_downloads_its_data_as_csv(served_app, demo_warehouse):
    url = f"{served_app}/export/regio/AM10/leerwerkplaatsen.csv?programme=lw2005&month=2007-03&lang=nl"
    with urllib.request.urlopen(url, timeout=30) as response:
        disposition = response.headers["Content-Disposition"]
        rows = [line.split(";") for line in response.read().decode("utf-8-sig").splitlines()]
    assert disposition == 'attachment; filename="regiomonitor_am10_leerwerkplaatsen_2007-03.csv"'
    assert rows[0] == ["Maand", "Gerealiseerd (cumulatief)", "Maand volledig aangeleverd"]
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        (realised,) = con.execute("select realised from mv_progress_monthly where region = 'AM10' and "
                                  "programme = 'lw2005' and indicator = 'leerwerkplaatsen' and "
                                  "as_of_month = date '2007-03-01'").fetchone()
    finally:
        con.close()
    assert rows[-1][0] == "mrt 2007" and rows[-1][1] == f"{int(realised):,}".replace(",", ".")
    for bad in ("AM99/leerwerkplaatsen.csv?programme=lw2005&month=2007-03",
                "AM10/nope.csv?programme=lw2005&month=2007-03", "AM10/stages.csv?programme=lw2005&month=x"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{served_app}/export/regio/{bad}", timeout=30)
        assert err.value.code == 404


@pytest.mark.slow
def test_region_cards_offer_csv_and_a_named_png(page, served_app):
    from tests.test_dashboard_pages import ready

    ready(page, f"{served_app}/regio/AM10?month=2007-03")
    link = page.get_by_role("link", name="Gegevens van de grafiek EVC-trajecten (CSV)")
    assert link.get_attribute("href") == ("/export/regio/AM10/evc_trajecten.csv?programme=lw2005"
                                          "&month=2007-03&lang=nl")
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == "regiomonitor_am10_evc_trajecten_2007-03.csv"
    options = page.locator("#card-evc_trajecten .js-plotly-plot").evaluate("gd => gd._context.toImageButtonOptions")
    assert options == {"format": "png", "scale": 2, "filename": "regiomonitor_am10_evc_trajecten_2007-03"}
    page.locator("#card-evc_trajecten .js-plotly-plot").hover()
    camera = page.locator("#card-evc_trajecten .modebar-btn[data-title='Download plot as a PNG']")
    expect(camera).to_be_visible()
    with page.expect_download() as png:   # drawn through a blob: image, under the page's CSP
        camera.click()
    assert png.value.suggested_filename == "regiomonitor_am10_evc_trajecten_2007-03.png"
    with open(png.value.path(), "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"
