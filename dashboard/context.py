"""How the pages say the figure expected given a region's context (issue 26), the same way on
the region card, the factsheet and Vergelijken. The figure itself is SQL
(sql/views/80_context.sql); this module only words it, or words why there is none."""
from __future__ import annotations

import pandas as pd
from dash import html

from core.formats import fmt_amount, fmt_number
from core.texts import N_, _

# Why a region has no figure: v_context_expected.no_figure → what the page says.
NO_FIGURE = {
    "no_model": N_("no figure: too few regions had a level above 0 and a complete context at "
                   "the start to fit a model for this indicator"),
    "no_context": N_("no figure: no context figures for {year}"),
    "incomplete_context": N_("no figure: the context of {year} is incomplete (a figure is "
                             "missing, and missing is never counted as 0)"),
}

# The same, in a few words for a table cell (Vergelijken); Methode says it in full.
NO_FIGURE_SHORT = {
    "no_model": N_("no figure: too few regions"),
    "no_context": N_("no figure: no context"),
    "incomplete_context": N_("no figure: context incomplete"),
}


def short_reason(code: str, lang: str) -> str:
    """Why a region has no expected figure, in a few words."""
    return _(NO_FIGURE_SHORT[code], lang)


def missing_reason(code: str | None, year: object, lang: str) -> str:
    """Why a region gets no expected figure, in the page's language."""
    if code is None or pd.isna(code):
        return ""
    return _(NO_FIGURE[code], lang, year=int(year) if pd.notna(year) else "")


def card_figures(row: pd.Series, lang: str) -> list[tuple[str, object]]:
    """The card's rows (term, value): the level expected at the start given the context, per
    10.000 and in the indicator's unit, and the region's own level at the start beside it; or, in
    a few words, why there is none, with a link to Methode where that is said in full (two short
    rows instead of one long one keep the factsheet on two pages)."""
    term = _("Expected given context", lang)
    if pd.isna(row["context_per_10k"]):
        why = html.A(_("why?", lang), href=f"/methode?lang={lang}#context",
                     title=missing_reason(row["context_no_figure"], row["context_year"], lang))
        return [(term, [short_reason(row["context_no_figure"], lang), " (", why, ")"])]
    return [(term, _("{per_10k} per 10,000 ({amount})", lang,
                     per_10k=fmt_number(row["context_per_10k"], lang, 1),
                     amount=fmt_amount(row["context_expected"], row["unit"], lang))),
            (_("This region at the start", lang), _("{own} per 10,000", lang,
                                                  own=fmt_number(row["context_baseline_per_10k"], lang, 1)))]
