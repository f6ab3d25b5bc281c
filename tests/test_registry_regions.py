"""A registry extract with pre-2019 Rivierenland gemeente codes, counted per region on the
boundaries at the 2005 signing and on today's boundaries; totals computed by hand below."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.registry_regions import registry_counts_by_boundary
from tests.helpers import staging

HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"
# Geldermalsen (GM0236) and Neerijnen (GM0304) were in AM10 Rivierenland, Lingewaal (GM0733)
# in AM35 Gorinchem; all three became West Betuwe (GM1960, AM10) on 1-1-2019.
ROWS = [
    "1,GM0236,leerwerkplaatsen,2006-03-15,gestart,zorg,roc",
    "2,GM0236,leerwerkplaatsen,2006-03-28,gestart,techniek,roc",
    "3,GM0304,leerwerkplaatsen,2006-03-20,afgerond,zorg,uwv",
    "4,GM0733,leerwerkplaatsen,2006-03-02,gestart,techniek,gemeenten",
    "5,GM0281,leerwerkplaatsen,2006-04-10,gestart,zorg,roc",
    "6,GM0733,evc_trajecten,2006-04-11,afgerond,zorg,roc",
    "7,GM1960,leerwerkplaatsen,2019-03-05,gestart,zorg,roc",   # did not exist at signing
    "8,GM0236,leerwerkplaatsen,2019-03-06,gestart,zorg,roc",   # code no longer valid then
]
# Signing boundaries (28-11-2005): rows 1-3 AM10, row 4 AM35 (March); row 5 AM10 and row 6
# AM35 (April); rows 7 and 8 have no region.
AT_SIGNING = [
    ("AM10", "leerwerkplaatsen", "2006-03-01", 3),
    ("AM10", "leerwerkplaatsen", "2006-04-01", 1),
    ("AM35", "evc_trajecten", "2006-04-01", 1),
    ("AM35", "leerwerkplaatsen", "2006-03-01", 1),
    (None, "leerwerkplaatsen", "2019-03-01", 2),
]
# Today's boundaries: Lingewaal counts for West Betuwe, so AM10; only row 8 has no region.
ON_CURRENT = [
    ("AM10", "evc_trajecten", "2006-04-01", 1),
    ("AM10", "leerwerkplaatsen", "2006-03-01", 4),
    ("AM10", "leerwerkplaatsen", "2006-04-01", 1),
    ("AM10", "leerwerkplaatsen", "2019-03-01", 1),
    (None, "leerwerkplaatsen", "2019-03-01", 1),
]


def counts(tmp_path: Path, extract: Path) -> dict[str, list[tuple]]:
    con = staging(tmp_path)
    rows = registry_counts_by_boundary(con, extract, "lw2005").fetchall()
    return {b: [(r, i, str(m), n) for bb, r, i, m, n in rows if bb == b]
            for b in ("signing", "current")}


@pytest.fixture
def extract_csv(tmp_path: Path) -> Path:
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_pre_2019_codes_counted_on_signing_and_current_boundaries(tmp_path, extract_csv):
    result = counts(tmp_path, extract_csv)
    assert sorted(result["signing"], key=str) == sorted(AT_SIGNING, key=str)
    assert sorted(result["current"], key=str) == sorted(ON_CURRENT, key=str)
    assert sum(r[-1] for r in result["signing"]) == sum(r[-1] for r in result["current"]) == 8


def test_the_extract_is_never_stored_in_the_warehouse(tmp_path, extract_csv):
    con = staging(tmp_path)
    registry_counts_by_boundary(con, extract_csv, "lw2005").fetchall()
    assert con.execute("select count(*) from duckdb_tables() where table_name = 'registry_extract' "
                       "and not temporary").fetchone()[0] == 0


def test_parquet_extract_gives_the_same_counts(tmp_path, extract_csv):
    parquet = tmp_path / "extract.parquet"
    duckdb.read_csv(str(extract_csv)).write_parquet(str(parquet))
    for sub in ("p", "c"):
        (tmp_path / sub).mkdir()
    assert counts(tmp_path / "p", parquet) == counts(tmp_path / "c", extract_csv)


def test_every_successor_is_a_current_gemeente(tmp_path):
    con = staging(tmp_path)
    assert con.execute("select count(*) from gemeente_region g where successor is not null and "
                       "not exists (select 1 from gemeente_region s where s.code = g.successor "
                       "and s.valid_to is null)").fetchone()[0] == 0
    assert con.execute("select count(*) from gemeente_region where valid_to is null").fetchone()[0] == 342
