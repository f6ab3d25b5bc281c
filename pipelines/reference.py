"""Reference data: regions, indicators, partners, programmes, targets.

The files in data/reference/ are plain CSV so that a reviewer can read a diff of
them. Loading goes through the schema's constraints (keys, foreign keys, checks),
so a typo in a code fails the refresh with DuckDB naming the offending value.
"""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from core.settings import DEMO_DIR, REFERENCE_DIR, view_settings
from pipelines import statements

REFERENCE_TARGETS = REFERENCE_DIR / "targets.csv"
DEMO_TARGETS = DEMO_DIR / "targets.csv"
DEMO_POPULATION = DEMO_DIR / "population.csv"

# Table ← file, in foreign-key order. Column names in the files match the schema.
REFERENCE_TABLES: list[tuple[str, str]] = [
    ("region", "regions.csv"),
    ("region_tile", "region_tiles.csv"),
    ("indicator", "indicators.csv"),
    ("partner_kind", "partner_kinds.csv"),
    ("partner", "partners.csv"),
    ("partner_alias", "partner_aliases.csv"),
    ("partner_region", "partner_regions.csv"),
    ("sector", "sectors.csv"),
    ("programme", "programmes.csv"),
    ("signatory", "signatories.csv"),
    ("status", "statuses.csv"),
    ("outlier_rule", "outlier_rules.csv"),
    ("outlier_level", "outlier_levels.csv"),
    ("gemeente_region", "gemeente_regions.csv"),
    ("province", "provinces.csv"),
    ("place_alias", "place_aliases.csv"),
    ("reporting_obligation", "obligations.csv"),
    ("programme_frame", "programme_frame.csv"),
]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 reference CSV as dictionaries."""
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_regions(ref_dir: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    """The 35 arbeidsmarktregio's: code and name."""
    return read_csv(ref_dir / "regions.csv")


def read_programmes(ref_dir: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    """Covenant programmes with their start and end dates."""
    return read_csv(ref_dir / "programmes.csv")


def read_targets(path: Path) -> list[dict]:
    """Targets with their numbers as floats (baseline and target values)."""
    rows = read_csv(path)
    for row in rows:
        row["baseline_value"] = float(row["baseline_value"])
        row["target_value"] = float(row["target_value"])
        row["version"] = int(row["version"])
    return rows


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    """Insert dictionaries whose keys are the table's column names."""
    if not rows:
        return 0
    columns = list(rows[0])
    return statements.insert_values(con, f"{table} ({', '.join(columns)})",
                                    [[row[c] if row[c] != "" else None for c in columns]
                                     for row in rows])


def load_reference(con: duckdb.DuckDBPyConnection, ref_dir: Path = REFERENCE_DIR) -> dict[str, int]:
    """Load every reference table and the settings the views apply; returns rows per table."""
    counts = {table: insert_rows(con, table, read_csv(ref_dir / name))
              for table, name in REFERENCE_TABLES}
    return counts | {"setting": insert_rows(con, "setting", view_settings())}


def load_targets(con: duckdb.DuckDBPyConnection, real: Path = REFERENCE_TARGETS,
                 demo: Path | None = DEMO_TARGETS) -> int:
    """Load the real targets, then (optionally) the generated demo ones, flagged as demo."""
    rows = [dict(r, is_demo=False) for r in read_targets(real)]
    if demo is not None:
        rows += [dict(r, is_demo=True) for r in read_targets(demo)]
    return insert_rows(con, "target", rows)


def load_population(con: duckdb.DuckDBPyConnection, path: Path = DEMO_POPULATION,
                    is_demo: bool = True) -> int:
    """Working-age population per region; no real CBS figures ship yet, so demo ones, flagged."""
    return insert_rows(con, "population", [dict(r, is_demo=is_demo) for r in read_csv(path)])
