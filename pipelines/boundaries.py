"""Real CBS boundaries for the map: read a GeoJSON/TopoJSON/GeoPackage (or a URL, cached),
repair, reproject to WGS84, simplify as a coverage down to a size budget, check every code
against the reference data, and store the result in region_geometry as source 'cbs'.

The product ships the CBS 2025 boundaries of all three levels (data/geo, SOURCE.md there), and
every `refresh` prepares them with the same steps (load_shipped), so a fresh clone draws the real
map. A `refresh` rebuilds the warehouse from scratch, so it carries the real rows over from the
served file (carried_geometry / restore_geometry), just as it carries submission times over:
boundaries a steward loaded with `regiomonitor geometry` (another year, a finer file) win over
the shipped copy for their level. The warehouse stays the one published artefact.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb
import geopandas as gpd
import shapely

from core.formats import fmt_number
from core.settings import GEO_DIR
from core.texts import N_, said
from pipelines import statements

LEVELS = {"AM": "arbeidsmarktregio", "GM": "gemeente", "PV": "provincie"}
# Gzipped GeoJSON per level as the browser receives it. Issue 5 sets the 35 regions at 150 KB;
# the others are sized so the gemeente map of one region stays quick to draw.
BUDGET_BYTES = {"arbeidsmarktregio": 150_000, "gemeente": 400_000, "provincie": 100_000}
SOURCE = "cbs"
RD_NEW = 28992  # metres, so simplification tolerances mean the same everywhere
WGS84 = 4326
# Tolerances tried in turn (metres): the smallest already drops points nobody sees at
# national zoom; stop at the first result within budget.
TOLERANCES_M = (50.0, 100.0, 200.0, 400.0, 800.0, 1600.0, 3200.0)
GRID_DEGREES = 1e-5  # ≈ 1 m: more decimals only make the download bigger
EXPECTED_CODES_SQL = {
    "arbeidsmarktregio": "select code, name from region",
    "gemeente": "select code, name from gemeente_region where valid_to is null",
    "provincie": "select code, name from province",
}
CARRIED_COLUMNS = "level, source, code, name, geojson, attribution, year, region"
SHIPPED_YEAR = 2025   # the year of the files in data/geo (SOURCE.md there)


class BoundaryError(ValueError):
    """A boundary file that cannot be loaded; the message is in Dutch and English."""


@dataclass(frozen=True)
class Simplified:
    """A simplified coverage and what it cost: tolerance (m) and gzipped sizes (bytes)."""

    frame: gpd.GeoDataFrame
    tolerance_m: float
    bytes_before: int
    bytes_after: int


def cached_path(source: str, cache_dir: Path) -> Path:
    """Where a downloaded URL is kept: a short hash of the URL plus its file name."""
    name = Path(urllib.parse.urlparse(source).path).name or "boundaries"
    return cache_dir / f"{hashlib.sha256(source.encode()).hexdigest()[:12]}-{name}"


def fetch_source(source: str, cache_dir: Path) -> Path:
    """A local path as is; a URL downloaded once into cache_dir and reused after that."""
    if urllib.parse.urlparse(source).scheme not in ("http", "https"):
        return Path(source)
    cached = cached_path(source, cache_dir)
    if not cached.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(cached.name + ".part")
        with urllib.request.urlopen(source, timeout=60) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out)
        partial.replace(cached)
    return cached


def read_boundaries(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """Columns code, name, year and geometry, with a CRS (TopoJSON files carry none)."""
    if not path.exists():
        raise BoundaryError(str(said("File not found: {file}", file=path)))
    raw = gpd.read_file(path, layer=layer) if layer else gpd.read_file(path)
    code = next((c for c in ("statcode", "code") if c in raw.columns), None)
    name = next((c for c in ("statnaam", "name") if c in raw.columns), None)
    if code is None or name is None:
        raise BoundaryError(str(said("{file}: columns statcode/statnaam (or code/name) missing", file=path)))
    year = raw["jrstatcode"].str[:4].astype(int) if "jrstatcode" in raw.columns else None
    frame = gpd.GeoDataFrame({"code": raw[code], "name": raw[name], "year": year},
                             geometry=raw.geometry, crs=raw.crs)
    return frame if frame.crs else frame.set_crs(guess_crs(frame))


def guess_crs(frame: gpd.GeoDataFrame) -> int:
    """WGS84 when the coordinates look like degrees, else RD New (metres)."""
    minx, miny, maxx, maxy = frame.total_bounds
    return WGS84 if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90 else RD_NEW


def source_year(frame: gpd.GeoDataFrame) -> int | None:
    """The year of the boundaries (from jrstatcode), if the file says."""
    years = set(frame["year"].dropna())
    return int(years.pop()) if len(years) == 1 else None


def level_of(frame: gpd.GeoDataFrame) -> str:
    """The level named by the codes' prefix (AM, GM, PV); all codes must share it."""
    prefixes = set(frame["code"].str[:2])
    if len(prefixes) != 1 or not prefixes <= LEVELS.keys():
        raise BoundaryError(str(said("Unknown level for code prefixes {prefixes}",
                                     prefixes=", ".join(sorted(prefixes)))))
    return LEVELS[prefixes.pop()]


