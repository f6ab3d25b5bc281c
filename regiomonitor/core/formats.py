"""Numbers and dates in the reader's language: Dutch 1.200 / 37,9 / 28-11-2005 by default.

Shared by the dashboard and the CLI's reports, so both print figures alike.
"""
from __future__ import annotations

import datetime as dt
import math


def as_date(value: object) -> dt.date | None:
    """A date from what DuckDB hands back via pandas (Timestamp, date, NaT or None).
    pandas is imported here, not at the top: the pipelines' reports format numbers without it."""
    import pandas as pd
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def fmt_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1200 → '1.200' (nl) / '1,200' (en); 37.9 → '37,9' (nl)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def fmt_amount(value: float | None, unit: str, lang: str) -> str:
    """Counts as whole numbers, euros with a euro sign."""
    number = fmt_number(value, lang)
    return f"€ {number}" if unit == "euro" and value is not None else number


def fmt_pct(fraction: float | None, lang: str) -> str:
    """0.805 → '80,5%' (nl) / '80.5%' (en)."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    return f"{fmt_number(fraction * 100, lang, 1)}%"


MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


SHORT_MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def fmt_timestamp(value: object, lang: str) -> str:
    """A moment as its date and time, e.g. 27-11-2026 03:34; from a Timestamp, a datetime or
    an ISO string (the accounts store keeps ISO text)."""
    import pandas as pd  # as in as_date
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    moment = pd.Timestamp(value)
    return f"{fmt_date(moment.date(), lang)} {moment:%H:%M}"


def fmt_date(value: dt.date | None, lang: str) -> str:
    """28-11-2005 in Dutch; 28 Nov 2005 in English."""
    if value is None:
        return "–"
    if lang == "nl":
        return value.strftime("%d-%m-%Y")
    return f"{value.day} {MONTHS['en'][value.month - 1][:3]} {value.year}"


def fmt_month(value: dt.date | None, lang: str, short: bool = False) -> str:
    """A reporting month: 'april 2007' / 'April 2007'; short: 'apr 2007' / 'Apr 2007'."""
    if value is None:
        return "–"
    names = SHORT_MONTHS if short else MONTHS
    return f"{names[lang][value.month - 1]} {value.year}"
