"""Exports of what a table shows, safe to open in a spreadsheet, laid out like CBS StatLine's:
a title and context rows (what, which month, which measure, demo or not, source and date), then a
bold, frozen, filterable header and the figures as numbers with Excel number formats.

A cell that a spreadsheet could run as a formula (CSV injection) is neutralised, by OWASP's rule
in full (issue 25): a text that starts with =, +, -, @, a tab, a carriage return, a line feed or a
NUL, or with the full-width ＝ ＋ － ＠, also after leading spaces. In CSV it gets a leading
apostrophe, as OWASP prescribes. In XLSX it is a text cell marked "quote prefix", the way Excel
itself stores a typed '=1+1: shown without the apostrophe, never a formula, and still text
when someone edits the cell. A plain number such as -5 or -1.234,5 is no formula and stays as it is.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

# What a formula starts with: the ASCII signs and their full-width forms (Excel and LibreOffice
# read ＝1+1 as =1+1), and the control characters a cell may start with to hide one.
FORMULA_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
CONTROL_START = ("\t", "\r", "\n", "\0")
PLAIN_NUMBER = re.compile(r"-?[\d.,]+%?")


def runs_as_formula(value: object) -> bool:
    """True for a text a spreadsheet could take for a formula: it starts with a control
    character, or its first character after leading spaces is a formula sign; a plain number
    (-44, -1.234,5, -3%) is no formula."""
    if not isinstance(value, str) or not value:
        return False
    stripped = value.lstrip()
    return (value.startswith(CONTROL_START)
            or (stripped[:1] in FORMULA_SIGNS and not PLAIN_NUMBER.fullmatch(stripped)))


def escape_cell(value: object) -> object:
    """A CSV cell: the value, or the value prefixed with ' when a spreadsheet would run it."""
    return "'" + value if runs_as_formula(value) else value


def to_csv(headers: list[str], rows: list[list]) -> str:
    """Semicolon-separated, as Dutch Excel expects, with every cell escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in headers])
    writer.writerows([[escape_cell(c) for c in row] for row in rows])
    return "\ufeff" + buffer.getvalue()  # a BOM so Excel reads UTF-8


def append_row(ws, values: list) -> None:
    """One row of an XLSX sheet: every text a text cell (never a formula, whatever it starts
    with), and a text a spreadsheet could run marked quote prefix instead of given an apostrophe."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if runs_as_formula(cell.value):
                cell.quotePrefix = True


def write_sheet(ws, headers: list[str], rows: list[list]) -> None:
    """Header row and data rows, every text cell stored as text."""
    append_row(ws, headers)
    for row in rows:
        append_row(ws, row)
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
    append_row(ws, [title])
    ws["A1"].font = Font(bold=True, size=14)
    for label, value in context:
        append_row(ws, [label, value])
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
