"""Registry extracts (record-level rows with a gemeente code and a date) counted per
arbeidsmarktregio, on the boundaries at the covenant's signing and on today's boundaries.

Small and pure on purpose: the full registry ingest is built separately (it owns reading,
validation and storage); this only answers "which region does each record count for".
All the work is one SQL statement in sql/registry/, never a loop over rows in Python.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from core.sql_files import sql_text


def registry_counts_by_boundary(con: duckdb.DuckDBPyConnection, extract: Path,
                                programme: str) -> duckdb.DuckDBPyRelation:
    """Records per boundary ('signing', 'current') × region × indicator × month.

    `con` is a warehouse (it needs gemeente_region, programme and the boundary views);
    `extract` is a CSV or Parquet file; `programme` picks the signing date.
    """
    reader = "read_parquet" if extract.suffix.lower() == ".parquet" else "read_csv"
    # A temporary table: it lives as long as the connection and is never published.
    con.execute(f"create or replace temp table registry_extract as select * from {reader}(?)",
                [str(extract)])
    return con.sql(sql_text("registry/counts_by_boundary"), params=[programme])
