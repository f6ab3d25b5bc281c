"""Boundary processing on polygons the tests make themselves with shapely: repair,
reprojection from RD New, coverage simplification to a budget, code checks, caching."""
from __future__ import annotations

import json
import math

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import LineString, Polygon, box

from core import presentation
from pipelines import boundaries
from tests.helpers import staging

# Near Tiel in RD New (metres): x 150–160 km, y 430–440 km.
X0, Y0, SIZE = 150_000.0, 430_000.0, 10_000.0


def wiggly_border(points: int = 400) -> list[tuple[float, float]]:
    """A shared north-south border with small wiggles (≤ 30 m) that simplification can drop."""
    return [(X0 + SIZE / 2 + 30 * math.sin(i), Y0 + SIZE * i / points) for i in range(points + 1)]


def neighbours() -> gpd.GeoDataFrame:
    """Two squares sharing the wiggly border, in EPSG:28992."""
    border = wiggly_border()
    west = Polygon([(X0, Y0), *border, (X0, Y0 + SIZE)])
    east = Polygon([(X0 + SIZE, Y0), *border, (X0 + SIZE, Y0 + SIZE)])
    return gpd.GeoDataFrame({"code": ["AM10", "AM35"], "name": ["Rivierenland", "Gorinchem"],
                             "year": [2025, 2025]}, geometry=[west, east], crs=28992)


def bowtie() -> Polygon:
    """A self-intersecting ring, like the one at Schouwen-Duiveland."""
    return Polygon([(X0, Y0), (X0 + 1000, Y0 + 1000), (X0 + 1000, Y0), (X0, Y0 + 1000)])


def test_repair_makes_a_bowtie_valid_and_keeps_both_halves():
    frame = gpd.GeoDataFrame({"code": ["AM24"], "name": ["Zeeland"]}, geometry=[bowtie()], crs=28992)
    assert not frame.geometry.is_valid.any()
    fixed = boundaries.repair(frame)
    assert fixed.geometry.is_valid.all()
    assert fixed.geometry.iloc[0].geom_type == "MultiPolygon"
    assert fixed.geometry.iloc[0].area == pytest.approx(500_000)  # two triangles of 1 km × 0.5 km


def test_repair_drops_the_lines_make_valid_can_return():
    spike = Polygon([(X0, Y0), (X0 + 10, Y0), (X0 + 10, Y0 + 10), (X0, Y0 + 10), (X0, Y0),
                     (X0 - 10, Y0)])
    frame = gpd.GeoDataFrame({"code": ["AM10"], "name": ["x"]}, geometry=[spike], crs=28992)
    assert boundaries.repair(frame).geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")


def test_rd_new_geopackage_is_read_and_reprojected_to_wgs84(tmp_path):
    path = tmp_path / "rd.gpkg"
    neighbours().rename(columns={"code": "statcode", "name": "statnaam"}).to_file(path)
    frame = boundaries.read_boundaries(path)
    assert frame.crs.to_epsg() == 28992
    minx, miny, maxx, maxy = boundaries.to_wgs84_grid(frame.geometry).total_bounds
    assert 5.2 < minx < maxx < 5.5 and 51.8 < miny < maxy < 52.0  # around Tiel


def test_a_file_without_crs_is_read_as_rd_new_or_wgs84_by_its_coordinates():
    rd = neighbours().set_crs(None, allow_override=True)
    assert boundaries.guess_crs(rd) == 28992
    assert boundaries.guess_crs(neighbours().to_crs(4326).set_crs(None, allow_override=True)) == 4326


def test_geojson_in_wgs84_keeps_its_codes_names_and_year(tmp_path):
    path = tmp_path / "am.geojson"
    frame = neighbours().to_crs(4326)
    frame["jrstatcode"] = ["2025AM10", "2025AM35"]
    frame.rename(columns={"code": "statcode", "name": "statnaam"}).drop(columns="year").to_file(path)
    read = boundaries.read_boundaries(path)
    assert read.crs.to_epsg() == 4326
    assert list(read["code"]) == ["AM10", "AM35"]
    assert boundaries.source_year(read) == 2025
    assert presentation.credit_line("cbs", 2025, "", "nl") == ("Bron: CBS/PDOK, Gebiedsindelingen 2025, "
                                                               "CC BY 4.0 (vereenvoudigd)")
    assert presentation.credit_line("cbs", None, "", "en") == ("Source: CBS/PDOK, Gebiedsindelingen, "
                                                               "CC BY 4.0 (simplified)")
    assert presentation.credit_line("cbs", 2025, "Bron: eigen bestand", "en") == "Bron: eigen bestand"


