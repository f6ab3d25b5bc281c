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

from core import changes
from core.formats import as_date, fmt_month, fmt_timestamp
from core.texts import N_, _
from dashboard import components, warehouse
from dashboard.auth import is_steward

SHOWN = 200   # rows a page lists; the rest is counted


def value_or_none(value: object) -> object:
    return None if value is None or pd.isna(value) else value


@warehouse.per_snapshot
def since_last_publication(lang: str, region: str | None = None) -> html.Section:
    """The figures the latest publication changed (of one region), old → new, with the file;
    a review decision published since adds to them and never drops the partner's correction
    (sql/queries/latest_publication.sql). The same for every month of a region's page, so it
    is computed once per publication (per_snapshot), and drawn from HTML (static_table): up to
    SHOWN rows of seven cells were 1.400 Dash components, three quarters of a region page."""
    db = warehouse.current()
    latest = db.query("latest_publication")
    frame = db.query("publication_changes", region=region)
    heading = html.H2(_("Changed since the previous publication", lang))
    if latest.empty or (bool(latest["first"].iloc[0]) and frame.empty):
        return html.Section([heading, html.P(_("This is the first publication: there is nothing to "
                                               "compare with yet.", lang))], className="changes no-print")
    when = fmt_timestamp(latest["published_at"].iloc[0], lang)
    reviews = int(latest["reviews_since"].iloc[0])
    if frame.empty:
        text = (_("The publication of {when} and the review decisions since changed no figures here.",
                  lang, when=when) if reviews else
                _("The publication of {when} changed no figures here.", lang, when=when))
        return html.Section([heading, html.P(text)], className="changes no-print")
    rows = [[c.region, c.indicator, fmt_month(as_date(c.period), lang, short=True), c.partner_name,
             c.sector, changes.values_text(value_or_none(c.old_value), value_or_none(c.new_value), lang),
             components.link_markup(components.breakable_markup(c.file_name or "–"),
                                    components.href("/data", lang, submission=c.submission_id), app=False)]
            for c in frame.head(SHOWN).itertuples()]
    return html.Section([
        heading,
        html.P(_("The publication of {when} and the review decisions since changed {n}: old and new "
                 "value, with the file.", lang, when=when, n=changes.figures_text(len(frame), lang))
               if reviews else
               _("The publication of {when} changed {n}: old and new value, with the file.", lang, when=when,
                 n=changes.figures_text(len(frame), lang))),
        components.static_table(_("Figures the latest publication added, replaced or withdrew", lang),
                                [_(k, lang) for k in (N_("Region"), N_("Indicator"), N_("Month"),
                                                      N_("Partner"), N_("Sector"), N_("Old → new"),
                                                      N_("File"))], rows),
    ], className="changes no-print")


@warehouse.per_snapshot
def review_queue(lang: str, region: str | None = None) -> html.Section:
    """The figures waiting for a steward: where from and why; the value for stewards only
    (per_snapshot keys by viewer). A figure a later file overtook waits for nothing (/beheer
    shows that conflict). Computed and drawn as `since_last_publication` is."""
    frame = warehouse.current().query("held_waiting", region=region)
    frame = frame[~frame["overtaken"].astype(bool)]
    heading = html.H2(_("Waiting for review", lang))
    if frame.empty:
        return html.Section([heading, html.P(_("No figures are waiting for review.", lang))],
                            className="review-queue no-print")
    steward = is_steward()
    rows = [[components.breakable_markup(h.file_name), str(h.source_row), h.region, h.indicator,
             fmt_month(as_date(h.period), lang, short=True), h.partner_name,
             changes.values_text(value_or_none(h.old_value), h.new_value, lang)
             if steward else _("(stewards only)", lang), getattr(h, f"reason_{lang}")]
            for h in frame.head(SHOWN).itertuples()]
    return html.Section([
        heading,
        html.P(_("Held for review: {n}, far above the usual level. They count nowhere until a data "
                 "steward approves them.", lang, n=changes.figures_text(len(frame), lang))),
        components.static_table(_("Held figures: file, row and reason", lang),
                                [_(k, lang) for k in (N_("File"), N_("Row"), N_("Region"), N_("Indicator"),
                                                      N_("Month"), N_("Partner"), N_("Old → new"),
                                                      N_("Reason"))], rows, numeric={1}),
    ], className="review-queue no-print")
