"""Data: for stewards. What was delivered and loaded or rejected (and why), the pipeline
runs, which region reported which month, how fresh each partner is, and the template.
With ?submission=<id> the page shows the source rows behind one file."""
from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from dashboard import changes, components, deliveries, ids, template, warehouse
from dashboard.auth import is_steward
from regiomonitor.core.formats import as_date, fmt_timestamp
from regiomonitor.core.texts import fmt_month, fmt_number, language, t

dash.register_page(__name__, path="/data", title="Regiomonitor – Data", label_key="page_data", order=2)

def steward_only(value: object, lang: str) -> object:
    """Names and rejected cell values are for signed-in stewards; others see that they are hidden."""
    return value if is_steward() else t("steward_only", lang)


def submissions(lang: str) -> html.Section:
    frame = warehouse.current().query("data_submissions")
    rows = [[html.A(s.file_name, href=components.href("/data", lang, submission=s.id)),
             fmt_timestamp(s.received_at, lang), steward_only(s.steward, lang),
             t(f"status_{s.status}", lang) + (f" · {t('demo_tag', lang)}" if s.is_demo else ""),
             fmt_number(s.rows_accepted, lang), fmt_number(s.rows_rejected, lang)]
            for s in frame.itertuples()]
    status = frame["status"].value_counts()
    return html.Section([
        html.H2(t("submissions_heading", lang)),
        html.P(t("submissions_summary", lang, n=fmt_number(len(frame), lang),
                 **{s: fmt_number(int(status.get(s, 0)), lang)
                    for s in ("loaded", "partial", "rejected")})),
        components.table(t("submissions_caption", lang),
                         [t(k, lang) for k in ("col_file", "col_received", "col_steward",
                                               "col_status", "col_accepted", "col_rejected")],
                         rows, numeric={4, 5}, box_class="scroll"),
    ])


def reasons(query: str, kind: str, lang: str) -> html.Section:
    """Rows with a reason per file and row: the rejected rows, or the warnings."""
    frame = warehouse.current().query(query)
    rows = [[html.A(r.file_name, href=components.href("/data", lang, submission=r.id)),
             "–" if pd.isna(r.source_row) else fmt_number(r.source_row, lang), r.column_name or "–",
             steward_only(r.value or "", lang), getattr(r, f"reason_{lang}")] for r in frame.itertuples()]
    body = (components.table(t(f"{kind}_caption", lang),
                             [t(k, lang) for k in ("col_file", "col_row", "col_column", "col_value",
                                                   "col_reason")], rows, numeric={1})
            if rows else html.P(t(f"{kind}_none", lang)))
    return html.Section([html.H2(t(f"{kind}_heading", lang)), body])


def revisions(lang: str) -> html.Section:
    """Figures a corrected file replaced: old and new value, both files, and when."""
    frame = warehouse.current().query("data_revisions")
    rows = [[r.region, r.indicator, fmt_month(as_date(r.period), lang, short=True), r.partner, r.sector,
             fmt_number(r.old_value, lang), fmt_number(r.new_value, lang) if pd.notna(r.new_value) else "–",
             html.A(r.old_file, href=components.href("/data", lang, submission=r.old_id)),
             html.A(r.new_file, href=components.href("/data", lang, submission=r.new_id)),
             fmt_timestamp(r.replaced_at, lang)] for r in frame.itertuples()]
    body = (components.table(t("revisions_caption", lang),
                             [t(k, lang) for k in ("col_region", "col_indicator", "col_month",
                                                   "col_partner", "col_sector", "col_old_value",
                                                   "col_new_value", "col_old_file", "col_new_file",
                                                   "col_received")], rows, numeric={5, 6})
            if rows else html.P(t("revisions_none", lang)))
    return html.Section([html.H2(t("revisions_heading", lang)), body])


RUN_COUNTS = ("files_loaded", "files_partial", "files_rejected", "files_unchanged",
              "rows_loaded", "rows_rejected", "errors", "warnings")


