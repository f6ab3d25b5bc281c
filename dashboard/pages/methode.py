"""Methode: what every number means. Indicator definitions and status thresholds are read
from the warehouse (the same tables the views use); the formulas mirror
sql/views/10_progress.sql, whose comments state them."""
from __future__ import annotations

import math

import dash
from dash import html

from core import presentation
from core.formats import as_date, fmt_amount, fmt_month, fmt_pct
from core.settings import STEWARD_CONTACT
from core.texts import N_, _, language
from core.vocabulary import STATUS_SYMBOLS
from dashboard import components, response_cache, shell, warehouse
from dashboard.methode_outliers import outliers
from dashboard.status_style import STATUS_COLOURS

dash.register_page(__name__, path="/methode", title=components.page_title(N_("Method")),
                   nav_label=N_("Method"),
                   order=3)

# Every formula the views apply (sql/views/10_progress.sql), as a term and its definition.
FORMULAS = [
    (N_("Months"), N_("A target with baseline date d0 and deadline d1 counts the months after d0's month up "
                      "to and including d1's month (Rivierenland: December 2005 to November 2007, N = 24). "
                      "Elapsed k = as-of month − d0's month; τ = k / N.")),
    (N_("Realised R"), N_("R = baseline B + every realisation reported in the months since the start, up to "
                          "the as-of month. A month nobody reported counts as zero.")),
    (N_("Percentage of target"), N_("R / T.")),
    (N_("Expected on the straight path E"), N_("E = B + (T − B) · τ; the gap is R − E.")),
    (N_("Per month so far"), N_("(R − B) / k.")),
    (N_("Required per month from now"),
     N_("(T − R) / (N − k); at the start for Rivierenland (1,200 − 290) / 24 = 37.9.")),
    (N_("Pace ratio ρ"), N_("ρ = (R − B) / (E − B): the realised gain over the gain required on the straight "
                            "path (as the Open SDG trackers do).")),
    (N_("Projection at the deadline"),
     N_("P = R + p · (N − k), p being the mean of the complete months among the last six; interval P ± 1.96 "
        "· (s / √n) · (N − k). The status is uncertain when the interval contains the target.")),
    (N_("Target reached in"), N_("As-of month + ⌈(T − R) / p⌉ months, marked ‘expected’; ‘not at this pace’ "
                                 "when p ≤ 0. Once the target is reached, the first month in which R ≥ T.")),
    (N_("Per 10,000 inhabitants"), N_("Divided by the region's population aged 15 to 74, times 10,000. The "
                                      "population figures in this demo are generated (demonstratiedata).")),
    (N_("Ranking"), N_("Per indicator and month, absolute, per 10,000 inhabitants and by pace; equal values "
                       "share a rank (1, 1, 3).")),
    (N_("Amended targets"), N_("An amendment is a new version with a start date; each month is measured "
                               "against the version in force at the end of that month.")),
]
SOURCES = [
    N_("Agreement on lifelong learning and work in the Tiel region (Rivierenland), signed on 28 Nov 2005 with "
       "the ministries of SZW and OCW: at least 1,200 work-learning places and 1,500 EVC trajectories in two "
       "years; 290 and 340 at signing."),
    N_("Context: Leren & Werken set national goals for work-learning trajectories (2005–2007 and 2008–2011); "
       "see the parliamentary papers of the Projectdirectie Leren & Werken."),
    N_("Labour-market regions: CBS codes and names 2025 (AM01–AM38, without AM04, AM16 and AM31)."),
    N_("All other targets, all realisations and the population figures are generated demonstration data "
       "(demonstratiedata)."),
]
ACCESSIBILITY = [
    N_("Regiomonitor aims at WCAG 2.1 level AA, as Dutch public-sector websites must."),
    N_("Every page is tested automatically with axe-core in Chromium on every change and operated by "
       "keyboard alone. Every chart has a text summary and a table with the same figures; a status is "
       "always given in words and with a symbol."),
    N_("Known limitation: the map itself cannot be operated by keyboard; the table below it offers the same "
       "figures and links."),
    N_("Run into a problem? Report it to the monitor's maintainers."),
]
UNITS = {"aantal": N_("count"), "euro": N_("euro")}
SCOPES = {"national": N_("Netherlands"), "first_regions": N_("first six covenant regions together")}


def indicators(lang: str) -> html.Section:
    frame = warehouse.current().query("indicators")
    rows = [[r[f"label_{lang}"], r["code"], _(UNITS.get(r["unit"]), lang), r[f"definition_{lang}"]]
            for _index, r in frame.iterrows()]
    return html.Section([html.H2(_("Indicators", lang)),
                         components.table(_("Indicator definitions", lang),
                                          [_(k, lang) for k in (N_("Indicator"), N_("Code"), N_("Unit"),
                                                                N_("Meaning"))], rows)])


