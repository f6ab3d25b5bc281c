"""Vergelijken: rank all regions on one indicator (absolute, per 10,000, pace), put up to
four side by side, and export exactly the ranking that is shown."""
from __future__ import annotations

import datetime as dt

import dash
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html
from markupsafe import Markup

from core import presentation, states
from core.formats import as_date, fmt_date, fmt_month, fmt_number, fmt_pct, plotly_separators
from core.texts import N_, _, language
from dashboard import (
    components,
    context,
    export,
    figures,
    ids,
    response_cache,
    shell,
    url_state,
    warehouse,
)

dash.register_page(__name__, path="/vergelijken", title=components.page_title(N_("Compare")),
                   nav_label=N_("Compare"), order=1)

# What the export's figures are, per unit of the indicator.
EXPORT_UNITS = {
    "aantal": N_("counts (realised since the start, and target); share of target; gain per 10,000 "
                 "inhabitants aged 15-74; anticipated progress as share of the gain the target asks"),
    "euro": N_("euros (realised since the start, and target); share of target; gain per 10,000 "
               "inhabitants aged 15-74; anticipated progress as share of the gain the target asks"),
}
MAX_REGIONS = 4
REGION_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]  # Okabe-Ito: colour-blind safe
# Ranking column → its header, and how its value is shown. Ranked by % of target.
COLUMNS = [("rank_achievement", N_("Rank"), "int"), ("region_name", N_("Region"), "text"),
           ("realised", N_("Realised"), "int"), ("target_value", N_("Target"), "int"),
           ("achievement", N_("Share of target"), "pct"), ("gain_per_10k", N_("Gain per 10,000"), "dec"),
           ("rank_per_10k", N_("Rank per 10,000"), "int"),
           ("context_per_10k", N_("Expected given context (per 10,000)"), "dec"),
           ("context_ratio", N_("Realised per 10,000 against context"), "pct"),
           ("anticipated_ratio", N_("Anticipated progress α"), "pct"),
           ("status_label", N_("Status"), "text"), ("stand_label", N_("Pace and status as of"), "text"),
           ("provisional_label", N_("Provisional"), "text"),
           ("sparkline", N_("Trend (12 months)"), "text")]


def sparkline(values: object, open_positions: object) -> dict | None:
    """The trend column's small line chart (`sparkline_svg`) from the ranking query's
    trend_values and trend_open (sql/queries/ranking.sql says which months and why); None
    (no line) when the query gives none."""
    if values is None or pd.api.types.is_scalar(values):
        return None
    return {"values": [float(v) for v in values], "open": [int(i) for i in open_positions]}


def stand_label(stand: dt.date | None, month: dt.date, lang: str) -> str:
    """The month a row's α and status rest on (status_month: its last complete month, or the
    ranking's month when the target is reached or not started), said to be earlier
    than the ranking's month when it is: the row says so, the ranking's common month does not."""
    if stand is None:
        return ""
    shown = fmt_month(stand, lang, short=True)
    return _("{month} (earlier)", lang, month=shown) if stand < month else shown


def trend_text(trend: dict | None, lang: str) -> str:
    """The sparkline in words, for screen readers and the export."""
    if not trend:
        return ""
    values = trend["values"]
    return _("from {first} to {last} in {n} months", lang, first=fmt_number(values[0], lang),
             last=fmt_number(values[-1], lang), n=len(values) - 1)


@warehouse.per_snapshot
def ranking_rows(programme: str, indicator: str, month: dt.date, lang: str) -> list[dict]:
    """One ranking row per region, numbers kept numeric so `sorted_rows` sorts them as numbers."""
    frame = warehouse.current().query("ranking", programme=programme, indicator=indicator, month=month)
    statuses = components.labels("statuses", lang)
    frame["status_label"] = [presentation.status_text(r, statuses, lang, as_of=month, symbol=True)
                          for r in frame.itertuples()]
    frame["provisional_label"] = [_("provisional", lang) if components.flag(p) else ""
                                  for p in frame["provisional"]]
    frame["stand_label"] = [stand_label(as_date(stand), month, lang) for stand in frame["status_month"]]
    frame["trend"] = [sparkline(v, o) for v, o in zip(frame["trend_values"], frame["trend_open"])]
    frame["sparkline"] = [trend_text(trend, lang) for trend in frame["trend"]]
    keep = [c for c, _header, _kind in COLUMNS] + ["region", "status", "trend", "unit", "is_demo",
                                                  "context_no_figure"]
    rows = frame[keep].astype(object).where(frame[keep].notna(), None).to_dict("records")
    for row in rows:   # numbers stay numbers for sorting; the table shows them as Babel wrote them
        row.update({f"{field}_text": shown(kind, row[field], lang) for field, _header, kind in COLUMNS
                    if kind in NUMBER_KINDS})
        if row["context_no_figure"]:   # no expected figure: the cell says why, in short
            row["context_per_10k_text"] = context.short_reason(row["context_no_figure"], lang)
    return rows


