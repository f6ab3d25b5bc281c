"""Data: for stewards. What was delivered and loaded or rejected (and why), the pipeline
runs, which region reported which month, how fresh each partner is, and the template.
With ?submission=<id> the page shows the source rows behind one file."""
from __future__ import annotations

from typing import NamedTuple

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from core import paging, states
from core.changes import figure_label
from core.formats import as_date, fmt_month, fmt_number, fmt_timestamp
from core.paging import ROWS_PER_PAGE, first_row, page_of
from core.texts import N_, _, language, ngettext
from dashboard import changes, components, deliveries, ids, run_status, template, warehouse
from dashboard.auth import is_steward, store

dash.register_page(__name__, path="/data", title=components.page_title(N_("Data")), nav_label=N_("Data"),
                   order=2)

def steward_only(value: object, lang: str) -> object:
    """Names and rejected cell values are for signed-in stewards; others see that they are hidden."""
    return value if is_steward() else _("(stewards only)", lang)


# The long lists (the submissions, the revisions) show a page at a time (core/paging.py), newest
# first: both only grow, and at 176 files the submissions were 1.637 of the page's 3.762
# components, drawn in one long task before any table showed (issue 27, page ready); 500 revisions
# were 6.518. Older rows are a page further, so every row stays a link away (?submissions_page=N,
# ?revisions_page=N). So are the rejected rows and the warnings (?rejected_page=N,
# ?warnings_page=N) and one file's source rows (?rows_page=N): a registry extract contributes
# tens of thousands, and a partner file of 7.781 rows was a 6,5 MB page (3,9 s to render).
# The pipeline runs stay capped (the last 50).


class PagedList(NamedTuple):
    """A list shown a page at a time: the query parameter that picks the page, the section the
    pager's links land on, the words of its navigation, and its table's caption when one page
    holds it and when it does not (`list_caption`). (A NamedTuple: Dash loads the page module in a
    way that @dataclass cannot resolve the module of.)"""

    parameter: str
    section: str
    newer: str
    older: str
    name: str
    whole: str
    part: str


SUBMISSIONS = PagedList("submissions_page", ids.DATA_SUBMISSIONS_SECTION, N_("← Newer files"),
                        N_("Older files →"), N_("Pages of the submissions list"),
                        N_("Every delivered file, newest first; click for its source rows"),
                        N_("Delivered files {first} to {last} of {n}, newest first; click for its source rows"))
REVISIONS = PagedList("revisions_page", ids.DATA_REVISIONS_SECTION, N_("← Newer revisions"),
                      N_("Older revisions →"), N_("Pages of the revisions list"),
                      N_("Figures a later file replaced or withdrew, newest first"),
                      N_("Figures a later file replaced or withdrew: {first} to {last} of {n}, newest first"))
SOURCE_ROWS = PagedList("rows_page", ids.DATA_SOURCE_ROWS_SECTION, N_("← Earlier rows"), N_("Later rows →"),
                        N_("Pages of the source rows"),
                        N_("Source rows as the partner delivered them (row numbers as in Excel)"),
                        N_("Source rows {first} to {last} of {n} as the partner delivered them (row numbers as "
                           "in Excel)"))


def list_caption(paged: PagedList, first: int, shown: int, total: int, lang: str) -> str:
    """A paged list's caption (core/paging.caption), in the words of `paged`."""
    return paging.caption(paged.whole, paged.part, first, shown, total, lang)


def pager(paged: PagedList, page: int, rows: int, pages: dict[str, int], lang: str,
          **keep: str | None) -> html.Nav | None:
    """Links to the newer and older rows of one list, when there are more than one page holds.
    The links keep the page the other list shows (`pages`: parameter → page) and `keep` (the
    programme; the submission whose rows they page)."""
    def link(number: int) -> str:
        shown = {**pages, paged.parameter: number}
        target = components.href("/data", lang, **keep,
                                 **{k: str(n) if n > 1 else None for k, n in shown.items()})
        return f"{target}#{paged.section}"

    nav = paging.navigation(page, rows, link, paged.newer, paged.older, paged.name, lang)
    if nav is None:
        return None
    return html.Nav([html.A(nav.back[1], href=nav.back[0]) if nav.back else None,
                     html.Span(nav.position),
                     html.A(nav.forward[1], href=nav.forward[0]) if nav.forward else None],
                    className="pager no-print", **{"aria-label": nav.name})


