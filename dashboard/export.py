"""Exports of what a table shows, safe to open in a spreadsheet, laid out like CBS StatLine's:
a title and context rows (what, which month, which measure, demo or not, source and date), then a
bold, frozen, filterable header and the figures as numbers with Excel number formats.

A cell that starts with =, +, - or @ (and is not a plain number) would be run as a
formula by Excel or LibreOffice (CSV injection); such cells get a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import openpyxl
from openpyxl.styles import Font, PatternFill
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


# Excel number formats per kind of column; Excel shows them in the reader's locale (1.200 and
# 97,7% in a Dutch Excel). Percentages are stored as fractions (0.977), as Excel expects.
NUMBER_FORMATS = {"int": "#,##0", "dec": "#,##0.0", "pct": "0.0%", "euro": "€ #,##0", "text": "@"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Column:
    """One column of a StatLine-style sheet: its header and how its numbers are formatted."""

    header: str
    kind: str = "text"   # a key of NUMBER_FORMATS


def statline_xlsx(title: str, context: list[tuple[str, str]], columns: list[Column], rows: list[list],
                  sheet: str) -> bytes:
    """A sheet that reads like a StatLine download: title, context rows (label, value), an empty
    row, then a bold frozen header with an autofilter and the rows, numbers formatted per column."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet[:31]
    ws.append([escape_cell(title)])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in context:
        ws.append([escape_cell(label), escape_cell(value)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([])
    header_row = len(context) + 3   # title, context rows, a blank row
    write_sheet(ws, [c.header for c in columns], rows)
    for cell in ws[header_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for i, column in enumerate(columns, start=1):
        for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=i, max_col=i):
            if isinstance(cell.value, (int, float)):
                cell.number_format = NUMBER_FORMATS[column.kind]
    last = get_column_letter(len(columns))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{max(ws.max_row, header_row)}"
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width, 14)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_name(*parts: str, ext: str = "") -> str:
    """regiomonitor_leerwerkplaatsen_2007-03_rangorde.xlsx: says what is in it, safe on every
    file system (letters, digits, "-" and "_" only). Without `ext`, a stem (plotly adds .png)."""
    words = [re.sub(r"[^0-9A-Za-z_-]+", "-", p).strip("-_").lower() for p in ("regiomonitor", *parts)]
    return "_".join(w for w in words if w) + (f".{ext}" if ext else "")
