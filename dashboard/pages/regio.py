"""Regio: one region's progress per indicator, its covenant and the files behind its figures."""
from __future__ import annotations

import datetime as dt

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html
from markupsafe import Markup

from core import presentation, states
from core.formats import as_date, fmt_amount, fmt_date, fmt_month, fmt_number, fmt_pct
from core.texts import N_, _, language
from core.vocabulary import NO_STATUS_SYMBOL, STATUS_SYMBOLS
from dashboard import (
    changes,
    components,
    context,
    deliveries,
    downloads,
    export,
    feeds,
    figures,
    ids,
    national,
    response_cache,
    search,
    shell,
    svg_map,
    url_state,
    warehouse,
)
from dashboard.status_style import PROGRESS_SCALE

dash.register_page(__name__, path_template="/regio/<code>", title=components.page_title(N_("Region")),
                   nav_label=N_("Region"))


def status_badge(row: pd.Series, labels: dict[str, str], lang: str) -> html.Span:
    """The status with its symbol and uncertainty in words (core/presentation.py)."""
    symbol = STATUS_SYMBOLS.get(row["status"], NO_STATUS_SYMBOL)
    return html.Span([html.Span(symbol, **{"aria-hidden": "true"}), " ",
                      presentation.status_text(row, labels, lang, short=False)],
                     className=f"status status-{row['status']}")


def indicator_card(row: pd.Series, series: pd.DataFrame, label: str, statuses: dict[str, str],
                   country: pd.DataFrame, lang: str) -> html.Section:
    """Realised against target for one indicator, its status, projection and trajectory chart."""
    target_tag = (N_("target: demonstratiedata (demo)") if row["target_is_demo"]
                  else N_("target from the covenant"))
    tags = [html.Span(_(target_tag, lang),
                      className="badge " + ("badge-demo" if row["target_is_demo"] else "badge-real"))]
    if components.flag(row["observations_demo"]):
        tags.append(html.Span(_("realised: demonstratiedata (demo)", lang), className="badge badge-demo"))
    if components.flag(row["provisional"]):
        tags.append(components.provisional_tag(lang))
    unit = row["unit"]
    as_of, last = as_date(row["as_of_month"]), as_date(row["last_reported_month"])
    summary = _("Chart {indicator}: from {baseline} on {start} to {realised} on {as_of}; target {target} "
                "by {deadline}.", lang, indicator=label,
                baseline=fmt_amount(row["baseline_value"], unit, lang),
                start=fmt_date(as_date(row["baseline_date"]), lang),
                realised=fmt_amount(row["realised"], unit, lang), as_of=fmt_month(as_of, lang),
                target=fmt_amount(row["target_value"], unit, lang),
                deadline=fmt_date(as_date(row["deadline"]), lang))
    projected = fmt_amount(row["projected"], unit, lang)
    if pd.notna(row["projected_low"]) and pd.notna(row["projected_high"]) and row["months_remaining"] > 0:
        projected += (f" ({fmt_amount(row['projected_low'], unit, lang)} – "
                      f"{fmt_amount(row['projected_high'], unit, lang)})")

    def figure(term: str, value: str, big: bool = False, extra: str = "") -> html.Div:
        return html.Div([html.Dt(term), html.Dd(value, className=("figure-big " if big else "") + extra)])

    required = row["required_per_month"]
    realised = fmt_amount(row["realised"], unit, lang)
    if components.flag(row["provisional"]):
        realised += " (" + _("provisional", lang) + ")"
    return html.Section([
        html.H2(label),
        html.P([status_badge(row, statuses, lang), *tags], className="tags"),
        provisional_note(row, lang),
        html.Dl([
            figure(_("Realised", lang), realised, big=True),
            figure(_("Target", lang), fmt_amount(row["target_value"], unit, lang), big=True,
                   extra="target-value"),
            figure(_("of target", lang), fmt_pct(row["achievement"], lang)),
            *(figure(term, value, extra="beside") for term, value in
              national.beside(country, row["indicator"], lang)),
            figure(_("Baseline on {date}", lang, date=fmt_date(as_date(row["baseline_date"]), lang)),
                   fmt_amount(row["baseline_value"], unit, lang)),
            figure(_("Deadline", lang), fmt_date(as_date(row["deadline"]), lang)),
            figure(_("Expected on the straight path", lang), fmt_amount(row["expected"], unit, lang)),
            *(figure(term, value, extra="context-expected") for term, value in context.card_figures(row, lang)),
            figure(_("Required per month from now", lang), fmt_amount(required, unit, lang)
                   if pd.notna(required) else "–"),
            figure(_("Projected at the deadline", lang), projected),
            figure(_("Target reached in", lang), presentation.reached_text(row, lang)),
        ], className="card-figures"),
        html.P([_("As of {month}", lang, month=fmt_month(as_of, lang)), " · ",
                _("last reported: {month}", lang, month=fmt_month(last, lang)) if last
                else _("no realisations yet", lang), " · ", month_state_text(row, lang)], className="as-of"),
        html.Figure([dcc.Graph(figure=figures.trajectory(series, row, label, lang),
                               config={"displaylogo": False, "toImageButtonOptions": {
                                   "format": "png", "scale": 2, "filename": export.file_name(
                                       row["region"], row["indicator"], url_state.month_param(as_of))}}),
                     html.Figcaption(summary)]),
        html.P([html.A(_("Data of the {indicator} chart (CSV)", lang, indicator=label), download="",
                       href=downloads.chart_csv_url(row["region"], row["indicator"], row["programme"],
                                                    url_state.month_param(as_of), lang)),
                " · ", html.Span(_("Image (PNG): the camera button at the top right of the chart.", lang))],
               className="chart-downloads"),
    ], className="card", id=f"card-{row['indicator']}")


