"""Regio: one region's progress per indicator, its covenant and the files behind its figures."""
from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard import components, figures, url_state, warehouse
from dashboard.status_style import STATUS_SYMBOLS
from dashboard.i18n import fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct, language, t

dash.register_page(__name__, path_template="/regio/<code>", title="Regiomonitor – Regio",
                   label_key="page_regio")


def _date(value) -> object:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def status_badge(row: pd.Series, labels: dict[str, str], lang: str) -> html.Span:
    """The status in words and a symbol, never by colour alone."""
    text = labels.get(row["status"], row["status"])
    if row["status_uncertain"]:
        text += f" ({t('status_uncertain', lang)})"
    return html.Span([html.Span(STATUS_SYMBOLS.get(row["status"], "•"), **{"aria-hidden": "true"}),
                      " ", text], className=f"status status-{row['status']}")


def reached_text(row: pd.Series, lang: str) -> str:
    reached = _date(row["projected_month_reached"])
    if row["status"] == "achieved" or row["months_remaining"] == 0:
        return "–"
    if reached is None:
        return t("not_at_pace", lang)
    late = f" ({t('after_deadline', lang)})" if row["reached_after_deadline"] else ""
    return fmt_month(reached, lang) + late


def indicator_card(row: pd.Series, series: pd.DataFrame, label: str, statuses: dict[str, str],
                   lang: str) -> html.Section:
    """Realised against target for one indicator, its status, projection and trajectory chart."""
    tags = [html.Span(t("demo_target_tag" if row["target_is_demo"] else "real_tag", lang),
                      className="badge " + ("badge-demo" if row["target_is_demo"] else "badge-real"))]
    if row["observations_demo"]:
        tags.append(html.Span(t("demo_realised_tag", lang), className="badge badge-demo"))
    unit = row["unit"]
    as_of, last = _date(row["as_of_month"]), _date(row["last_reported_month"])
    summary = t("chart_summary", lang, indicator=label,
                baseline=fmt_amount(row["baseline_value"], unit, lang),
                start=fmt_date(_date(row["baseline_date"]), lang),
                realised=fmt_amount(row["realised"], unit, lang), as_of=fmt_month(as_of, lang),
                target=fmt_amount(row["target_value"], unit, lang),
                deadline=fmt_date(_date(row["deadline"]), lang))
    projected = fmt_amount(row["projected"], unit, lang)
    if pd.notna(row["projected_low"]) and row["months_remaining"] > 0:
        projected += (f" ({fmt_amount(row['projected_low'], unit, lang)} – "
                      f"{fmt_amount(row['projected_high'], unit, lang)})")

    def figure(term: str, value: str, big: bool = False, extra: str = "") -> html.Div:
        return html.Div([html.Dt(term), html.Dd(value, className=("figure-big " if big else "") + extra)])

    required = row["required_per_month"]
    return html.Section([
        html.H2(label),
        html.P([status_badge(row, statuses, lang), *tags], className="tags"),
        html.Dl([
            figure(t("card_realised", lang), fmt_amount(row["realised"], unit, lang), big=True),
            figure(t("card_target", lang), fmt_amount(row["target_value"], unit, lang), big=True,
                   extra="target-value"),
            figure(t("card_pct", lang), fmt_pct(row["achievement"], lang)),
            figure(t("card_baseline", lang, date=fmt_date(_date(row["baseline_date"]), lang)),
                   fmt_amount(row["baseline_value"], unit, lang)),
            figure(t("card_deadline", lang), fmt_date(_date(row["deadline"]), lang)),
            figure(t("card_expected", lang), fmt_amount(row["expected"], unit, lang)),
            figure(t("card_required", lang), fmt_amount(required, unit, lang)
                   if pd.notna(required) else "–"),
            figure(t("card_projected", lang), projected),
            figure(t("card_reached", lang), reached_text(row, lang)),
        ], className="card-figures"),
        html.P([t("card_as_of", lang, month=fmt_month(as_of, lang)), " · ",
                t("card_last_reported", lang, month=fmt_month(last, lang)) if last
                else t("card_no_data", lang)], className="as-of"),
        html.Figure([dcc.Graph(figure=figures.trajectory(series, row, label, lang),
                               config={"displaylogo": False}),
                     html.Figcaption(summary)]),
    ], className="card", id=f"card-{row['indicator']}")


def covenant(region: str, programme: pd.Series, labels: dict[str, str], lang: str) -> html.Section:
    """Who signed, for which period, and every version of the targets with its source."""
    db = warehouse.current()
    signatories = db.query("region_signatories", region=region, programme=programme["code"])
    items = [html.Li(f"{s.organisation}" + ("" if s.role == "ondertekenaar"
                                            else f" ({t('role_' + s.role, lang)})"))
             for s in signatories.itertuples()]
    targets = db.query("region_targets", region=region, programme=programme["code"])
    units = dict(zip(*db.query("indicators")[["code", "unit"]].T.values))
    rows = [[labels[v.indicator], fmt_number(v.version, lang), fmt_date(_date(v.valid_from), lang),
             fmt_amount(v.baseline_value, units[v.indicator], lang),
             fmt_amount(v.target_value, units[v.indicator], lang), fmt_date(_date(v.deadline), lang),
             (v.note + " · " if isinstance(v.note, str) else "") + v.source]
            for v in targets.itertuples()]
    return html.Section([
        html.H2(t("covenant_heading", lang)),
        html.P(html.Strong(programme["name"])),
        html.P(t("covenant_period", lang, start=fmt_date(_date(programme["start_date"]), lang),
                 end=fmt_date(_date(programme["end_date"]), lang))),
        html.H3(t("signatories", lang)),
        html.Ul(items) if items else html.P(t("no_signatories", lang)),
        components.table(t("targets_caption", lang),
                         [t(k, lang) for k in ("col_indicator", "col_version", "col_valid_from",
                                               "col_baseline", "col_target", "card_deadline",
                                               "col_source")], rows, numeric={1, 3, 4}),
    ], className="covenant")


