"""Kaart: every region coloured by status, % of target or gain per 10,000 inhabitants, for
one programme, indicator and as-of month; a legend counting regions per status; the same
figures in a table of links, so every region is reachable without the map."""
from __future__ import annotations

import datetime as dt

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html
from markupsafe import Markup

from core import presentation
from core.formats import as_date, fmt_amount, fmt_month, fmt_number, fmt_pct
from core.texts import N_, _, language
from core.vocabulary import STATUS_SYMBOLS
from dashboard import components, ids, national, response_cache, shell, svg_map, tile_map, url_state, warehouse
from dashboard.status_style import STATUS_COLOURS

dash.register_page(__name__, path="/", title=components.page_title(N_("Map")), nav_label=N_("Map"), order=0)

# What the map may be coloured by, in words.
MEASURES = {"status": N_("Status"), "pct": N_("Percentage of target"),
            "per10k": N_("Gain per 10,000 aged 15-74")}
DEFAULT_MEASURE = "status"
# The map's shapes, in words.
SHAPES = {"cbs": N_("Real boundaries (CBS)"), "schematic": N_("Schematic tiles")}


def legend(progress: pd.DataFrame, statuses: dict[str, str], lang: str) -> html.Ul:
    """Regions per status, with the colour and symbol the map and tables use."""
    counts = progress["status"].value_counts()
    items = [html.Li([html.Span(className="swatch", style={"background": colour}),
                      html.Span(STATUS_SYMBOLS[code], className="symbol", **{"aria-hidden": "true"}),
                      f"{statuses[code]}: {fmt_number(counts.get(code, 0), lang)}"])
             for code, colour in STATUS_COLOURS.items() if counts.get(code, 0)]
    provisional = int(progress["regions_provisional"].max()) if len(progress) else 0
    if provisional:
        items.append(html.Li([html.Span("◯", className="symbol ring", **{"aria-hidden": "true"}),
                              _("provisional (open ring on the map): {n}", lang,
                                n=fmt_number(provisional, lang))]))
    missing = int(progress["status"].isna().sum())
    if missing:
        items.append(html.Li([html.Span(className="swatch swatch-none"),
                              _("no target: {n}", lang, n=fmt_number(missing, lang))]))
    return html.Ul(items, className="legend", **{"aria-label": _("Regions per status", lang)})


def table(progress: pd.DataFrame, label: str, statuses: dict[str, str], lang: str) -> html.Div:
    """The map's figures as an accessible table; every region name links to its page. On a
    phone it shows region, realised, target and status (the status says "voorlopig")."""
    rows = [[components.link_markup(components.breakable_markup(r.region_name),
                                    components.href(f"/regio/{r.region}", lang)), r.region,
             fmt_amount(r.realised, r.unit, lang), fmt_amount(r.target_value, r.unit, lang),
             fmt_pct(r.achievement, lang), fmt_number(r.gain_per_10k, lang, 1),
             presentation.status_text(r, statuses, lang, symbol=True),
             _("provisional", lang) if r.provisional else "",
             fmt_month(as_date(r.last_reported_month), lang, short=True)]
            for r in progress.itertuples()]
    return components.static_table(
        _("All regions: realised, target and percentage of target ({indicator})", lang, indicator=label),
        [_(k, lang) for k in (N_("Region"), N_("Code"), N_("Realised"), N_("Target"), N_("Share of target"),
                               N_("Gain per 10,000"), N_("Status"), N_("Provisional"), N_("Last reported"))],
        rows, numeric={2, 3, 4, 5}, phone_hidden={1, 4, 5, 7, 8})


def summary(progress: pd.DataFrame, label: str, month: dt.date, lang: str) -> str:
    """The map in one sentence, for screen readers and for anyone who cannot see colour."""
    known = progress.dropna(subset=["achievement"]).sort_values("achievement")
    if known.empty:
        return _("no target", lang)
    best, worst = known.iloc[-1], known.iloc[0]
    return _("{indicator}, as of {month}: {n} regions with a target. Median {median} of target; highest "
             "{best} ({best_pct}), lowest {worst} ({worst_pct}).", lang, indicator=label,
             month=fmt_month(month, lang), n=len(known),
             median=fmt_pct(known["achievement"].median(), lang),
             best=best["region_name"], best_pct=fmt_pct(best["achievement"], lang),
             worst=worst["region_name"], worst_pct=fmt_pct(worst["achievement"], lang))