def submissions(lang: str, pages: dict[str, int], programme: str | None = None) -> html.Section:
    """Every delivered file by its state now, and a page of them (ROWS_PER_PAGE, newest first),
    each linking to its source rows."""
    frame = warehouse.current().query("data_submissions")
    counts = frame["state"].value_counts()   # the state now (v_submission_state), as in the table
    page = pages[SUBMISSIONS.parameter]
    first = first_row(page)
    shown = frame.iloc[first:first + ROWS_PER_PAGE]
    rows = [[components.link_markup(components.breakable_markup(s.file_name),
                                    components.href("/data", lang, submission=s.id), app=False),
             fmt_timestamp(s.received_at, lang), steward_only(s.steward, lang),
             states.submission_state(s.state, lang, s.is_demo),
             fmt_number(s.rows_accepted, lang), fmt_number(s.rows_rejected, lang)]
            for s in shown.itertuples()]
    return html.Section([
        html.H2(_("Submissions", lang)),
        html.P(ngettext("{n} file, by state now:", "{n} files, by state now:", len(frame), lang,
                        n=fmt_number(len(frame), lang))),
        html.Ul([html.Li(_("{state}: {n}", lang, state=states.submission_state(state, lang),
                           n=fmt_number(int(n), lang)))
                 for state, n in counts.reindex(states.SUBMISSION_STATES).dropna().items()],
                className="state-counts"),
        components.static_table(list_caption(SUBMISSIONS, first, len(shown), len(frame), lang),
                                [_(k, lang) for k in (N_("File"), N_("Received"), N_("Steward"),
                                                      N_("Status"), N_("Rows loaded"), N_("Rows rejected"))],
                                rows, numeric={4, 5}, table_id=ids.DATA_SUBMISSIONS, phone_hidden={1, 2},
                                box_class="scroll"),   # on a phone: file and status; the rest a tap on the file away
        pager(SUBMISSIONS, page, len(frame), pages, lang, programme=programme),
    ], id=ids.DATA_SUBMISSIONS_SECTION)


class ReasonList(NamedTuple):
    """A list of rows with a reason per file and row: its query, heading, what an empty one
    says, and its pages. Every failing cell of a partner file is a rejected row, so one wrong
    file of 50.000 rows made this public page 50.000 rows long."""

    query: str
    heading: str
    none: str
    paged: PagedList


REJECTED = ReasonList("data_rejected", N_("Rejected rows"), N_("There are no rejected rows."),
                      PagedList("rejected_page", ids.DATA_REJECTED_SECTION, N_("← Earlier rows"),
                                N_("Later rows →"), N_("Pages of the rejected rows"),
                                N_("Every rejected row with its reason"),
                                N_("Every rejected row with its reason: {first} to {last} of {n}")))
WARNINGS = ReasonList("data_warnings", N_("Warnings"), N_("There are no warnings."),
                      PagedList("warnings_page", ids.DATA_WARNINGS_SECTION, N_("← Earlier rows"),
                                N_("Later rows →"), N_("Pages of the warnings"),
                                N_("Loaded rows that stand out (e.g. far above their own series; see Method)"),
                                N_("Loaded rows that stand out (e.g. far above their own series; see Method): "
                                   "{first} to {last} of {n}")))


def reason_counts() -> dict[str, int]:
    """How many rows each list of reasons has (every page of it), by its page parameter."""
    counts = warehouse.current().query("data_reason_counts").iloc[0]
    return {REJECTED.paged.parameter: int(counts["rejected"]), WARNINGS.paged.parameter: int(counts["warnings"])}


