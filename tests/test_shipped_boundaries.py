"""The product ships the CBS 2025 boundaries (data/geo) and draws them by default: the files are
the ones SOURCE.md names, `refresh` publishes them for all three levels, a steward's own load
wins over them, and nothing reads ../shared (issue 26 item 1)."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import duckdb

from core.settings import GEO_DIR, ROOT, SQL_DIR
from pipelines import boundaries
from pipelines.flows import geometry_flow, refresh
from tests.helpers import region_file

# From the copy's source (cartomap/nl at 01e3b4c, see data/geo/SOURCE.md): bytes and sha256.
SHIPPED = {
    "arbeidsmarktregio_2025.topojson":
        (24_947, "0513a585d703071e42ca46285dd432258c3731d2e0396808fac931df0ee1919e"),
    "gemeente_2025.topojson":
        (131_807, "12f0da7537f29582ae20ba43713cf7291dcc61bfbe81914febbbf95b3945d077"),
    "provincie_2025.topojson":
        (15_268, "f36dd9c50f81d701b8a86a79c9f04b5b51b2eba1170286ae07ed0e57dcf2e04f"),
}
# By area overlap (SOURCE.md): Rivierenland's 8 gemeenten today.
RIVIERENLAND = ["Buren", "Culemborg", "Maasdriel", "Neder-Betuwe", "Tiel", "West Betuwe",
                "West Maas en Waal", "Zaltbommel"]
# A path into the sibling folder, written any way Python, a shell or SQL would write it.
SHARED_PATH = re.compile(r"""\.\./shared|['"]shared['"]\)?\s*/|/\s*['"]shared['"]""")
CODE_SUFFIXES = {".py", ".sql", ".js", ".toml", ".cfg", ".ini", ".sh", ".html", ".lock"}
NOT_OURS = {".venv", ".git", "node_modules", "vendor", "__pycache__", ".pytest_cache"}


def rows(path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_shipped_files_are_the_unchanged_copies_that_source_md_names():
    note = (GEO_DIR / "SOURCE.md").read_text(encoding="utf-8")
    for name, (size, digest) in SHIPPED.items():
        data = (GEO_DIR / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (size, digest), name
        assert f"`{name}` | {size:,} | `{digest}`" in note
    assert "Bron: CBS/PDOK, Gebiedsindelingen 2025, CC BY 4.0 (vereenvoudigd)" in note


def our_code() -> list[Path]:
    """Every file of ours that runs or configures something (docs may tell the history)."""
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in NOT_OURS]
        found += [Path(folder, n) for n in names
                  if Path(n).suffix in CODE_SUFFIXES or n == "Makefile"]
    return found


def test_no_code_reads_the_shared_folder():
    this = ROOT / "tests" / "test_shipped_boundaries.py"
    code = our_code()
    assert ROOT / "pipelines" / "boundaries.py" in code and ROOT / "Makefile" in code
    readers = [f"{path.relative_to(ROOT)}:{number}" for path in code if path != this
               for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                             .splitlines(), 1)
               if SHARED_PATH.search(line)]
    assert readers == []


def test_the_pattern_finds_the_ways_the_shared_folder_was_read():
    for line in ('GEO_DIR = ROOT.parent / "shared" / "data" / "geo"', "cat ../shared/data/geo/x",
                 "Path('shared') / 'data'"):
        assert SHARED_PATH.search(line), line
    assert not SHARED_PATH.search('<f t="shared" si="0"/>')   # an XLSX shared formula is no path


def test_the_demo_warehouse_has_the_real_boundaries_of_every_level(demo_warehouse):
    counts = dict(rows(demo_warehouse, "select level, count(*) from region_geometry "
                                       "where source = 'cbs' and year = 2025 group by level"))
    assert counts == {"arbeidsmarktregio": 35, "gemeente": 342, "provincie": 12}
    assert rows(demo_warehouse, "select name from region_geometry where level = 'gemeente' "
                                "and source = 'cbs' and region = 'AM10' order by name") == \
        [(n,) for n in RIVIERENLAND]
    offered = rows(demo_warehouse, (SQL_DIR / "queries" / "geometry_sources.sql").read_text(encoding="utf-8"))
    assert [o[0] for o in offered] == ["cbs", "schematic"]   # the map opens on the real boundaries
    summary = rows(demo_warehouse, "select summary from pipeline_run order by started_at desc limit 1")[0][0]
    assert '"real_geometry": 389' in summary   # 35 + 342 + 12 rows


def test_shipped_regions_are_valid_and_within_the_budget(tmp_path):
    frame = boundaries.read_boundaries(boundaries.shipped_files()["arbeidsmarktregio"])
    result = boundaries.simplify_to_budget(boundaries.repair(frame), boundaries.BUDGET_BYTES["arbeidsmarktregio"])
    assert len(result.frame) == 35 and result.frame.geometry.is_valid.all()
    assert boundaries.source_year(frame) == 2025


def test_a_stewards_own_regions_win_over_the_shipped_ones_after_a_refresh(prefect_harness, published, tmp_path):
    refresh(str(published), str(tmp_path / "inbox"), False)
    shipped = rows(published, "select code, geojson from region_geometry "
                              "where level = 'arbeidsmarktregio' and source = 'cbs' order by code")
    geometry_flow(str(region_file(tmp_path, published)), warehouse_path=str(published),
                  cache_dir=str(tmp_path / "cache"), credit="Bron: eigen testbestand")
    refresh(str(published), str(tmp_path / "inbox"), False)
    after = rows(published, "select code, geojson, attribution from region_geometry "
                            "where level = 'arbeidsmarktregio' and source = 'cbs' order by code")
    assert [r[0] for r in after] == [r[0] for r in shipped] and len(after) == 35
    assert all(a[1] != s[1] and a[2] == "Bron: eigen testbestand" for a, s in zip(after, shipped))
    assert rows(published, "select count(*) from region_geometry where level = 'gemeente' "
                           "and source = 'cbs'") == [(342,)]   # the other levels stay shipped
