"""The national picture beside the regions (issue 15): all regions together against their
targets ("Nederland"), the median region ("mediaan"), and the programme's frame — its
national goal and what its first covenant regions promised together — with the source.
Every figure comes from v_national (sql/views/60_national.sql); nothing is summed here."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import html

from core.formats import fmt_amount, fmt_month, fmt_number, fmt_pct
from core.presentation import flag
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
    if pd.notna(row["national_goal"]):
        lines.append(_("Leren & Werken's national goal: {goal}; all regions together {pct} of it.", lang,
                       goal=fmt_amount(row["national_goal"], unit, lang),
                       pct=fmt_pct(row["share_of_national_goal"], lang)))
    if pd.notna(row["first_regions_goal"]):
        lines.append(_("The first six covenant regions together promised about {goal}; they realised "
                       "{realised}.", lang,
                       goal=fmt_amount(row["first_regions_goal"], unit, lang),
                       realised=fmt_amount(row["first_regions_realised"], unit, lang)))
    tags = []
    if flag(row["is_demo"]):
        tags.append(html.Span(_("realised and most targets: demonstratiedata (demo)", lang),
                              className="badge badge-demo"))
    if flag(row["provisional"]):
        tags.append(components.provisional_tag(lang))
    return html.Section([html.H2(_("The Netherlands", lang)),
                         html.P(tags, className="tags") if tags else None,
                         html.Ul([html.Li(line) for line in lines]),
                         html.P(_("The national goal and the first six regions' promise are context, not "
                                  "the sum of the regional targets; source on the Method page.", lang),
                                  className="hint")],
                        className="national", **{"aria-live": "polite"})


def beside(frame: pd.DataFrame, indicator: str, lang: str) -> list[tuple[str, str]]:
    """("Nederland", 63,4%) and ("mediaan", 62,8%) for a region's card."""
    if indicator not in frame.index:
        return []
    row = frame.loc[indicator]
    return [(_("Netherlands", lang), fmt_pct(row["achievement_total"], lang)),
            (_("median", lang), fmt_pct(row["median_achievement"], lang))]
