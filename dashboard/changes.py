"""What the latest publication changed and what waits for review, for the Data page (every
region) and the region page (one): "gewijzigd sinds de vorige publicatie" with the old and
the new value, traceable to the file, and the figures a steward has not yet approved.

A held figure's value is not published: the public sees that a figure waits and why, only a
signed-in steward sees the value (and decides on /beheer). Both sections are screen-only: the
printed factsheet shows the figures, not their history (style.css `.no-print`).
"""
from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import components, warehouse
from dashboard.auth import is_steward
from regiomonitor.core import changes
from regiomonitor.core.formats import as_date, fmt_month, fmt_timestamp
from regiomonitor.core.texts import t

SHOWN = 200   # rows a page lists; the rest is counted


def value_or_none(value: object) -> object:
    return None if value is None or pd.isna(value) else value


def since_last_publication(lang: str, region: str | None = None) -> html.Section:
    """The figures the latest publication changed (of one region), old → new, with the file."""
    db = warehouse.current()
    latest = db.query("latest_publication")
    frame = db.query("publication_changes", region=region)
    heading = html.H2(t("changes_heading", lang))
    if latest.empty or bool(latest["first"].iloc[0]):
        return html.Section([heading, html.P(t("changes_first", lang))], className="changes no-print")
    when = fmt_timestamp(latest["published_at"].iloc[0], lang)
    if frame.empty:
        return html.Section([heading, html.P(t("changes_none", lang, when=when))], className="changes no-print")
    rows = [[c.region, c.indicator, fmt_month(as_date(c.period), lang, short=True), c.partner_name,
             c.sector, changes.values_text(value_or_none(c.old_value), value_or_none(c.new_value), lang),
             html.A(c.file_name or "–", href=components.href("/data", lang, submission=c.submission_id))]
            for c in frame.head(SHOWN).itertuples()]
    return html.Section([
        heading,
        html.P(t("changes_summary", lang, when=when, n=changes.figures_text(len(frame), lang))),
        components.table(t("changes_caption", lang),
                         [t(k, lang) for k in ("col_region", "col_indicator", "col_month",
                                               "col_partner", "col_sector", "col_change",
                                               "col_file")], rows),
    ], className="changes no-print")


def review_queue(lang: str, region: str | None = None) -> html.Section:
    """The figures waiting for a steward: where from and why; the value for stewards only."""
    frame = warehouse.current().query("held_waiting", region=region)
    heading = html.H2(t("review_heading", lang))
    if frame.empty:
        return html.Section([heading, html.P(t("review_none", lang))], className="review-queue no-print")
    steward = is_steward()
    rows = [[h.file_name, str(h.source_row), h.region, h.indicator,
             fmt_month(as_date(h.period), lang, short=True), h.partner_name,
             changes.values_text(value_or_none(h.old_value), h.new_value, lang)
             if steward else t("steward_only", lang), getattr(h, f"reason_{lang}")]
            for h in frame.head(SHOWN).itertuples()]
    return html.Section([
        heading,
        html.P(t("review_summary", lang, n=changes.figures_text(len(frame), lang))),
        components.table(t("review_caption", lang),
                         [t(k, lang) for k in ("col_file", "col_row", "col_region", "col_indicator",
                                               "col_month", "col_partner", "col_change",
                                               "col_reason")], rows, numeric={1}),
    ], className="review-queue no-print")