def statuses(lang: str) -> html.Section:
    """The thresholds as the views apply them, read from the status table."""
    frame = warehouse.current().query("statuses")
    rows = [[html.Span([html.Span(className="swatch", style={"background": STATUS_COLOURS[r.code]}),
                        f" {STATUS_SYMBOLS[r.code]} ", getattr(r, f"label_{lang}")]),
             ("ρ ≥ " + fmt_pct(r.min_ratio, lang)) if r.kind == "pace" and math.isfinite(r.min_ratio)
             else "ρ < 0" if r.kind == "pace" else _("rule", lang),
             getattr(r, f"description_{lang}")] for r in frame.itertuples()]
    return html.Section([html.H2(_("Statuses and thresholds", lang)),
                         html.P(_("The rules come first (achieved, not started, deadline passed, no data); "
                                  "then the pace ratio ρ decides. The thresholds are Open SDG's and live in "
                                  "the ‘status’ table.", lang)),
                         components.table(_("Statuses as the views assign them", lang),
                                          [_(k, lang) for k in (N_("Status"), N_("Threshold"),
                                                                N_("Meaning"))], rows)])


def provisional(lang: str) -> html.Section:
    """The completeness rule, with the settings and the default month as the views apply them."""
    db = warehouse.current()
    settings = dict(zip(*db.query("settings")[["name", "value"]].T.values))
    programme = db.query("programmes")["code"].iloc[0]
    current = db.query("current_month", programme=programme).iloc[0]

    def share(name: str) -> str:
        return f"{settings[name] * 100:.0f}%" if name in settings else "–"

    return html.Section([
        html.H2(_("Provisional figures", lang)),
        html.P(_("Reporting obligation: per region, partner and indicator it is set who delivers monthly "
                 "(data/reference/obligations.csv). Where that register is silent: a partner that has "
                 "delivered an indicator for a region is expected every month from that first month "
                 "until the target's deadline.", lang)),
        html.P(_("Completeness per region, indicator and month: complete (every expected partner), "
                 "partial (k of n) or not delivered. Not delivered is unknown and never counts as 0; "
                 "such months are also left out of the recent pace p.", lang)),
        html.P(_("As of: status, pace ratio ρ and projection are computed on the last complete month. A "
                 "figure that includes an incomplete month is provisional and marked so on the map (open "
                 "ring), region cards, chart (open markers, dashed line), ranking, exports and "
                 "`regiomonitor progress`. ‘Target achieved’ holds at once: later deliveries can only "
                 "raise R.", lang)),
        html.P(_("Default month: the map and Compare show by default the latest month that is complete "
                 "for at least {share} of the regions (a setting in core/settings.py); one "
                 "early file does not move it. Now: {month}.", lang,
                 share=share("default_month_complete_share"),
                 month=fmt_month(as_date(current["as_of_month"]), lang))),
        html.P(_("Behind: a month is due once at least {share} of the regions have reported on it; a "
                 "partner that has not delivered it is behind since the month after its last delivery.", lang,
                 share=share("due_month_reported_share"))),
    ], id="voorlopig")


def frame(lang: str) -> html.Section:
    """The programme's national goal and the first regions' promise, each with its source."""
    rows = warehouse.current().query("programme_frame")
    labels = components.labels("indicators", lang)
    items = [html.Li([f"{r.programme_name} · {labels[r.indicator]} · "
                      f"{_(SCOPES[r.scope], lang)}: {fmt_amount(r.goal, r.unit, lang)}",
                      " ", html.Span(_(presentation.DEMO_TAG, lang), className="badge badge-demo")
                      if r.is_demo else None,
                      html.Br(), html.Small(r.source, lang="nl")]) for r in rows.itertuples()]
    return html.Section([html.H2(_("Programme frame Leren & Werken", lang)),
                         html.P(_("Beside the regional targets the monitor shows the programme's frame. "
                                  "Sources:", lang)),
                         html.Ul([html.Li(_("SER, theme document Sociale innovatie (2006), box on "
                                            "Rivierenland: the covenant of 28-11-2005 with at least 1200 "
                                            "work-learning places and 1500 EVC trajectories in two years "
                                            "(290 and 340 at signing); source given there: "
                                            "www.rivierenland.nl.", lang)), *items])], id="kader")


def contact(lang: str) -> html.Section:
    """The data stewards' address, from core/settings.py (REGIOMONITOR_STEWARD_CONTACT)."""
    address = html.A(STEWARD_CONTACT, href=f"mailto:{STEWARD_CONTACT}")
    text = _("Questions about the figures or the monitor: the data stewards, {contact}.", lang,
             contact="{contact}").split("{contact}")
    return html.Section([html.H2(_("Contact", lang)), html.P([text[0], address, text[1]])],
                        id="contact")


@response_cache.snapshot_pure
@components.safe_layout
def layout(lang: str | None = None, **_ignored: str) -> html.Div:
    lang = language(lang)
    return shell.page(lang, "/methode", [
        html.H1(_("Method: how the monitor calculates", lang)),
        html.P(_("Every figure comes from one place: the warehouse's SQL views. This page reads the "
                 "definitions and thresholds from the same tables those views use.", lang)),
        indicators(lang),
        html.Section([html.H2(_("Formulas", lang)),
                      html.Dl([html.Div([html.Dt(_(term, lang)), html.Dd(_(text, lang))])
                               for term, text in FORMULAS], className="formulas")]),
        statuses(lang),
        provisional(lang),
        outliers(lang, UNITS),
        html.Section([html.H2(_("Sources", lang)),
                      html.Ul([html.Li(_(text, lang)) for text in SOURCES])]),
        frame(lang),
        html.Section([html.H2(_("Accessibility", lang)),
                      *[html.P(_(text, lang)) for text in ACCESSIBILITY]], id="toegankelijkheid"),
        contact(lang),
    ])
