"""The dashboard's reader follows a newly published warehouse without a restart."""
from __future__ import annotations

import datetime as dt
import threading

from dashboard.warehouse import Warehouse
from tests.helpers import build, write_csv


def realised(db: Warehouse) -> float:
    frame = db.query("region_progress", region="AM10", programme="lw2005", month=dt.date(2007, 6, 1))
    return frame.set_index("indicator").loc["leerwerkplaatsen", "realised"]


def test_reader_picks_up_a_new_publication(tmp_path):
    inbox = tmp_path / "inbox"
    write_csv(inbox / "a.csv", ["AM10;leerwerkplaatsen;2006-01;10;roc;zorg;"])
    path = build(tmp_path, inbox)
    db = Warehouse(path)
    assert realised(db) == 300
    write_csv(inbox / "b.csv", ["AM10;leerwerkplaatsen;2006-02;25;roc;zorg;"])
    build(tmp_path, inbox)
    assert realised(db) == 325


def test_concurrent_queries_during_publications_all_succeed(tmp_path):
    inbox = tmp_path / "inbox"
    write_csv(inbox / "a.csv", ["AM10;leerwerkplaatsen;2006-01;10;roc;zorg;"])
    path = build(tmp_path, inbox)
    db = Warehouse(path)
    errors, results, stop = [], [], threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                results.append(realised(db))
            except Exception as err:  # noqa: BLE001 - every failure is what this test counts
                errors.append(err)

    readers = [threading.Thread(target=read_loop) for _ in range(3)]
    for r in readers:
        r.start()
    for month in range(2, 8):
        write_csv(inbox / f"m{month}.csv", [f"AM10;leerwerkplaatsen;2006-{month:02d};1;roc;zorg;"])
        build(tmp_path, inbox)
    stop.set()
    for r in readers:
        r.join()
    assert errors == []
    assert set(results) <= {300 + k for k in range(0, 7)}
    assert realised(db) == 306
