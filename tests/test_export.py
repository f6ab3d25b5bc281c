"""Exports never let a spreadsheet run a cell as a formula."""
from __future__ import annotations

import io

import openpyxl
import pytest

from dashboard.export import escape_cell, to_csv, to_xlsx


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"),
    ("+31 6", "'+31 6"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-44", "-44"), ("-1.234,5", "-1.234,5"), ("Rivierenland", "Rivierenland"), (1200, 1200),
])
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


def test_csv_is_semicolon_separated_with_bom_and_escaped():
    text = to_csv(["Regio", "Waarde"], [["=1+1", "1.200"]])
    assert text.startswith("\ufeff")
    assert text.splitlines()[1] == "'=1+1;1.200"


def test_xlsx_keeps_numbers_and_stores_formula_like_text_as_text():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(["Regio", "Doel"], [["=cmd|' /C calc'!A0", 1200]], "x")))
    cell_text, cell_number = book.active["A2"], book.active["B2"]
    assert cell_text.data_type == "s" and cell_text.value.startswith("'=")
    assert cell_number.value == 1200
