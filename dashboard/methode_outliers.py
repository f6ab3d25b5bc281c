"""Methode's section on outliers: the rule of sql/pipelines/plausibility.sql in words, with its
parameters and fallback groups read from the tables that rule reads (outlier_rule and
outlier_level, from data/reference/outlier_rules.csv and outlier_levels.csv), so the page
cannot drift from the check. Its own module so that methode.py only calls it."""
from __future__ import annotations

import pandas as pd
from dash import html

from core.formats import fmt_amount, fmt_number
from core.texts import N_, _
from dashboard import components, warehouse

# The columns a group of outlier_level keeps (its by_* flags), as the page names them.
GROUP_COLUMNS = [("by_region", N_("region")), ("by_partner", N_("partner")),
                 ("by_sector", N_("sector")), ("by_partner_kind", N_("kind of partner"))]


def outliers(lang: str, units: dict[str, str]) -> html.Section:
    """The section for the served warehouse; `units` names each unit (methode.UNITS)."""
    db = warehouse.current()
    return section(db.query("outlier_rules"), db.query("outlier_levels"), lang, units)


def parameter(value: float, lang: str) -> str:
    """A parameter as the reference file has it: 5 → '5', 3.5 → '3,5'."""
    return fmt_number(value, lang, 0 if float(value).is_integer() else 2)


def limit(rule: pd.Series, lang: str) -> str:
    """The three bounds of one unit's limit, in the formula's order."""
    return (f"m + {parameter(rule.mad_multiplier, lang)} × {fmt_number(1.4826, lang, 4)} × MAD; "
            f"{parameter(rule.median_ratio, lang)} × m; m + {fmt_amount(rule.min_excess, rule.unit, lang)}")


def group(level: pd.Series, lang: str) -> str:
    """One fallback group: its columns besides the indicator, 'region · partner · sector'."""
    return " · ".join(_(label, lang) for flag, label in GROUP_COLUMNS if level[flag])


def section(rules: pd.DataFrame, levels: pd.DataFrame, lang: str, units: dict[str, str]) -> html.Section:
    """How a figure is judged an outlier, with the parameters and groups of `rules` and `levels`."""
    rows = [[_(units.get(r.unit, r.unit), lang), limit(r, lang), fmt_number(r.min_history, lang)]
            for r in rules.itertuples()]
    return html.Section([
        html.H2(_("Outliers held for review", lang)),
        html.P(_("Every new or changed figure is compared with its own series: the same region, "
                 "indicator, partner and sector, with the figures already published and the other "
                 "figures of the same file, itself included. m is the median of the series and MAD "
                 "the median of the absolute deviations from m; 1.4826 × MAD estimates the standard "
                 "deviation without being moved by the outlier itself.", lang)),
        html.P(_("A figure is held when it is more than each of the three bounds below (their largest, "
                 "rounded down, is its limit). A held figure counts nowhere until a data steward "
                 "approves it; a figure equal to the published one is not judged again.", lang)),
        components.table(_("Outlier rule per unit", lang),
                         [_(k, lang) for k in (N_("Unit"), N_("Held when more than each of"),
                                               N_("Other figures needed"))], rows, numeric={2}),
        html.P(_("The groups are tried in this order, always within the same indicator; the first "
                 "is the series itself. A series with fewer other figures than its unit needs is too "
                 "short: the first group with enough is used, its figures pooled. When none has "
                 "enough, the figure is not judged.", lang)),
        html.Ol([html.Li(group(level, lang)) for _index, level in levels.iterrows()]),
    ], id="uitschieters")