def reasons(kind: ReasonList, lang: str, pages: dict[str, int], programme: str | None = None) -> html.Section:
    """Rows with a reason per file and row, the rejected rows or the warnings: a page of them
    (ROWS_PER_PAGE, by file and row)."""
    total = reason_counts()[kind.paged.parameter]
    page = pages[kind.paged.parameter]
    first = first_row(page)
    frame = warehouse.current().query(kind.query, rows=ROWS_PER_PAGE, offset=first)
    rows = [[components.link_markup(components.breakable_markup(r.file_name),
                                    components.href("/data", lang, submission=r.id), app=False),
             "–" if pd.isna(r.source_row) else fmt_number(r.source_row, lang), r.column_name or "–",
             steward_only(r.value or "", lang), getattr(r, f"reason_{lang}")] for r in frame.itertuples()]
    body = (components.static_table(list_caption(kind.paged, first, len(rows), total, lang),
                                    [_(k, lang) for k in (N_("File"), N_("Row"), N_("Column"), N_("Value"),
                                                          N_("Reason"))], rows, numeric={1})
            if rows else html.P(_(kind.none, lang)))
    return html.Section([html.H2(_(kind.heading, lang)), body,
                         pager(kind.paged, page, total, pages, lang, programme=programme)],
                        id=kind.paged.section)


def revision_count() -> int:
    """How many figures a later file replaced or withdrew (every page of the revisions list)."""
    return int(warehouse.current().query("data_revision_count")["revisions"].iloc[0])


def revisions(lang: str, pages: dict[str, int], programme: str | None = None) -> html.Section:
    """Figures a later file replaced or withdrew (a row 'intrekken', or a registry extract that
    no longer supports them): old and new value, both files, and when; a page of them
    (ROWS_PER_PAGE, newest first)."""
    total = revision_count()
    page = pages[REVISIONS.parameter]
    first = first_row(page)
    frame = warehouse.current().query("data_revisions", rows=ROWS_PER_PAGE, offset=first)
    rows = [[r.region, r.indicator, fmt_month(as_date(r.period), lang, short=True), r.partner, r.sector,
             fmt_number(r.old_value, lang), fmt_number(r.new_value, lang) if pd.notna(r.new_value) else _("withdrawn", lang),
             components.link_markup(r.old_file, components.href("/data", lang, submission=r.old_id), app=False),
             components.link_markup(r.new_file, components.href("/data", lang, submission=r.new_id), app=False),
             fmt_timestamp(r.replaced_at, lang)] for r in frame.itertuples()]
    body = (components.static_table(list_caption(REVISIONS, first, len(frame), total, lang),
                                    [_(k, lang) for k in (N_("Region"), N_("Indicator"), N_("Month"),
                                                          N_("Partner"), N_("Sector"), N_("Old value"),
                                                          N_("New value"), N_("Old file"), N_("New file"),
                                                          N_("Received"))], rows, numeric={5, 6},
                                    table_id=ids.DATA_REVISIONS)
            if rows else html.P(_("No figures have been replaced yet.", lang)))
    return html.Section([html.H2(_("Revisions", lang)), body,
                         pager(REVISIONS, page, total, pages, lang, programme=programme)],
                        id=ids.DATA_REVISIONS_SECTION)


# A run's counts (pipeline_run), each with its column header.
RUN_COUNTS = {"files_loaded": N_("Files loaded"), "files_partial": N_("Partly loaded"),
              "files_rejected": N_("Rejected"), "files_unchanged": N_("Already loaded"),
              "rows_loaded": N_("Rows loaded"), "rows_rejected": N_("Rows rejected"),
              "errors": N_("Errors"), "warnings": N_("Warnings")}


def runs(lang: str) -> html.Section:
    """Every run that published, refresh and ingest alike, with its counts (pipeline_run)."""
    frame = warehouse.current().query("data_runs")
    rows = [[r.flow, fmt_timestamp(r.started_at, lang),
             "–" if pd.isna(r.duration_s) else fmt_number(r.duration_s, lang, decimals=1),
             *[fmt_number(getattr(r, c), lang) for c in RUN_COUNTS], r.run_id]
            for r in frame.itertuples()]
    columns = (N_("Flow"), N_("Started"), N_("Duration (s)"), *RUN_COUNTS.values(), N_("Run id (Prefect)"))
    return html.Section([
        html.H2(_("Pipeline runs", lang)),
        components.table(_("The last 50 runs that published the warehouse", lang),
                         [_(k, lang) for k in columns], rows, numeric=set(range(2, 2 + 1 + len(RUN_COUNTS))),
                         box_class="scroll"),
    ])


