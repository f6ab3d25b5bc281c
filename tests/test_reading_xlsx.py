"""XLSX reading in one pass (issue 11, part 4): what Excel shows in each cell, with rows
numbered as Excel numbers them."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl

from pipelines.file_content import Content
from pipelines.reading import read_table
from pipelines.xlsx import sheet_names, sheet_rows


def workbook_bytes(edit=None) -> bytes:
    """A workbook whose first sheet has formulas, a date, a gap of rows and a second sheet;
    `edit` rewrites the first sheet's XML as Excel would save it (with formula results)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["regio", "waarde", "periode", "opmerking"])
    sheet.append(["AM10", "=1+1", dt.date(2006, 3, 1), '=HYPERLINK("http://x.nl","AM10")'])
    sheet["A5"] = "AM11"
    book.create_sheet("tweede").append(["x"])
    buffer = io.BytesIO()
    book.save(buffer)
    if edit is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_a_formula_gives_its_saved_result_or_else_its_text():
    saved = workbook_bytes(lambda xml: xml.replace("<f>1+1</f><v />", "<f>1+1</f><v>2</v>"))
    rows = sheet_rows(Content("f.xlsx", saved))
    assert rows[1] == ("AM10", 2, dt.datetime(2006, 3, 1), '=HYPERLINK("http://x.nl","AM10")')
    assert sheet_rows(Content("f.xlsx", workbook_bytes()))[1][1] == "=1+1"   # never calculated


def test_a_shared_formula_without_results_reads_as_each_cell_s_own_formula():
    shared = workbook_bytes(lambda xml: xml.replace(
        '<c r="A5" t="inlineStr"><is><t>AM11</t></is></c>',
        '<c r="A5"><f t="shared" si="0" ref="A5:B5">B2*2</f></c>'
        '<c r="B5"><f t="shared" si="0"/></c>'))
    assert sheet_rows(Content("f.xlsx", shared))[4] == ("=B2*2", "=C2*2")


def test_inline_text_joins_its_rich_text_runs_and_leaves_out_phonetic_ones():
    rich = workbook_bytes(lambda xml: xml.replace(
        '<c r="A5" t="inlineStr"><is><t>AM11</t></is></c>',
        '<c r="A5" t="inlineStr"><is><r><rPr><b/></rPr><t>AM</t></r><r><t>11</t></r>'
        '<rPh sb="0" eb="1"><t>fonetisch</t></rPh></is></c><c t="inlineStr"><is><t/></is></c>'))
    assert sheet_rows(Content("f.xlsx", rich))[4] == ("AM11", "")


def test_rows_keep_the_numbers_excel_shows_and_other_sheets_are_named():
    content = Content("f.xlsx", workbook_bytes())
    assert [number for number, _ in read_table(content)] == [1, 2, 5]
    assert sheet_names(content) == ["Sheet", "tweede"]
    assert read_table(content, "tweede") == [(1, ["x"])]
