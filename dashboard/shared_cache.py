"""One cache of public callback answers for every gunicorn worker, and its warm-up (issue 27 part 2).

dashboard/response_cache.py keeps a callback's answer in the worker that computed it. With four
workers, the first view after a publish was computed four times (the slow tail of the load test:
777 ms). This module adds a second level that all workers share: flask-caching's FileSystemCache
in `<warehouse folder>/view-cache/` (RedisCache when REGIOMONITOR_REDIS_URL names a server, for
several hosts). An answer is named by the published snapshot (Snapshot.key: publication, its
time, the file) and a digest of the request body, so a publish starts empty without deleting
anything; entries age out after RESULT_MAX_AGE_S like query results.

Only answers for readers who are not signed in go here. A signed-in viewer's answer (a steward
sees values waiting for review, and the header names who is signed in) stays in the memory of
the worker that computed it and is never written to disk or Redis: nothing personal is shared.

While one worker computes an answer the others wait for it instead of computing it again: a lock
per answer (one of LOCK_SLOTS files, flock) is held from the request's start to its end.

Warm-up: every worker watches the warehouse file (WATCH_S). The first to see a new snapshot
claims it and replays, in its own process and on the new file, the public request bodies readers
sent before and the layouts of the first pages they opened (dashboard/first_page.py), kept in
`view-cache/warm/` (at most WARM_BODIES, most recent first). Then, or after
WARM_BUDGET_S if there are many, it marks the file ready (`ready-<inode>-<mtime>`), and public
readers in every worker move to it (dashboard/warehouse.py: until then they read the previous
publication): their first view of a new publication is a read of a file, never a view computed
while every reader asks at once.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import dash
import flask
from flask.testing import FlaskClient
from flask_caching import Cache
from werkzeug.test import TestResponse

from dashboard import warehouse

EXTENSION_KEY = "regiomonitor_shared_cache"
REDIS_ENV = "REGIOMONITOR_REDIS_URL"
FOLDER = "view-cache"
THRESHOLD = 5000          # answers on disk before the oldest are pruned
LOCK_SLOTS = 256
WAIT_S = 30.0             # longest wait for another worker's answer before computing it too
POLL_S = 0.01
WARM_BODIES = 200
WATCH_S = 0.5
WARM_BUDGET_S = 5.0       # the longest public readers wait for a publish to be warmed
KEEP_MARKERS_S = 86400    # claim and ready markers older than this are removed
CALLBACK_PATH = "_dash-update-component"
LAYOUT_PATH = "_dash-layout"
FIRST_PAGE = "first page"   # a recorded first page's address (dashboard/first_page.py)


class SharedCache:
    """Answers by (snapshot key, request body), shared by every process on `folder`."""

    def __init__(self, server: flask.Flask, folder: Path, redis_url: str | None = None):
        self.folder = folder
        (folder / "locks").mkdir(parents=True, exist_ok=True)
        (folder / "warm").mkdir(exist_ok=True)
        config = ({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url} if redis_url else
                  {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(folder / "answers"),
                   "CACHE_THRESHOLD": THRESHOLD})
        self.cache = Cache(config={**config, "CACHE_DEFAULT_TIMEOUT": warehouse.RESULT_MAX_AGE_S,
                                   "CACHE_KEY_PREFIX": "regiomonitor-answer-"})
        self.cache.init_app(server)

    @staticmethod
    def key(snapshot_key: str, body: bytes) -> str:
        return hashlib.sha256(snapshot_key.encode() + b"\0" + body).hexdigest()

    def get(self, key: str) -> tuple[bytes, str] | None:
        return self.cache.get(key)

    def set(self, key: str, answer: tuple[bytes, str]) -> None:
        self.cache.set(key, answer)

    def try_lock(self, key: str) -> int | None:
        """The lock for `key` (an open file, to `unlock`), or None while another holds it."""
        fd = os.open(self.folder / "locks" / f"{int(key[:8], 16) % LOCK_SLOTS:03d}",
                     os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            os.close(fd)
            return None

    @staticmethod
    def unlock(fd: int) -> None:
        os.close(fd)    # closing the file releases its flock

    def answer_or_lock(self, key: str) -> tuple[tuple[bytes, str] | None, int | None]:
        """Another worker's answer for `key`, or the lock to compute it ourselves (then store it
        and `unlock`). Waits while another holds the lock, at most WAIT_S."""
        deadline = time.monotonic() + WAIT_S
        while True:
            answer = self.get(key)
            if answer is not None:
                return answer, None
            fd = self.try_lock(key)
            if fd is not None:
                answer = self.get(key)       # stored between our look and our lock
                if answer is not None:
                    self.unlock(fd)
                    return answer, None
                return None, fd
            if time.monotonic() > deadline:
                return None, None            # compute without the lock rather than fail
            time.sleep(POLL_S)

    def record(self, body: bytes) -> None:
        """Keep a public request body for the warm-up after the next publish."""
        folder = self.folder / "warm"
        file = folder / f"{hashlib.sha256(body).hexdigest()[:32]}.json"
        if file.exists() or sum(1 for _ in folder.glob("*.json")) >= WARM_BODIES:
            return
        part = file.with_name(f"{file.name}.{os.getpid()}.{threading.get_ident()}.part")
        part.write_bytes(body)
        os.replace(part, file)

    def record_first_page(self, address: bytes) -> None:
        """Keep a public first page's address (path and query), whose layout the warm-up asks for."""
        self.record(json.dumps({FIRST_PAGE: address.decode()}).encode())

    def recorded(self) -> list[bytes]:
        """The kept request bodies, most recently recorded first."""
        files = sorted((self.folder / "warm").glob("*.json"), key=lambda f: f.stat().st_mtime_ns,
                       reverse=True)
        bodies = []
        for file in files:
            with contextlib.suppress(OSError):
                bodies.append(file.read_bytes())
        return bodies

    def claim(self, snapshot_key: str) -> bool:
        """True for the one process that warms this snapshot."""
        name = self.folder / f"warmed-{hashlib.sha256(snapshot_key.encode()).hexdigest()[:32]}"
        try:
            os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return False
        self.prune_markers()
        return True

    def _ready_marker(self, stamp: tuple[int, int]) -> Path:
        return self.folder / f"ready-{stamp[0]}-{stamp[1]}"

    def ready(self, stamp: tuple[int, int]) -> bool:
        """Whether the file published at `stamp` (inode, mtime) is warmed: public readers may
        read it (dashboard/warehouse.py asks)."""
        return self._ready_marker(stamp).exists()

    def mark_ready(self, stamp: tuple[int, int]) -> None:
        self._ready_marker(stamp).touch()

    def prune_markers(self) -> None:
        """Remove the claim and ready markers of publications long gone (one pair a publish)."""
        cutoff = time.time() - KEEP_MARKERS_S
        for marker in [*self.folder.glob("warmed-*"), *self.folder.glob("ready-*")]:
            with contextlib.suppress(OSError):
                if marker.stat().st_mtime < cutoff:
                    marker.unlink()