def provisional_note(row: pd.Series, lang: str) -> html.P | None:
    """Why a card's figures are provisional, and on which month its status rests (status_month,
    sql/views/15_provisional.sql: the last complete month, or the as-of month itself when the
    target is reached or was amended since)."""
    if not components.flag(row["provisional"]):
        return None
    n, month = fmt_number(row["months_incomplete"], lang), fmt_month(as_date(row["as_of_month"]), lang)
    stand = fmt_month(as_date(row["stand_month"]), lang)
    if as_date(row["status_month"]) == as_date(row["stand_month"]):
        text = _("Provisional: {n} month(s) up to {month} have not been delivered by every partner "
                 "yet. Not delivered does not count as 0: status, pace and projection rest on "
                 "{stand}, the last complete month.", lang, n=n, month=month, stand=stand)
    elif row["status"] == "achieved":
        text = _("Provisional: {n} month(s) up to {month} have not been delivered by every partner "
                 "yet. Not delivered does not count as 0. The target is reached on what has been "
                 "delivered by {month}.", lang, n=n, month=month)
    else:
        text = _("Provisional: {n} month(s) up to {month} have not been delivered by every partner "
                 "yet. Not delivered does not count as 0. The target was amended after {stand}, the "
                 "last complete month, so status, pace and projection rest on {month}.", lang,
                 n=n, month=month, stand=stand)
    return html.P(text, className="provisional-note")


def month_state_text(row: pd.Series, lang: str) -> str:
    """The as-of month's deliveries: complete, k of n, or not delivered (never a zero)."""
    state = row["month_state"] if isinstance(row["month_state"], str) else "complete"
    n = 0 if pd.isna(row["month_partners_expected"]) else int(row["month_partners_expected"])
    k = 0 if pd.isna(row["month_partners_delivered"]) else int(row["month_partners_delivered"])
    return _("Deliveries {month}: {state}", lang,
             month=fmt_month(as_date(row["as_of_month"]), lang, short=True),
             state=deliveries.month_state(state, k, n, lang))


