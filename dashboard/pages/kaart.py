"""Kaart: every region coloured by its percentage of target for one indicator,
with the same figures in a table of links (every region reachable without the map)."""
from __future__ import annotations

import datetime as dt

import dash
import pandas as pd
from dash import Input, Output, State, clientside_callback, dcc, html

from dashboard import components, figures, ids, warehouse
from dashboard.i18n import fmt_amount, fmt_month, fmt_pct, language, t

dash.register_page(__name__, path="/", title="Regiomonitor – Kaart", label_key="page_kaart", order=0)

DEFAULT_INDICATOR = "leerwerkplaatsen"


def default_programme() -> str:
    """The first programme; a programme selector comes with the full dashboard."""
    return warehouse.current().query("programmes")["code"].iloc[0]


def indicator_options(lang: str) -> list[dict]:
    frame = warehouse.current().query("indicators")
    return [{"label": row[f"label_{lang}"], "value": row["code"]} for _, row in frame.iterrows()]


def map_view(indicator: str, lang: str) -> tuple:
    """Figure, table and text summary for one indicator."""
    db = warehouse.current()
    progress = db.query("map_progress", programme=default_programme(), indicator=indicator)
    label = next(o["label"] for o in indicator_options(lang) if o["value"] == indicator)
    figure = figures.progress_map(progress, db.query("geometry"), lang)
    statuses = dict(zip(*db.query("statuses")[["code", f"label_{lang}"]].T.values))
    rows = [[dcc.Link(r.region_name, href=components.href(f"/regio/{r.region}", lang)), r.region,
             fmt_amount(r.realised, r.unit, lang), fmt_amount(r.target_value, r.unit, lang),
             fmt_pct(r.achievement, lang), status_text(r, statuses, lang),
             fmt_month(_month(r.last_reported_month), lang, short=True)]
            for r in progress.itertuples()]
    table = components.table(
        t("table_caption", lang, indicator=label),
        [t(k, lang) for k in ("col_region", "col_code", "col_realised", "col_target", "col_pct",
                               "col_status", "col_last_reported")], rows, numeric={2, 3, 4})
    return figure, table, summary(progress, label, lang)


def status_text(row, statuses: dict[str, str], lang: str) -> str:
    """A status in words, marked when the projection leaves it uncertain."""
    if not isinstance(row.status, str):
        return t("no_target", lang)
    return statuses[row.status] + (f" ({t('status_uncertain', lang)})" if row.status_uncertain else "")


def _month(value) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def summary(progress, label: str, lang: str) -> str:
    """The map in one sentence, for screen readers and for anyone who cannot see colour."""
    known = progress.dropna(subset=["achievement"]).sort_values("achievement")
    if known.empty:
        return t("no_target", lang)
    best, worst = known.iloc[-1], known.iloc[0]
    return t("map_summary", lang, indicator=label, n=len(known),
             median=fmt_pct(known["achievement"].median(), lang),
             best=best["region_name"], best_pct=fmt_pct(best["achievement"], lang),
             worst=worst["region_name"], worst_pct=fmt_pct(worst["achievement"], lang))


def layout(lang: str | None = None, indicator: str | None = None, **_: str) -> html.Div:
    lang = language(lang)
    options = indicator_options(lang)
    if indicator not in {o["value"] for o in options}:
        indicator = DEFAULT_INDICATOR
    figure, table, text = map_view(indicator, lang)
    any_demo = bool(warehouse.current().query("warehouse_info")["any_demo"].iloc[0])
    return html.Div([
        components.header(lang, "/", indicator=indicator),
        html.Main([
            html.H1(t("map_heading", lang)),
            components.demo_banner(lang, any_demo),
            html.Fieldset([
                html.Legend(t("indicator_choice", lang)),
                dcc.RadioItems(id=ids.KAART_INDICATOR, options=options, value=indicator,
                               inline=True, className="radio-row"),
            ], className="controls"),
            dcc.Store(id=ids.KAART_LANG, data=lang),
            html.Div([
                html.Figure([
                    dcc.Graph(id=ids.KAART_MAP, figure=figure, config={"displaylogo": False,
                                                                      "scrollZoom": False}),
                    html.Figcaption([
                        html.P(text, id=ids.KAART_SUMMARY, className="summary",
                               **{"aria-live": "polite"}),
                        html.P(t("map_click_hint", lang), className="hint"),
                        html.P(t("map_attribution", lang), className="attribution"),
                    ]),
                ], className="map-panel"),
                html.Div(table, id=ids.KAART_TABLE, className="table-panel"),
            ], className="map-layout"),
            html.Div(id=ids.KAART_NAV_SINK, hidden=True),
        ], id="main", tabIndex="-1"),
        components.footer(lang),
    ])


@dash.callback(
    Output(ids.KAART_MAP, "figure"), Output(ids.KAART_TABLE, "children"),
    Output(ids.KAART_SUMMARY, "children"),
    Input(ids.KAART_INDICATOR, "value"), State(ids.KAART_LANG, "data"),
    prevent_initial_call=True,
)
def change_indicator(indicator: str, lang: str) -> tuple:
    """Redraw map, table and summary for the chosen indicator."""
    return map_view(indicator, lang)


# Clicking a region opens its page, keeping the language in the address.
clientside_callback(
    """function(click) {
        if (!click || !click.points.length) { return window.dash_clientside.no_update; }
        const lang = new URLSearchParams(window.location.search).get('lang') || 'nl';
        window.location.assign('/regio/' + click.points[0].location + '?lang=' + lang);
        return '';
    }""",
    Output(ids.KAART_NAV_SINK, "children"),
    Input(ids.KAART_MAP, "clickData"),
    prevent_initial_call=True,
)