def install(app: dash.Dash, warehouse_path: Path) -> None:
    """The shared cache beside the warehouse (or in Redis); none when its folder can't be made
    (a read-only data folder: each worker then keeps its own answers, as before)."""
    folder = Path(warehouse_path).parent / FOLDER
    try:
        app.server.extensions[EXTENSION_KEY] = SharedCache(app.server, folder,
                                                           os.environ.get(REDIS_ENV) or None)
    except OSError:
        pass


def current() -> SharedCache | None:
    return flask.current_app.extensions.get(EXTENSION_KEY)


def warm(app: dash.Dash, shared: SharedCache, stamp: tuple[int, int]) -> int:
    """Replay the recorded public bodies in this process on the file published at `stamp` (the
    newest: the requests carry warehouse.WARMING), and mark it ready once they are answered or
    WARM_BUDGET_S has passed; the number answered."""
    answered, deadline, marked = 0, time.monotonic() + WARM_BUDGET_S, False
    try:
        with app.server.test_client() as client:
            for body in shared.recorded():
                answered += replay(app, client, body).status_code == 200
                if not marked and time.monotonic() > deadline:
                    shared.mark_ready(stamp)    # the most recent views are in; the rest follow
                    marked = True
    finally:
        if not marked:
            shared.mark_ready(stamp)
    return answered


def replay(app: dash.Dash, client: FlaskClient, body: bytes) -> TestResponse:
    """One recorded request again, as the browser sent it: a callback body is posted; a first
    page's layout is asked for with its address as the Referer (the test client's host)."""
    prefix, environ = app.config.routes_pathname_prefix, {warehouse.WARMING: True}
    try:
        address = json.loads(body).get(FIRST_PAGE)
    except (ValueError, AttributeError):
        address = None
    if isinstance(address, str):
        return client.get(prefix + LAYOUT_PATH, environ_overrides=environ,
                          headers={"Referer": f"http://localhost{address}", "Accept-Encoding": "identity"})
    return client.post(prefix + CALLBACK_PATH, data=body, content_type="application/json",
                       headers={"Accept-Encoding": "identity"}, environ_overrides=environ)


def watch(app: dash.Dash) -> None:
    """In a worker (after the fork): warm each new snapshot that no other worker has claimed.
    From here on public readers move to a publish once it is warmed (an app that does not
    watch, e.g. in a test, moves them at once: nobody would warm it)."""
    shared = app.server.extensions.get(EXTENSION_KEY)
    db = app.server.extensions[warehouse.EXTENSION_KEY]
    if shared is None:
        return
    db.ready = shared.ready

    def loop() -> None:
        seen = None
        while True:
            try:
                stamp = db.stamp()
                if stamp != seen:
                    snapshot = db.snapshot()      # outside a request: the newest file
                    seen = stamp
                    if snapshot.stamp == stamp and shared.claim(snapshot.key):
                        warm(app, shared, stamp)
            except Exception:      # a file gone mid-publish: say so, try again next turn
                app.logger.exception("warming the view cache failed")
            time.sleep(WATCH_S)

    threading.Thread(target=loop, name="regiomonitor-warm", daemon=True).start()