NUMBER_KINDS = ("int", "dec", "amount", "pct")


def shown(kind: str, value: object, lang: str) -> str:
    """A cell as the table and the CSV export show it, in the page's language."""
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind in NUMBER_KINDS:
        return fmt_number(value, lang, 1 if kind == "dec" else 0)
    return "" if value is None else str(value)


# The sort a first visit shows, and a hostile or unknown sort parameter falls back to: by
# share of target, highest first. A sort is the field, after "-" when descending ("-achievement"),
# as it stands in the URL (?sort=...) and in the store ids.CMP_SORT.
DEFAULT_SORT = "-achievement"
SORTABLE = {field for field, _header, _kind in COLUMNS if field != "sparkline"}
# Columns with a class of their own (style.css): the region stays in view on the left when the
# table scrolls sideways, and on a phone the share of target on the right, as the grid pinned
# them; the status keeps room for its words.
COLUMN_CLASSES = {"region_name": "pin-start", "achievement": "pin-end", "status_label": "wide"}


def parse_sort(sort: object) -> tuple[str, bool]:
    """A sort from the URL or the store as (field, descending); anything that is not a sortable
    column (a hostile parameter, an old link) is the default."""
    text = sort if isinstance(sort, str) else ""
    field = text.removeprefix("-")
    if field not in SORTABLE:
        return parse_sort(DEFAULT_SORT)
    return field, text.startswith("-")


def sort_text(field: str, descending: bool) -> str:
    """A sort as the URL and the store write it (DEFAULT_SORT's form)."""
    return f"-{field}" if descending else field


def sorted_rows(rows: list[dict], sort: object) -> list[dict]:
    """The ranking in the order the table shows and the export writes: numbers as numbers, text
    without regard to case, empty values last in either direction, ties by rank and then name
    (a stable sort on that order)."""
    field, descending = parse_sort(sort)
    by_rank = sorted(rows, key=lambda r: (r["rank_achievement"] is None, r["rank_achievement"] or 0,
                                          r["region_name"]))
    empty = [r for r in by_rank if r.get(field) in (None, "")]
    present = [r for r in by_rank if r.get(field) not in (None, "")]
    text = any(isinstance(r[field], str) for r in present)
    return sorted(present, key=lambda r: r[field].casefold() if text else r[field], reverse=descending) + empty


def header(field: str, label: str, sort: str) -> components.Header:
    """A column's header with its sort button: a click sorts by it, from low to high (A to Z),
    and a click on the sorted column reverses it."""
    if field not in SORTABLE:
        return components.Header(label)
    now, descending = parse_sort(sort)
    if now == field:
        return components.Header(label, sort_text(field, not descending),
                                 "descending" if descending else "ascending")
    return components.Header(label, sort_text(field, False))


def sparkline_svg(trend: dict | None, label: str) -> Markup:
    """The trend as a small line chart drawn on the server: realised over the last twelve months,
    the last point filled, a month not completely delivered an open circle (so a gap never reads
    as a dip); `label` (the trend in words) is its accessible name."""
    if not trend or len(trend["values"]) < 2:
        return Markup("")
    width, height, pad, values = 110, 26, 4, trend["values"]
    low, span = min(values), (max(values) - min(values)) or 1
    points = [(pad + i * (width - 2 * pad) / (len(values) - 1),
               height - pad - (v - low) / span * (height - 2 * pad)) for i, v in enumerate(values)]
    circle = Markup('<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}" stroke="#08519c" stroke-width="1.5"/>')
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return Markup('<svg width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="{2}" class="sparkline">'
                  '<polyline points="{3}" fill="none" stroke="#08519c" stroke-width="1.5"/>{4}{5}</svg>').format(
        width, height, label, line, circle.format(*points[-1], "#08519c"),
        Markup("").join(circle.format(*points[i], "#ffffff") for i in trend["open"]))


