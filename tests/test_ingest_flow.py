"""The `ingest` flow and CLI under Prefect's test harness, and how `refresh` stays consistent with it."""
from __future__ import annotations

import json

import pytest

from core.settings import DEMO_DIR
from pipelines.flows import ingest, refresh
from regiomonitor import cli
from tests.helpers import inbox_listing, query, write_csv


@pytest.fixture
def steward_inbox(prefect_harness, tmp_path):
    """A steward's inbox and a warehouse built from it by `refresh` (reference data, no files yet)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = tmp_path / "served.duckdb"
    refresh(str(path), str(inbox), False)
    return inbox, path


def test_ingest_flow_moves_files_records_the_run_and_refresh_keeps_them(steward_inbox):
    inbox, path = steward_inbox
    write_csv(inbox / "roc.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    write_csv(inbox / "kapot.csv", ["AM10;stages;2006-Q1;5;roc;zorg;"])
    results = ingest(inbox=str(inbox), warehouse_path=str(path))
    assert {r.path.name: r.status for r in results} == {"kapot.csv": "rejected", "roc.csv": "loaded"}
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == []
    assert (inbox / "processed" / "roc.csv").exists()
    assert "geen kwartaal" in (inbox / "rejected" / "kapot.csv.rapport.txt").read_text(encoding="utf-8")
    assert query(path, "select flow from pipeline_run order by started_at") == [("refresh",), ("ingest",)]
    figures = query(path, "select * from observation order by all")
    refresh(str(path), str(inbox), False)   # a full rebuild reads processed/ and rejected/ too
    assert query(path, "select * from observation order by all") == figures
    assert query(path, "select file_name, status from submission order by 1") == [
        ("kapot.csv", "rejected"), ("roc.csv", "loaded")]


def test_cli_ingest_reports_and_sets_the_exit_status(steward_inbox, capsys):
    inbox, path = steward_inbox
    good = write_csv(inbox / "uwv.csv", ["Tiel;evc_trajecten;apr 2006;12;uwv;;"])
    with pytest.raises(SystemExit) as exit_:
        cli.main(["ingest", "--warehouse", str(path), str(good)])
    assert exit_.value.code == 0
    assert "uwv.csv: geladen (1 rij)" in capsys.readouterr().out
    bad = write_csv(inbox / "uwv2.csv", ["Bergen;evc_trajecten;apr 2006;12;uwv;;"])
    with pytest.raises(SystemExit) as exit_:
        cli.main(["ingest", "--warehouse", str(path), str(bad)])
    assert exit_.value.code == 1
    assert "niet eenduidig" in capsys.readouterr().out


def test_refresh_of_the_demo_inbox_moves_nothing(demo_warehouse):
    # the session's demo warehouse is the refresh (tests/conftest.py lists the inbox before it)
    before = json.loads(demo_warehouse.with_name("inbox-before.json").read_text())
    assert inbox_listing(DEMO_DIR / "inbox") == before
    assert not (DEMO_DIR / "inbox" / "processed").exists()


def test_ingest_without_a_warehouse_says_to_refresh_first(prefect_harness, tmp_path):
    path = write_csv(tmp_path / "inbox" / "x.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    with pytest.raises(SystemExit, match="regiomonitor refresh"):
        cli.main(["ingest", "--warehouse", str(tmp_path / "none.duckdb"), str(path)])
    assert path.exists()
