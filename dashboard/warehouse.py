"""Read-only access to the published warehouse.

The pipelines replace the warehouse file atomically (os.replace). Before a query we compare the
file's inode and modification time with the open snapshot's; on a change the new file is opened
for this and every later query, and the old snapshot is closed when its last query finishes.
Nobody ever waits for other readers: an earlier design that made new readers wait until the
reader count of the old file reached zero stalled the dashboard for 10–40 s per publish under
load (issue 14).

Who sees a publish when: a signed-in account (a steward who just decided on a figure looks for
it), the warm-up and anything outside a request read the new file at once. Public readers go on
reading the previous snapshot until the new one's main views are in the cache every worker
shares (`ready`, dashboard/shared_cache.py), at most MAX_UNWARMED_S: a reader's first view after
a publish is then a cached answer, never one computed afresh while everyone asks at once
(issue 27: that was the slow tail, 0,5–1,1 s on a quiet machine).

DuckDB keeps one database instance per path within a process, so a second `connect(path)`
would still see the old file while the old connection is open. Each snapshot is therefore its
own in-memory database with the file ATTACHed read-only: instances are independent, and a new
one reads the new file. A connection is not thread-safe, so each query gets its own cursor.
Opening costs ~25 ms here; the open snapshot is reused until the next publish.

Open this in each gunicorn worker after the fork (the app does so lazily on the first query),
never in the master.
"""
from __future__ import annotations

import functools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import flask
import pandas as pd

from core.settings import VIEW_CACHE
from core.sql_files import query_text
from dashboard import auth

T = TypeVar("T")

EXTENSION_KEY = "regiomonitor_warehouse"
ALIAS = "warehouse"   # the attached file's catalog name; every cursor starts with USE
RESULT_CACHE_SIZE = 512   # query results kept per snapshot (each a small frame)
RESULT_MAX_AGE_S = 300    # so that a query reading the clock is at most five minutes behind
MAX_UNWARMED_S = 15.0     # longest a public reader is shown the previous publication
WARMING = "regiomonitor.warming"   # WSGI environ key of the warm-up's requests (a client's
                                   # headers arrive as HTTP_*: no visitor can set it)
_INHERITED: list = []     # snapshots a forked child got from its parent (Warehouse.after_fork)


class Snapshot:
    """One published file, open read-only, with the number of queries running on it and the
    results of recent queries: a published file never changes, so a result stays true for as
    long as the snapshot is served (bounded in entries, and in age for queries that read the
    clock, such as the current month)."""

    def __init__(self, path: Path, stamp: tuple[int, int]):
        self.stamp = stamp
        self.readers = 0
        self.retired = False
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"attach {_literal(path)} as {ALIAS} (read_only)")
        self.results: OrderedDict[tuple, tuple[float, pd.DataFrame]] = OrderedDict()
        self.computing: dict[tuple, threading.Lock] = {}   # view key → held while one computes it
        self.key = self._key()

    def _key(self) -> str:
        """What names this snapshot in the cache every worker shares: its latest publication,
        when it was published, and the file's identity (inode and modification time), so that a
        file replaced without a publication (by hand, in a test) never gets another file's answers.
        Each worker opening the same file computes the same key."""
        cursor = self.con.cursor()
        try:
            cursor.execute(f"use {ALIAS}")
            publication, published_at = cursor.execute(query_text("snapshot_key")).fetchone()
        except duckdb.Error:     # not a warehouse (yet): the pages say so; the file names it
            publication, published_at = 0, ""
        finally:
            cursor.close()
        return f"{publication}-{published_at}-{self.stamp[0]}-{self.stamp[1]}"

    def close(self) -> None:
        self.con.close()


def _literal(path: Path) -> str:
    """`path` as an SQL string literal (ATTACH takes no bound parameter)."""
    return "'" + str(path).replace("'", "''") + "'"


