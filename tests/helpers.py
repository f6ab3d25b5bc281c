"""Build small warehouses for tests with the pipeline's plain functions (no Prefect)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines import inbox as inbox_listing, reference, runs, schematic_tiles, warehouse

HEADER = "regio;indicator;periode;waarde;partner;sector;opmerking\n"
# observation's codes and submission are not declared foreign keys (sql/schema.sql): the tests
# check the relationships instead, as a dbt project tests them. Each count must be 0.
ORPHANS_SQL = """
select
    count(*) filter (where r.code is null) as unknown_region,
    count(*) filter (where i.code is null) as unknown_indicator,
    count(*) filter (where p.code is null) as unknown_partner,
    count(*) filter (where s.code is null) as unknown_sector,
    count(*) filter (where m.id is null) as unknown_submission
from observation as o
left join region as r on r.code = o.region
left join indicator as i on i.code = o.indicator
left join partner as p on p.code = o.partner
left join sector as s on s.code = o.sector
left join submission as m on m.id = o.submission_id
"""


def staging(tmp_path: Path, demo_targets: bool = False) -> duckdb.DuckDBPyConnection:
    """A staging warehouse with the schema and the reference data (real targets only by default)."""
    con = warehouse.create_staging(tmp_path / "test.duckdb")
    reference.load_reference(con)
    reference.load_targets(con, demo=reference.DEMO_TARGETS if demo_targets else None)
    reference.load_population(con)
    return con


def build(tmp_path: Path, inbox: Path, name: str = "test.duckdb") -> Path:
    """A published warehouse from the reference data and the files in `inbox`."""
    path = tmp_path / name
    received, history = warehouse.previous_state(path)
    con = warehouse.create_staging(path)
    runs.restore_history(con, history)
    runs.load_base(con, demo_targets=False)
    results = runs.load_submissions(con, inbox_listing.received_files(inbox, log=lambda line: None), False, received,
                                       warehouse.accepted_partly(path))
    count = len(history.get("pipeline_run", []))
    runs.record_run(con, f"run-{count}", "test", runs.now(), results)
    return warehouse.publish(con, path)


def write_csv(path: Path, rows: list[str], encoding: str = "utf-8", header: str = HEADER) -> Path:
    """A partner CSV from ';'-separated row strings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((header + "".join(r + "\n" for r in rows)).encode(encoding))
    return path


def region_file(tmp_path: Path, drop: str | None = None) -> Path:
    """35 test-made squares (the schematic tiles) with CBS-style properties, as GeoJSON."""
    frame = schematic_tiles.tiles(staging(tmp_path))
    frame = frame[frame["code"] != drop].rename(columns={"code": "statcode", "name": "statnaam"})
    frame["jrstatcode"] = "2025" + frame["statcode"]
    path = tmp_path / f"regions{'-' + drop if drop else ''}.geojson"
    frame.to_file(path)
    return path


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of one query on a warehouse file, opened read-only and closed again."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def page_render(path: str, search: str = "") -> dict:
    """The body Dash's router callback posts when a page opens."""
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"]}
