"""Dutch numbers and periods, as partners write them."""
from __future__ import annotations

import datetime as dt

import pytest

from pipelines.parsing import ParseError, _read, parse_period


def parse_number(cell: object) -> float:
    """The nl_number macro on one value, as parse_period applies nl_month ('1.200' → 1200,
    '37,5' → 37.5); moved here from pipelines/parsing.py, where only this test used it."""
    return _read("nl_number", "not_a_number", cell)


@pytest.mark.parametrize("text, expected", [
    ("1.200", 1200), ("37,5", 37.5), ("1.234.567,89", 1234567.89), ("0", 0), ("12", 12),
    (" 1.200 ", 1200), ("37.5", 37.5), ("-3", -3), (1200, 1200), (37.5, 37.5), ("1\u00a0200", 1200),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["twaalf", "1,2,3", "", "12abc", "1.20.0", True])
def test_parse_number_rejects(text):
    with pytest.raises(ParseError):
        parse_number(text)


@pytest.mark.parametrize("text, expected", [
    ("2006-03", dt.date(2006, 3, 1)), ("mrt 2006", dt.date(2006, 3, 1)),
    ("Maart 2006", dt.date(2006, 3, 1)), ("2006-03-15", dt.date(2006, 3, 1)),
    ("15-03-2006", dt.date(2006, 3, 1)), (dt.datetime(2006, 3, 15, 0, 0), dt.date(2006, 3, 1)),
    (dt.date(2007, 11, 28), dt.date(2007, 11, 1)), ("okt. 2006", dt.date(2006, 10, 1)),
])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2006-Q1", "2006-13", "mrz 2006", "2006", "volgend jaar"])
def test_parse_period_rejects_quarters_and_nonsense(text):
    with pytest.raises(ParseError):
        parse_period(text)