def ranking_markup(rows: list[dict], sort: str, lang: str) -> Markup:
    """The ranking as a static table (components.static_markup) in the order `sort` asks: the
    region as the row header, numbers as Babel wrote them, the trend as a small chart."""
    fields = [field for field, _header, _kind in COLUMNS]

    def cell(row: dict, field: str, kind: str) -> str | Markup | components.Cell:
        if field == "region_name":
            return components.Cell(components.breakable_markup(row[field]), row_header=True)
        if field == "sparkline":
            return sparkline_svg(row["trend"], row["sparkline"])
        return row.get(f"{field}_text") or shown(kind, row.get(field), lang)

    return components.static_markup(
        _("Ranking", lang), [header(field, _(label, lang), sort) for field, label, _kind in COLUMNS],
        [[cell(row, field, kind) for field, _label, kind in COLUMNS] for row in sorted_rows(rows, sort)],
        numeric={i for i, (_field, _label, kind) in enumerate(COLUMNS) if kind in NUMBER_KINDS},
        table_id=ids.CMP_RANKING_TABLE, table_class="data-table ranking",
        column_classes={fields.index(field): name for field, name in COLUMN_CLASSES.items()})


# The export's columns: the table's, in its order (so "Rang" is the rank shown), with the CBS
# code before the name and without the trend text; realised and target in the indicator's
# unit (euros for O&O). (field, header, Excel format kind)
EXPORT_COLUMNS = [column for field, header, kind in COLUMNS if field != "sparkline"
                  for column in ([("region", N_("Code"), "text")] if field == "region_name" else [])
                  + [(field, header, "amount" if field in ("realised", "target_value") else kind)]]


def displayed(rows: list[dict], lang: str) -> tuple[list[str], list[list], list[list]]:
    """Export headers, the rows as shown (formatted text, for CSV) and as numbers (for Excel),
    in the order given (`sorted_rows`)."""
    headers = [_(header, lang) for _field, header, _kind in EXPORT_COLUMNS]
    as_text = [[row.get(f"{field}_text") or shown(kind, row.get(field), lang)   # as the table says it
                for field, _header, kind in EXPORT_COLUMNS] for row in rows]
    raw = [[row.get(field) for field, _header, _kind in EXPORT_COLUMNS] for row in rows]
    return headers, as_text, raw


def export_context(programme: str, indicator: str, month: dt.date, rows: list[dict],
                   lang: str) -> tuple[str, list[tuple[str, str]], list[export.Column]]:
    """Title, context rows and columns of the ranking's Excel file, as StatLine gives them."""
    db = warehouse.current()
    names = dict(zip(*db.query("programmes")[["code", "name"]].T.values))
    label = components.labels("indicators", lang)[indicator]
    unit = dict(zip(*db.query("indicators")[["code", "unit"]].T.values))[indicator]
    published = db.query("warehouse_info")["published_at"].iloc[0]
    context = [(_("Programme", lang), names[programme]), (_("Indicator", lang), label),
               (_("As of month", lang), fmt_month(month, lang)),
               (_("Compared", lang), _(components.COMMON_MONTH, lang)),
               (_("Unit", lang), _(EXPORT_UNITS[unit], lang)),
               (_("Order", lang), _("as shown in Regiomonitor (Compare)", lang))]
    if any(components.flag(r.get("is_demo")) for r in rows):
        demo = _(states.DEMO_TAG, lang) + ": " + _(components.DEMO_BANNER, lang)
        context.append((_("Figures", lang), demo))
    context.append((_("Source", lang), _(
        "Regiomonitor: submissions of the regional partners, published {published}; downloaded {today}", lang,
        published=fmt_date(published.date(), lang) if published is not None else "–",
        today=fmt_date(dt.date.today(), lang))))
    kinds = {"amount": "euro" if unit == "euro" else "int"}
    columns = [export.Column(_(header, lang), kinds.get(kind, kind))
               for _field, header, kind in EXPORT_COLUMNS]
    return (_("Regiomonitor – ranking of the labour-market regions: {indicator}, as of {month}", lang,
              indicator=label, month=fmt_month(month, lang)), context, columns)