def contributions(region: str, programme: str, labels: dict[str, str], lang: str) -> html.Section:
    """Which partner delivers what share of each indicator, and in which sectors."""
    frame = warehouse.current().query("region_contributions", region=region, programme=programme)
    units = dict(zip(*warehouse.current().query("indicators")[["code", "unit"]].T.values))
    rows = [[labels[c.indicator], getattr(c, f"partner_{lang}"),
             fmt_amount(c.realised, units[c.indicator], lang), fmt_pct(c.share, lang), c.sectors]
            for c in frame.itertuples()]
    return html.Section([
        html.H2(t("contributions_heading", lang)),
        components.table(t("contributions_caption", lang),
                         [t(k, lang) for k in ("col_indicator", "col_partner", "col_realised",
                                               "col_share", "col_sectors")], rows, numeric={2, 3}),
    ], className="contributions")


def freshness(region: str, lang: str) -> html.Section:
    """Per partner: the last month reported and how far it lags, so a gap is not read as a drop."""
    frame = warehouse.current().query("region_freshness", region=region)
    rows = [[getattr(f, f"partner_{lang}"), fmt_month(_date(f.last_period), lang),
             fmt_date(_date(f.last_received_at), lang), fmt_number(f.months_behind, lang)]
            for f in frame.itertuples()]
    return html.Section([
        html.H2(t("freshness_heading", lang)),
        components.table(t("freshness_caption", lang),
                         [t(k, lang) for k in ("col_partner", "col_last_reported", "col_received",
                                               "col_months_behind")], rows, numeric={3}),
    ], className="freshness")


def submissions(region: str, lang: str) -> html.Section:
    """The files behind the figures: traceability from screen to source."""
    frame = warehouse.current().query("region_submissions", region=region)
    rows = [[dcc.Link(s.file_name, href=components.href("/data", lang, submission=s.id)),
             fmt_date(_date(s.received_at), lang), s.indicators,
             fmt_amount(s.rows_for_region, "aantal", lang),
             t(f"status_{s.status}", lang) + (f" · {t('demo_tag', lang)}" if s.is_demo else "")]
            for s in frame.itertuples()]
    return html.Section([
        html.H2(t("sources_heading", lang)),
        components.table(t("sources_caption", lang),
                         [t("col_file", lang), t("col_received", lang), t("col_indicators", lang), t("col_rows", lang), t("col_status", lang)],
                         rows, numeric={3}),
    ], className="sources")


def layout(code: str | None = None, lang: str | None = None, programme: str | None = None,
           month: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    code = (code or "").upper()
    db = warehouse.current()
    region = db.query("region", region=code)
    path = f"/regio/{code}"
    if region.empty:
        return html.Div([components.header(lang, path),
                         html.Main([html.H1(t("page_regio", lang)),
                                    html.P(t("region_not_found", lang, code=code)),
                                    dcc.Link(t("back_to_map", lang), href=components.href("/", lang))],
                                   id="main", tabIndex="-1"),
                         components.footer(lang)])
    programmes = db.query("programmes").set_index("code", drop=False)
    programme = programmes.loc[programme] if programme in programmes.index else programmes.iloc[0]
    as_of = (url_state.parse_month(month)
             or db.query("current_month", programme=programme["code"])["as_of_month"].iloc[0].date())
    progress = db.query("region_progress", region=code, programme=programme["code"], month=as_of)
    series = db.query("region_series", region=code, programme=programme["code"], month=as_of)
    labels = dict(zip(*db.query("indicators")[["code", f"label_{lang}"]].T.values))
    statuses = dict(zip(*db.query("statuses")[["code", f"label_{lang}"]].T.values))
    cards = [indicator_card(row, series[series["indicator"] == row["indicator"]],
                            labels[row["indicator"]], statuses, lang)
             for _, row in progress.iterrows()]
    return html.Div([
        components.header(lang, path),
        html.Main([
            dcc.Link(t("back_to_map", lang), href=components.href("/", lang), className="back-link"),
            html.H1(t("region_heading", lang, name=region["name"].iloc[0], code=code)),
            components.demo_banner(lang, bool(progress["is_demo"].any())),
            html.P(t("region_as_of", lang, month=fmt_month(as_of, lang)), className="as-of-line"),
            html.Div(cards, className="cards") if cards else html.P(t("region_no_targets", lang)),
            contributions(code, programme["code"], labels, lang),
            covenant(code, programme, labels, lang),
            freshness(code, lang),
            submissions(code, lang),
        ], id="main", tabIndex="-1"),
        components.footer(lang),
    ])
