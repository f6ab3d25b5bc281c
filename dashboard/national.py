"""The national picture beside the regions (issue 15): all regions together against their
targets ("Nederland"), the median region ("mediaan"), and, as context only, the programme's
frame — its national goal and what its first covenant regions promised together — with the
source. Every figure comes from v_national (sql/views/60_national.sql); nothing is summed here,
and nothing is set against the frame (issue 23: a sum of demo figures as a share of a real
goal means nothing)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import html

from core.formats import fmt_amount, fmt_month, fmt_number, fmt_pct
from core.presentation import flag
from core.states import DEMO_TAG
from core.texts import _
from dashboard import components, warehouse


def national(programme: str, month: dt.date) -> pd.DataFrame:
    """v_national at one programme and month, indexed by indicator."""
    return warehouse.current().query("national", programme=programme, month=month).set_index("indicator")


def panel(programme: str, indicator: str, month: dt.date, label: str, lang: str) -> html.Section:
    """Nederland, mediaan and the programme frame for one indicator, in a few sentences."""
    frame = national(programme, month)
    if indicator not in frame.index:
        return html.Section([html.H2(_("The Netherlands", lang)), html.P(_("no target", lang))],
                            className="national")
    row = frame.loc[indicator]
    unit = row["unit"]
    lines = [_("All {n} regions with a target together, {indicator} as of {month}: {realised} of "
               "{target} ({pct} of the targets together).", lang,
               n=fmt_number(row["regions_with_target"], lang), indicator=label,
               realised=fmt_amount(row["realised_total"], unit, lang),
               target=fmt_amount(row["target_total"], unit, lang),
               pct=fmt_pct(row["achievement_total"], lang), month=fmt_month(month, lang)),
             _("The median region is at {pct} of its target.", lang,
               pct=fmt_pct(row["median_achievement"], lang))]
    tags = []
    if flag(row["is_demo"]):
        tags.append(html.Span(_("realised and most targets: demonstratiedata (demo)", lang),
                              className="badge badge-demo"))
    if flag(row["provisional"]):
        tags.append(components.provisional_tag(lang))
    return html.Section([html.H2(_("The Netherlands", lang)),
                         html.P(tags, className="tags") if tags else None,
                         html.Ul([html.Li(line) for line in lines]),
                         programme_frame(row, lang)],
                        className="national", **{"aria-live": "polite"})


def programme_frame(row: pd.Series, lang: str) -> html.Div | None:
    """The programme's national goal and the first regions' promise, each with its source, as
    context: never as a percentage of the regions' figures, which are another population (the
    national goal covers sector agreements too) and here largely demonstration data."""
    unit = row["unit"]
    items = []
    if pd.notna(row["national_goal"]):
        items.append(frame_item(_("Leren & Werken's national goal, for the whole programme: {goal}.", lang,
                                  goal=fmt_amount(row["national_goal"], unit, lang)),
                                row["national_source"], row["national_goal_is_demo"], lang))
    if pd.notna(row["first_regions_goal"]):
        items.append(frame_item(_("The first six covenant regions together promised about {goal}.", lang,
                                  goal=fmt_amount(row["first_regions_goal"], unit, lang)),
                                row["first_regions_source"], row["first_regions_goal_is_demo"], lang))
    if not items:
        return None
    return html.Div([html.H3(_("Context: the programme frame", lang)), html.Ul(items),
                     html.P(_("Context, not a measure of these regions: the monitor never sets their "
                              "figures against these goals as a percentage.", lang), className="hint")])


def frame_item(text: str, source: str, is_demo: object, lang: str) -> html.Li:
    """One goal of the frame, its demo label if it has one, and its source (in Dutch)."""
    demo = html.Span(_(DEMO_TAG, lang), className="badge badge-demo") if flag(is_demo) else None
    return html.Li([text, " ", demo, html.Br(),
                    html.Small([_("Source:", lang), " ", html.Span(source, lang="nl")])])


def beside(frame: pd.DataFrame, indicator: str, lang: str) -> list[tuple[str, str]]:
    """("Nederland", 63,4%) and ("mediaan", 62,8%) for a region's card."""
    if indicator not in frame.index:
        return []
    row = frame.loc[indicator]
    return [(_("Netherlands", lang), fmt_pct(row["achievement_total"], lang)),
            (_("median", lang), fmt_pct(row["median_achievement"], lang))]
