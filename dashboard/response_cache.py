"""Whole callback answers kept per published snapshot (issue 15 part 7, issue 14 part 5).

The view cache (warehouse.per_snapshot) keeps what a page view computes. What a repeated
callback still cost after it was Dash turning those components into JSON: plotly's encoder visits
every component (the region page has about a thousand), 20–35 ms a call at national scale, most
of the region page's time and of the server's CPU under load. A callback marked `@snapshot_pure`
(its answer depends only on the request and the published warehouse) is answered the second time
with the bytes of the first; so is the page render (Dash's router callback) of a page whose
layout is marked the same way, and so is a first page's `_dash-layout` (dashboard/first_page.py),
keyed by its address. The key is the request body and the visitor's account, so a
steward's page is never shown to anyone else. Answers live in the warehouse snapshot they were
computed on, bounded and aged like its query results; a publish starts empty.

Never mark a callback that changes something, sends a download, or reads anything besides the
warehouse, its own inputs and who the viewer is (that is in the key): not the accounts store, the
upload inbox, or the clock beyond a few minutes.

Two levels: the worker's memory first, then (for readers who are not signed in) the cache every
worker shares (dashboard/shared_cache.py), where one worker computes an answer while the others
wait for it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

import dash
import flask

from core.settings import VIEW_CACHE
from dashboard import auth, first_page, shared_cache, warehouse

F = TypeVar("F", bound=Callable)

MARK = "snapshot_pure"
ROUTER_OUTPUT_ID = "_pages_content"
KEY_KIND = "callback response"
LAYOUT_KEY_KIND = "first page layout"


def snapshot_pure(function: F) -> F:
    """Mark a callback (or a page layout) whose answer depends only on its inputs and the
    published warehouse. Put it under `@dash.callback` (Dash copies the mark onto its wrapper)
    or on top of a page's `layout`."""
    setattr(function, MARK, True)
    return function


def _marked(target: object) -> bool:
    return bool(getattr(target, MARK, False))


def cacheable(app: dash.Dash, body: dict) -> bool:
    """Whether this callback request is answered by a marked callback or a marked page."""
    outputs = body.get("outputs")
    outputs = outputs if isinstance(outputs, list) else [outputs]
    if any(isinstance(o, dict) and o.get("id") == ROUTER_OUTPUT_ID for o in outputs):
        pathname = next((i.get("value") for i in body.get("inputs") or []
                         if isinstance(i, dict) and i.get("property") == "pathname"), None)
        if not isinstance(pathname, str):
            return False
        page = page_for("/" + (app.strip_relative_path(pathname) or ""))
        return _marked(page.get("layout"))
    entry = app.callback_map.get(body.get("output"))
    return bool(entry) and _marked(entry.get("callback"))


def page_for(pathname: str) -> dict:
    """The registered page that serves `pathname` (dash.page_registry): its exact path, or its
    path template with each <variable> one path segment; {} for none."""
    for page in dash.page_registry.values():
        template = page.get("path_template")
        pattern = re.sub(r"<[^/>]+>", "[^/]+", re.escape(template)) if template else re.escape(page["path"])
        if re.fullmatch(pattern, pathname):
            return page
    return {}


def first_page_address(app: dash.Dash) -> bytes | None:
    """The address of the page a `_dash-layout` request draws (dashboard/first_page.py), when
    that page's layout is marked; None for any other request."""
    here = first_page.address()
    if here is None:
        return None
    pathname, search = here
    page = page_for("/" + (app.strip_relative_path(pathname) or ""))
    return f"{pathname}{search}".encode() if _marked(page.get("layout")) else None


def keep_none() -> None:
    """This request's answer is not kept (a callback or layout failed and shows an error)."""
    if flask.has_request_context():
        flask.g.pop("response_cache", None)


def answer(key: tuple[str, bytes, object]) -> flask.Response | None:
    """The kept answer for `key` (kind, request body or address, viewer) from this worker's
    memory or the shared cache; else None, and this request's answer will be kept."""
    db = warehouse.current()
    snap, hit = db.recall(key)
    shared = shared_cache.current() if key[2] is None else None   # never a signed-in view
    if hit is None and shared is not None:
        named = key[1] if key[0] == KEY_KIND else key[0].encode() + b"\0" + key[1]
        shared_key = shared.key(snap.key, named)
        hit, lock = shared.answer_or_lock(shared_key)
        if hit is not None:
            db.keep(snap, key, hit)
        else:
            flask.g.shared_answer = (shared, shared_key, lock)
    if hit is not None:
        data, mimetype = hit
        return flask.Response(data, status=200, mimetype=mimetype)
    flask.g.response_cache = (snap, key)
    return None


def init_app(app: dash.Dash) -> None:
    """Answer repeated marked callbacks from the snapshot, and keep new answers there."""
    path = app.config.routes_pathname_prefix + "_dash-update-component"
    server = app.server

    @server.before_request
    def answer_from_snapshot() -> flask.Response | None:
        request = flask.request
        if not VIEW_CACHE:
            return None
        if request.method == "GET":
            address = first_page_address(app)
            return None if address is None else answer((LAYOUT_KEY_KIND, address, auth.viewer_key()))
        if request.method != "POST" or request.path != path:
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not cacheable(app, body):
            return None
        return answer((KEY_KIND, request.get_data(), auth.viewer_key()))

    @server.after_request
    def keep_answer(response: flask.Response) -> flask.Response:
        pending = flask.g.pop("response_cache", None)
        shared = flask.g.get("shared_answer")
        if pending and response.status_code == 200 and not response.direct_passthrough:
            snap, key = pending
            answer = (response.get_data(), response.mimetype)
            warehouse.current().keep(snap, key, answer)
            if shared is not None:
                cache, shared_key, _lock = shared
                cache.set(shared_key, answer)
                if key[0] == KEY_KIND:      # what the warm-up asks again after a publish
                    cache.record(key[1])
                else:
                    cache.record_first_page(key[1])
        return response

    @server.teardown_request
    def release_lock(_error: BaseException | None) -> None:
        shared = flask.g.pop("shared_answer", None)
        if shared is not None and shared[2] is not None:
            shared[0].unlock(shared[2])
