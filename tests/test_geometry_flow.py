"""The `geometry` flow under Prefect's test harness: publishes real boundaries as source
'cbs', refuses a file with a missing code, and the boundaries survive a later `refresh`."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from core.settings import SQL_DIR
from pipelines import boundaries
from pipelines.flows import geometry_flow, refresh
from regiomonitor.cli import main
from tests.helpers import region_file


def cbs_rows(path: Path) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select code, year, attribution from region_geometry "
                           "where source = 'cbs' and level = 'arbeidsmarktregio' order by code").fetchall()
    finally:
        con.close()


def test_boundaries_are_published_and_survive_a_refresh(prefect_harness, published, tmp_path):
    summary = geometry_flow(str(region_file(tmp_path, published)), warehouse_path=str(published),
                            cache_dir=str(tmp_path / "cache"))
    assert summary["level"] == "arbeidsmarktregio" and summary["rows"] == 35
    rows = cbs_rows(published)
    assert len(rows) == 35 and rows[0][1:] == (2025, "")   # the default credit: core/presentation.py

    refresh(str(published), str(tmp_path / "inbox"), False)
    assert cbs_rows(published) == rows
    con = duckdb.connect(str(published), read_only=True)
    offered = con.execute((SQL_DIR / "queries" / "geometry_sources.sql").read_text(encoding="utf-8")).fetchall()
    con.close()
    assert [r[0] for r in offered] == ["cbs", "schematic"]  # the map offers real boundaries first


def test_a_missing_code_is_an_error_and_leaves_the_warehouse_alone(prefect_harness, published, tmp_path):
    before = published.read_bytes()
    with pytest.raises(boundaries.BoundaryError, match="AM10"):
        geometry_flow(str(region_file(tmp_path, published, drop="AM10")), warehouse_path=str(published))
    assert published.read_bytes() == before
    assert not list(published.parent.glob("*.new"))


def test_cli_help_names_the_source_option(capsys):
    with pytest.raises(SystemExit):
        main(["geometry", "--help"])
    assert "--source" in capsys.readouterr().out
