"""Callback answers kept per published snapshot (dashboard/response_cache.py): the real app
in process on a copy of the demo warehouse, driven with the request bodies a browser sends."""
from __future__ import annotations

import json
import os
import shutil

import duckdb
import pytest

from dashboard import response_cache
from dashboard.warehouse import EXTENSION_KEY
from tests.helpers import app_on_copy, page_render

CALLBACK = "/_dash-update-component"


def map_view(shape: str = "schematic") -> dict:
    """The body the Kaart page posts when the indicator changes."""
    outputs = [("kaart-map", "data-html"), ("kaart-legend", "children"), ("kaart-table", "children"),
               ("kaart-summary", "children"), ("kaart-attribution", "children"),
               ("kaart-national", "children")]
    values = [("kaart-programme", "value", "lw2005"), ("kaart-indicator", "data", "evc_trajecten"),
              ("kaart-month", "value", "2007-11"), ("kaart-measure", "data", "status"),
              ("kaart-shape", "data", shape)]
    return {"output": "..." .join(f"{i}.{p}" for i, p in outputs).join(["..", ".."]),
            "outputs": [{"id": i, "property": p} for i, p in outputs],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in values],
            "changedPropIds": ["kaart-indicator.data"],
            "state": [{"id": "kaart-lang", "property": "data", "value": "nl"}]}


@pytest.fixture
def app(demo_warehouse, tmp_path):
    return app_on_copy(demo_warehouse, tmp_path)


def kept(app) -> int:
    """How many callback answers the open snapshot keeps."""
    snapshot = app.server.extensions[EXTENSION_KEY]._current
    return sum(1 for key in snapshot.results if key[:2] == ("memo", response_cache.KEY_KIND))


def post(client, body: dict):
    response = client.post(CALLBACK, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response


def test_a_repeated_page_render_is_the_same_answer_from_the_snapshot(app):
    client = app.server.test_client()
    first = post(client, page_render("/regio/AM10"))
    assert kept(app) == 1
    second = post(client, page_render("/regio/AM10"))
    assert second.data == first.data and b"Rivierenland" in second.data
    assert second.headers["Content-Security-Policy"]          # still a hardened response
    post(client, page_render("/regio/AM10", "?lang=en"))      # another view: its own answer
    assert kept(app) == 2


def test_a_publication_starts_empty_and_shows_the_new_figures(app, tmp_path):
    client = app.server.test_client()
    before = post(client, page_render("/regio/AM10")).data
    served = app.server.extensions[EXTENSION_KEY].path
    staging = tmp_path / "staging.duckdb"
    shutil.copyfile(served, staging)
    con = duckdb.connect(str(staging))
    # The page names its region's source files: a new publication renamed one.
    old = con.execute("select file_name from submission where id = "
                      "(select min(submission_id) from observation where region = 'AM10')").fetchone()[0]
    con.execute("update submission set file_name = 'hernoemd.csv' where file_name = ?", [old])
    con.close()
    os.replace(staging, served)
    answer = post(client, page_render("/regio/AM10")).data
    assert old.encode() in before and b"hernoemd.csv" not in before
    assert b"hernoemd.csv" in answer


def test_only_marked_callbacks_and_pages_are_kept(app):
    assert response_cache.cacheable(app, map_view())
    assert response_cache.cacheable(app, page_render("/"))
    assert response_cache.cacheable(app, page_render("/regio/AM10"))
    # The Data page shows stewards more than the public; downloads are never kept.
    assert not response_cache.cacheable(app, page_render("/data"))
    assert not response_cache.cacheable(app, {"output": "cmp-download.data",
                                              "outputs": {"id": "cmp-download", "property": "data"}})
    client = app.server.test_client()
    post(client, page_render("/data"))
    assert kept(app) == 0


def test_a_failed_callback_is_not_kept(app):
    client = app.server.test_client()
    answer = post(client, map_view(shape="no-such-shapes"))   # no geometry: the view fails
    assert b"error-message" in answer.data
    assert kept(app) == 0
    post(client, map_view())
    assert kept(app) == 1


def test_a_stewards_page_is_kept_apart_from_the_publics(app):
    """The region page shows stewards the values waiting for review: their answers (and the
    view behind them) are never the ones a public reader gets."""
    from dashboard.accounts import Store
    from tests.test_accounts import login

    Store(app.server.extensions["regiomonitor_accounts"].path).add(
        "sam", "een-lang-wachtwoord", "steward", [])
    public, steward = app.server.test_client(), app.server.test_client()
    assert login(steward, "sam").status_code == 302
    post(public, page_render("/regio/AM10"))
    post(steward, page_render("/regio/AM10"))
    assert kept(app) == 2
    snapshot = app.server.extensions[EXTENSION_KEY]._current
    views = [key for key in snapshot.results
             if key[0] == "memo" and str(key[1]).endswith("regio") and key[2] == "layout"]
    assert sorted(key[-1] is None for key in views) == [False, True]


def test_a_view_asked_for_by_many_at_once_is_computed_once(app):
    """Right after a publish every visitor asks for views nobody has computed yet: one thread
    computes each, the others wait for its result instead of computing it again."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from dashboard import warehouse

    calls, lock = [], threading.Lock()

    def compute() -> str:
        with lock:
            calls.append(1)
        time.sleep(0.3)
        return "view"

    def ask(_: int) -> str:
        with app.server.app_context():
            return warehouse.memo(("test", "view"), compute)

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(ask, range(8))) == ["view"] * 8
    assert len(calls) == 1
