"""Methode: what every number means. Every number on it — thresholds, settings, the worked
example, the programme frame, the sources and how much is demonstration data — is read from the
warehouse through sql/queries (the same tables the views use), never written here a second
time; the formulas mirror sql/views/10_progress.sql and 15_provisional.sql, whose comments state
them, and the revision rule mirrors sql/pipelines/changes.sql. No sentence may be false for the
code (issue 23): tests/test_methode.py reads the numbers back from the reference data."""
from __future__ import annotations

import math

import dash
import pandas as pd
from dash import html

from core import presentation, states
from core.formats import as_date, fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct
from core.settings import STEWARD_CONTACT
from core.texts import N_, _, language
from core.vocabulary import STATUS_SYMBOLS
from dashboard import components, methode_context, response_cache, shell, warehouse
from dashboard.methode_outliers import outliers
from dashboard.status_style import STATUS_COLOURS

dash.register_page(__name__, path="/methode", title=components.page_title(N_("Method")),
                   nav_label=N_("Method"),
                   order=3)

# Every formula the views apply (sql/views/10_progress.sql), as a term and its definition.
FORMULAS = [
    (N_("Months"), N_("A target with baseline date d0 and deadline d1 counts the months after d0's month up "
                      "to and including d1's month: N months. Elapsed k = as-of month − d0's month, "
                      "at least 0 and at most N; τ = k / N.")),
    (N_("Realised R"), N_("R = baseline B + every figure delivered for the months after d0's month, up to "
                          "the as-of month and no later than d1's month. A month an expected partner has not "
                          "delivered adds nothing yet: R is then provisional (see ‘Provisional figures’).")),
    (N_("Percentage of target"), N_("R / T.")),
    (N_("Expected on the straight path E"), N_("E = B + (T − B) · τ; the gap is R − E.")),
    (N_("Per month so far"), N_("(R − B) / k.")),
    (N_("Required per month from now"), N_("max(T − R, 0) / (N − k).")),
    (N_("Pace ratio ρ"), N_("ρ = (R − B) / (E − B): the realised gain over the gain required on the straight "
                            "path so far (Open SDG's observed over required growth). Shown beside the "
                            "status; the status itself follows the projection, α below.")),
    (N_("Projection at the deadline"),
     N_("P = R + p · (N − k), p being the mean of the n complete months among the last six (none: no "
        "projection); interval P ± 1.96 · (s / √n) · (N − k) when n ≥ 2.")),
    (N_("Anticipated progress α"),
     N_("α = (P − B) / (T − B): the gain the projection reaches by the deadline over the gain the target "
        "asks (UN ESCAP's anticipated progress). α ≥ 1 exactly when P ≥ T.")),
    (N_("Target reached in"), N_("As-of month + ⌈(T − R) / p⌉ months, marked ‘expected’. It falls by the "
                                 "deadline exactly when α ≥ 1, else it is marked ‘after the deadline’; "
                                 "‘not at this pace’ when p ≤ 0. Once the target is reached, the first "
                                 "month in which R ≥ T.")),
    (N_("Per 10,000 inhabitants"), N_("Divided by the region's population aged 15 to 74 in the latest year "
                                      "loaded, times 10,000; the gain per 10,000 is R − B divided alike.")),
    (N_("Ranking"), N_("Per indicator and month the regions are ranked by percentage of target (the order "
                       "of Compare), by R, by the gain per 10,000 inhabitants and by pace ratio ρ; equal "
                       "values share a rank and the next is skipped (1, 1, 3); regions without a figure "
                       "come last.")),
    (N_("Amended targets"), N_("An amendment is a new version with a start date; each month is measured "
                               "against the version in force at the end of that month (before the first "
                               "version takes effect, against the first).")),
]
# The worked example under a formula, with the figures of the first real target at its start
# (sql/queries/methode_example.sql): the views' own N and required pace, not a copy.
EXAMPLES = {
    "Months": N_("For {region}, {indicator}: {first} to {last}, N = {months}."),
    "Required per month from now": N_("At the start for {region}, {indicator}: ({target} − {baseline}) / "
                                      "{months} = {required}."),
}
# Open SDG's threshold for on track (ρ ≥ 95%, docs/progress-methodology.md of open-sdg/open-sdg):
# named on Methode as the one Regiomonitor does not use (a projection 5% short is not on track).
OPEN_SDG_ON_TRACK = 0.95
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
SCOPES = {"national": N_("national goal"), "first_regions": N_("first six covenant regions together")}


