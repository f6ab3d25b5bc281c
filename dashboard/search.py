"""Find my region in the dashboard: the header's search box (GET /zoek), the name alias of the
region page (/regio/rivierenland) and the "did you mean" list, with the one matching rule of
core/places.py (also used by `regiomonitor progress --region`).
"""
from __future__ import annotations

import html
import logging
import re

import dash
import flask

from core.formats import as_date, fmt_date
from core.places import MAX_QUERY, Place, find, normalise
from core.texts import _
from dashboard import auth, ids, request_language, warehouse

blueprint = flask.Blueprint("search", __name__)
LOG = logging.getLogger("regiomonitor.dashboard")

REGION_CODE = re.compile(r"AM\d{2}")


def places() -> list[Place]:
    """Every region and gemeente in the served warehouse (cached per published snapshot)."""
    frame = warehouse.current().query("search_places")
    return [Place(*row[:-1], as_date(row[-1])) for row in frame[[
        "kind", "code", "name", "region", "region_name", "current_name", "merged_on"]].itertuples(index=False)]


def describe(place: Place, lang: str) -> str:
    """What a suggested place is: 'arbeidsmarktregio AM10', 'gemeente (GM0281) in Rivierenland',
    what an alias stands for, or what a former gemeente became."""
    if place.kind == "region":
        return _("labour-market region {code}", lang, code=place.code)
    if place.kind == "former":
        return merger_note(place, lang)
    if place.kind == "alias":
        return _("{name}, municipality ({code}) in {region}", lang, name=place.current_name,
                 code=place.code, region=place.region_name)
    return _("municipality ({code}) in {region}", lang, code=place.code, region=place.region_name)


def merger_note(place: Place, lang: str) -> str:
    """Where a former gemeente went: 'Lingewaal merged into West Betuwe on 1-1-2019, in
    Rivierenland (AM10).'"""
    return _("former municipality: {name} merged into {current} on {date}, in {region} ({code})", lang,
             name=place.name, current=place.current_name, date=fmt_date(place.merged_on, lang),
             region=place.region_name, code=place.region)


def region_url(code: str, lang: str, query_string: str = "") -> str:
    """The region page, in the reader's language (and with any other view state kept)."""
    if query_string:
        return f"/regio/{code}?{query_string}"
    return f"/regio/{code}" + ("?lang=en" if lang == "en" else "")


@blueprint.route("/zoek")
def search() -> flask.Response | str:
    """GET /zoek?q=Tiel → the region page; a former gemeente → a page that says what it became,
    with a link to its region; otherwise a page with the places the query may mean."""
    lang = request_language.current()
    query = flask.request.args.get("q", "")[:MAX_QUERY]
    found = find(query, places())
    if found.region and not (found.place and found.place.kind == "former"):
        return flask.redirect(region_url(found.region, lang))
    return flask.render_template("search.html", query=query, found=found,
                                 describe=lambda place: describe(place, lang), **auth.page_context(lang))


@blueprint.before_app_request
def region_alias() -> flask.Response | None:
    """/regio/rivierenland, /regio/Tiel or /regio/am10 → /regio/AM10 (the page's one address)."""
    path = flask.request.path
    if not path.startswith("/regio/") or path.count("/") != 2:
        return None
    name = path.removeprefix("/regio/")
    if REGION_CODE.fullmatch(name):
        return None
    found = find(name, places())
    if found.region is None:
        return None   # the page itself says the region does not exist
    lang = request_language.current()
    return flask.redirect(region_url(found.region, lang, flask.request.query_string.decode("latin-1")))


@blueprint.app_context_processor
def search_names() -> dict:
    """The search box's suggestions in the server-rendered pages (login, aanleveren, beheer, and
    the error pages, which must render even when the warehouse cannot be read)."""
    return {"search_options": suggestions}


def suggestions() -> list[str]:
    """option_names(), or none when the warehouse cannot be read: a search box without
    suggestions still works."""
    try:
        return option_names()
    except Exception:  # noqa: BLE001 -- see the docstring
        LOG.exception("no search suggestions")
        return []


def option_names() -> list[str]:
    """Region and gemeente names for the search box's datalist, each once, sorted."""
    return sorted({p.name for p in places()}, key=normalise)


def datalist() -> str:
    """The suggestions as the HTML the Dash pages' index carries (install). As ~400 Dash
    components in every page's layout they were half of the page's JSON and cost the browser
    ~0,1 s to render on every page (issue 15, part 7); as plain HTML the parser takes them."""
    options = "".join(f'<option value="{html.escape(name)}">' for name in suggestions())
    return f'<datalist id="{ids.SEARCH_OPTIONS}">{options}</datalist>'


def install(app: dash.Dash) -> None:
    """Add the datalist to every Dash page's HTML, outside the React tree; the header's search
    box (components.search_box) names it in its `list` attribute."""
    render = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        return render(**kwargs).replace("</body>", datalist() + "</body>", 1)

    app.interpolate_index = interpolate_index
