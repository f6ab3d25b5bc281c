"""The dashboard's reader follows a newly published warehouse without a restart."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import threading
import time
from pathlib import Path

from dashboard.warehouse import Warehouse
from pipelines.ingest import ingest_files
from tests.helpers import build, wait_for, write_csv


def realised(db: Warehouse) -> float:
    frame = db.query("region_progress", region="AM10", programme="lw2005", month=dt.date(2007, 6, 1))
    return frame.set_index("indicator").loc["leerwerkplaatsen", "realised"]


def test_reader_picks_up_a_new_publication(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest_files(published, [write_csv(inbox / "a.csv", ["AM10;leerwerkplaatsen;2006-01;10;roc;zorg;"])])
    db = Warehouse(published)
    assert realised(db) == 300
    write_csv(inbox / "b.csv", ["AM10;leerwerkplaatsen;2006-02;25;roc;zorg;"])
    build(tmp_path, inbox, published.name)       # a rebuild, as `refresh` publishes it
    assert realised(db) == 325


def test_concurrent_queries_during_publications_all_succeed(published, tmp_path):
    inbox = tmp_path / "inbox"
    ingest_files(published, [write_csv(inbox / "a.csv", ["AM10;leerwerkplaatsen;2006-01;10;roc;zorg;"])])
    db = Warehouse(published)
    errors, results, stop = [], [], threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                results.append(realised(db))
            except Exception as err:  # noqa: BLE001 - every failure is what this test counts
                errors.append(err)
            stop.wait(0.01)   # a reader's pace, not a busy loop starving the loads of the GIL

    readers = [threading.Thread(target=read_loop) for _ in range(3)]
    for r in readers:
        r.start()
    for month in range(2, 8):   # six publications: ingests (a rebuild publishes the same way, above)
        ingest_files(published, [write_csv(inbox / f"m{month}.csv",
                                           [f"AM10;leerwerkplaatsen;2006-{month:02d};1;roc;zorg;"])])
    stop.set()
    for r in readers:
        r.join()
    assert errors == [] and len(results) > 100
    assert set(results) <= {300 + k for k in range(0, 7)}
    assert realised(db) == 306


def publish_copy(source: Path, served: Path) -> None:
    """Publish as the pipelines do: a complete new file, then os.replace over the served one."""
    staging = served.with_name(served.name + ".new")
    shutil.copyfile(source, staging)
    os.replace(staging, served)


def test_publishing_never_stalls_readers(published, tmp_path):
    """16 threads query while 5 publishes happen: no query waits on other readers.

    The old reader made threads that saw a new file wait until the old file's reader count
    reached zero, which under steady load took 10–40 s. Timing bound, not a benchmark: a
    query during publishes may take at most 10× the median of the same 16 threads without
    publishes plus 0,5 s for a shared, busy machine (opening a snapshot costs ~25 ms).
    Measured: the old reader 1,9 and 2,3 s against medians of 73 and 78 ms (fails); this one
    0,22–0,34 s against ~90 ms, and 0,98 s against 95 ms at a load average of 13 on 2 cores.
    """
    versions = [published]      # each version one more file ingested into a copy of the last
    for month in range(1, 7):
        version = Path(shutil.copyfile(versions[-1], tmp_path / f"v{month}.duckdb"))
        ingest_files(version, [write_csv(tmp_path / "inbox" / f"m{month}.csv",
                                         [f"AM10;leerwerkplaatsen;2006-{month:02d};1;roc;zorg;"])])
        versions.append(version)
    versions = versions[1:]
    served = tmp_path / "served.duckdb"
    shutil.copyfile(versions[0], served)
    db = Warehouse(served, cache_size=0)   # every query reads the file: the path under test
    quiet, busy, errors, seen = [], [], [], set()
    phase = {"name": "quiet"}
    stop = threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                seen.add(realised(db))
            except Exception as err:  # noqa: BLE001 - every failure is what this test counts
                errors.append(err)
            (quiet if phase["name"] == "quiet" else busy).append(time.perf_counter() - started)

    readers = [threading.Thread(target=read_loop) for _ in range(16)]
    for r in readers:
        r.start()
    wait_for(lambda: len(quiet) >= 10 * len(readers), 60, "ten quiet queries per reader")
    phase["name"] = "busy"
    for k, version in enumerate(versions[1:], start=1):
        publish_copy(version, served)
        wait_for(lambda: 291 + k in seen, 60, f"a reader to see publication {k}")
    stop.set()
    for r in readers:
        r.join()
    median = statistics.median(quiet)
    assert errors == []
    assert seen == {291 + k for k in range(6)}   # every publication was seen, none half
    assert realised(db) == 296
    print(f"quiet median {median * 1000:.1f} ms, max during publishes {max(busy) * 1000:.1f} ms")
    assert max(busy) <= 10 * median + 0.5, (max(busy), median)


def test_a_snapshot_is_named_by_its_publication_and_its_file(tmp_path):
    """The shared view cache's name for a snapshot (dashboard/shared_cache.py): a new publication
    or a replaced file gives a new name; a file that is no warehouse still opens."""
    import duckdb

    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table publication (id integer, published_at timestamp)")
    con.execute("insert into publication values (7, timestamp '2026-12-06 10:00:00')")
    con.close()
    first = Warehouse(path).snapshot().key
    assert first.startswith("7-2026-12-06 10:00:00-")
    staging = tmp_path / "w.new"
    shutil.copyfile(path, staging)
    os.replace(staging, path)
    assert Warehouse(path).snapshot().key != first      # same publication, another file
    other = tmp_path / "x.duckdb"
    duckdb.connect(str(other)).close()
    assert Warehouse(other).snapshot().key.startswith("0--")


def test_public_readers_read_the_previous_file_until_the_new_one_is_warmed(tmp_path, monkeypatch):
    """A publish reaches public readers once the shared cache marks it warmed (or after
    MAX_UNWARMED_S); the warm-up and signed-in accounts read it at once (dashboard/warehouse.py)."""
    import duckdb
    import flask
    import flask_login

    from dashboard import warehouse
    from dashboard.shared_cache import SharedCache

    path = tmp_path / "w.duckdb"

    def publish(publication: int) -> tuple[int, int]:
        staging = tmp_path / "w.new"
        con = duckdb.connect(str(staging))
        con.execute("create table publication (id integer, published_at timestamp)")
        con.execute("insert into publication values (?, timestamp '2026-12-06 10:00:00')", [publication])
        con.close()
        os.replace(staging, path)
        return path.stat().st_ino, path.stat().st_mtime_ns

    app = flask.Flask(__name__)
    flask_login.LoginManager(app).user_loader(lambda _id: None)
    shared = SharedCache(app, tmp_path / "view-cache")
    publish(7)
    db = Warehouse(path)
    db.ready = shared.ready

    def publication(**environ: object) -> str:
        with app.test_request_context("/", environ_overrides=environ):
            return db.snapshot().key.split("-")[0]

    assert publication() == "7"
    stamp = publish(8)
    assert publication() == "7"                                   # not warmed yet
    assert publication(**{warehouse.WARMING: True}) == "8"        # the warm-up reads it
    assert publication() == "7"
    shared.mark_ready(stamp)
    assert publication() == "8"
    publish(9)                                                    # a warm-up that never ends
    assert publication() == "8"
    monkeypatch.setattr(warehouse, "MAX_UNWARMED_S", 0.0)
    wait_for(lambda: publication() == "9", timeout=10, what="the previous file given up")
