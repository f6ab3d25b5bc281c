"""The first page a visitor opens comes with the app's layout, not one round trip later
(issue 27, page ready ≤ 1 s on a first visit).

With Dash's pages, a first visit went HTML → scripts → `_dash-layout` (an empty page container)
→ the router callback (`_pages_content`, fired when dcc.Location first reports the address) →
the page. That callback was a second round trip, and the renderer drew the page twice (empty,
then full) before any chart or grid could start loading. Here the `_dash-layout` answer holds the
page itself: the address comes from the request's Referer (the page that asks for its layout;
security.py's Referrer-Policy keeps path and query for our own origin), and the container's
dcc.Location is given that address, so it has nothing to report and the router stays quiet until
the visitor moves to another page in the app. Without a Referer (a browser or proxy that strips
it) the layout is the empty container and the router draws the page as before.

The page is drawn exactly as the router draws it: the same page registry lookup, path variables
and query parameters as Dash's own router (dash._pages), and the same title in `_pages_store`.

The layout and the callback graph (`_dash-dependencies`) are asked for while the scripts load,
not after: Dash's renderer fetches both only once every script has run (0,6–1,5 s into a first
visit here, at load average 11–14), and the server then took 10–70 ms to answer on most pages,
0,15–1,6 s on /data. Each page's head preloads them (`<link rel="preload" as="fetch"
crossorigin>`: credentials "same-origin", the renderer's own mode, so the visitor's cookies go
with it), and Chromium hands those answers to the renderer's fetch: one request each per first
visit, none after the scripts (tests/test_first_page.py). The preload's Referer is the page's own
address, as the renderer's fetch's is, so it holds the same page.
"""
from __future__ import annotations

import copy
import logging
from urllib.parse import parse_qs, urlsplit

import dash
import flask
from dash import _pages, html

LAYOUT_ENDPOINT = "_dash-layout"
DEPENDENCIES_ENDPOINT = "_dash-dependencies"
LOG = logging.getLogger("regiomonitor.dashboard")


def address() -> tuple[str, str] | None:
    """(pathname, search) of the page this `_dash-layout` request is for: its Referer's; None
    without one. The host is not compared: behind a proxy the browser names the public host and
    this server sees its own, and a Referer decides nothing but which public page is drawn (for
    this viewer, as the router would draw it)."""
    if not flask.has_request_context() or not flask.request.path.endswith("/" + LAYOUT_ENDPOINT):
        return None
    parts = urlsplit(flask.request.referrer or "")
    if parts.scheme not in ("http", "https"):
        return None
    return parts.path or "/", f"?{parts.query}" if parts.query else ""


def query_param(name: str) -> str | None:
    """A parameter of the page's own address: the request's (the index page) or, for its
    layout, the Referer's (page titles read `lang` from here)."""
    if not flask.has_request_context():
        return None
    here = address()
    if here is None:
        return flask.request.args.get(name)
    values = parse_qs(here[1].removeprefix("?")).get(name)
    return values[0] if values else None


def page_at(app: dash.Dash, path: str) -> tuple[dict, dict | None]:
    """The registered page at `path` and its path variables, as Dash's router finds them
    ({} when none is)."""
    page, variables = _pages._path_to_page(app.strip_relative_path(path))
    return page or {}, variables


def container(app: dash.Dash) -> html.Div:
    """dash.page_container, with the page at the requesting address drawn in it when there is
    one (the router then has nothing to do on a first visit)."""
    location, content, store, dummy = (copy.copy(c) for c in dash.page_container.children)
    here = address()
    page, variables = page_at(app, here[0]) if here else ({}, None)
    if not page:
        return html.Div([location, content, store, dummy])
    pathname, search = here
    layout, title = page.get("layout", ""), page["title"]
    params = {**(variables or {}), **_pages._parse_query_string(search)}
    try:
        content.children = layout(**params) if callable(layout) else layout
        store.data = {"title": title(**(variables or {})) if callable(title) else title}
    except Exception:  # noqa: BLE001 -- the router then draws the page, or its error, as before
        LOG.exception("first page %s%s could not be drawn with the layout", pathname, search)
        content.children, store.data = None, None
        return html.Div([location, content, store, dummy])
    location.pathname, location.search = pathname, search
    return html.Div([location, content, store, dummy])


def preloads(prefix: str) -> str:
    """The head's hints that start the layout and the callback graph with the page (see above)."""
    return "".join(f'<link rel="preload" href="{prefix}{endpoint}" as="fetch" crossorigin>'
                   for endpoint in (LAYOUT_ENDPOINT, DEPENDENCIES_ENDPOINT))


def install(app: dash.Dash, shell: list) -> None:
    """Make the app's layout the page container followed by `shell`, the first page in it; its
    answer varies by Referer and is kept by no shared cache. Every page preloads it (after
    `app.index_string` is set)."""
    app.layout = lambda: html.Div([container(app), *shell])
    hints = preloads(app.config.requests_pathname_prefix)
    app.index_string = app.index_string.replace("</head>", hints + "</head>", 1)
    layout_path = app.config.routes_pathname_prefix + LAYOUT_ENDPOINT

    @app.server.after_request
    def varies_by_page(response: flask.Response) -> flask.Response:
        if flask.request.path == layout_path:
            response.vary.add("Referer")
            response.headers["Cache-Control"] = "no-store"
        return response
