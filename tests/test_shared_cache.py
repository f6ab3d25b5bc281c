"""One view cache for every gunicorn worker (dashboard/shared_cache.py, issue 27 part 2), on a real
`regiomonitor serve` with two workers: every worker answers from it, a publish starts it anew and
warms it without a reader asking, and nothing a signed-in viewer sees is written to it."""
from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import flask
import pytest
import requests

from dashboard import response_cache
from dashboard.shared_cache import FOLDER, SharedCache
from dashboard.warehouse import Warehouse
from tests.helpers import STEWARD, page_render, wait_for

pytestmark = pytest.mark.slow   # starts `regiomonitor serve`

CALLBACK = "/_dash-update-component"
PLANTED = b'{"planted": "by the test"}'


@pytest.fixture
def served(demo_warehouse, serve, tmp_path):
    """A copy of the demo warehouse served by two workers: (url, warehouse path, shared cache)."""
    path = Path(shutil.copyfile(demo_warehouse, tmp_path / "warehouse.duckdb"))
    with serve(path, workers=2) as url:
        yield url, path, SharedCache(flask.Flask(__name__), path.parent / FOLDER)


def snapshot_key(path: Path) -> str:
    return Warehouse(path).snapshot().key


def post(url: str, body: bytes, session: requests.Session | None = None) -> requests.Response:
    response = (session or requests).post(url + CALLBACK, data=body, timeout=60,
                                          headers={"Content-Type": "application/json",
                                                   "Connection": "close"})
    assert response.status_code == 200
    return response


def publish(path: Path, tmp_path: Path, shared: SharedCache | None = None) -> str:
    """A new publication, as the flows make one: renames a file AM10's page names; its old name.
    With `shared`: the warm-up is claimed first, as if a worker had died warming it."""
    staging = tmp_path / "staging.duckdb"
    shutil.copyfile(path, staging)
    con = duckdb.connect(str(staging))
    old = con.execute("select file_name from submission where id = "
                      "(select min(submission_id) from observation where region = 'AM10')").fetchone()[0]
    con.execute("update submission set file_name = 'hernoemd.csv' where file_name = ?", [old])
    con.execute("insert into publication select max(id) + 1, now()::timestamp, 0, false from publication")
    con.close()
    if shared is not None:     # the key a worker computes once the file is published (same inode)
        assert shared.claim(snapshot_key(staging))
    os.replace(staging, path)
    return old


def test_every_worker_answers_from_the_one_cache(served):
    url, path, shared = served
    body = json.dumps(page_render("/regio/AM20")).encode()
    shared.set(shared.key(snapshot_key(path), body), (PLANTED, "application/json"))
    with ThreadPoolExecutor(8) as pool:     # one connection each: both workers take some
        answers = list(pool.map(lambda _: post(url, body), range(24)))
    assert {a.content for a in answers} == {PLANTED}
    assert {a.headers["Content-Type"] for a in answers} == {"application/json"}


def test_a_publish_starts_anew_and_is_warmed_before_anyone_asks(served, tmp_path):
    url, path, shared = served
    body = json.dumps(page_render("/regio/AM10")).encode()
    before = post(url, body).content             # a public reader's view: kept, and recorded
    assert shared.get(shared.key(snapshot_key(path), body)) == (before, "application/json")
    old = publish(path, tmp_path)
    new_key = shared.key(snapshot_key(path), body)
    warmed = wait_for(lambda: shared.get(new_key), timeout=120, what="the warm-up of the new snapshot")
    assert old.encode() in before and b"hernoemd.csv" not in before
    assert b"hernoemd.csv" in warmed[0] and old.encode() not in warmed[0]
    wait_for(lambda: shared.ready(stamp(path)), timeout=60, what="the new file marked ready")
    assert post(url, body).content == warmed[0]


def test_a_first_page_is_warmed_too(served, tmp_path):
    url, path, shared = served
    def layout() -> bytes:
        response = requests.get(url + "/_dash-layout", headers={"Referer": url + "/regio/AM10",
                                                                "Connection": "close"}, timeout=60)
        assert response.status_code == 200
        return response.content

    def key() -> str:
        return shared.key(snapshot_key(path), response_cache.LAYOUT_KEY_KIND.encode() + b"\0/regio/AM10")

    before = layout()                            # a public first visit: kept, and its address recorded
    assert shared.get(key()) == (before, "application/json")
    old = publish(path, tmp_path)
    warmed = wait_for(lambda: shared.get(key()), timeout=120, what="the warm-up of the first page")
    assert b"hernoemd.csv" in warmed[0] and old.encode() not in warmed[0]
    wait_for(lambda: shared.ready(stamp(path)), timeout=60, what="the new file marked ready")
    assert layout() == warmed[0]


def stamp(path: Path) -> tuple[int, int]:
    return path.stat().st_ino, path.stat().st_mtime_ns


def signed_in(url: str) -> requests.Session:
    session = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(url + "/login").text)[1]
    session.post(url + "/login", data={"username": STEWARD[0], "password": STEWARD[1],
                                       "csrf_token": token}, timeout=30)
    return session


def test_public_readers_see_a_publish_once_it_is_warmed_stewards_at_once(served, tmp_path):
    url, path, shared = served
    body = json.dumps(page_render("/regio/AM10")).encode()
    post(url, body)
    steward = signed_in(url)
    old = publish(path, tmp_path, shared)      # claimed: no worker warms it, none marks it ready
    with ThreadPoolExecutor(4) as pool:        # one connection each: both workers answer
        public = {a.content for a in pool.map(lambda _: post(url, body), range(8))}
    assert len(public) == 1 and old.encode() in public.pop()
    assert b"hernoemd.csv" in post(url, body, steward).content
    shared.mark_ready(stamp(path))
    with ThreadPoolExecutor(4) as pool:
        public = {a.content for a in pool.map(lambda _: post(url, body), range(8))}
    assert len(public) == 1 and b"hernoemd.csv" in public.pop()


def files(folder: Path) -> set[Path]:
    return {f for f in folder.rglob("*") if f.is_file() and "locks" not in f.parts}


def test_nothing_a_signed_in_viewer_sees_is_written(served):
    url, path, _shared = served
    folder = path.parent / FOLDER
    session = signed_in(url)
    kept = files(folder)
    for page in ("/regio/AM10", "/regio/AM12", "/"):
        answer = post(url, json.dumps(page_render(page)).encode(), session)
        assert answer.content
    assert files(folder) == kept
    assert not any(STEWARD[0].encode() in f.read_bytes() for f in files(folder))