def runs(lang: str) -> html.Section:
    """Every run that published, refresh and ingest alike, with its counts (pipeline_run)."""
    frame = warehouse.current().query("data_runs")
    rows = [[r.flow, fmt_timestamp(r.started_at, lang),
             "–" if pd.isna(r.duration_s) else fmt_number(r.duration_s, lang, decimals=1),
             *[fmt_number(getattr(r, c), lang) for c in RUN_COUNTS], r.run_id]
            for r in frame.itertuples()]
    columns = ("col_flow", "col_started", "col_duration_s", *(f"col_run_{c}" for c in RUN_COUNTS),
               "col_run_id")
    return html.Section([
        html.H2(t("runs_heading", lang)),
        components.table(t("runs_caption", lang), [t(k, lang) for k in columns], rows,
                         numeric=set(range(2, 2 + 1 + len(RUN_COUNTS))), box_class="scroll"),
    ])


def coverage(programme: str, lang: str) -> html.Section:
    """Region × month: how many of the region's partners reported; gaps stand out."""
    frame = warehouse.current().query("data_coverage", programme=programme)
    months = sorted(frame["period"].unique())
    grid = frame.pivot(index="region_name", columns="period", values="partners_reported")
    totals = frame.groupby("region_name")["partners"].max()
    head = html.Thead(html.Tr([html.Th(t("col_region", lang), scope="col")] +
                              [html.Th(fmt_month(as_date(m), lang, short=True), scope="col")
                               for m in months]))
    body = html.Tbody([html.Tr([html.Th(name, scope="row")] + [
        html.Td(f"{int(v)}/{int(totals[name])}",
                className="cov-full" if v == totals[name] else "cov-none" if v == 0 else "cov-part")
        for v in grid.loc[name, months]]) for name in grid.index])
    return html.Section([
        html.H2(t("coverage_heading", lang)),
        html.P(t("coverage_help", lang)),
        components.scroll_box(html.Table([html.Caption(t("coverage_caption", lang)), head, body],
                                         className="data-table coverage"), t("coverage_caption", lang)),
    ])


def freshness(lang: str) -> html.Section:
    frame = warehouse.current().query("data_freshness")
    rows = [[dcc.Link(f.region_name, href=components.href(f"/regio/{f.region}", lang)),
             getattr(f, f"partner_{lang}"), fmt_month(as_date(f.last_period), lang, short=True),
             fmt_timestamp(f.last_received_at, lang), fmt_number(f.months_behind, lang)]
            for f in frame.itertuples()]
    return html.Section([
        html.H2(t("freshness_heading", lang)),
        html.Details([html.Summary(t("freshness_summary", lang, n=fmt_number(
                          int((frame["months_behind"] > 0).sum()), lang))),
                      components.table(t("freshness_all_caption", lang),
                                       [t(k, lang) for k in ("col_region", "col_partner",
                                                             "col_last_reported", "col_received",
                                                             "col_months_behind")],
                                       rows, numeric={4})]),
    ])


def template_section(lang: str) -> html.Section:
    return html.Section([
        html.H2(t("template_heading", lang)),
        html.P(t("template_help", lang)),
        html.Button(t("template_csv", lang), id=ids.DATA_TEMPLATE_CSV, className="button"),
        html.Button(t("template_xlsx", lang), id=ids.DATA_TEMPLATE_XLSX, className="button"),
        dcc.Download(id=ids.DATA_TEMPLATE_DOWNLOAD),
    ])


