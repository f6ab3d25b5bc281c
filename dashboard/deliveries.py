"""Who delivered what (issue 10): on the region page, the partners that are behind and the
completeness grid (k of n partners per indicator and month); on the Data page, the stewards'
list of late partners, filterable per column and exported as CSV exactly as filtered, for
reminder mails. Rows come from v_late_partners and v_completeness."""
from __future__ import annotations

import datetime as dt

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, dcc, html

from dashboard import components, export, ids, warehouse
from regiomonitor.core.formats import as_date
from regiomonitor.core.texts import fmt_month, fmt_number, t


def late_partners(region: str, programme: str, labels: dict[str, str], lang: str) -> html.Section:
    """Which partners are how many months behind, and since when: why figures are provisional."""
    frame = warehouse.current().query("region_late_partners", region=region, programme=programme)
    behind = frame[frame["months_behind"] > 0]
    due = as_date(frame["due_month"].max()) if not frame.empty else None
    items = [html.Li(t("late_item", lang, partner=getattr(r, f"partner_{lang}"),
                       n=fmt_number(r.months_behind, lang),
                       month=fmt_month(as_date(r.behind_since), lang),
                       indicators=", ".join(labels.get(i, i) for i in r.indicators_behind)))
             for r in behind.itertuples()]
    items += [html.Li(t("late_gaps", lang, partner=getattr(r, f"partner_{lang}"),
                        n=fmt_number(r.months_missing, lang)))
              for r in frame[frame["months_behind"] == 0].itertuples()]
    intro = (html.P([components.provisional_tag(lang), " ",
                     t("late_notice", lang, month=fmt_month(due, lang))], className="late-notice")
             if len(behind) else None)
    return html.Section([html.H2(t("late_heading", lang)), intro,
                         html.Ul(items) if items else html.P(t("late_none", lang, month=fmt_month(due, lang)))],
                        className="late-partners", id="achterstand")


def completeness(region: str, programme: str, month: dt.date, labels: dict[str, str],
                 lang: str) -> html.Section | None:
    """Per indicator, the last twelve months up to the as-of month: k of n partners delivered."""
    frame = warehouse.current().query("region_completeness", region=region, programme=programme,
                                      month=month)
    if frame.empty:
        return None
    months = sorted(frame["period"].unique())[-12:]
    cells = {(r.indicator, r.period): r for r in frame.itertuples()}
    state_class = {"complete": "cov-full", "partial": "cov-part", "missing": "cov-none"}

    def cell(indicator: str, period) -> html.Td:
        r = cells.get((indicator, period))
        if r is None:
            return html.Td("–")
        title = t(f"month_state_{r.state}", lang, k=r.partners_delivered, n=r.partners_expected)
        return html.Td(f"{r.partners_delivered}/{r.partners_expected}", title=title,
                       className=state_class[r.state])

    head = html.Thead(html.Tr([html.Th(t("col_indicator", lang), scope="col")] +
                              [html.Th(fmt_month(as_date(m), lang, short=True), scope="col") for m in months]))
    body = html.Tbody([html.Tr([html.Th(labels.get(i, i), scope="row"), *(cell(i, m) for m in months)])
                       for i in labels if i in set(frame["indicator"])])
    return html.Section([html.H2(t("completeness_heading", lang)), html.P(t("completeness_help", lang)),
                         components.scroll_box(html.Table([html.Caption(t("completeness_caption", lang)),
                                                           head, body], className="data-table coverage"),
                                               t("completeness_caption", lang), "scroll")],
                        className="completeness")


# The Data page's late-partners grid: column → catalogue key of its header, and its AG Grid filter.
COLUMNS = [("region_name", "col_region", "agTextColumnFilter"),
           ("region", "col_code", "agTextColumnFilter"),
           ("partner_name", "col_partner", "agTextColumnFilter"),
           ("months_behind", "col_months_behind", "agNumberColumnFilter"),
           ("behind_since", "col_behind_since", "agTextColumnFilter"),
           ("indicators", "col_indicators_behind", "agTextColumnFilter"),
           ("months_missing", "col_months_missing", "agNumberColumnFilter")]


def late_rows(programme: str, lang: str) -> list[dict]:
    """One row per region and partner behind or missing months; counts stay numbers."""
    frame = warehouse.current().query("data_late_partners", programme=programme)
    labels = components.labels("indicators", lang)
    return [{"region_name": r.region_name, "region": r.region, "partner": r.partner,
             "partner_name": getattr(r, f"partner_{lang}"), "months_behind": int(r.months_behind),
             "behind_since": fmt_month(as_date(r.behind_since), lang, short=True)
             if as_date(r.behind_since) else "",
             "indicators": ", ".join(labels.get(i, i) for i in r.indicators_behind),
             "months_missing": int(r.months_missing)} for r in frame.itertuples()]


def late_list(programme: str, lang: str) -> html.Section:
    """Data page: heading, the due-month rule, the grid of late partners and its CSV export."""
    db = warehouse.current()
    settings = dict(zip(*db.query("settings")[["name", "value"]].T.values))
    share = settings.get("due_month_reported_share")
    due = db.query("data_late_partners", programme=programme)["due_month"].max()
    return html.Section([
        html.H2(t("late_data_heading", lang)),
        html.P(t("late_help", lang, share=f"{share * 100:.0f}%" if share is not None else "–"),
               className="hint"),
        html.P(t("late_caption", lang, month=fmt_month(as_date(due), lang) if as_date(due) else "–")),
        dag.AgGrid(id=ids.DATA_LATE_GRID, rowData=late_rows(programme, lang),
                   columnDefs=[{"field": field, "headerName": t(key, lang), "filter": kind,
                                "sortable": True, "resizable": True,
                                **({"type": "rightAligned"} if kind == "agNumberColumnFilter" else {})}
                               for field, key, kind in COLUMNS],
                   getRowId="params.data.region + '-' + params.data.partner",
                   defaultColDef={"flex": 1, "minWidth": 110, "floatingFilter": True},
                   dashGridOptions={"domLayout": "autoHeight", "ensureDomOrder": True,
                                    "suppressColumnVirtualisation": True, "pagination": True,
                                    "paginationPageSize": 20},
                   style={"width": "100%"}, className="ag-theme-quartz late-grid"),
        html.Button(t("late_export", lang), id=ids.DATA_LATE_EXPORT, className="button"),
        dcc.Download(id=ids.DATA_LATE_DOWNLOAD),
        dcc.Store(id=ids.DATA_LATE_LANG, data=lang),
        components.error_region(),
    ], className="late-partners")


def as_csv(shown: list[dict], lang: str) -> str:
    """The rows as filtered and sorted in the grid, numbers in the reader's format."""
    headers = [t(key, lang) for _, key, _ in COLUMNS]
    body = [[fmt_number(row.get(field), lang) if kind == "agNumberColumnFilter" else row.get(field, "")
             for field, _, kind in COLUMNS] for row in shown]
    return export.to_csv(headers, body)


@dash.callback(Output(ids.DATA_LATE_DOWNLOAD, "data"), Input(ids.DATA_LATE_EXPORT, "n_clicks"),
               State(ids.DATA_LATE_GRID, "virtualRowData"), State(ids.DATA_LATE_LANG, "data"),
               prevent_initial_call=True, on_error=components.callback_failed)
def download(_clicks: int | None, shown: list[dict] | None, lang: str) -> dict:
    """Exactly the filtered list, as semicolon CSV for Dutch Excel."""
    return dcc.send_string(as_csv(shown or [], lang), f"{t('late_filename', lang)}.csv")