class Warehouse:
    """A read-only view of the published warehouse that follows new publications."""

    def __init__(self, path: Path, cache_size: int = RESULT_CACHE_SIZE):
        self.path = Path(path)
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._current: Snapshot | None = None    # what public readers read
        self._newest: Snapshot | None = None     # a publish they do not see yet
        self._noticed: tuple[tuple[int, int], float] | None = None   # that publish: stamp, when
        # Whether a published file's views are warmed (its stamp); the shared cache says so.
        self.ready: Callable[[tuple[int, int]], bool] = lambda stamp: True

    def close(self) -> None:
        """Close the open snapshots (the gunicorn master, after rendering the index page, which
        reads the warehouse): the next query opens the file again, in whichever process asks."""
        with self._lock:
            snaps, self._current, self._newest = (self._current, self._newest), None, None
        for snap in snaps:
            if snap is not None:
                snap.close()

    def after_fork(self) -> None:
        """In a forked child: forget a snapshot the parent had open without touching it (closing
        a DuckDB instance inherited through fork crashes the child), and open our own later."""
        self._lock = threading.Lock()
        _INHERITED.extend(s for s in (self._current, self._newest) if s is not None)  # never used
        self._current, self._newest, self._noticed = None, None, None

    def stamp(self) -> tuple[int, int]:
        """The served file's identity now (inode, modification time): it changes at a publish."""
        return self._stamp_now()

    def _stamp_now(self) -> tuple[int, int]:
        stat = os.stat(self.path)
        return stat.st_ino, stat.st_mtime_ns

    def _acquire(self) -> Snapshot:
        """The snapshot this reader reads (module docstring), counted as in use: the newest file
        for those who see a publish at once; for public readers the previous one until the new
        one is `ready` or MAX_UNWARMED_S have passed since this worker noticed it. A new file is
        opened outside the lock, so the other readers of this worker go on meanwhile."""
        stamp = self._stamp_now()
        at_once = sees_publishes_at_once()
        while True:
            with self._lock:
                snap = self._choose(stamp, at_once)
                if snap is not None:
                    snap.readers += 1
                    return snap
            opened = Snapshot(self.path, stamp)
            with self._lock:
                self._install(opened)

    def _choose(self, stamp: tuple[int, int], at_once: bool) -> Snapshot | None:
        """The open snapshot for this reader (switching public readers when they may), or None
        when the one it needs is not open yet. Called with the lock held."""
        current = self._current
        if current is not None and current.stamp == stamp:
            return current
        if current is not None and not at_once and not self._may_switch(stamp):
            return current
        newest = self._newest if current is not None else None
        if newest is None or newest.stamp != stamp:
            return None
        if not at_once:
            self._retire(current)
            self._current, self._newest, self._noticed = newest, None, None
        return newest

    def _install(self, opened: Snapshot) -> None:
        """An opened file becomes the current or the newest snapshot, unless another reader
        opened it meanwhile. Called with the lock held."""
        if self._current is None:
            self._current = opened
        elif opened.stamp not in (self._current.stamp, getattr(self._newest, "stamp", None)):
            if self._newest is not None:
                self._retire(self._newest)
            self._newest = opened
        else:
            opened.close()

    def _may_switch(self, stamp: tuple[int, int]) -> bool:
        """Whether public readers may now read the file published at `stamp`."""
        if self._noticed is None or self._noticed[0] != stamp:
            self._noticed = (stamp, time.monotonic())
        return self.ready(stamp) or time.monotonic() - self._noticed[1] > MAX_UNWARMED_S

    @staticmethod
    def _retire(snap: Snapshot) -> None:
        """No new reader gets `snap`; closed now or when its last query ends (`_release`)."""
        snap.retired = True
        if snap.readers == 0:
            snap.close()

    def _release(self, snap: Snapshot) -> None:
        with self._lock:
            snap.readers -= 1
            if snap.retired and snap.readers == 0:
                snap.close()

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """Run sql/queries/<name>.sql with named parameters; returns a DataFrame of its own
        (callers may change it). Repeated queries on the same snapshot come from its cache."""
        snap = self._acquire()
        try:
            key = (name, tuple(sorted((k, repr(v)) for k, v in params.items())))
            with self._lock:
                hit = snap.results.get(key)
                if hit and time.monotonic() - hit[0] < RESULT_MAX_AGE_S:
                    snap.results.move_to_end(key)
                    return hit[1].copy()
            cursor = snap.con.cursor()
            try:
                cursor.execute(f"use {ALIAS}")
                frame = cursor.execute(query_text(name), params or None).df()
            finally:
                cursor.close()
            with self._lock:
                snap.results[key] = (time.monotonic(), frame.copy())
                while len(snap.results) > self.cache_size:
                    snap.results.popitem(last=False)
            return frame
        finally:
            self._release(snap)

    def recall(self, key: tuple, snap: Snapshot | None = None) -> tuple[Snapshot, object | None]:
        """The newest snapshot (or `snap`) and what `keep` stored there under `key` (None when
        nothing, or when it is older than RESULT_MAX_AGE_S)."""
        if snap is not None:
            return snap, self._lookup(snap, key)
        snap = self._acquire()
        try:
            return snap, self._lookup(snap, key)
        finally:
            self._release(snap)

    def _lookup(self, snap: Snapshot, key: tuple) -> object | None:
        with self._lock:
            hit = snap.results.get(("memo", *key))
            if hit and time.monotonic() - hit[0] < RESULT_MAX_AGE_S:
                snap.results.move_to_end(("memo", *key))
                return hit[1]
        return None

    def snapshot(self) -> Snapshot:
        """The snapshot this reader reads (`_acquire`), for its key: not counted as in use, so
        only its `key` may be read."""
        snap = self._acquire()
        self._release(snap)
        return snap

    def computing(self, snap: Snapshot, key: tuple) -> threading.Lock:
        """The lock one thread holds while it computes `key` on `snap`: right after a publish
        every visitor asks for views nobody has computed yet, and N threads computing the same
        view at once each took N times as long (the tail of the load test, issue 14)."""
        with self._lock:
            return snap.computing.setdefault(key, threading.Lock())

    def keep(self, snap: Snapshot, key: tuple, value: object) -> None:
        """Store `value` under `key` in `snap` (the snapshot `recall` returned, so that a result
        computed before a publish never lands in the new snapshot), bounded like query results."""
        with self._lock:
            snap.results[("memo", *key)] = (time.monotonic(), value)
            snap.computing.pop(key, None)
            while len(snap.results) > self.cache_size:
                snap.results.popitem(last=False)