def compare_figure(series: pd.DataFrame, expected: pd.DataFrame, labels: dict[str, str],
                   lang: str) -> dict:
    """% of target over time for the chosen regions, one small chart per indicator on shared
    axes, each with the 100 % line and the expected path (sql/queries/compare_expected.sql);
    a plain figure dict."""
    data, layout = [], {"height": 620, "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
                        "separators": plotly_separators(lang), "plot_bgcolor": "#ffffff",
                        "legend": {"orientation": "h", "y": -0.12}, "annotations": []}
    if series.empty:
        return {"data": data, "layout": layout}
    start, end = series["month_end"].min(), series["month_end"].max()
    top = float(series["achievement"].max())
    for n, (code, label) in enumerate(labels.items()):
        axis = "" if n == 0 else str(n + 1)
        col, row = n % 2, n // 2
        layout[f"xaxis{axis}"] = {"domain": [col * 0.54, col * 0.54 + 0.46], "anchor": f"y{axis}",
                                  "gridcolor": "#e5e5e5", **figures.month_axis(start, end, lang, 4)}
        layout[f"yaxis{axis}"] = {"domain": [0.6 - row * 0.6, 1 - row * 0.6], "anchor": f"x{axis}",
                                  "gridcolor": "#e5e5e5", **figures.number_axis(top, lang, share=True)}
        layout["annotations"].append({"text": f"<b>{label}</b>", "showarrow": False, "xref": "paper",
                                      "yref": "paper", "x": col * 0.54, "xanchor": "left",
                                      "y": 1.01 - row * 0.6, "yanchor": "bottom"})
        part = series[series["indicator"] == code]
        first = n == 0
        xy = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        data.append(xy | {"type": "scatter", "x": [start, end], "y": [1, 1], "mode": "lines",
                          "name": _("Target (100%)", lang), "legendgroup": "target",
                          "showlegend": first, "line": figures.TARGET_LINE, "hoverinfo": "skip"})
        path = expected[expected["indicator"] == code]
        data.append(xy | {"type": "scatter", "x": path["month_end"].tolist(),
                          "y": path["expected_share"].tolist(),
                          "mode": "lines", "name": _("Expected on the straight path", lang),
                          "legendgroup": "expected", "showlegend": first,
                          "line": {"color": "#6c6c6c", "dash": "dash"}, "hoverinfo": "skip"})
        for colour, (name, group) in zip(REGION_COLOURS, part.groupby("region_name", sort=True)):
            data.append(xy | {"type": "scatter", "x": group["month_end"].tolist(),
                              "y": group["achievement"].tolist(), "name": name, "legendgroup": name,
                              "showlegend": first, "mode": "lines+markers", "line": {"color": colour},
                              "text": [f"{fmt_month(as_date(m), lang, short=True)}: {fmt_pct(v, lang)}"
                                       for m, v in zip(group["month_end"], group["achievement"])],
                              "hovertemplate": figures.HOVER})
    return {"data": data, "layout": layout}


@warehouse.per_snapshot
def compare_view(programme: str, indicator: str, month: dt.date, regions: list[str],
                 lang: str) -> tuple:
    """Small multiples, the chosen indicator's data table and a one-line summary for up to
    four regions."""
    db, chosen = warehouse.current(), regions[:MAX_REGIONS]
    series = db.query("compare_series", programme=programme, month=month, regions=chosen)
    expected = db.query("compare_expected", programme=programme, month=month, regions=chosen)
    for frame in (series, expected):   # dates, as plotly writes them without a time of day
        frame["month_end"] = frame["month_end"].dt.date
    labels = components.labels("indicators", lang)
    figure = compare_figure(series, expected, labels, lang)
    series = series[series["indicator"] == indicator]
    if series.empty:
        return figure, None, _("Choose one or more regions.", lang)
    last = series.groupby("region_name").tail(1)
    shown = "; ".join(f"{r.region_name} {fmt_pct(r.achievement, lang)}" for r in last.itertuples())
    text = _("Percentage of target as of {month}: {regions}.", lang, month=fmt_month(month, lang),
             regions=shown)
    pivot = series.pivot(index="month_end", columns="region_name", values="achievement")
    rows = [[fmt_month(pd.Timestamp(m).date(), lang, short=True),
             *(fmt_pct(v, lang) for v in values)] for m, values in pivot.iterrows()]
    table = components.table(_("Percentage of target per month", lang), [_("Month", lang), *pivot.columns],
                             rows, numeric=set(range(1, len(pivot.columns) + 1)))
    return figure, table, text


