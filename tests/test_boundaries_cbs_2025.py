"""The real CBS 2025 boundaries the product ships (data/geo): 35 regions, Tiel in
Rivierenland, within budget, no gaps or overlaps between neighbours."""
from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon

from core.settings import GEO_DIR
from pipelines import boundaries
from tests.helpers import staging

TOLERANCE_M2 = 10_000  # 1 ha: far below what a choropleth at national scale can show


def processed(level: str) -> tuple[gpd.GeoDataFrame, boundaries.Simplified]:
    frame = boundaries.read_boundaries(GEO_DIR / f"{level}_2025.topojson")
    return frame, boundaries.simplify_to_budget(boundaries.repair(frame),
                                                boundaries.BUDGET_BYTES[level])


def hole_area(geometry) -> float:
    """Area of the holes in a (multi)polygon: gaps inside a coverage show up here."""
    return sum(Polygon(ring).area for part in getattr(geometry, "geoms", [geometry])
               for ring in part.interiors)


def largest_overlap(geometry: gpd.GeoSeries) -> float:
    """The largest area shared by two neighbouring polygons."""
    frame = gpd.GeoDataFrame(geometry=geometry.reset_index(drop=True))
    pairs = gpd.sjoin(frame, frame, predicate="intersects")
    pairs = pairs[pairs.index < pairs["index_right"]]
    return max((frame.geometry[i].intersection(frame.geometry[j]).area
                for i, j in zip(pairs.index, pairs["index_right"])), default=0.0)


def test_35_regions_match_the_reference_and_one_invalid_polygon_is_repaired(tmp_path):
    frame, result = processed("arbeidsmarktregio")
    boundaries.check_codes(frame, boundaries.expected_codes(staging(tmp_path), "arbeidsmarktregio"),
                           "arbeidsmarktregio")
    assert len(result.frame) == 35
    assert (~frame.geometry.is_valid).sum() == 1  # Schouwen-Duiveland, see SOURCE.md
    assert result.frame.geometry.is_valid.all()
    assert result.frame.crs.to_epsg() == 4326


def test_simplified_regions_fit_the_budget():
    _, result = processed("arbeidsmarktregio")
    assert result.bytes_after <= boundaries.BUDGET_BYTES["arbeidsmarktregio"] == 150_000


def test_no_gaps_or_overlaps_between_neighbouring_regions():
    frame, result = processed("arbeidsmarktregio")
    before = boundaries.repair(frame).geometry.to_crs(28992)
    after = result.frame.geometry.to_crs(28992)
    assert largest_overlap(after) < TOLERANCE_M2
    # The source itself leaves water (IJsselmeer, Wadden) out; simplifying must add no gaps.
    new_gaps = hole_area(shapely.union_all(after.values)) - hole_area(shapely.union_all(before.values))
    assert abs(new_gaps) < TOLERANCE_M2


def test_tiel_lies_in_rivierenland(tmp_path):
    _, regions = processed("arbeidsmarktregio")
    gemeenten = boundaries.read_boundaries(GEO_DIR / "gemeente_2025.topojson")
    tiel = boundaries.repair(gemeenten).set_index("code").geometry["GM0281"]
    rivierenland = regions.frame.set_index("code").geometry["AM10"]
    assert rivierenland.contains(tiel.representative_point())
    assert staging(tmp_path).execute("select region from gemeente_region where code = 'GM0281'"
                                     ).fetchone()[0] == "AM10"


@pytest.mark.parametrize("level,count", [("gemeente", 342), ("provincie", 12)])
def test_gemeenten_and_provincies_match_the_reference(tmp_path, level, count):
    frame, result = processed(level)
    boundaries.check_codes(frame, boundaries.expected_codes(staging(tmp_path), level), level)
    assert len(result.frame) == count
    assert result.bytes_after <= boundaries.BUDGET_BYTES[level]