def covenant(region: str, programme: pd.Series, labels: dict[str, str], lang: str) -> html.Section:
    """Who signed, for which period, and every version of the targets with its source."""
    db = warehouse.current()
    signatories = db.query("region_signatories", region=region, programme=programme["code"])
    items = [html.Li(s.organisation if s.role == "ondertekenaar"
                     else f"{s.organisation} (" + _(ROLES[s.role], lang) + ")")
             for s in signatories.itertuples()]
    targets = db.query("region_targets", region=region, programme=programme["code"])
    units = dict(zip(*db.query("indicators")[["code", "unit"]].T.values))
    rows = [[labels[v.indicator], fmt_number(v.version, lang), fmt_date(as_date(v.valid_from), lang),
             fmt_amount(v.baseline_value, units[v.indicator], lang),
             fmt_amount(v.target_value, units[v.indicator], lang), fmt_date(as_date(v.deadline), lang),
             Markup('<span lang="nl">{}</span>').format(
                 (v.note + " · " if isinstance(v.note, str) else "") + v.source)]
            for v in targets.itertuples()]
    return html.Section([
        html.H2(_("Covenant", lang)),
        html.P(html.Strong(programme["name"])),
        html.P(_("Period: {start} to {end}", lang, start=fmt_date(as_date(programme["start_date"]), lang),
                 end=fmt_date(as_date(programme["end_date"]), lang))),
        html.H3(_("Signatories", lang)),
        html.Ul(items) if items else html.P(_("No signatories recorded.", lang)),
        components.static_table(_("Targets and their amendments (an amendment is a new version with the date it "
                                  "took effect)", lang),
                                [_(k, lang) for k in (N_("Indicator"), N_("Version"), N_("Valid from"),
                                                      N_("Baseline"), N_("Target"), N_("Deadline"),
                                                      N_("Source"))], rows, numeric={1, 3, 4}),
    ], className="covenant")


def contributions(region: str, programme: str, month: dt.date, labels: dict[str, str],
                  lang: str) -> html.Section:
    """Which organisation delivers what share of each indicator at the as-of month, grouped by
    its kind in the partner register, and in which sectors; each indicator ends in its total,
    the gain since the baseline on its card (the rows add up to it: v_counted_months)."""
    frame = warehouse.current().query("region_contributions", region=region, programme=programme,
                                      month=month)
    units = dict(zip(*warehouse.current().query("indicators")[["code", "unit"]].T.values))
    rows = []
    for indicator, group in frame.groupby("indicator", sort=False):
        unit = units[indicator]
        rows += [[labels[indicator], getattr(c, f"kind_{lang}"), getattr(c, f"partner_{lang}"),
                  fmt_amount(c.realised, unit, lang), fmt_pct(c.share, lang), getattr(c, f"sectors_{lang}")]
                 for c in group.itertuples()]
        rows.append([labels[indicator], "", strong(_("Total: gain since the baseline", lang)),
                     strong(fmt_amount(group["indicator_gain"].iloc[0], unit, lang)), "", ""])
    return html.Section([
        html.H2(_("Contributions by partner and sector", lang)),
        html.P(_("Realised after the baseline month up to {month} (the months the cards count): the "
                 "organisations of an indicator add up to its total, the card's realised minus its "
                 "baseline.", lang, month=fmt_month(month, lang)), className="hint"),
        components.static_table(_("Realised since the baseline up to {month}, per indicator and organisation "
                                  "(by kind)", lang, month=fmt_month(month, lang)),
                                [_(k, lang) for k in (N_("Indicator"), N_("Kind of organisation"), N_("Partner"),
                                                      N_("Realised"), N_("Share"),
                                                      N_("Sectors (largest first)"))],
                                rows, numeric={3, 4}, phone_hidden={1}),
    ], className="contributions")


def strong(text: str) -> Markup:
    """A static table's bold text (the contributions' total rows), escaped."""
    return Markup("<strong>{}</strong>").format(text)


def freshness(region: str, programme: str, lang: str) -> html.Section:
    """Per partner: the last month reported and how far it lags, so a gap is not read as a drop;
    months behind as in "Late deliveries" (v_partner_delivery)."""
    frame = warehouse.current().query("region_freshness", region=region, programme=programme)
    rows = [[getattr(f, f"partner_{lang}"), fmt_month(as_date(f.last_reported), lang),
             fmt_date(as_date(f.last_received_at), lang), fmt_number(f.months_behind, lang)]
            for f in frame.itertuples()]
    return html.Section([
        html.H2(_("Freshness per partner", lang)),
        components.static_table(_("Last month each partner reported, and how many months it is behind the "
                                  "due month with the indicator it lags most on", lang),
                                [_(k, lang) for k in (N_("Partner"), N_("Last reported"), N_("Received"),
                                                      N_("Months behind"))], rows, numeric={3}),
    ], className="freshness")