def browser_runs(lang: str) -> html.Section:
    """The runs started on /aanleveren and /beheer, with their state from Prefect: also those
    that were refused or failed and so published nothing. Who started one is for stewards."""
    views = run_status.views(store(), store().runs(limit=20), lang)
    rows = [[_(run_status.KINDS[v.kind], lang), v.started, steward_only(v.username, lang),
             html.Span(v.label, className="run-state", **{"data-state": v.state}), v.duration, v.detail]
            for v in views]
    columns = (N_("What"), N_("Started"), N_("By"), N_("State"), N_("Duration"), N_("Summary"))
    body = (components.table(_("Runs started on the submission and administration pages (newest first)", lang),
                             [_(c, lang) for c in columns], rows, table_id="browser-runs", box_class="scroll")
            if rows else html.P(_("No runs started here yet.", lang)))
    return html.Section([html.H2(_("Runs started in the browser", lang)), body])


def coverage(programme: str, lang: str) -> html.Section:
    """Region × month: how many of the region's partners reported; gaps stand out."""
    frame = warehouse.current().query("data_coverage", programme=programme)
    months = sorted(frame["period"].unique())
    grid = frame.pivot(index="region_name", columns="period", values="partners_reported")
    totals = frame.groupby("region_name")["partners"].max()
    caption = _("Partners that reported, per region and month", lang)
    columns = [_("Region", lang)] + [fmt_month(as_date(m), lang, short=True) for m in months]
    rows = [[components.Cell(name, row_header=True)] + [
        components.Cell(f"{int(v)}/{int(totals[name])}",
                        "cov-full" if v == totals[name] else "cov-none" if v == 0 else "cov-part")
        for v in grid.loc[name, months]] for name in grid.index]
    return html.Section([
        html.H2(_("Coverage per region and month", lang)),
        html.P(_("Each cell: how many of the region's partners reported that month. 0 means: nothing "
                 "received yet.", lang)),
        components.static_table(caption, columns, rows, table_class="data-table coverage"),
    ])


def freshness(programme: str, lang: str) -> html.Section:
    """Per region and partner with a reporting obligation: the last month reported, the latest
    file and the months behind, as v_partner_delivery defines them (the same as Partners behind)."""
    frame = warehouse.current().query("data_freshness", programme=programme)
    rows = [[components.link_markup(f.region_name, components.href(f"/regio/{f.region}", lang)),
             getattr(f, f"partner_{lang}"), fmt_month(as_date(f.last_reported), lang, short=True),
             fmt_timestamp(f.last_received_at, lang), fmt_number(f.months_behind, lang)]
            for f in frame.itertuples()]
    return html.Section([
        html.H2(_("Freshness per partner", lang)),
        html.Details([html.Summary([deliveries.behind_text(deliveries.late_counts(programme), lang), " ",
                                    _("Show every region and partner.", lang)]),
                      components.static_table(_("Last month reported per region and partner, laggards first",
                                                lang),
                                       [_(k, lang) for k in (N_("Region"), N_("Partner"),
                                                             N_("Last reported"), N_("Received"),
                                                             N_("Months behind"))],
                                       rows, numeric={4})]),
    ])


def template_section(lang: str) -> html.Section:
    return html.Section([
        html.H2(_("Submission template", lang)),
        html.P(_("One row per region, indicator, month, partner and sector. Numbers may be written the "
                 "Dutch way (1.200; 37,5). The Excel template has dropdowns and a sheet Toelichting: "
                 "every column, correcting and withdrawing.", lang)),
        html.Button(_("Download template (CSV)", lang), id=ids.DATA_TEMPLATE_CSV, className="button"),
        html.Button(_("Download template (Excel)", lang), id=ids.DATA_TEMPLATE_XLSX, className="button"),
        dcc.Download(id=ids.DATA_TEMPLATE_DOWNLOAD),
    ])


