"""Find my region: a region's name or CBS code, or the name or code of a gemeente in it (former
gemeenten too, e.g. Geldermalsen, now West Betuwe) leads to the region page.

One matching rule for the header's search box (GET /zoek), the name alias of the region page
(/regio/rivierenland) and the "did you mean" list: names are compared without case, accents,
punctuation or spacing, so "Súdwest-Fryslân", "sudwest fryslan" and "SUDWESTFRYSLAN" are one.
"""
from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from dataclasses import dataclass

import flask

from dashboard import auth, warehouse
from dashboard.i18n import language

blueprint = flask.Blueprint("search", __name__)
LOG = logging.getLogger("regiomonitor.dashboard")

MAX_QUERY = 100        # characters of a query that are looked at
MAX_SUGGESTIONS = 8    # places on the "did you mean" page
REGION_CODE = re.compile(r"AM\d{2}")


@dataclass(frozen=True)
class Place:
    """A name a reader may type, and the region it leads to."""

    kind: str          # 'region' or 'gemeente'
    code: str          # CBS code: AM10, GM0281
    name: str
    region: str
    region_name: str


@dataclass(frozen=True)
class Found:
    """The region a query leads to, if it leads to exactly one; else places it may have meant."""

    region: str | None
    suggestions: list[Place]


def normalise(text: str) -> str:
    """Lower case, without accents, and without anything but letters and digits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]", "", plain.casefold())


def places() -> list[Place]:
    """Every region and gemeente in the served warehouse (cached per published snapshot)."""
    frame = warehouse.current().query("search_places")
    return [Place(*row) for row in frame[["kind", "code", "name", "region", "region_name"]].itertuples(index=False)]


def find(query: str, candidates: list[Place]) -> Found:
    """The one region `query` names exactly (by region or gemeente name or code); otherwise the
    places whose name contains it (those starting with it first, regions before gemeenten) or is
    close to it (a typo)."""
    key = normalise(query[:MAX_QUERY])
    if not key:
        return Found(None, [])
    exact = {p.region for p in candidates if key in (normalise(p.name), normalise(p.code))}
    if len(exact) == 1:
        return Found(exact.pop(), [])
    by_name = {normalise(p.name): p for p in reversed(candidates)}
    close = difflib.get_close_matches(key, list(by_name), n=MAX_SUGGESTIONS, cutoff=0.7)
    partial = sorted((p for p in candidates if key in normalise(p.name)),
                     key=lambda p: (not normalise(p.name).startswith(key), p.kind != "region", p.name))
    seen, suggestions = set(), []
    for place in [*partial, *(by_name[c] for c in close)]:
        if (place.kind, place.code) not in seen:
            seen.add((place.kind, place.code))
            suggestions.append(place)
    return Found(None, suggestions[:MAX_SUGGESTIONS])


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
