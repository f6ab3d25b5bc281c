"""Methode: what every number means. Indicator definitions and status thresholds are read
from the warehouse (the same tables the views use); the formulas mirror
sql/views/10_progress.sql, whose comments state them."""
from __future__ import annotations

import math

import dash
from dash import html

from dashboard import components, response_cache, shell, warehouse
from dashboard.status_style import STATUS_COLOURS
from regiomonitor.core.formats import as_date
from regiomonitor.core.settings import STEWARD_CONTACT
from regiomonitor.core.texts import fmt_amount, fmt_month, fmt_pct, language, t
from regiomonitor.core.vocabulary import STATUS_SYMBOLS

dash.register_page(__name__, path="/methode", title="Regiomonitor – Methode", label_key="page_methode",
                   order=3)

FORMULAS = ["formula_months", "formula_realised", "formula_achievement", "formula_expected",
            "formula_run_rate", "formula_required", "formula_pace", "formula_projection",
            "formula_reached", "formula_per10k", "formula_ranking", "formula_versions"]


def indicators(lang: str) -> html.Section:
    frame = warehouse.current().query("indicators")
    rows = [[r[f"label_{lang}"], r["code"], t(f"unit_{r['unit']}", lang), r[f"definition_{lang}"]]
            for _, r in frame.iterrows()]
    return html.Section([html.H2(t("method_indicators", lang)),
                         components.table(t("method_indicators_caption", lang),
                                          [t(k, lang) for k in ("col_indicator", "col_code", "col_unit",
                                                                "col_definition")], rows)])


def statuses(lang: str) -> html.Section:
    """The thresholds as the views apply them, read from the status table."""
    frame = warehouse.current().query("statuses")
    rows = [[html.Span([html.Span(className="swatch", style={"background": STATUS_COLOURS[r.code]}),
                        f" {STATUS_SYMBOLS[r.code]} ", getattr(r, f"label_{lang}")]),
             ("ρ ≥ " + fmt_pct(r.min_ratio, lang)) if r.kind == "pace" and math.isfinite(r.min_ratio)
             else "ρ < 0" if r.kind == "pace" else t("status_rule", lang),
             getattr(r, f"description_{lang}")] for r in frame.itertuples()]
    return html.Section([html.H2(t("method_statuses", lang)), html.P(t("method_statuses_help", lang)),
                         components.table(t("method_statuses_caption", lang),
                                          [t(k, lang) for k in ("col_status", "col_threshold",
                                                                "col_definition")], rows)])


def provisional(lang: str) -> html.Section:
    """The completeness rule, with the settings and the default month as the views apply them."""
    db = warehouse.current()
    settings = dict(zip(*db.query("settings")[["name", "value"]].T.values))
    programme = db.query("programmes")["code"].iloc[0]
    current = db.query("current_month", programme=programme).iloc[0]

    def share(name: str) -> str:
        return f"{settings[name] * 100:.0f}%" if name in settings else "–"

    return html.Section([
        html.H2(t("method_provisional", lang)),
        html.P(t("method_obligation", lang)),
        html.P(t("method_completeness", lang)),
        html.P(t("method_stand", lang)),
        html.P(t("method_default_month", lang, share=share("default_month_complete_share"),
                 month=fmt_month(as_date(current["as_of_month"]), lang))),
        html.P(t("method_late", lang, share=share("due_month_reported_share"))),
    ], id="voorlopig")


def frame(lang: str) -> html.Section:
    """The programme's national goal and the first regions' promise, each with its source."""
    rows = warehouse.current().query("programme_frame")
    labels = components.labels("indicators", lang)
    items = [html.Li([f"{r.programme_name} · {labels[r.indicator]} · "
                      f"{t('national_term' if r.scope == 'national' else 'national_first_regions_term', lang)}: "
                      f"{fmt_amount(r.goal, r.unit, lang)}",
                      " ", html.Span(t("demo_tag", lang), className="badge badge-demo") if r.is_demo else None,
                      html.Br(), html.Small(r.source, lang="nl")]) for r in rows.itertuples()]
    return html.Section([html.H2(t("method_frame", lang)), html.P(t("method_frame_intro", lang)),
                         html.Ul([html.Li(t("method_frame_seed", lang)), *items])], id="kader")


def contact(lang: str) -> html.Section:
    """The data stewards' address, from regiomonitor/core/settings.py (REGIOMONITOR_STEWARD_CONTACT)."""
    address = html.A(STEWARD_CONTACT, href=f"mailto:{STEWARD_CONTACT}")
    text = t("steward_contact", lang, contact="{contact}").split("{contact}")
    return html.Section([html.H2(t("method_contact", lang)), html.P([text[0], address, text[1]])],
                        id="contact")


@response_cache.snapshot_pure
@components.safe_layout
def layout(lang: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    return shell.page(lang, "/methode", [
        html.H1(t("method_heading", lang)),
        html.P(t("method_intro", lang)),
        indicators(lang),
        html.Section([html.H2(t("method_formulas", lang)),
                      html.Dl([html.Div([html.Dt(t(k + "_term", lang)), html.Dd(t(k, lang))])
                               for k in FORMULAS], className="formulas")]),
        statuses(lang),
        provisional(lang),
        html.Section([html.H2(t("method_sources", lang)),
                      html.Ul([html.Li(t(k, lang)) for k in ("source_covenant", "source_national",
                                                              "source_regions", "source_demo")])]),
        frame(lang),
        html.Section([html.H2(t("method_accessibility", lang)),
                      *[html.P(t(k, lang)) for k in ("a11y_standard", "a11y_tested", "a11y_limits",
                                                     "a11y_contact")]], id="toegankelijkheid"),
        contact(lang),
    ])
