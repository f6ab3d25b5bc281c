"""Who delivered what (issue 10): on the region page, the partners that are behind and the
completeness grid (k of n partners per indicator and month); on the Data page, the stewards'
list of late partners, filterable per column and exported as CSV exactly as filtered, for
reminder mails. Rows come from v_late_partners and v_completeness."""
from __future__ import annotations

import datetime as dt

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, dcc, html

from core.formats import as_date, fmt_month, fmt_number
from core.texts import N_, _, ngettext
from dashboard import components, export, grid_texts, ids, warehouse


def late_partners(region: str, programme: str, labels: dict[str, str], lang: str) -> html.Section:
    """Which partners are how many months behind, and since when: why figures are provisional."""
    frame = warehouse.current().query("region_late_partners", region=region, programme=programme)
    behind = frame[frame["behind"].astype(bool)]
    due = as_date(frame["due_month"].max()) if not frame.empty else None
    items = [html.Li(_("{partner}: {n} month(s) behind, since {month} ({indicators})", lang,
                       partner=getattr(r, f"partner_{lang}"),
                       n=fmt_number(r.months_behind, lang),
                       month=fmt_month(as_date(r.behind_since), lang),
                       indicators=", ".join(labels.get(i, i) for i in r.indicators_behind)))
             for r in behind.itertuples()]
    items += [html.Li(_("{partner}: up to date; {n} earlier month(s) not fully delivered", lang,
                        partner=getattr(r, f"partner_{lang}"),
                        n=fmt_number(r.months_missing, lang)))
              for r in frame[~frame["behind"].astype(bool)].itertuples()]
    intro = (html.P([components.provisional_tag(lang), " ",
                     _("Not every partner has delivered up to {month}: figures for the months still "
                       "missing are provisional.", lang, month=fmt_month(due, lang))],
                       className="late-notice")
             if len(behind) else None)
    return html.Section([html.H2(_("Late deliveries", lang)), intro,
                         html.Ul(items) if items else html.P(_("Every partner has delivered up to "
                                                               "{month}.", lang,
                                                               month=fmt_month(due, lang)))],
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
        title = month_state(r.state, r.partners_delivered, r.partners_expected, lang)
        return html.Td(f"{r.partners_delivered}/{r.partners_expected}", title=title,
                       className=state_class[r.state])

    head = html.Thead(html.Tr([html.Th(_("Indicator", lang), scope="col")] +
                              [html.Th(fmt_month(as_date(m), lang, short=True),
                                       scope="col") for m in months]))
    body = html.Tbody([html.Tr([html.Th(labels.get(i, i), scope="row"), *(cell(i, m) for m in months)])
                       for i in labels if i in set(frame["indicator"])])
    return html.Section([html.H2(_("Completeness per month", lang)), html.P(_("Complete: every expected "
                                                                              "partner delivered. "
                                                                              "Partial: k of n. Not "
                                                                              "delivered: none did; that "
                                                                              "is unknown, not 0.", lang)),
                         components.scroll_box(html.Table([html.Caption(_("Per indicator and month: how "
                                                                          "many of the expected partners "
                                                                          "delivered", lang)),
                                                           head, body], className="data-table coverage"),
                                               _("Per indicator and month: how many of the expected "
                                                 "partners delivered", lang), "scroll")],
                        className="completeness")


def month_state(state: str, delivered: int, expected: int, lang: str) -> str:
    """'complete', 'partial (2 of 3)' or 'not delivered (0 of 3)': a month of one indicator."""
    if state == "complete":
        return _("complete", lang)
    if state == "partial":
        return _("partial ({k} of {n})", lang, k=delivered, n=expected)
    return _("not delivered (0 of {n})", lang, n=expected)


# The Data page's late-partners grid: column → its header, and its AG Grid filter.
COLUMNS = [("region_name", N_("Region"), "agTextColumnFilter"),
           ("region", N_("Code"), "agTextColumnFilter"),
           ("partner_name", N_("Partner"), "agTextColumnFilter"),
           ("months_behind", N_("Months behind"), "agNumberColumnFilter"),
           ("behind_since", N_("Behind since"), "agTextColumnFilter"),
           ("indicators", N_("Indicators behind"), "agTextColumnFilter"),
           ("months_missing", N_("Months incomplete"), "agNumberColumnFilter")]

# Names wrap between words in cells wide enough for their longest word; on a phone the region
# stays left and the months behind right, the rest scrolls between them (issue 26,
# assets/grid_phone.js).
WRAPPED = {"wrapText": True, "autoHeight": True}
PHONE_FIT = {"region_name": WRAPPED | {"pinned": "left", "minWidth": 150},
             "partner_name": WRAPPED | {"minWidth": 180}, "indicators": WRAPPED | {"minWidth": 180},
             "months_behind": {"context": {"pinOnPhone": "right"}}}


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


def late_counts(programme: str) -> pd.Series | None:
    """v_late_counts for the programme: the one count of partners behind; None before any month
    is due."""
    counts = warehouse.current().query("data_late_counts", programme=programme)
    return None if counts.empty or as_date(counts["due_month"].iloc[0]) is None else counts.iloc[0]


def behind_text(counts: pd.Series | None, lang: str) -> str:
    """How many region × partner pairs are behind, and how many distinct partners that is."""
    if counts is None:
        return _("No month is due yet, so no partner is behind.", lang)
    n = int(counts["pairs_behind"])
    return ngettext("{n} region–partner pair is behind: not every indicator it owes is delivered up to "
                    "{month}. Distinct partners behind: {partners}.",
                    "{n} region–partner pairs are behind: not every indicator they owe is delivered up to "
                    "{month}. Distinct partners behind: {partners}.", n, lang, n=fmt_number(n, lang),
                    month=fmt_month(as_date(counts["due_month"]), lang),
                    partners=fmt_number(int(counts["partners_behind"]), lang))


def late_list(programme: str, lang: str) -> html.Section:
    """Data page: heading, the due-month rule, the counts, the grid of late partners and its CSV
    export."""
    db = warehouse.current()
    settings = dict(zip(*db.query("settings")[["name", "value"]].T.values))
    share = settings.get("due_month_reported_share")
    counts = late_counts(programme)
    listed = 0 if counts is None else int(counts["pairs_listed"])
    return html.Section([
        html.H2(_("Partners behind", lang)),
        html.P(_("A month is due once at least {share} of the regions have reported on it. Filter the "
                 "list per column (region, partner, months behind) and export exactly what is shown, for "
                 "reminder mails for instance.", lang,
                 share=f"{share * 100:.0f}%" if share is not None else "–"),
               className="hint"),
        html.P(behind_text(counts, lang), className="late-count"),
        html.P(ngettext("The list has {n} row, one per region and partner: the pairs behind, and {gaps} "
                        "up to date that still miss earlier months.",
                        "The list has {n} rows, one per region and partner: the pairs behind, and {gaps} "
                        "up to date that still miss earlier months.", listed, lang,
                        n=fmt_number(listed, lang),
                        gaps=fmt_number(0 if counts is None else int(counts["pairs_gaps_only"]), lang))),
        dag.AgGrid(id=ids.DATA_LATE_GRID, rowData=late_rows(programme, lang),
                   columnDefs=[{"field": field, "headerName": _(header, lang), "filter": kind,
                                "sortable": True, "resizable": True,
                                **({"type": "rightAligned"} if kind == "agNumberColumnFilter" else {}),
                                **PHONE_FIT.get(field, {})}
                               for field, header, kind in COLUMNS],
                   getRowId="params.data.region + '-' + params.data.partner",
                   defaultColDef={"flex": 1, "minWidth": 110, "floatingFilter": True,
                                  "wrapHeaderText": True, "autoHeaderHeight": True},
                   dashGridOptions={"domLayout": "autoHeight", "ensureDomOrder": True,
                                    "localeText": grid_texts.locale_text(lang),
                                    "suppressColumnVirtualisation": True, "pagination": True,
                                    "paginationPageSize": 20},
                   style={"width": "100%"}, className="ag-theme-quartz late-grid"),
        html.Button(_("Export as CSV", lang), id=ids.DATA_LATE_EXPORT, className="button"),
        dcc.Download(id=ids.DATA_LATE_DOWNLOAD),
        dcc.Store(id=ids.DATA_LATE_LANG, data=lang),
        components.error_region(),
    ], className="late-partners")


def as_csv(shown: list[dict], lang: str) -> str:
    """The rows as filtered and sorted in the grid, numbers in the reader's format."""
    headers = [_(header, lang) for _field, header, _kind in COLUMNS]
    body = [[fmt_number(row.get(field), lang) if kind == "agNumberColumnFilter" else row.get(field, "")
             for field, _header, kind in COLUMNS] for row in shown]
    return export.to_csv(headers, body)


@dash.callback(Output(ids.DATA_LATE_DOWNLOAD, "data"), Input(ids.DATA_LATE_EXPORT, "n_clicks"),
               State(ids.DATA_LATE_GRID, "virtualRowData"), State(ids.DATA_LATE_LANG, "data"),
               prevent_initial_call=True, on_error=components.callback_failed)
def download(_clicks: int | None, shown: list[dict] | None, lang: str) -> dict:
    """Exactly the filtered list, as semicolon CSV for Dutch Excel."""
    return dcc.send_string(as_csv(shown or [], lang), _("late-partners", lang) + ".csv")
