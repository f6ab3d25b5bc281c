"""Atom feeds (issue 24): /feeds/alles.atom for the whole country, /feeds/regio/<CODE>.atom per
region. An entry for each publication that changed a region's figures, each status change and
each corrected or withdrawn figure (sql/queries/notices.sql), said as core/notices.py says it,
linked to the page that shows it. Any feed reader follows a region without an account.

A feed changes only when the warehouse is published again, so it carries an ETag and answers a
reader that already has it with 304 Not Modified.
"""
from __future__ import annotations

import datetime as dt
import re

import flask
from feedgen.feed import FeedGenerator

from core import notices
from core.settings import public_url
from core.texts import _
from dashboard import request_language, warehouse

blueprint = flask.Blueprint("feeds", __name__)

# Entries per feed: a reader polls often, and the pages keep the whole history.
FEED_ENTRIES = 200
REGION_CODE = re.compile(r"AM[0-9]{2}")
# A feed of a warehouse that was never published still needs an <updated>.
NEVER = dt.datetime(2005, 11, 28, tzinfo=dt.timezone.utc)


def feed_url(region: str | None = None) -> str:
    """The path of the country's feed, or of one region's."""
    return f"/feeds/regio/{region}.atom" if region else "/feeds/alles.atom"


def base_url() -> str:
    """Where links point: REGIOMONITOR_PUBLIC_URL, else the address this request came to."""
    return public_url() or flask.request.host_url.rstrip("/")


@blueprint.route("/feeds/alles.atom")
def country() -> flask.Response:
    return atom(None)


@blueprint.route("/feeds/regio/<code>.atom")
def region(code: str) -> flask.Response:
    """One region's feed; an unknown or malformed code is a 404, never a query."""
    if not REGION_CODE.fullmatch(code) or warehouse.current().query("region", region=code).empty:
        flask.abort(404)
    return atom(code)


def atom(region: str | None) -> flask.Response:
    """The feed as Atom XML, conditional on its ETag."""
    lang = request_language.current()
    db = warehouse.current()
    rows = db.query("notices", region=region, limit=FEED_ENTRIES).to_dict("records")
    body = build(rows, region, db.query("region", region=region)["name"].iloc[0] if region else None,
                 updated(db.query("feed_updated")["published_at"].iloc[0]), lang)
    response = flask.Response(body, content_type="application/atom+xml; charset=utf-8")
    response.headers["Cache-Control"] = "public, max-age=60"
    response.add_etag()
    return response.make_conditional(flask.request)


def updated(moment: object) -> dt.datetime:
    """The latest publication as an aware UTC moment, or NEVER."""
    if moment is None or moment != moment:
        return NEVER
    return notices.published_at({"published_at": moment})


def build(rows: list[dict], region: str | None, region_name: str | None, when: dt.datetime,
          lang: str) -> bytes:
    """The Atom document: the feed's own id, title and links, then one entry per notice."""
    base, query = base_url(), "?lang=en" if lang == "en" else ""
    feed = FeedGenerator()
    feed.id(f"{base}{feed_url(region)}")
    feed.title(_("Regiomonitor: {region}", lang, region=region_name) if region
               else _("Regiomonitor: all regions", lang))
    feed.subtitle(_("Publications, status changes and corrected or withdrawn figures.", lang))
    feed.author({"name": "Regiomonitor"})
    feed.link(href=f"{base}{feed_url(region)}{query}", rel="self", type="application/atom+xml")
    feed.link(href=f"{base}{f'/regio/{region}' if region else '/'}{query}", rel="alternate",
              type="text/html")
    feed.language(lang)
    feed.updated(when)
    for row in rows:
        entry = feed.add_entry(order="append")
        entry.id(notices.notice_id(row))
        entry.title(notices.title(row, lang))
        entry.summary(notices.detail(row, lang))
        entry.link(href=base + notices.path(row, lang), rel="alternate", type="text/html")
        entry.updated(notices.published_at(row))
    return feed.atom_str(pretty=True)