def source_rows(submission: str, lang: str, rows_page: str | None = None,
                rejected_page: str | None = None) -> list:
    """One file: its metadata, the rows it contributed by Excel row number and the rows it had
    rejected, a page of each (ROWS_PER_PAGE, ?rows_page=N, ?rejected_page=N)."""
    db = warehouse.current()
    meta = db.query("submission", submission=submission)
    if meta.empty:
        return [html.H1(_("Data", lang)), html.P(_("Submission {id} does not exist.", lang, id=submission))]
    s = meta.iloc[0]
    counts = db.query("submission_counts", submission=submission).iloc[0]
    totals = {SOURCE_ROWS.parameter: int(counts["source_rows"]), REJECTED.paged.parameter: int(counts["rejected"])}
    pages = {SOURCE_ROWS.parameter: page_of(rows_page, totals[SOURCE_ROWS.parameter]),
             REJECTED.paged.parameter: page_of(rejected_page, totals[REJECTED.paged.parameter])}
    return [
        dcc.Link(_("← Back to Data", lang), href=components.href("/data", lang), className="back-link"),
        html.H1(_("Submission {file}", lang, file=s["file_name"])),
        components.demo_banner(lang, bool(s["is_demo"])),
        html.Dl([html.Div([html.Dt(_(k, lang)), html.Dd(v, className="hash" if k == N_("SHA-256") else None)])
                 for k, v in [(N_("Received"), fmt_timestamp(s["received_at"], lang)),
                              (N_("Steward"), steward_only(s["steward"], lang)),
                              (N_("Status"), states.submission_state(s["state"], lang)),
                              (N_("Rows loaded"), fmt_number(s["rows_accepted"], lang)),
                              (N_("Rows rejected"), fmt_number(s["rows_rejected"], lang)),
                              (N_("SHA-256"), s["sha256"])]],
                className="card-figures"),
        source_rows_section(submission, pages, totals[SOURCE_ROWS.parameter], lang),
        figure_states(submission, lang),
        submission_rejections(submission, pages, totals[REJECTED.paged.parameter], lang),
    ]


def source_rows_section(submission: str, pages: dict[str, int], total: int, lang: str) -> html.Section | None:
    """A page of one file's source rows (`pages`: parameter → page), with the pager to the others."""
    if not total:
        return None
    page = pages[SOURCE_ROWS.parameter]
    first = first_row(page)
    frame = warehouse.current().query("submission_rows", submission=submission, rows=ROWS_PER_PAGE,
                                      offset=first)
    rows = [[fmt_number(r.source_row, lang), r.region, r.indicator,
             fmt_month(as_date(r.period), lang, short=True), r.partner, r.sector,
             fmt_number(r.value, lang, 0 if float(r.value).is_integer() else 2), r.note or ""]
            for r in frame.itertuples()]
    return html.Section([
        components.static_table(list_caption(SOURCE_ROWS, first, len(rows), total, lang),
                                [_(k, lang) for k in (N_("Row"), N_("Region"), N_("Indicator"), N_("Month"),
                                                      N_("Partner"), N_("Sector"), N_("Value"), N_("Note"))],
                                rows, numeric={0, 6}, table_id=ids.DATA_SOURCE_ROWS),
        pager(SOURCE_ROWS, page, total, pages, lang, submission=submission),
    ], id=ids.DATA_SOURCE_ROWS_SECTION)


def figure_states(submission: str, lang: str) -> html.Section | None:
    """The file's figures that were held, approved, rejected, replaced or withdrawn, and when
    (v_figure_state): the same states its partner sees on /aanleveren; the steward's reason and
    name only for stewards."""
    frame = warehouse.current().query("figure_states", submission=submission)
    if frame.empty:
        return None
    rows = [[fmt_number(f.source_row, lang),
             figure_label(f.region, f.indicator, as_date(f.period), getattr(f, f"partner_{lang}"), f.sector,
                          lang), fmt_number(f.value, lang, 0 if float(f.value).is_integer() else 2),
             _(states.FIGURE_STATES[f.state], lang), fmt_timestamp(f.state_at, lang),
             f.replaced_by_file or "–", steward_only(f.decision_reason or "–", lang)]
            for f in frame.itertuples()]
    return html.Section([html.H2(_("What became of its figures", lang)),
                         components.static_table(
                             _("Figures held for review, decided, replaced or withdrawn", lang),
                             [_(k, lang) for k in (N_("Row"), N_("Figure"), N_("Value"), N_("State"), N_("When"),
                                                   N_("Later file"), N_("Reason"))],
                             rows, numeric={0, 2}, table_id=ids.DATA_FIGURE_STATES)])


