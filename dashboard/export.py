"""Exports of exactly what a table shows, safe to open in a spreadsheet.

A cell that starts with =, +, - or @ (and is not a plain number) would be run as a
formula by Excel or LibreOffice (CSV injection); such cells get a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import re

import openpyxl
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[\d.,]+%?")


def escape_cell(value: object) -> object:
    """The value, or the value prefixed with ' when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(headers: list[str], rows: list[list]) -> str:
    """Semicolon-separated, as Dutch Excel expects, with every cell escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in headers])
    writer.writerows([[escape_cell(c) for c in row] for row in rows])
    return "\ufeff" + buffer.getvalue()  # a BOM so Excel reads UTF-8


def to_xlsx(headers: list[str], rows: list[list], sheet: str) -> bytes:
    """One sheet; numbers stay numbers, text is escaped and never stored as a formula."""
    workbook = openpyxl.Workbook()
    write_sheet(workbook.active, headers, rows)
    workbook.active.title = sheet[:31]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(ws, headers: list[str], rows: list[list]) -> None:
    """Header row and data rows, every text cell stored as text."""
    ws.append([escape_cell(h) for h in headers])
    for row in rows:
        ws.append([escape_cell(c) for c in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, even if it starts with '='
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(str(header)) + 2)
