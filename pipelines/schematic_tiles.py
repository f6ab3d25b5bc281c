"""The schematic tile map, the option beside the real CBS boundaries (pipelines/boundaries.py):
one square per region, laid out roughly where the region lies, so every region is equally easy
to see and click, however small it is on the real map (dashboard/tile_map.py draws it).
"""
from __future__ import annotations

import json

import duckdb
import geopandas as gpd
from shapely.geometry import box

from pipelines import statements

# Tiles in WGS84 over the Netherlands: 0.5° longitude ≈ 0.31° latitude ≈ 34 km at 52° N.
ORIGIN_LON, ORIGIN_LAT = 3.4, 53.45
STEP_LON, STEP_LAT = 0.56, 0.35
TILE_LON, TILE_LAT = 0.5, 0.31


def tiles(con: duckdb.DuckDBPyConnection) -> gpd.GeoDataFrame:
    """One square polygon per region from the region_tile layout."""
    rows = con.execute("select t.code, r.name, t.col, t.row from region_tile t "
                       "join region r using (code) order by t.code").fetchall()
    geometry = [box(ORIGIN_LON + col * STEP_LON, ORIGIN_LAT - row * STEP_LAT - TILE_LAT,
                    ORIGIN_LON + col * STEP_LON + TILE_LON, ORIGIN_LAT - row * STEP_LAT)
                for _, _, col, row in rows]
    return gpd.GeoDataFrame({"code": [r[0] for r in rows], "name": [r[1] for r in rows]},
                            geometry=geometry, crs=4326)


def load(con: duckdb.DuckDBPyConnection) -> int:
    """Store each region's tile as GeoJSON in WGS84, source 'schematic'."""
    frame = tiles(con)
    # No stored credit: the pages say what the tiles are (core/presentation.credit_line).
    rows = [["arbeidsmarktregio", "schematic", code, name, json.dumps(geom.__geo_interface__), ""]
            for code, name, geom in zip(frame["code"], frame["name"], frame.geometry)]
    return statements.insert_values(
        con, "region_geometry (level, source, code, name, geojson, attribution)", rows)