def submission_rejections(submission: str, pages: dict[str, int], total: int,
                          lang: str) -> html.Section | None:
    """A page of the rows of one file that were not loaded, with their reasons (every failing
    cell of a wrong file of 50.000 rows is one), and the pager to the others."""
    if not total:
        return None
    page = pages[REJECTED.paged.parameter]
    first = first_row(page)
    frame = warehouse.current().query("submission_rejected", submission=submission, rows=ROWS_PER_PAGE,
                                      offset=first)
    rows = [["–" if pd.isna(r.source_row) else fmt_number(r.source_row, lang), r.column_name or "–",
             steward_only(r.value or "", lang), getattr(r, f"reason_{lang}")] for r in frame.itertuples()]
    return html.Section([html.H2(_(REJECTED.heading, lang)),
                         components.static_table(list_caption(REJECTED.paged, first, len(rows), total, lang),
                                                 [_(k, lang) for k in (N_("Row"), N_("Column"), N_("Value"),
                                                                       N_("Reason"))], rows, numeric={0}),
                         pager(REJECTED.paged, page, total, pages, lang, submission=submission)],
                        id=REJECTED.paged.section)


@warehouse.per_snapshot
def published(programme: str, lang: str, submissions_page: int = 1, revisions_page: int = 1,
              rejected_page: int = 1, warnings_page: int = 1,
              asked_programme: str | None = None) -> tuple[list, list]:
    """The sections drawn from the published warehouse alone, those before the browser runs and
    those after: computed once per publication and viewer (per_snapshot keys by viewer, as the
    names and values are for stewards), not on every visit. The browser runs come from the
    accounts store and Prefect, so they are drawn each time."""
    pages = {SUBMISSIONS.parameter: submissions_page, REVISIONS.parameter: revisions_page,
             REJECTED.paged.parameter: rejected_page, WARNINGS.paged.parameter: warnings_page}
    return ([changes.since_last_publication(lang), changes.review_queue(lang),
             submissions(lang, pages, asked_programme), reasons(REJECTED, lang, pages, asked_programme),
             reasons(WARNINGS, lang, pages, asked_programme), revisions(lang, pages, asked_programme)],
            [runs(lang), coverage(programme, lang), freshness(programme, lang),
             deliveries.late_list(programme, lang)])


def layout(lang: str | None = None, submission: str | None = None, programme: str | None = None,
           submissions_page: str | None = None, revisions_page: str | None = None,
           rejected_page: str | None = None, warnings_page: str | None = None,
           rows_page: str | None = None, **_ignored: str) -> html.Div:
    lang = language(lang)
    codes = list(warehouse.current().query("programmes")["code"])
    asked_programme = programme if programme in codes else None   # kept in the pager's links
    programme = asked_programme or codes[0]
    if submission:
        content = source_rows(submission, lang, rows_page, rejected_page)
    else:
        files = len(warehouse.current().query("data_submissions"))
        counts = reason_counts()
        before_runs, after_runs = published(programme, lang, page_of(submissions_page, files),
                                            page_of(revisions_page, revision_count()),
                                            page_of(rejected_page, counts[REJECTED.paged.parameter]),
                                            page_of(warnings_page, counts[WARNINGS.paged.parameter]),
                                            asked_programme)
        content = [html.H1(_("Data: submissions, checks and freshness", lang)),
                   None if is_steward() else html.P(html.A(_("Names and rejected cell values are shown "
                                                             "to signed-in data stewards only.", lang),
                                                           href=components.href("/login", lang,
                                                                                next="/data"))),
                   *before_runs, browser_runs(lang), *after_runs, template_section(lang)]
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
