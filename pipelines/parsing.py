"""Parse what Dutch offices write: decimal commas, thousands dots, Dutch month names.

DuckDB's and pandas' readers silently turn a column into text when one cell is bad,
so partner files are read as text and every cell is parsed here, with an error
that says what was expected.
"""
from __future__ import annotations

import datetime as dt
import re

DUTCH_MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maart": 3, "apr": 4,
    "april": 4, "mei": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8,
    "augustus": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}

_DUTCH_NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class ParseError(ValueError):
    """A cell that cannot be read; carries the expectation in Dutch and English."""

    def __init__(self, expected_nl: str, expected_en: str):
        super().__init__(expected_en)
        self.expected_nl = expected_nl
        self.expected_en = expected_en


def parse_number(cell: object) -> float:
    """'1.200' → 1200, '37,5' → 37.5, '1.234,56' → 1234.56; spreadsheet numbers pass through.

    A lone dot with three digits after it ('1.200') is a thousands separator, as a
    Dutch reader means it; '37.5' (not three digits) is read as a decimal point.
    """
    if isinstance(cell, bool):
        raise ParseError("een getal, zoals 1.200 of 37,5", "a number, such as 1.200 or 37,5")
    if isinstance(cell, (int, float)):
        return float(cell)
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if _DUTCH_NUMBER.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text)
    raise ParseError("een getal, zoals 1.200 of 37,5", "a number, such as 1.200 or 37,5")


def parse_period(cell: object) -> dt.date:
    """A month as its first day: '2006-03', 'mrt 2006', '2006-03-15', '15-03-2006' or a date cell.

    Quarters ('2006-Q1') are rejected: spreading a quarter over its months would
    invent a monthly pattern the partner never reported.
    """
    if isinstance(cell, dt.datetime):
        return dt.date(cell.year, cell.month, 1)
    if isinstance(cell, dt.date):
        return dt.date(cell.year, cell.month, 1)
    text = str(cell).strip().lower()
    patterns = [
        (r"(\d{4})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]))),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: (int(m[1]), int(m[2]))),
        (r"(\d{1,2})-(\d{1,2})-(\d{4})", lambda m: (int(m[3]), int(m[2]))),
        (r"([a-z]+)\.?\s+(\d{4})", lambda m: (int(m[2]), DUTCH_MONTHS.get(m[1], 0))),
    ]
    for pattern, year_month in patterns:
        match = re.fullmatch(pattern, text)
        if match:
            year, month = year_month(match)
            if 1 <= month <= 12:
                return dt.date(year, month, 1)
    raise ParseError("een maand, zoals 2006-03 of mrt 2006 (geen kwartaal)",
                     "a month, such as 2006-03 or mrt 2006 (not a quarter)")