def similar(region: str, programme: str, month: dt.date, labels: dict[str, str],
            lang: str) -> html.Section:
    """The region beside the four regions closest in working-age population (v_similar_regions)."""
    frame = warehouse.current().query("region_similar", region=region, programme=programme, month=month)
    indicators = [i for i in labels if i in set(frame["indicator"].dropna())]
    rows = []
    for (code, name), group in frame.groupby(["region", "region_name"], sort=False):
        pct = dict(zip(group["indicator"], group["achievement"]))
        link = name if code == region else components.link_markup(name, components.href(f"/regio/{code}", lang))
        rows.append([link, fmt_number(group["population_15_74"].max(), lang),
                     *(fmt_pct(pct.get(i), lang) for i in indicators)])
    return html.Section([
        html.H2(_("Regions of similar size", lang)),
        html.P(_("The four regions closest to this one in inhabitants aged 15-74: a fairer comparison "
                 "than the largest or smallest.", lang), className="hint"),
        components.static_table(_("Percentage of target per indicator, as of {month}", lang,
                                  month=fmt_month(month, lang)),
                                [_("Region", lang), _("Inhabitants 15-74", lang), *(labels[i] for i in indicators)],
                                rows, numeric=set(range(1, len(indicators) + 2))),
    ], className="similar")


# The gemeente boundaries a region is shown on: the switch's label, and what the table then shows.
BOUNDARIES = {
    "signing": (N_("Boundaries at signing"),
                N_("Shown: the region as it was when the covenant was signed. Municipalities that merged later "
                   "appear separately (such as Geldermalsen and Neerijnen); Lingewaal then belonged to "
                   "Gorinchem.")),
    "current": (N_("Today's boundaries"),
                N_("Shown: the region on today's municipal boundaries (constant boundaries, as CBS does): "
                   "merged municipalities count for their successor, such as West Betuwe.")),
}
# A signatory's role, when it is not simply a signatory (data/reference/signatories.csv).
ROLES = {"uitvoering": N_("takes part in carrying it out")}


def gemeenten_view(region: str, programme: str, month: dt.date, boundary: str, lang: str) -> list:
    """The region's gemeenten under one boundary view: a sentence saying which view, a map of
    today's gemeente shapes coloured by share (current view, when shapes are loaded), a table."""
    db = warehouse.current()
    frame = db.query("region_gemeenten", region=region, programme=programme, month=month,
                     boundary=boundary)
    if frame.empty:
        return [html.P(_("No registry data per municipality has been loaded for this region.", lang))]
    labels = components.labels("indicators", lang)
    cells = [{c["indicator"]: c for c in row_cells} for row_cells in frame["cells"]]
    indicators = [i for i in labels if i in cells[0]]
    rows = [[name, *(f"{fmt_number(row[i]['records'], lang)} ({fmt_pct(row[i]['share'], lang)})"
                     for i in indicators)]
            for name, row in zip(frame["gemeente_name"], cells)]
    content = [html.P(_(BOUNDARIES[boundary][1], lang), className="boundary-note"),
               components.static_table(_("Registered starts per municipality up to {month}, with the share "
                                         "of the region", lang, month=fmt_month(month, lang)),
                                       [_("Municipality", lang), *(labels[i] for i in indicators)], rows,
                                       numeric=set(range(1, len(indicators) + 1)))]
    shapes = db.query("region_gemeente_shapes", region=region)
    drawn = gemeente_map(db, shapes, region, programme, month, boundary, frame, lang) if not shapes.empty else None
    if drawn is not None:
        content.insert(1, drawn)
    return content


def gemeente_map(db: warehouse.Warehouse, shapes: pd.DataFrame, region: str, programme: str,
                 month: dt.date, boundary: str, frame: pd.DataFrame, lang: str) -> html.Figure | None:
    """The small map of the region's gemeenten. The shapes are today's, so in either view it is
    coloured by the shares on today's boundaries, and on the view at signing it says so."""
    if boundary != "current":
        frame = db.query("region_gemeenten", region=region, programme=programme, month=month,
                         boundary="current")
    if frame.empty:   # no registry records on today's boundaries up to this month: nothing to colour
        return None
    top = frame.iloc[0]   # the query orders by records, so the first has the largest share
    summary = [_("Map of the {n} municipalities, coloured by their share of registered starts; {name} "
                 "has the largest share ({share}).", lang, n=len(shapes), name=top["gemeente_name"],
                 share=fmt_pct(top["share_all"], lang))]
    if boundary != "current":
        summary.append(_("The map shows today's municipal boundaries.", lang))
    credit = presentation.credit_line("cbs", shapes["year"].iloc[0], shapes["attribution"].iloc[0], lang)
    drawn = share_map(shapes, frame.set_index("gemeente")["share_all"], summary[0], lang)
    return html.Figure([components.static_box(drawn), html.Figcaption(" ".join([*summary, credit]))])


