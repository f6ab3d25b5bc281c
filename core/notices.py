"""How a notice is said (issue 24): the Atom feeds (dashboard/feeds.py) and the mail digests
(pipelines/notify.py) tell the same rows of v_notice (sql/views/90_notices.sql) in the same
words, and link them to the same pages.

A notice is a mapping with v_notice's columns. Its id rests on its key only (publication,
kind, region, indicator, month, partner, sector), so a feed reader never sees one notice twice.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

from core.formats import as_date, fmt_amount, fmt_month, fmt_number, fmt_timestamp
from core.texts import _, ngettext

# The kinds a public feed shows; 'added' is counted by 'publication', and 'rejected' is told
# only to the partner whose figure it was (the public never sees a rejected value).
PUBLIC_KINDS = ("publication", "status", "corrected", "withdrawn")
# What a partner hears about its own organisation's figures.
OWN_KINDS = ("added", "corrected", "withdrawn", "held", "rejected")


def _value(notice: Mapping, column: str) -> object:
    value = notice.get(column)
    return None if value is None or value != value else value   # NaN from a DataFrame: none


def notice_id(notice: Mapping) -> str:
    """A stable id: a URN of the notice's key (never its words, which change with the language)."""
    period = as_date(_value(notice, "period"))
    parts = [notice["publication"], notice["kind"], notice["region"], _value(notice, "indicator"),
             period.isoformat() if period else None, _value(notice, "partner"), _value(notice, "sector")]
    return "urn:regiomonitor:notice:" + ":".join("-" if p is None else str(p) for p in parts)


def _label(notice: Mapping, column: str, lang: str) -> str:
    """The Dutch or English label v_notice carries for `column` (indicator, partner, status_from,
    status_to), else its code."""
    return str(_value(notice, f"{column}_{'en' if lang == 'en' else 'nl'}") or _value(notice, column) or "")


def _figure(notice: Mapping, lang: str) -> str:
    """"Rivierenland · EVC-trajecten · maart 2007 · ROC Rivor · zorg": which figure."""
    return " · ".join(str(p) for p in (notice["region_name"], _label(notice, "indicator", lang),
                                       fmt_month(as_date(notice["period"]), lang),
                                       _label(notice, "partner", lang),
                                       _value(notice, "sector")) if p)


def _amount(notice: Mapping, column: str, lang: str) -> str:
    return fmt_amount(_value(notice, column), str(_value(notice, "unit") or ""), lang)


def title(notice: Mapping, lang: str) -> str:
    """One line that says what happened."""
    kind = notice["kind"]
    if kind == "publication":
        n = int(notice["figures"])
        return ngettext("{region}: {n} figure changed", "{region}: {n} figures changed", n, lang,
                        region=notice["region_name"], n=fmt_number(n, lang))
    if kind == "status":
        return _("{region} · {indicator}: status {before} → {after}", lang, region=notice["region_name"],
                 indicator=_label(notice, "indicator", lang), before=_label(notice, "status_from", lang),
                 after=_label(notice, "status_to", lang))
    if kind == "corrected":
        return _("{figure}: corrected {before} → {after}", lang, figure=_figure(notice, lang),
                 before=_amount(notice, "old_value", lang), after=_amount(notice, "new_value", lang))
    if kind == "withdrawn":
        return _("{figure}: {before} withdrawn", lang, figure=_figure(notice, lang),
                 before=_amount(notice, "old_value", lang))
    if kind == "added":
        return _("{figure}: new figure {after}", lang, figure=_figure(notice, lang),
                 after=_amount(notice, "new_value", lang))
    if kind == "held":
        return _("{figure}: {value} held for a steward's review", lang, figure=_figure(notice, lang),
                 value=_amount(notice, "new_value", lang))
    return _("{figure}: {value} rejected by a steward", lang, figure=_figure(notice, lang),
             value=_amount(notice, "new_value", lang))


def detail(notice: Mapping, lang: str) -> str:
    """What a reader needs beside the title: the file it came from, or the steward's reason."""
    if notice["kind"] == "rejected":
        return _("Reason: {reason}", lang, reason=_value(notice, "reason") or "")
    if _value(notice, "file_name"):
        return _("From file {file}.", lang, file=notice["file_name"])
    if notice["kind"] == "publication":
        return _("See what changed since the previous publication on the region's page.", lang)
    return _("The status compares the region's progress with the straight path to its target.", lang)


def path(notice: Mapping, lang: str) -> str:
    """The page that shows it, as a permalink: a figure's file on the Data page, a region's
    publication or status on its page."""
    query = {"lang": "en"} if lang == "en" else {}
    if notice["kind"] in ("corrected", "withdrawn", "added", "held", "rejected") and _value(notice, "submission_id"):
        return "/data?" + urlencode({"submission": notice["submission_id"], **query})
    return f"/regio/{notice['region']}" + ("?" + urlencode(query) if query else "")


def published_at(notice: Mapping) -> dt.datetime:
    """When its publication happened, as an aware UTC moment (the warehouse records UTC)."""
    moment = notice["published_at"]
    moment = moment.to_pydatetime() if hasattr(moment, "to_pydatetime") else moment
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def subject(count: int, when: dt.datetime, lang: str) -> str:
    """A digest's subject line: how many notices, of which publication."""
    return ngettext("Regiomonitor: {n} change in the publication of {when}",
                    "Regiomonitor: {n} changes in the publication of {when}", count, lang,
                    n=fmt_number(count, lang), when=fmt_timestamp(when, lang))
