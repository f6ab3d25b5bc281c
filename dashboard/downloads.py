"""Per-chart downloads on the region page: the data behind a trajectory chart as CSV (the chart
itself saves as PNG from plotly's camera button). A plain GET link, so it works without scripts
and can be shared; the numbers come from the same query the chart draws."""
from __future__ import annotations

import flask

from core.formats import as_date, fmt_month, fmt_number
from core.texts import N_, _
from dashboard import export, request_language, url_state, warehouse

blueprint = flask.Blueprint("downloads", __name__)


def chart_csv_url(region: str, indicator: str, programme: str, month: str, lang: str) -> str:
    """Where a card's "data of this chart" link points."""
    return f"/export/regio/{region}/{indicator}.csv?programme={programme}&month={month}&lang={lang}"


@blueprint.route("/export/regio/<region>/<indicator>.csv")
def chart_csv(region: str, indicator: str) -> flask.Response:
    """Month, realised (cumulative) and whether the month was fully delivered, as the chart shows."""
    lang = request_language.current()
    db = warehouse.current()
    month = url_state.parse_month(flask.request.args.get("month"))
    programmes = list(db.query("programmes")["code"])
    programme = flask.request.args.get("programme")
    if (db.query("region", region=region).empty or indicator not in set(db.query("indicators")["code"])
            or programme not in programmes or month is None):
        flask.abort(404)
    series = db.query("region_series", region=region, programme=programme, month=month)
    series = series[series["indicator"] == indicator]
    rows = [[fmt_month(as_date(r.as_of_month), lang, short=True), fmt_number(r.realised, lang),
             _(N_("yes") if r.complete else N_("no"), lang)] for r in series.itertuples()]
    body = export.to_csv([_("Month", lang), _("Realised (cumulative)", lang),
                          _("Month fully delivered", lang)], rows)
    name = export.file_name(region, indicator, url_state.month_param(month), ext="csv")
    return flask.Response(body, content_type="text/csv; charset=utf-8",
                          headers={"Content-Disposition": f'attachment; filename="{name}"'})