def indicators(lang: str) -> html.Section:
    frame = warehouse.current().query("indicators")
    rows = [[r[f"label_{lang}"], r["code"], _(UNITS.get(r["unit"]), lang), r[f"definition_{lang}"]]
            for _index, r in frame.iterrows()]
    return html.Section([html.H2(_("Indicators", lang)),
                         components.table(_("Indicator definitions", lang),
                                          [_(k, lang) for k in (N_("Indicator"), N_("Code"), N_("Unit"),
                                                                N_("Meaning"))], rows)])


def thresholds(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each band of α as the status table sets it, e.g. "60,0% ≤ α < 100,0%"; the band above a
    status starts where its own ends, so the bands are written from the same numbers."""
    bands, upper = {}, None
    for r in frame[frame["kind"] == "pace"].sort_values("min_ratio", ascending=False).itertuples():
        lower = fmt_pct(r.min_ratio, lang) + " ≤ " if math.isfinite(r.min_ratio) else ""
        bands[r.code] = lower + "α" + (" < " + fmt_pct(upper, lang) if upper is not None else "")
        upper = r.min_ratio
    return bands


def statuses(lang: str) -> html.Section:
    """The status rule with its formula, and its thresholds as the views apply them, read from
    the status table (data/reference/statuses.csv)."""
    frame = warehouse.current().query("statuses")
    bands = thresholds(frame, lang)
    rows = [[html.Span([html.Span(className="swatch", style={"background": STATUS_COLOURS[r.code]}),
                        f" {STATUS_SYMBOLS[r.code]} ", getattr(r, f"label_{lang}")]),
             bands.get(r.code, _("rule", lang)), getattr(r, f"description_{lang}")]
            for r in frame.itertuples()]
    on_track = frame.loc[frame["code"] == "on_track", "min_ratio"].iloc[0]
    lower = [fmt_pct(m, lang) for m in sorted(frame["min_ratio"].dropna(), reverse=True)
             if math.isfinite(m) and m < on_track]
    return html.Section([html.H2(_("Statuses and thresholds", lang)),
                         html.P(_("One rule decides the status, the projection and ‘target reached in’ "
                                  "together. The rules come first, in this order: not started, target "
                                  "achieved (R ≥ T), deadline passed (not achieved), no complete month "
                                  "among the last six (no data: no pace to project from). Then the "
                                  "anticipated progress α = (P − B) / (T − B) decides, by the bands "
                                  "below.", lang)),
                         html.P(_("On track starts at α = {on_track}: only when the projection reaches "
                                  "the target by the deadline, as UN ESCAP's anticipated progress index "
                                  "counts a target as on track. The lower bands start at Open SDG's "
                                  "thresholds ({lower}); Open SDG's {open_sdg} for on track is not used, "
                                  "as it would call a projection that misses the target on track.", lang,
                                  on_track=fmt_pct(on_track, lang), lower=", ".join(lower),
                                  open_sdg=fmt_pct(OPEN_SDG_ON_TRACK, lang))),
                         html.P(_("Uncertain: a status from α whose projection has no interval (fewer "
                                  "than two complete months among the last six) or whose interval "
                                  "contains the target, so the status could be on the other side of "
                                  "‘reaches the target’.", lang)),
                         components.table(_("Statuses as the views assign them", lang),
                                          [_(k, lang) for k in (N_("Status"), N_("Threshold"),
                                                                N_("Meaning"))], rows)])


def settings() -> dict[str, float]:
    """The settings the views apply (table `setting`, written from core/settings.py)."""
    frame = warehouse.current().query("settings")
    return dict(zip(frame["name"], frame["value"]))


def example(lang: str) -> dict[str, str]:
    """The worked example's values, formatted; empty when the warehouse has no target."""
    frame = warehouse.current().query("methode_example")
    if frame.empty:
        return {}
    r = frame.iloc[0]
    labels = components.labels("indicators", lang)
    return {"region": r["region_name"], "indicator": labels[r["indicator"]],
            "first": fmt_month(as_date(r["first_month"]), lang),
            "last": fmt_month(as_date(r["last_month"]), lang),
            "months": fmt_number(r["months_total"], lang),
            "target": fmt_amount(r["target_value"], r["unit"], lang),
            "baseline": fmt_amount(r["baseline_value"], r["unit"], lang),
            "required": fmt_number(r["required_per_month"], lang, 1)}


def formulas(lang: str) -> html.Section:
    """Every formula the views apply, a worked example under those that have one."""
    values = example(lang)

    def explained(term: str, text: str) -> list[str]:
        shown = [_(text, lang)]
        if values and term in EXAMPLES:
            shown += [" ", _(EXAMPLES[term], lang, **values)]
        return shown

    return html.Section([html.H2(_("Formulas", lang)),
                         html.Dl([html.Div([html.Dt(_(term, lang)), html.Dd(explained(term, text))])
                                  for term, text in FORMULAS], className="formulas")], id="formules")


def provisional(lang: str) -> html.Section:
    """The completeness rule, with the settings and the default month as the views apply them
    (sql/views/05_completeness.sql, 15_provisional.sql)."""
    db = warehouse.current()
    values = settings()
    programme = db.query("programmes")["code"].iloc[0]
    current = db.query("current_month", programme=programme).iloc[0]
    held = db.query("methode_data").iloc[0]
    status = components.labels("statuses", lang)

    def share(name: str) -> str:
        return fmt_pct(values[name], lang, 0) if name in values else "–"

    return html.Section([
        html.H2(_("Provisional figures", lang)),
        html.P(_("Reporting obligation: the register (data/reference/obligations.csv, now {n} entries) sets "
                 "which partner delivers which indicator for which region every month. Where it names no "
                 "one, a partner that has delivered an indicator for a region is expected every month from "
                 "its first delivered month until the target's deadline month (the programme's last month "
                 "when the region has no target for that indicator).", lang,
                 n=fmt_number(held["obligations"], lang))),
        html.P(_("Completeness per region, indicator and month: complete (every expected partner "
                 "delivered), partial (k of n) or missing (none). A month in which no one is expected to "
                 "deliver owes nothing and counts as complete.", lang)),
        html.P(_("Not delivered is unknown, not zero. R adds up what has arrived, so while a month is "
                 "partial or missing R may still grow, and it is marked provisional. The recent pace p uses "
                 "only the complete months among the last {months} calendar months: a partial or missing "
                 "month is left out, not taken as 0 or as a dip.", lang,
                 months=fmt_number(values.get("recent_pace_months"), lang))),
        html.P(_("As of: status, anticipated progress α, pace ratio ρ and projection are computed at the last "
                 "complete month up to the as-of month (‘as of …’), except ‘{achieved}’ and ‘{not_started}’, "
                 "which hold at the as-of month itself, as does any status after the target was amended "
                 "since that month. A figure that includes an incomplete month is provisional and marked "
                 "so on the map (open ring), on the region cards, in the chart (open markers, dashed line), "
                 "in the ranking, in the exports and in `regiomonitor progress`.", lang,
                 achieved=status["achieved"], not_started=status["not_started"])),
        html.P(_("‘{achieved}’ counts what has arrived: later months only add to R, but a correction "
                 "or withdrawal in a later file can lower it (see ‘Corrections and withdrawals’), and the "
                 "status then follows.", lang, achieved=status["achieved"])),
        html.P(_("Default month: the map and Compare show by default the latest month that is complete "
                 "for at least {share} of the regions expected to deliver in it (a setting of the monitor); "
                 "one early file does not move it. Now: {month}.", lang,
                 share=share("default_month_complete_share"),
                 month=fmt_month(as_date(current["as_of_month"]), lang))),
        html.P(_("Behind: a month is due once at least {share} of the regions with reporting obligations "
                 "have reported on it; a partner that has not delivered it is behind since the month after "
                 "its last delivery.", lang,
                 share=share("due_month_reported_share"))),
    ], id="voorlopig")


def revisions(lang: str) -> html.Section:
    """The revision rule as sql/pipelines/changes.sql, apply_changes.sql and archive_revised.sql
    apply it, and what it means for R."""
    return html.Section([
        html.H2(_("Corrections and withdrawals", lang)),
        html.P(_("Every figure has a key: region, indicator, month, partner and sector. A row in a "
                 "partner's file replaces exactly the published figure with the same key, and the word "
                 "‘intrekken’ as its value withdraws that figure; nothing else changes. A row equal to the "
                 "published figure changes nothing and keeps its first source.", lang)),
        extract_rule(lang),
        html.P(_("A replaced or withdrawn figure stays in the revision history on the Data page, with the "
                 "file that replaced or withdrew it and when. So a correction or withdrawal can lower R as "
                 "well as raise it: every publication computes every figure, status and projection again "
                 "from the figures then published.", lang)),
        html.P(_("A file with an error is rejected as a whole and changes nothing, unless a steward accepts "
                 "its valid rows (the other rows are kept with their reasons). The same file loaded twice "
                 "changes nothing. A figure held for review counts nowhere until a steward approves it.",
                 lang)),
    ], id="revisies")


def extract_rule(lang: str) -> html.P:
    """What a registry extract changes (sql/pipelines/extract_groups.sql, changes.sql)."""
    return html.P(_("A registry extract's records are counted per region, indicator, month, partner and "
                    "sector, leaving out records whose status does not count; each count replaces the "
                    "figure with the same key.", lang))


def sources(lang: str) -> html.Section:
    """The real targets with their sources, the regions, and how much is demonstration data, all
    read from the warehouse."""
    db = warehouse.current()
    labels = components.labels("indicators", lang)
    targets = [html.Li([_("{region} · {indicator}: {baseline} on {baseline_date}, target {target} by "
                          "{deadline}.", lang, region=t.region_name, indicator=labels[t.indicator],
                          baseline=fmt_amount(t.baseline_value, t.unit, lang),
                          baseline_date=fmt_date(as_date(t.baseline_date), lang),
                          target=fmt_amount(t.target_value, t.unit, lang),
                          deadline=fmt_date(as_date(t.deadline), lang)),
                        html.Br(), html.Small([_("Source:", lang), " ", html.Span(t.source, lang="nl")])])
               for t in db.query("methode_targets").itertuples()]
    held = db.query("methode_data").iloc[0]
    return html.Section([
        html.H2(_("Sources", lang)),
        html.Ul([*targets,
                 html.Li(_("The Rivierenland covenant is described in: SER, theme document Sociale innovatie "
                           "(2006), box on Rivierenland (source given there: www.rivierenland.nl).", lang)),
                 html.Li(_("Labour-market regions: CBS codes and names 2025, {n} regions ({first}–{last}, "
                           "without {missing}).", lang, n=fmt_number(held["regions"], lang),
                           first=held["first_code"], last=held["last_code"],
                           missing=", ".join(held["missing_codes"]) or "–")),
                 html.Li(map_credit(lang)),
                 html.Li(demo_share(held, lang))]),
    ], id="bronnen")


def map_credit(lang: str) -> str:
    """Where the map's shapes come from: the credit of the real boundaries it draws by default."""
    offered = warehouse.current().query("geometry_sources")
    first = offered.iloc[0]
    return _("Map: {credit}", lang, credit=presentation.credit_line(
        first["source"], first["year"], first["attribution"], lang))


def demo_share(held: pd.Series, lang: str) -> str:
    """How much of the warehouse is generated demonstration data, counted in SQL."""
    if not (held["demo_targets"] or held["demo_figures"] or held["demo_population_regions"]):
        return _("No target, realised figure or population figure is demonstration data.", lang)
    return _("Generated demonstration data (demonstratiedata): targets {targets} of {all_targets}; realised "
             "figures {figures} of {all_figures}; population figures {population} of {all_population} "
             "regions.", lang,
             targets=fmt_number(held["demo_targets"], lang), all_targets=fmt_number(held["targets"], lang),
             figures=fmt_number(held["demo_figures"], lang), all_figures=fmt_number(held["figures"], lang),
             population=fmt_number(held["demo_population_regions"], lang),
             all_population=fmt_number(held["population_regions"], lang))


def frame(lang: str) -> html.Section:
    """The programme's national goal and the first regions' promise, each with its source: context,
    never set against the regions' figures (sql/views/60_national.sql says why)."""
    rows = warehouse.current().query("programme_frame")
    labels = components.labels("indicators", lang)
    items = [html.Li([f"{r.programme_name} · {labels[r.indicator]} · {_(SCOPES[r.scope], lang)}: "
                      f"{fmt_amount(r.goal, r.unit, lang)}",
                      f" ({r.region_names})" if isinstance(r.region_names, str) else None,
                      " ", html.Span(_(states.DEMO_TAG, lang), className="badge badge-demo")
                      if r.is_demo else None,
                      html.Br(), html.Small([_("Source:", lang), " ", html.Span(r.source, lang="nl")])])
             for r in rows.itertuples()]
    return html.Section([html.H2(_("Programme frame Leren & Werken", lang)),
                         html.P(_("Above the regional covenants stood the programme's own goals. The monitor "
                                  "shows them as context, each with its source. The national goals are for "
                                  "the whole programme, agreements with sectors included, not for these "
                                  "regions together: the monitor never shows the regions' figures as a "
                                  "percentage of them. The sources count trajectories (leerwerktrajecten, "
                                  "EVC-trajecten); the frame sets each beside the monitor's indicator for "
                                  "it.", lang)),
                         html.Ul(items)], id="kader")


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
        html.P(_("Every figure comes from one place: the warehouse's SQL views. This page reads its "
                 "definitions, thresholds, settings, examples and sources from the same tables those views "
                 "use.", lang)),
        indicators(lang),
        formulas(lang),
        statuses(lang),
        provisional(lang),
        outliers(lang, UNITS),
        revisions(lang),
        sources(lang),
        frame(lang),
        methode_context.section(lang),
        html.Section([html.H2(_("Accessibility", lang)),
                      *[html.P(_(text, lang)) for text in ACCESSIBILITY]], id="toegankelijkheid"),
        contact(lang),
    ])