@response_cache.snapshot_pure
@components.safe_layout
def layout(lang: str | None = None, programme: str | None = None, indicator: str | None = None,
           month: str | None = None, regions: str | None = None, sort: str | None = None,
           **_ignored: str) -> html.Div:
    lang = language(lang)
    sort = sort_text(*parse_sort(sort))
    db = warehouse.current()
    state = shell.view(lang, programme, indicator, month)
    programme, indicator, month, months = state.programme, state.indicator, state.month, state.months
    region_names = dict(zip(*db.query("regions")[["code", "name"]].T.values))
    selected = [r for r in (regions or "AM10").upper().split(",") if r in region_names][:MAX_REGIONS]
    figure, data_table, text = compare_view(programme, indicator, month, selected, lang)
    return shell.page(lang, "/vergelijken", [
        html.H1(_("Compare regions", lang)),
        components.demo_banner(lang, True),
        html.Div([
            components.select(ids.CMP_PROGRAMME, _("Programme", lang), programme,
                              state.programmes),
            components.select(ids.CMP_INDICATOR, _("Indicator", lang), indicator,
                              components.labels("indicators", lang)),
            components.select(ids.CMP_MONTH, _("As of month", lang), url_state.month_param(month),
                              {url_state.month_param(m): fmt_month(m, lang) for m in months}),
        ], className="controls"),
        components.default_month_note(db.query("current_month", programme=programme).iloc[0], lang),
        components.error_region(),
        html.H2(_("Ranking", lang)),
        components.common_month_note(lang),
        html.P(_("Ranked by percentage of target (Rank). A column header's button sorts by that column, "
                 "a second click reverses the order; the export follows the order shown. Equal values "
                 "share a rank. To find a region, use your browser's search (Ctrl+F).", lang),
               className="hint", id=ids.CMP_RANKING_HELP),
        components.scroll_box(components.static_box(
            ranking_markup(ranking_rows(programme, indicator, month, lang), sort, lang),
            ids.CMP_RANKING, ids.CMP_SORT), _("Ranking", lang)),
        dcc.Store(id=ids.CMP_SORT, data=sort),
        html.Div([
            html.Button(_("Download CSV", lang), id=ids.CMP_EXPORT_CSV, className="button"),
            html.Button(_("Download Excel (XLSX)", lang), id=ids.CMP_EXPORT_XLSX, className="button"),
            dcc.Download(id=ids.CMP_DOWNLOAD),
        ], className="export-row"),
        html.H2(_("Trajectories side by side", lang)),
        components.choice_group(ids.CMP_REGIONS, _("Regions (at most {n})", lang, n=MAX_REGIONS),
                                dict(sorted(region_names.items(), key=lambda kv: kv[1])), selected,
                                hint=_("Choose at most {n} regions; click again to remove one.", lang,
                                       n=MAX_REGIONS)),
        html.P(id=ids.CMP_REGIONS_REFUSED, className="hint refused", **{"aria-live": "polite"}),
        # plotly.js starts once the ranking's rows show (assets/plotly_bundle.js, issue 15).
        html.Figure([dcc.Graph(id=ids.CMP_CHART, figure=figure, config={"displaylogo": False}),
                     html.Figcaption(text, id=ids.CMP_SUMMARY, **{"aria-live": "polite"})],
                    **{"data-plotly-after": f"#{ids.CMP_RANKING_TABLE} tbody tr"}),
        html.Div(data_table, id=ids.CMP_TABLE, className="table-panel"),
        dcc.Store(id=ids.CMP_LANG, data=lang),
        html.Div(id=ids.CMP_URL_SINK, hidden=True),
    ])