def test_coverage_simplification_meets_the_budget_and_keeps_the_shared_border():
    frame = neighbours()
    full = boundaries.browser_bytes(frame.set_geometry(boundaries.to_wgs84_grid(frame.geometry)))
    result = boundaries.simplify_to_budget(frame, budget=full // 3)
    assert result.bytes_before == full
    assert result.bytes_after <= full // 3
    assert result.tolerance_m > boundaries.TOLERANCES_M[0]  # the smallest tolerance was not enough
    west, east = result.frame.geometry.to_crs(28992)
    assert west.is_valid and east.is_valid
    assert west.intersection(east).area < 1          # no overlap (m²)
    union = west.union(east)
    assert union.geom_type == "Polygon" and not list(union.interiors)  # no gap between them
    assert isinstance(west.intersection(east), (LineString, shapely.MultiLineString))


def test_a_budget_out_of_reach_is_an_error():
    with pytest.raises(boundaries.BoundaryError, match="100 bytes"):
        boundaries.simplify_to_budget(neighbours(), budget=100)


def test_missing_unknown_and_duplicated_codes_are_named():
    frame = neighbours()
    frame.loc[1, "code"] = "AM99"
    frame.loc[2] = ["AM10", "Rivierenland", 2025, box(0, 0, 1, 1)]
    expected = {"AM10": "Rivierenland", "AM35": "Gorinchem"}
    with pytest.raises(boundaries.BoundaryError) as err:
        boundaries.check_codes(frame, expected, "arbeidsmarktregio")
    assert "AM35" in str(err.value) and "AM99" in str(err.value) and "dubbel" in str(err.value)
    boundaries.check_codes(neighbours(), expected, "arbeidsmarktregio")


def test_level_follows_the_code_prefix():
    assert boundaries.level_of(neighbours()) == "arbeidsmarktregio"
    mixed = neighbours()
    mixed.loc[1, "code"] = "GM0281"
    with pytest.raises(boundaries.BoundaryError, match="niveau"):
        boundaries.level_of(mixed)


def test_expected_codes_come_from_the_reference_data(tmp_path):
    con = staging(tmp_path)
    assert len(boundaries.expected_codes(con, "arbeidsmarktregio")) == 35
    assert boundaries.expected_codes(con, "gemeente")["GM0281"] == "Tiel"
    assert "GM0733" not in boundaries.expected_codes(con, "gemeente")  # merged in 2019
    assert len(boundaries.expected_codes(con, "provincie")) == 12


def test_gemeente_rows_name_their_region(tmp_path):
    con = staging(tmp_path)
    frame = gpd.GeoDataFrame({"code": ["GM0281"], "name": ["Tiel"]},
                             geometry=[box(5.4, 51.87, 5.45, 51.9)], crs=4326)
    boundaries.store(con, frame, "gemeente", 2025, "test")
    row = con.execute("select level, source, region, year, geojson from region_geometry").fetchone()
    assert row[:4] == ("gemeente", "cbs", "AM10", 2025)
    assert json.loads(row[4])["type"] == "Polygon"


def test_a_url_is_read_from_the_cache_without_network(tmp_path):
    url = "https://cartomap.github.io/nl/wgs84/arbeidsmarktregio_2025.topojson"
    cached = boundaries.cached_path(url, tmp_path)
    cached.write_text("{}", encoding="utf-8")
    assert boundaries.fetch_source(url, tmp_path) == cached
    assert boundaries.fetch_source(str(tmp_path / "local.gpkg"), tmp_path) == tmp_path / "local.gpkg"
