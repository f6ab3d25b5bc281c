"""Numbers, money, dates, months and moments in the reader's language, through Babel: Dutch
1.200 / 37,9 / € 1.650.000 / 80,5% / 28-11-2005 / mrt 2007 by default, British English otherwise.

Every page, chart, export and report formats through these functions, so a figure reads the same
wherever it appears. Moments are stored in UTC and shown in Europe/Amsterdam.
"""
from __future__ import annotations

import datetime as dt
import functools
import math

from babel import Locale, dates, numbers, units

from core.texts import LOCALES, language

MISSING = "–"
TIME_ZONE = dates.get_timezone("Europe/Amsterdam")


def _locale(lang: str) -> str:
    return LOCALES[language(lang)]


@functools.cache
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(_locale(lang))


@functools.cache
def _pattern(spec: str) -> numbers.NumberPattern:
    """A number pattern parsed once: a page formats thousands of cells with a handful of them."""
    return numbers.parse_pattern(spec)


def _decimals(decimals: int) -> str:
    return "." + "0" * decimals if decimals else ""


def _missing(value: object) -> bool:
    """None, NaN, or pandas' NA and NaT (whose comparisons are NA): a figure nobody knows. Without
    importing pandas: the pipelines' reports format numbers before pandas is loaded."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


def as_date(value: object) -> dt.date | None:
    """A date from what DuckDB hands back via pandas (Timestamp, date, NaT or None).
    pandas is imported here, not at the top: the pipelines' reports format numbers without it."""
    import pandas as pd
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def fmt_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1200 → '1.200' (nl) / '1,200' (en); 37.9 → '37,9' (nl)."""
    if _missing(value):
        return MISSING
    return _pattern("#,##0" + _decimals(decimals)).apply(value, _babel_locale(lang))


def fmt_amount(value: float | None, unit: str, lang: str) -> str:
    """Counts as whole numbers, euros as whole euros with the euro sign where the language puts it:
    '€ 1.650.000' (nl, with a non-breaking space) / '€1,650,000' (en)."""
    if _missing(value):
        return MISSING
    if unit != "euro":
        return fmt_number(value, lang)
    locale = _babel_locale(lang)
    whole = locale.currency_formats["standard"].pattern.replace(".00", "")   # '¤ #,##0.00' → '¤ #,##0'
    return _pattern(whole).apply(value, locale, currency="EUR", currency_digits=False)


def fmt_pct(fraction: float | None, lang: str, decimals: int = 1) -> str:
    """0.805 → '80,5%' (nl) / '80.5%' (en)."""
    if _missing(fraction):
        return MISSING
    return _pattern("#,##0" + _decimals(decimals) + "%").apply(fraction, _babel_locale(lang))


def fmt_millions(value: float, lang: str) -> str:
    """A number in millions, as an axis reaching a million shows all its ticks: 500.000 → '0,5 mln.'
    (nl) / '0.5M' (en), with the language's own abbreviation."""
    locale = _babel_locale(lang)
    pattern = _pattern(locale.compact_decimal_formats["short"]["other"]["1000000"])
    return pattern.apply(value / 1_000_000, locale, decimal_quantization=False)


def fmt_size(n_bytes: float, lang: str) -> str:
    """A file size in megabytes: '20,0 MB' / '20.0 MB'."""
    return units.format_unit(n_bytes / (1024 * 1024), "digital-megabyte", length="short", format="#,##0.0",
                             locale=_locale(lang))


@functools.lru_cache(maxsize=4096)   # a page shows the same few dates and months many times
def fmt_date(value: dt.date | None, lang: str) -> str:
    """28-11-2005 (nl) / 28/11/2005 (en): the language's short date."""
    return MISSING if value is None else dates.format_date(value, "short", locale=_locale(lang))


@functools.lru_cache(maxsize=4096)
def fmt_month(value: dt.date | None, lang: str, short: bool = False) -> str:
    """A reporting month: 'april 2007' / 'April 2007'; short: 'apr 2007' / 'Apr 2007'."""
    if value is None:
        return MISSING
    return dates.format_date(value, "LLL y" if short else "LLLL y", locale=_locale(lang))


def fmt_timestamp(value: object, lang: str) -> str:
    """A moment in Amsterdam time, e.g. '27-11-2026, 10:05' for 09:05 UTC; from a Timestamp, a
    datetime or an ISO string (the accounts store keeps ISO text). A moment without a zone is UTC:
    that is how the warehouse and the accounts store record them."""
    import pandas as pd  # as in as_date
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    moment = pd.Timestamp(value)
    moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment
    return dates.format_datetime(moment.to_pydatetime(), "short", tzinfo=TIME_ZONE, locale=_locale(lang))


def fmt_duration(seconds: float, lang: str) -> str:
    """A wait as people say it, never shorter than it is: '45 seconden', '15 minuten' (whole
    minutes, rounded up, from two minutes on)."""
    seconds = math.ceil(seconds)
    if seconds >= 120:
        seconds = math.ceil(seconds / 60) * 60
    return dates.format_timedelta(dt.timedelta(seconds=seconds), threshold=2, locale=_locale(lang))


def plotly_separators(lang: str) -> str:
    """Plotly's `separators` for the language: its decimal mark, then its group mark."""
    return numbers.get_decimal_symbol(_locale(lang)) + numbers.get_group_symbol(_locale(lang))
