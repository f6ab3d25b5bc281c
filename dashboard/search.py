"""Find my region in the dashboard: the header's search box (GET /zoek), the name alias of the
region page (/regio/rivierenland) and the "did you mean" list, with the one matching rule of
regiomonitor/places.py (also used by `regiomonitor progress --region`).
"""
from __future__ import annotations

import logging
import re

import flask

from dashboard import auth, warehouse
from dashboard.i18n import language
from regiomonitor.places import MAX_QUERY, Place, find, normalise

blueprint = flask.Blueprint("search", __name__)
LOG = logging.getLogger("regiomonitor.dashboard")

REGION_CODE = re.compile(r"AM\d{2}")


def places() -> list[Place]:
    """Every region and gemeente in the served warehouse (cached per published snapshot)."""
    frame = warehouse.current().query("search_places")
    return [Place(*row) for row in frame[["kind", "code", "name", "region", "region_name"]].itertuples(index=False)]


def region_url(code: str, lang: str, query_string: str = "") -> str:
    """The region page, in the reader's language (and with any other view state kept)."""
    if query_string:
        return f"/regio/{code}?{query_string}"
    return f"/regio/{code}" + ("?lang=en" if lang == "en" else "")


@blueprint.route("/zoek")
def search() -> flask.Response | str:
    """GET /zoek?q=Tiel → the region page; otherwise a page with the places it may mean."""
    lang = language(flask.request.args.get("lang"))
    query = flask.request.args.get("q", "")[:MAX_QUERY]
    found = find(query, places())
    if found.region:
        return flask.redirect(region_url(found.region, lang))
    return flask.render_template("search.html", query=query, found=found, **auth.page_context(lang))


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
    lang = language(flask.request.args.get("lang"))
    return flask.redirect(region_url(found.region, lang, flask.request.query_string.decode("latin-1")))


@blueprint.app_context_processor
def search_names() -> dict:
    """The search box's suggestions in the server-rendered pages (login, aanleveren, beheer, and
    the error pages, which must render even when the warehouse cannot be read)."""
    def names() -> list[str]:
        try:
            return option_names()
        except Exception:  # noqa: BLE001 -- a search box without suggestions still works
            LOG.exception("no search suggestions")
            return []
    return {"search_options": names}


def option_names() -> list[str]:
    """Region and gemeente names for the search box's datalist, each once, sorted."""
    return sorted({p.name for p in places()}, key=normalise)