def share_map(shapes: pd.DataFrame, share: pd.Series, name: str, lang: str) -> Markup:
    """The gemeenten in YlGnBu from no share to the largest (as plotly's choropleth scaled them),
    each named with its share, and the colour bar under them (dashboard/svg_map.py)."""
    values = [float(share.get(code, 0.0)) for code in shapes["code"]]
    high = max(values) or 1.0
    areas = [svg_map.Region(code, svg_map.interpolate(PROGRESS_SCALE, value / high), [gemeente, fmt_pct(value, lang)])
             for code, gemeente, value in zip(shapes["code"], shapes["name"], values)]
    ticks = [(v, fmt_pct(v, lang, 0)) for v in svg_map.nice_ticks(0.0, high)]
    scale = _("Colour scale of {measure}: light {low}, dark {high}", lang, measure=_("share of the region", lang),
              low=fmt_pct(0.0, lang, 0), high=fmt_pct(high, lang))
    return svg_map.markup(svg_map.project(shapes), areas, name) + svg_map.colour_bar(
        0.0, high, ticks, scale, gradient="gemeente-scale")


def gemeenten(region: str, programme: str, month: dt.date, boundary: str, lang: str) -> html.Section:
    """Registry figures per gemeente, with a switch between the boundaries at signing and today's."""
    return html.Section([
        html.H2(_("Municipalities (registry data)", lang)),
        components.choice_group(ids.REGIO_BOUNDARY, _("Municipal boundaries", lang),
                                {b: _(label, lang) for b, (label, _shown) in BOUNDARIES.items()}, boundary),
        html.Div(gemeenten_view(region, programme, month, boundary, lang), id=ids.REGIO_GEMEENTEN,
                 **{"aria-live": "polite"}),
        dcc.Store(id=ids.REGIO_STATE, data={"region": region, "programme": programme,
                                            "month": url_state.month_param(month), "lang": lang}),
        html.Div(id=ids.REGIO_URL_SINK, hidden=True),
    ], className="gemeenten")


def submissions(region: str, lang: str) -> html.Section:
    """The files behind the figures: traceability from screen to source."""
    frame = warehouse.current().query("region_submissions", region=region)
    rows = [[components.link_markup(s.file_name, components.href("/data", lang, submission=s.id), app=False),
             fmt_date(as_date(s.received_at), lang), getattr(s, f"indicators_{lang}"),
             fmt_amount(s.rows_for_region, "aantal", lang),
             states.submission_state(s.status, lang, s.is_demo)]
            for s in frame.itertuples()]
    return html.Section([
        html.H2(_("Submissions behind these figures", lang)),
        components.static_table(_("Files the region's realisations come from", lang),
                                [_(k, lang) for k in (N_("File"), N_("Received"), N_("Indicators"), N_("Rows"),
                                                      N_("Status"))],
                                rows, numeric={3}),
    ], className="sources")


def print_heading(code: str, programme: pd.Series, as_of: dt.date, demo: bool, lang: str) -> html.Div:
    """The printed factsheet's title block (only in print, style_print.css): what it is, the
    programme, the as-of month, the day it was made, the source, the demo label and the permalink
    (this view's address; assets/print.js puts the site's address before it). The region is the
    h1 below it; page numbers are in @page."""
    published = warehouse.current().query("warehouse_info").iloc[0]["published_at"]
    permalink = components.href(f"/regio/{code}", lang, programme=programme["code"],
                                month=url_state.month_param(as_of))
    return html.Div([
        html.P([html.Strong(_("Regiomonitor – factsheet", lang)),
                *([" · ", html.Strong(_(states.DEMO_TAG, lang))] if demo else [])]),
        html.P(_("{programme} · as of {month} · made on {today}", lang, programme=programme["name"],
                 month=fmt_month(as_of, lang), today=fmt_date(dt.date.today(), lang))),
        html.P(_("Source: partner submissions and registry extracts, warehouse published {published}", lang,
                 published=fmt_date(published.date(), lang) if published is not None else "–")),
        html.P([_("Permalink:", lang), " ", html.Span(permalink, className="permalink",
                                                       **{"data-path": permalink})]),
    ], className="print-only print-heading")