def check_codes(frame: gpd.GeoDataFrame, expected: dict[str, str], level: str) -> None:
    """Every expected code once, and nothing else; the error names the codes."""
    codes = list(frame["code"])
    missing = sorted(expected.keys() - set(codes))
    unknown = sorted(set(codes) - expected.keys())
    doubles = sorted({c for c in codes if codes.count(c) > 1})
    problems = [said(problem, codes=", ".join(codes)) for problem, codes in
                ((N_("missing: {codes}"), missing), (N_("unknown: {codes}"), unknown),
                 (N_("duplicated: {codes}"), doubles)) if codes]
    if problems:
        raise BoundaryError(str(said("Codes {level}: {problems}", level=level,
                                     problems=lambda lang: "; ".join(p(lang) for p in problems))))


def repair(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Valid polygons: make_valid, keeping only the polygonal parts it returns."""
    fixed = frame.geometry.make_valid().apply(
        lambda g: g if g.geom_type in ("Polygon", "MultiPolygon")
        else shapely.union_all([p for p in getattr(g, "geoms", [g])
                                if p.geom_type in ("Polygon", "MultiPolygon")]))
    return frame.set_geometry(fixed)


def browser_bytes(frame: gpd.GeoDataFrame) -> int:
    """Gzipped size of the GeoJSON FeatureCollection a browser would download."""
    features = [{"type": "Feature", "id": c, "properties": {"code": c, "name": n},
                 "geometry": g.__geo_interface__}
                for c, n, g in zip(frame["code"], frame["name"], frame.geometry)]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return len(gzip.compress(text.encode("utf-8")))


def to_wgs84_grid(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """WGS84 on a ≈1 m grid; set_precision keeps the result valid."""
    return gpd.GeoSeries(shapely.set_precision(geometry.to_crs(WGS84).values, GRID_DEGREES),
                         index=geometry.index, crs=WGS84)


def simplify_to_budget(frame: gpd.GeoDataFrame, budget: int) -> Simplified:
    """Simplify as a coverage (shared borders stay shared) with the smallest tolerance in budget."""
    metric = frame.geometry.to_crs(RD_NEW)
    before = browser_bytes(frame.set_geometry(to_wgs84_grid(metric)))
    for tolerance in TOLERANCES_M:
        result = frame.set_geometry(to_wgs84_grid(metric.simplify_coverage(tolerance)))
        size = browser_bytes(result)
        if size <= budget:
            return Simplified(result, tolerance, before, size)
    raise BoundaryError(str(said("Does not fit {budget} bytes (at {tolerance} m: {size} bytes)",
                                 budget=partial(fmt_number, budget),
                                 tolerance=partial(fmt_number, TOLERANCES_M[-1]),
                                 size=partial(fmt_number, size))))


def expected_codes(con: duckdb.DuckDBPyConnection, level: str) -> dict[str, str]:
    """Code → name from the reference data of this level."""
    return dict(con.execute(EXPECTED_CODES_SQL[level]).fetchall())


def store(con: duckdb.DuckDBPyConnection, frame: gpd.GeoDataFrame, level: str,
          year: int | None, attribution: str = "") -> int:
    """Replace this level's 'cbs' rows; a gemeente row also names its current region."""
    regions = dict(con.execute("select code, region from gemeente_region "
                               "where valid_to is null").fetchall()) if level == "gemeente" else {}
    con.execute("delete from region_geometry where level = ? and source = ?", [level, SOURCE])
    rows = [[level, SOURCE, code, name, json.dumps(geom.__geo_interface__), attribution, year,
             regions.get(code)]
            for code, name, geom in zip(frame["code"], frame["name"], frame.geometry)]
    return statements.insert_values(con, f"region_geometry ({CARRIED_COLUMNS})", rows)


def carried_geometry(warehouse: Path) -> list[tuple]:
    """Real (non-schematic) boundary rows of the served warehouse, for the next refresh."""
    if not warehouse.exists():
        return []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = {r[0] for r in con.execute(
            "select column_name from duckdb_columns() where table_name = 'region_geometry'").fetchall()}
        if not {"year", "region"} <= columns:  # a warehouse from before issue 5 has none
            return []
        return con.execute(f"select {CARRIED_COLUMNS} from region_geometry "
                           "where source <> 'schematic' order by all").fetchall()
    finally:
        con.close()


def restore_geometry(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> int:
    """Put carried-over boundary rows back into a new warehouse."""
    return statements.insert_values(con, f"region_geometry ({CARRIED_COLUMNS})", rows)


def prepare(con: duckdb.DuckDBPyConnection, path: Path, level: str | None = None,
            layer: str | None = None, credit: str | None = None) -> dict:
    """Read, check, repair and simplify one boundary file; store it as source 'cbs'."""
    frame = read_boundaries(path, layer)
    level = level or level_of(frame)
    check_codes(frame, expected_codes(con, level), level)
    result = simplify_to_budget(repair(frame), BUDGET_BYTES[level])
    year = source_year(frame)
    rows = store(con, result.frame, level, year, credit or "")
    return {"level": level, "year": year, "rows": rows, "tolerance_m": result.tolerance_m,
            "bytes_before": result.bytes_before, "bytes_after": result.bytes_after}


def shipped_files(folder: Path = GEO_DIR) -> dict[str, Path]:
    """The boundary file the product ships per level (data/geo/<level>_2025.topojson)."""
    return {level: folder / f"{level}_{SHIPPED_YEAR}.topojson" for level in LEVELS.values()}


def load_shipped(con: duckdb.DuckDBPyConnection, carried: list[tuple]) -> int:
    """The shipped boundaries of every level that no carried-over rows cover; rows stored."""
    kept = {row[0] for row in carried}
    return sum(prepare(con, path, level)["rows"]
               for level, path in shipped_files().items() if level not in kept)