def region_lines(row: object, statuses: dict[str, str], lang: str) -> list[str]:
    """A region's figures in the reader's format, a line each, its name first: the map's tooltip
    and the accessible name of the region's link."""
    if not isinstance(row.status, str):
        return [row.region_name, _("no target", lang)]
    realised = fmt_amount(row.realised, row.unit, lang) + (
        " (" + _("provisional", lang) + ")" if presentation.flag(row.provisional) else "")
    return [row.region_name, *_(
        "Status: {status}\nRealised: {realised}\nTarget: {target}\n{pct} of target\n"
        "Gain per 10,000 aged 15-74: {per10k}", lang, realised=realised,
        target=fmt_amount(row.target_value, row.unit, lang), pct=fmt_pct(row.achievement, lang),
        status=presentation.status_text(row, statuses, lang, symbol=True),
        per10k=fmt_number(row.gain_per_10k, lang, 1)).split("\n")]


@warehouse.per_snapshot
def geometry(shape: str) -> pd.DataFrame:
    """One source's shapes, read once per snapshot: every choice on the page draws the same ones."""
    return warehouse.current().query("geometry", source=shape)


@warehouse.per_snapshot
def drawing(shape: str) -> svg_map.Drawing:
    """One source's shapes, projected once per snapshot: a redraw only colours them."""
    return svg_map.project(geometry(shape))


def map_markup(progress: pd.DataFrame, shapes: svg_map.Drawing, tiles: bool, measure: str,
               statuses: dict[str, str], programme: str, month: dt.date, lang: str) -> Markup:
    """The map in one measure's colours, every region a link to its page that keeps the
    programme and month (and language), the provisional ones ringed; the tiles carry their code
    and status symbol instead of a ring. Below it the colour scale of a share or a gain."""
    regions = [svg_map.Region(
        row.region, fill, region_lines(row, statuses, lang),
        components.href(f"/regio/{row.region}", lang, programme=programme, month=url_state.month_param(month)),
        known=isinstance(row.status, str), ring=not tiles and presentation.flag(row.provisional),
        label=tile_map.label(row) if tiles else (), ink=tile_map.text_colour(fill))
        for row, fill in zip(progress.itertuples(), svg_map.fills(progress, measure))]
    regions.sort(key=lambda region: not region.known)   # no target's grey outline over the others
    name = _("Map of the labour-market regions: {measure}", lang, measure=_(MEASURES[measure], lang))
    return svg_map.markup(shapes, regions, name, tiles) + scale(progress, measure, lang)


def scale(progress: pd.DataFrame, measure: str, lang: str) -> Markup:
    """The colour bar of a share of target (0 to 100 %) or a gain per 10.000 (the regions' lowest
    to highest); the status colours have their legend (`legend`)."""
    if measure == "status":
        return Markup("")
    low, high = svg_map.value_range(progress, measure)
    if measure == "pct":
        ticks, title = [(v, fmt_pct(v, lang, 0)) for v in (0, 0.25, 0.5, 0.75, 1)], ""
        ends = fmt_pct(low, lang, 0), fmt_pct(high, lang, 0)
    else:
        ticks, title = [(v, fmt_number(v, lang)) for v in svg_map.nice_ticks(low, high)], _("per 10,000", lang)
        ends = fmt_number(low, lang, 1), fmt_number(high, lang, 1)
    name = _("Colour scale of {measure}: light {low}, dark {high}", lang, measure=_(MEASURES[measure], lang),
             low=ends[0], high=ends[1])
    return svg_map.colour_bar(low, high, ticks, name, title)


@warehouse.per_snapshot
def map_view(programme: str, indicator: str, month: dt.date, measure: str, shape: str,
             lang: str) -> tuple:
    """Map, legend, table, summary, attribution and national picture for one choice."""
    db = warehouse.current()
    progress = db.query("map_progress", programme=programme, indicator=indicator, month=month)
    progress["as_of_month"] = month
    statuses, label = components.labels("statuses", lang), components.labels("indicators", lang)[indicator]
    return (map_markup(progress, drawing(shape), shape == "schematic", measure, statuses, programme,
                       month, lang), legend(progress, statuses, lang), table(progress, label, statuses, lang),
            summary(progress, label, month, lang), attribution(geometry(shape), lang),
            national.panel(programme, indicator, month, label, lang))


def attribution(geometry: pd.DataFrame, lang: str) -> str:
    """Where the shapes come from: the schematic tiles, or the real boundaries' source."""
    first = geometry.iloc[0]
    return presentation.credit_line(first["source"], first["year"], first["attribution"], lang)


def shape_control(lang: str, sources: list[str], shape: str) -> html.Fieldset | dcc.Store:
    """A visible switch between real boundaries and the schematic tiles, when both exist."""
    if len(sources) < 2:
        return dcc.Store(id=ids.KAART_SHAPE, data=shape)
    return components.choice_group(ids.KAART_SHAPE, _("Map shapes", lang),
                                   {s: _(SHAPES[s], lang) for s in sources}, shape)


