"""Methode's section on the context model (issue 26): the formula, each indicator's
coefficients with their intervals, pseudo-R², the leave-one-out check, the regions without a
figure, and plainly what the figure is not. Every figure comes from the warehouse
(sql/queries/methode_context*.sql over what pipelines/context_model.py stored)."""
from __future__ import annotations

import pandas as pd
from dash import html

from core import states
from core.formats import as_date, fmt_date, fmt_number, fmt_pct
from core.texts import N_, _
from dashboard import components, context, warehouse

TERMS = {"intercept": N_("constant b0"),
         "unemployment_pct": N_("b1 · registered unemployment (WW) as a share of the population 15-74 (%)"),
         "bbl_per_100": N_("b2 · MBO students in BBL per 100 inhabitants 15-74"),
         "bol_per_100": N_("b3 · MBO students in BOL per 100 inhabitants 15-74")}
FORMULA = ("log E[B] = log(P / 10.000) + b0 + b1 · WW% + b2 · BBL/100 + b3 · BOL/100;  "
           "expected per 10.000 = exp(b0 + b1 · WW% + b2 · BBL/100 + b3 · BOL/100)")


def coefficients(terms: pd.DataFrame, indicator: str, lang: str) -> html.Div:
    """One indicator's coefficients with their 95% intervals (in the table box that scrolls on
    its own on a phone, instead of widening the page)."""
    columns = [_(t, lang) for t in (N_("Term"), N_("Coefficient"), N_("Interval (95%)"), N_("Factor exp(b)"))]
    rows = [[_(TERMS[t.term], lang), fmt_number(t.estimate, lang, 3),
             f"{fmt_number(t.ci_low, lang, 3)} – {fmt_number(t.ci_high, lang, 3)}",
             fmt_number(t.factor, lang, 3)] for t in terms.itertuples()]
    return components.table(_("{indicator}: coefficients with their 95% intervals", lang, indicator=indicator),
                            columns, rows, numeric={1, 2, 3})


def fit_text(fit: pd.Series, lang: str) -> str:
    """What a fit rests on and how well it fits, or why there is none."""
    if fit["status"] != "fitted":
        return _("No model: {n} regions had a complete context, at least {min} with a level above "
                 "0 are needed. No region gets a figure for this indicator.", lang,
                 n=int(fit["regions"]), min=int(fit["min_regions"]))
    return _("Fitted on {n} regions (levels at the start, context of {year}). Pseudo-R² "
             "(1 − deviance / null deviance): {r2}. Leave-one-out check: each region predicted by the "
             "model fitted without it is off by {median} of its own level (median), at most {max}.",
             lang, n=int(fit["regions"]), year=int(fit["fit_year"]),
             r2=fmt_number(fit["pseudo_r2"], lang, 3), median=fmt_pct(fit["loo_median_pct"] / 100, lang),
             max=fmt_pct(fit["loo_max_pct"] / 100, lang))


def missing_list(missing: pd.DataFrame, lang: str) -> html.P | None:
    """The regions without a figure for one indicator, each with why."""
    if missing.empty:
        return None
    return html.P([_("No figure for:", lang), " ", "; ".join(
        f"{m.region_name} ({context.missing_reason(m.no_figure, m.fit_year, lang)})"
        for m in missing.itertuples())])


def section(lang: str) -> html.Section:
    """The context model, per indicator, with what it is not."""
    db = warehouse.current()
    fits, terms, missing = (db.query("methode_context"), db.query("methode_context_terms"),
                            db.query("methode_context_missing"))
    parts = []
    for fit in fits.to_dict("records"):
        key = (terms.programme == fit["programme"]) & (terms.indicator == fit["indicator"])
        gone = missing[(missing.programme == fit["programme"]) & (missing.indicator == fit["indicator"])]
        parts += [html.H3([fit[f"label_{lang}"], " ", html.Span(_(states.DEMO_TAG, lang),
                                                               className="badge badge-demo")
                           if fit["is_demo"] else None]),
                  html.P(fit_text(pd.Series(fit), lang)),
                  coefficients(terms[key], fit[f"label_{lang}"], lang) if fit["status"] == "fitted" else None,
                  missing_list(gone, lang)]
    sha = fits["context_sha256"].iloc[0][:16] if len(fits) else "–"
    return html.Section([
        html.H2(_("Expected given context", lang)),
        html.P(_("Beside the straight line, each region card shows the level a region would have had at "
                 "the start of the covenant given its context: its working-age population, its registered "
                 "unemployment and its MBO students. A Poisson model with the population as offset, "
                 "fitted once on the levels at the start (the baselines) of all regions:", lang)),
        html.P(html.Code(FORMULA)),
        html.P([_("Context figures:", lang), " ", html.Span(fits["context_source"].iloc[0], lang="nl"),
                f" ({fmt_date(as_date(fits['context_date'].iloc[0]), lang)})"]) if len(fits) else None,
        html.P(_("It is frozen at the start: no figure from after the start enters it, and a refresh "
                 "fits it again only on the same context file (SHA-256 {sha}, statsmodels {version}); "
                 "a new file gives a new hash here.", lang, sha=sha,
                 version=fits["statsmodels_version"].iloc[0] if len(fits) else "–")),
        html.P(html.Strong(_("What it is not: not a target, and no judgement. It says what regions with "
                             "a similar context had at the start, with the uncertainty below; a region "
                             "above or below it has not done better or worse for that alone.", lang))),
        *parts,
    ], id="context")
