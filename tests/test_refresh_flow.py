"""The refresh flow under Prefect's test harness: loads everything, publishes atomically,
gives the same contents when run twice, and never disturbs a reader."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from core.settings import DEMO_DIR
from pipelines import warehouse
from pipelines.flows import refresh
from tests.helpers import ORPHANS_SQL

DATA_TABLES = ["region", "region_tile", "region_geometry", "indicator", "partner", "sector",
               "programme", "signatory", "target", "submission", "observation", "rejected_row"]


def snapshot(path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in DATA_TABLES}
    finally:
        con.close()


def test_demo_refresh_loads_every_file_and_flags_demo(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    assert con.execute("select count(*) from region").fetchone()[0] == 35
    assert con.execute("select count(*) from target where version = 1").fetchone()[0] == 140
    status = dict(con.execute("select status, count(*) from submission group by 1").fetchall())
    files = [p for p in (DEMO_DIR / "inbox").iterdir() if p.suffix in (".csv", ".xlsx")]
    assert status == {"loaded": len(files)}
    assert con.execute("select bool_and(is_demo) from observation").fetchone()[0] is True
    # Every observation is traceable to its file and row.
    untraced = con.execute("select count(*) from observation o left join submission s "
                           "on s.id = o.submission_id where s.id is null or o.source_row < 2").fetchone()
    assert untraced == (0,)
    assert con.execute(ORPHANS_SQL).fetchone() == (0, 0, 0, 0, 0)   # every code is known
    # Regions differ: some ahead of the straight path to their target, some well behind.
    spread = con.execute("select min(achievement), max(achievement) from v_progress "
                         "where indicator = 'leerwerkplaatsen'").fetchone()
    assert spread[0] < 0.5 and spread[1] > 0.95
    runs = con.execute("select flow, status from pipeline_run").fetchall()
    assert runs == [("refresh", "geslaagd")]


def test_rivierenland_progress_in_the_view(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    rows = con.execute("select indicator, baseline_value, target_value, target_is_demo, "
                       "realised = baseline_value + realised_since_baseline "
                       "from v_progress where region = 'AM10' and indicator in "
                       "('leerwerkplaatsen', 'evc_trajecten') order by 1").fetchall()
    assert rows == [("evc_trajecten", 340, 1500, False, True),
                    ("leerwerkplaatsen", 290, 1200, False, True)]


def test_refresh_twice_gives_the_same_contents(demo_warehouse, demo_refreshed_again):
    # demo_refreshed_again: a copy of the first refresh, refreshed again from the same inbox
    assert snapshot(demo_refreshed_again) == snapshot(demo_warehouse)
    con = duckdb.connect(str(demo_refreshed_again), read_only=True)
    assert con.execute("select count(*) from pipeline_run").fetchone()[0] == 2
    con.close()


def test_publish_does_not_disturb_an_open_reader(prefect_harness, demo_warehouse, tmp_path):
    path = tmp_path / "served.duckdb"
    shutil.copy(demo_warehouse, path)
    reader = duckdb.connect(str(path), read_only=True)
    before = reader.execute("select count(*) from pipeline_run").fetchone()[0]
    # A writer runs while the reader is open: a refresh with real targets only from an empty
    # inbox (the demo's files dropped), which publishes in seconds where the demo inbox takes ~20.
    (tmp_path / "inbox").mkdir()
    refresh(str(path), str(tmp_path / "inbox"), False, drop_missing=True)
    assert reader.execute("select count(*) from pipeline_run").fetchone()[0] == before
    reader.close()  # DuckDB shares one instance per path in a process: close it to see the new file
    fresh = duckdb.connect(str(path), read_only=True)
    assert fresh.execute("select count(*) from pipeline_run").fetchone()[0] == before + 1
    assert fresh.execute("select count(*) from target").fetchone()[0] == 2  # real targets only
    assert not list(tmp_path.glob("*.new"))


def test_a_second_writer_is_told_to_wait(tmp_path):
    path = tmp_path / "locked.duckdb"
    with warehouse.writer_lock(path):
        with pytest.raises(warehouse.WarehouseBusy, match="Een andere refresh"):
            with warehouse.writer_lock(path):
                pass


def test_a_failing_refresh_leaves_the_served_warehouse_untouched(prefect_harness, demo_warehouse, tmp_path):
    path = tmp_path / "kept.duckdb"
    shutil.copy(demo_warehouse, path)
    before = snapshot(path)
    with pytest.raises(FileNotFoundError, match="Inbox"):
        refresh(str(path), str(tmp_path / "no-such-inbox"), True)
    assert snapshot(path) == before
    assert not list(tmp_path.glob("*.new"))