def memo(key: tuple, compute: Callable[[], T]) -> T:
    """`compute()` once per published snapshot for `key` (a page view: its name and every
    parameter it depends on), then the same result while that snapshot is served. A view of a
    published file never changes, so the second reader of the same view pays neither its
    queries nor its pandas and figure building (issue 15: callbacks p95 <= 50 ms). The result
    is shared: callers must not change it. REGIOMONITOR_VIEW_CACHE=0 turns this off, so the
    benchmark can measure the difference in one run."""
    if not VIEW_CACHE:
        return compute()
    db = current()
    snap, hit = db.recall(key)
    if hit is not None:
        return hit
    with db.computing(snap, key):     # the first computes; the others wait and take its result
        snap, hit = db.recall(key, snap)
        if hit is not None:
            return hit
        value = compute()
        db.keep(snap, key, value)
    return value


def per_snapshot(view: Callable[..., T]) -> Callable[..., T]:
    """A page view cached with `memo`, per argument values and per viewer (the region page shows
    stewards the values waiting for review: a steward's view must never reach the public)."""
    @functools.wraps(view)
    def cached(*args: object, **kwargs: object) -> T:
        key = (view.__module__, view.__qualname__, repr(args), repr(sorted(kwargs.items())),
               auth.viewer_key())
        return memo(key, lambda: view(*args, **kwargs))
    return cached


def sees_publishes_at_once() -> bool:
    """A signed-in account, the warm-up (its requests carry WARMING) and anything outside a
    request read a publish at once; public readers once it is warmed (module docstring)."""
    if not flask.has_request_context():
        return True
    return bool(flask.request.environ.get(WARMING)) or auth.viewer_key() is not None


def current() -> Warehouse:
    """The warehouse of the Dash app serving this request."""
    return flask.current_app.extensions[EXTENSION_KEY]