def did_you_mean(name: str, lang: str) -> html.Div | None:
    """Regions and gemeenten whose name is close to an address that names no region."""
    found = search.find(name, search.places())
    if not found.suggestions:
        return None
    return html.Div([html.H2(_("Did you mean", lang)), html.Ul([
        html.Li([dcc.Link(p.name, href=components.href(f"/regio/{p.region}", lang)), " – ",
                 search.describe(p, lang)])
        for p in found.suggestions])])


@response_cache.snapshot_pure
@components.safe_layout
@warehouse.per_snapshot
def layout(code: str | None = None, lang: str | None = None, programme: str | None = None,
           month: str | None = None, boundary: str | None = None, **_ignored: str) -> html.Div:
    lang = language(lang)
    code = (code or "").upper()
    db = warehouse.current()
    region = db.query("region", region=code)
    path = f"/regio/{code}"
    if region.empty:
        return shell.page(lang, path, [html.H1(_("Region", lang)),
                                       html.P(_("Region {code} does not exist. Choose a region on the "
                                                "map.", lang, code=code)),
                                       did_you_mean(code, lang),
                                       dcc.Link(_("← Back to the map", lang),
                                                href=components.href("/", lang))])
    state = shell.view(lang, programme, None, month)
    programme = db.query("programmes").set_index("code", drop=False).loc[state.programme]
    as_of = state.month
    progress = db.query("region_progress", region=code, programme=programme["code"], month=as_of)
    series = db.query("region_series", region=code, programme=programme["code"], month=as_of)
    labels = dict(zip(*db.query("indicators")[["code", f"label_{lang}"]].T.values))
    statuses = dict(zip(*db.query("statuses")[["code", f"label_{lang}"]].T.values))
    country = national.national(programme["code"], as_of)
    cards = [indicator_card(row, series[series["indicator"] == row["indicator"]],
                            labels[row["indicator"]], statuses, country, lang)
             for _index, row in progress.iterrows()]
    return shell.page(lang, path, [
        dcc.Link(_("← Back to the map", lang), href=components.href("/", lang), className="back-link"),
        print_heading(code, programme, as_of, bool(progress["is_demo"].any()), lang),
        html.H1(_("Labour-market region {name} ({code})", lang, name=region["name"].iloc[0], code=code)),
        components.demo_banner(lang, bool(progress["is_demo"].any())),
        html.P(_("As of {month}", lang, month=fmt_month(as_of, lang)), className="as-of-line"),
        html.Div([html.Button(_("Print factsheet", lang), type="button", className="button print-button",
                              **{"aria-describedby": "print-hint"}),
                  html.Span(_("Prints this page as an A4 factsheet, or saves it as a PDF.", lang),
                            id="print-hint", className="hint"),
                  html.A(_("Follow this region (Atom feed)", lang), id="region-feed",
                         href=components.href(feeds.feed_url(code), lang), rel="alternate")],
                 className="no-print print-row"),
        components.default_month_note(db.query("current_month", programme=programme["code"]).iloc[0],
                                      lang),
        components.error_region(),
        deliveries.late_partners(code, programme["code"], labels, lang),
        html.Div(cards, className="cards") if cards else html.P(_("This region has no targets in this "
                                                                  "programme in this month.", lang)),
        deliveries.completeness(code, programme["code"], as_of, labels, lang),
        contributions(code, programme["code"], as_of, labels, lang),
        similar(code, programme["code"], as_of, labels, lang),
        gemeenten(code, programme["code"], as_of, boundary if boundary in BOUNDARIES else "signing",
                  lang),
        covenant(code, programme, labels, lang),
        freshness(code, programme["code"], lang),
        changes.since_last_publication(lang, code),
        changes.review_queue(lang, code),
        submissions(code, lang),
    ])


@dash.callback(Output(ids.REGIO_GEMEENTEN, "children"), Input(ids.REGIO_BOUNDARY, "data"),
               State(ids.REGIO_STATE, "data"), prevent_initial_call=True,
               on_error=components.callback_failed)
@response_cache.snapshot_pure
def change_boundary(boundary: str, state: dict) -> list:
    """Redraw the gemeenten under the chosen boundary view."""
    return gemeenten_view(state["region"], state["programme"], url_state.parse_month(state["month"]),
                          boundary, state["lang"])


components.register_choice(ids.REGIO_BOUNDARY)
url_state.sync_url(ids.REGIO_URL_SINK, {"boundary": (ids.REGIO_BOUNDARY, "data")})
