"""Section 4: bytes sent for the map — geometry and the whole map (SVG or figure JSON), raw and gzipped."""
from __future__ import annotations

import copy
import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.payloads import post


@dataclass(frozen=True)
class MapBytes:
    """One map's geometry and whole figure as JSON, raw and gzipped, in bytes."""

    name: str
    geometry_raw: int
    geometry_gzip: int
    figure_raw: int
    figure_gzip: int


def sizes(name: str, geometry: object, figure: object) -> MapBytes:
    """Compact JSON sizes, as Dash serialises them, raw and gzip level 6 (Flask-Compress's default)."""
    def raw(obj: object) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode()
    g, f = raw(geometry), raw(figure)
    return MapBytes(name, len(g), len(gzip.compress(g, 6)), len(f), len(gzip.compress(f, 6)))


def with_shape(body: dict, shape: str) -> dict:
    """The captured map-view request with another geometry source chosen."""
    body = copy.deepcopy(body)
    for item in body["inputs"]:
        if item["id"] == "kaart-shape":
            item["value"] = shape
    return body


def from_callback(url: str, name: str, body: dict) -> MapBytes:
    """The map-view callback's response over HTTP: the map and its shapes. The map is SVG drawn
    on the server since 7 Dec (round 9: its paths are the geometry); before, a plotly figure and
    its GeoJSON (none for the schematic tile map, drawn as scatter symbols since issue 26)."""
    response, _ = post(url, body)
    drawn = json.loads(response)["response"]["kaart-map"]
    if "data-html" in drawn:
        return sizes(name, re.findall(r' d="([^"]*)"', drawn["data-html"]), drawn["data-html"])
    figure = drawn["figure"]
    geojson = next((trace["geojson"] for trace in figure["data"] if "geojson" in trace), {})
    return sizes(name, geojson, figure)


def load_real_boundaries(served: Path) -> int:
    """The shipped CBS 2025 boundaries (data/geo), prepared as `refresh` prepares them: the
    benchmark's warehouse is built from the plain functions, without them."""
    from pipelines import boundaries, warehouse

    con = warehouse.copy_to_staging(served)
    rows = boundaries.load_shipped(con, [])
    warehouse.publish(con, served)
    return rows


def gemeente_map(served: Path) -> MapBytes:
    """The 342 gemeenten as the map code would draw them (dashboard/svg_map.py: its paths, and
    the whole SVG with a name for each; a plotly choropleth before 7 Dec, round 9)."""
    import duckdb

    from dashboard import svg_map

    con = duckdb.connect(str(served), read_only=True)
    geometry = con.execute("select code, name, geojson from region_geometry "
                           "where level = 'gemeente' and source = 'cbs' order by code").df()
    con.close()
    drawing = svg_map.project(geometry)
    markup = str(svg_map.markup(drawing, [svg_map.Region(code, "#7fcdbb", [name]) for code, name in
                                          zip(geometry["code"], geometry["name"])], "gemeenten"))
    return sizes("gemeente level, CBS 2025 (342)", list(drawing.paths.values()), markup)


def run(url: str, map_body: dict, served: Path) -> list[MapBytes]:
    """The schematic tiles, the real boundaries and the gemeente map."""
    return [from_callback(url, "35 regions, schematic tiles", with_shape(map_body, "schematic")),
            from_callback(url, "35 regions, CBS 2025", with_shape(map_body, "cbs")),
            gemeente_map(served)]