def source_rows(submission: str, lang: str) -> list:
    """One file: its metadata and every row it contributed, by Excel row number."""
    db = warehouse.current()
    meta = db.query("submission", submission=submission)
    if meta.empty:
        return [html.H1(t("page_data", lang)), html.P(t("submission_not_found", lang, id=submission))]
    s = meta.iloc[0]
    frame = db.query("submission_rows", submission=submission)
    rows = [[fmt_number(r.source_row, lang), r.region, r.indicator,
             fmt_month(as_date(r.period), lang, short=True), r.partner, r.sector,
             fmt_number(r.value, lang, 0 if float(r.value).is_integer() else 2), r.note or ""]
            for r in frame.itertuples()]
    return [
        dcc.Link(t("back_to_data", lang), href=components.href("/data", lang), className="back-link"),
        html.H1(t("submission_heading", lang, file=s["file_name"])),
        components.demo_banner(lang, bool(s["is_demo"])),
        html.Dl([html.Div([html.Dt(t(k, lang)), html.Dd(v)]) for k, v in [
            ("col_received", fmt_timestamp(s["received_at"], lang)), ("col_steward", steward_only(s["steward"], lang)),
            ("col_status", t(f"status_{s['status']}", lang)),
            ("col_accepted", fmt_number(s["rows_accepted"], lang)),
            ("col_rejected", fmt_number(s["rows_rejected"], lang)), ("col_sha256", s["sha256"])]],
            className="card-figures"),
        components.table(t("source_rows_caption", lang),
                         [t(k, lang) for k in ("col_row", "col_region", "col_indicator", "col_month",
                                               "col_partner", "col_sector", "col_value", "col_note")],
                         rows, numeric={0, 6}) if rows else None,
        submission_rejections(submission, lang),
    ]


def submission_rejections(submission: str, lang: str) -> html.Section | None:
    """The rows of one file that were not loaded, with their reasons."""
    frame = warehouse.current().query("submission_rejected", submission=submission)
    if frame.empty:
        return None
    rows = [["–" if pd.isna(r.source_row) else fmt_number(r.source_row, lang), r.column_name or "–",
             steward_only(r.value or "", lang), getattr(r, f"reason_{lang}")] for r in frame.itertuples()]
    return html.Section([html.H2(t("rejected_heading", lang)),
                         components.table(t("rejected_caption", lang),
                                          [t(k, lang) for k in ("col_row", "col_column", "col_value",
                                                                "col_reason")], rows, numeric={0})])


def layout(lang: str | None = None, submission: str | None = None, programme: str | None = None,
           **_: str) -> html.Div:
    lang = language(lang)
    codes = list(warehouse.current().query("programmes")["code"])
    programme = programme if programme in codes else codes[0]
    if submission:
        content = source_rows(submission, lang)
    else:
        content = [html.H1(t("data_heading", lang)),
                   None if is_steward() else html.P(html.A(t("steward_only_note", lang),
                                                           href=components.href("/login", lang, next="/data"))),
                   changes.since_last_publication(lang), changes.review_queue(lang),
                   submissions(lang),
                   reasons("data_rejected", "rejected", lang), reasons("data_warnings", "warnings", lang),
                   revisions(lang), runs(lang),
                   coverage(programme, lang), freshness(lang), deliveries.late_list(programme, lang),
                   template_section(lang)]
    return html.Div([
        components.header(lang, "/data"),
        html.Main(content, id="main", tabIndex="-1"),
        components.footer(lang),
    ])


@dash.callback(
    Output(ids.DATA_TEMPLATE_DOWNLOAD, "data"),
    Input(ids.DATA_TEMPLATE_CSV, "n_clicks"), Input(ids.DATA_TEMPLATE_XLSX, "n_clicks"),
    prevent_initial_call=True,
)
def download_template(_csv: int | None, _xlsx: int | None) -> dict:
    """The same submission template as `regiomonitor template` writes."""
    if dash.ctx.triggered_id == ids.DATA_TEMPLATE_XLSX:
        return dcc.send_bytes(lambda buffer: template.write_xlsx(buffer, template.choices()),
                              "aanlevering_sjabloon.xlsx")
    return dcc.send_string(template.csv_text(), "aanlevering_sjabloon.csv")