def controls(lang: str, programme: str, indicator: str, month: dt.date, measure: str,
             months: list[dt.date], sources: list[str], shape: str) -> html.Div:
    """Programme, indicator, measure and as-of month, each with a visible label."""
    programmes = warehouse.current().query("programmes")
    return html.Div([
        components.select(ids.KAART_PROGRAMME, _("Programme", lang), programme,
                          dict(zip(programmes["code"], programmes["name"]))),
        components.choice_group(ids.KAART_INDICATOR, _("Indicator", lang),
                                components.labels("indicators", lang), indicator),
        components.choice_group(ids.KAART_MEASURE, _("Map colour", lang),
                                {m: _(label, lang) for m, label in MEASURES.items()}, measure),
        components.select(ids.KAART_MONTH, _("As of month", lang), url_state.month_param(month),
                          {url_state.month_param(m): fmt_month(m, lang) for m in months}),
        shape_control(lang, sources, shape),
    ], className="controls")


@response_cache.snapshot_pure
@components.safe_layout
def layout(lang: str | None = None, programme: str | None = None, indicator: str | None = None,
           month: str | None = None, measure: str | None = None, shape: str | None = None,
           **_ignored: str) -> html.Div:
    lang = language(lang)
    db = warehouse.current()
    state = shell.view(lang, programme, indicator, month)
    programme, indicator, month, months = state.programme, state.indicator, state.month, state.months
    measure = measure if measure in MEASURES else DEFAULT_MEASURE
    sources = list(db.query("geometry_sources")["source"])
    shape = shape if shape in sources else sources[0]
    drawn, legend_list, data_table, text, credit, country = map_view(
        programme, indicator, month, measure, shape, lang)
    any_demo = bool(db.query("warehouse_info")["any_demo"].iloc[0])
    return shell.page(lang, "/", [
        html.H1(_("Progress per labour-market region", lang)),
        components.demo_banner(lang, any_demo),
        controls(lang, programme, indicator, month, measure, months, sources, shape),
        components.default_month_note(db.query("current_month", programme=programme).iloc[0], lang),
        components.common_month_note(lang),
        components.error_region(),
        html.Div(country, id=ids.KAART_NATIONAL),
        dcc.Store(id=ids.KAART_LANG, data=lang),
        html.Div([
            html.Figure([
                components.static_box(drawn, box_id=ids.KAART_MAP),
                html.Figcaption([
                    html.P(text, id=ids.KAART_SUMMARY, className="summary",
                           **{"aria-live": "polite"}),
                    html.Div(legend_list, id=ids.KAART_LEGEND),
                    html.P(_("Click a region on the map or in the table to open its page.", lang),
                           className="hint"),
                    html.P(credit, id=ids.KAART_ATTRIBUTION, className="attribution"),
                ]),
            ], className="map-panel"),
            html.Div(data_table, id=ids.KAART_TABLE, className="table-panel"),
        ], className="map-layout"),
        html.Div(id=ids.KAART_URL_SINK, hidden=True),
    ])


@dash.callback(
    Output(ids.KAART_MAP, "data-html"), Output(ids.KAART_LEGEND, "children"),
    Output(ids.KAART_TABLE, "children"), Output(ids.KAART_SUMMARY, "children"),
    Output(ids.KAART_ATTRIBUTION, "children"), Output(ids.KAART_NATIONAL, "children"),
    Input(ids.KAART_PROGRAMME, "value"), Input(ids.KAART_INDICATOR, "data"),
    Input(ids.KAART_MONTH, "value"), Input(ids.KAART_MEASURE, "data"),
    Input(ids.KAART_SHAPE, "data"), State(ids.KAART_LANG, "data"),
    prevent_initial_call=True, on_error=components.callback_failed,
)
@response_cache.snapshot_pure
def change_view(programme: str, indicator: str, month: str, measure: str, shape: str,
                lang: str) -> tuple:
    """Redraw map, legend, table, summary, attribution and the national picture; a change of
    measure only recolours the map, so the rest stays as it is (issue 15: send only what changed).
    The map goes whole, as SVG: 10 kB with brotli, where plotly's Patch of the colours was 0,5 kB
    (docs/benchmarks.md, page ready round 9)."""
    view = map_view(programme, indicator, url_state.parse_month(month), measure, shape, lang)
    if dash.ctx.triggered_id == ids.KAART_MEASURE:
        return (view[0], *[dash.no_update] * (len(view) - 1))
    return view


components.register_choice(ids.KAART_INDICATOR)
components.register_choice(ids.KAART_MEASURE)
components.register_choice(ids.KAART_SHAPE)
url_state.sync_url(ids.KAART_URL_SINK, {
    "programme": (ids.KAART_PROGRAMME, "value"), "indicator": (ids.KAART_INDICATOR, "data"),
    "month": (ids.KAART_MONTH, "value"), "measure": (ids.KAART_MEASURE, "data"),
    "shape": (ids.KAART_SHAPE, "data")})