@dash.callback(
    Output(ids.CMP_RANKING, "data-html"),
    Input(ids.CMP_PROGRAMME, "value"), Input(ids.CMP_INDICATOR, "value"),
    Input(ids.CMP_MONTH, "value"), Input(ids.CMP_SORT, "data"), State(ids.CMP_LANG, "data"),
    prevent_initial_call=True, on_error=components.callback_failed,
)
@response_cache.snapshot_pure
def change_ranking(programme: str, indicator: str, month: str, sort: str, lang: str) -> str:
    """The ranking redrawn for another view or in another order (a header's sort button)."""
    rows = ranking_rows(programme, indicator, url_state.parse_month(month), lang)
    return str(ranking_markup(rows, sort, lang))


@dash.callback(
    Output(ids.CMP_CHART, "figure"), Output(ids.CMP_TABLE, "children"),
    Output(ids.CMP_SUMMARY, "children"),
    Input(ids.CMP_REGIONS, "data"), Input(ids.CMP_PROGRAMME, "value"),
    Input(ids.CMP_INDICATOR, "value"), Input(ids.CMP_MONTH, "value"), State(ids.CMP_LANG, "data"),
    prevent_initial_call=True, on_error=components.callback_failed,
)
@response_cache.snapshot_pure
def change_comparison(regions: list[str], programme: str, indicator: str, month: str,
                      lang: str) -> tuple:
    """Redraw the side-by-side chart for the chosen regions."""
    return compare_view(programme, indicator, url_state.parse_month(month), regions or [], lang)


@dash.callback(
    Output(ids.CMP_DOWNLOAD, "data"),
    Input(ids.CMP_EXPORT_CSV, "n_clicks"), Input(ids.CMP_EXPORT_XLSX, "n_clicks"),
    State(ids.CMP_SORT, "data"), State(ids.CMP_PROGRAMME, "value"),
    State(ids.CMP_INDICATOR, "value"), State(ids.CMP_MONTH, "value"), State(ids.CMP_LANG, "data"),
    prevent_initial_call=True, on_error=components.callback_failed,
)
def download(_csv: int | None, _xlsx: int | None, sort: str, programme: str, indicator: str,
             month: str, lang: str) -> dict:
    """The ranking in the order shown, as CSV (text as shown) or as a StatLine-style XLSX
    (context rows, numbers with number formats), named after what is in it."""
    rows = sorted_rows(ranking_rows(programme, indicator, url_state.parse_month(month), lang), sort)
    headers, shown, raw = displayed(rows, lang)
    parts = (indicator, month, _("ranking", lang))
    if dash.ctx.triggered_id == ids.CMP_EXPORT_XLSX:
        title, context, columns = export_context(programme, indicator, url_state.parse_month(month), rows, lang)
        return dcc.send_bytes(export.statline_xlsx(title, context, columns, raw, _("ranking", lang)),
                              export.file_name(*parts, ext="xlsx"))
    return dcc.send_string(export.to_csv(headers, shown), export.file_name(*parts, ext="csv"))


@dash.callback(
    Output(ids.CMP_REGIONS_REFUSED, "children"),
    Input({"type": ids.CMP_REGIONS, "index": ALL}, "n_clicks"),
    State({"type": ids.CMP_REGIONS, "index": ALL}, "aria-pressed"), State(ids.CMP_LANG, "data"),
    prevent_initial_call=True,
)
@response_cache.snapshot_pure
def refuse_fifth(_clicks: list, pressed: list[str], lang: str) -> str:
    """Say why a fifth region is not added (components.register_choice ignores the click)."""
    clicked = dash.ctx.triggered_id["index"]
    codes = [item["id"]["index"] for item in dash.ctx.inputs_list[0]]
    if pressed[codes.index(clicked)] == "true" or pressed.count("true") < MAX_REGIONS:
        return ""
    name = warehouse.current().query("region", region=clicked)["name"].iloc[0]
    return _("{name} was not added: you can compare at most {n} regions at once. Remove a region first.", lang,
             name=name, n=MAX_REGIONS)


url_state.sync_url(ids.CMP_URL_SINK, {
    "programme": (ids.CMP_PROGRAMME, "value"), "indicator": (ids.CMP_INDICATOR, "value"),
    "month": (ids.CMP_MONTH, "value"), "regions": (ids.CMP_REGIONS, "data"), "sort": (ids.CMP_SORT, "data")})
components.register_choice(ids.CMP_REGIONS, max_selected=MAX_REGIONS)
