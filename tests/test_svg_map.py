"""The map drawn on the server (dashboard/svg_map.py), against figures worked out by hand: the
projection of a known point, the viewBox and paths of two hand-made squares, the colour scale at
a stop and halfway between two, and a hostile region name escaped."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from dashboard import svg_map
from dashboard.status_style import NO_TARGET_COLOUR, STATUS_COLOURS


def test_mercator_of_a_known_point():
    # y = -ln(tan(45° + 52°/2)) in degrees: tan 71° = 2,904211, ln = 1,066155 rad = 61,0862°
    x, y = svg_map.mercator(5.0, 52.0)
    assert x == 5.0 and y == pytest.approx(-61.0862, abs=1e-3)
    assert svg_map.mercator(0.0, 0.0) == pytest.approx((0.0, 0.0))


def square(lon: float, lat: float) -> str:
    """A 1° square with its south-west corner at (lon, lat), closed as GeoJSON rings are."""
    return json.dumps({"type": "Polygon", "coordinates": [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1],
                                                            [lon, lat + 1], [lon, lat]]]})


def test_two_squares_fill_a_viewbox_1000_wide():
    # Two 1° squares side by side at the equator: 2° wide, 1,00005° high in Mercator
    # (ln tan 45,5° = 0,0174542 rad), so 500 units a degree and a box of 1000 × 500.
    drawing = svg_map.project(pd.DataFrame({"code": ["A", "B"], "geojson": [square(0, 0), square(1, 0)]}))
    assert (drawing.width, drawing.height) == (1000.0, 500.0)
    assert drawing.paths == {"A": "M0,500L500,500L500,0L0,0Z", "B": "M500,500L1000,500L1000,0L500,0Z"}
    assert drawing.centres == {"A": (250.0, 250.0), "B": (750.0, 250.0)}


def test_a_multipolygon_with_a_hole_is_one_path_of_three_rings():
    shape = {"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]], [[0.5, 0.25], [1, 0.25], [1, 0.5], [0.5, 0.5], [0.5, 0.25]]],
        [[[3, 0], [4, 0], [4, 1], [3, 1], [3, 0]]]]}
    drawing = svg_map.project(pd.DataFrame({"code": ["A"], "geojson": [json.dumps(shape)]}))
    assert drawing.paths["A"].count("M") == drawing.paths["A"].count("Z") == 3
    assert drawing.width == 1000.0 and drawing.paths["A"].startswith("M0,250L500,250L500,0L0,0Z")


def test_the_colour_scale_at_a_stop_and_halfway():
    scale = [[0, "#edf8b1"], [0.5, "#c7e9b4"], [1, "#081d58"]]
    assert svg_map.interpolate(scale, 0.5) == "#c7e9b4"
    assert svg_map.interpolate(scale, 0.0) == "#edf8b1" and svg_map.interpolate(scale, 1.0) == "#081d58"
    # halfway between #edf8b1 and #c7e9b4: (237+199)/2 = 218 da, (248+233)/2 = 240,5 → f1, (177+180)/2 = 178,5 → b3
    assert svg_map.interpolate(scale, 0.25) == "#daf1b3"
    assert svg_map.interpolate(scale, 1.7) == "#081d58"   # past the end: the darkest


def test_fills_per_measure():
    progress = pd.DataFrame({"status": ["achieved", None, "on_track"], "achievement": [1.3, None, 0.0],
                             "gain_per_10k": [40.0, 10.0, 20.0]})
    assert svg_map.fills(progress, "status") == [STATUS_COLOURS["achieved"], NO_TARGET_COLOUR,
                                                 STATUS_COLOURS["on_track"]]
    assert svg_map.fills(progress, "pct") == ["#081d58", NO_TARGET_COLOUR, "#edf8b1"]   # 130 % is 100 %
    # per 10.000 runs from the lowest to the highest region with a target: 20 → light, 40 → dark
    assert svg_map.fills(progress, "per10k") == ["#081d58", NO_TARGET_COLOUR, "#edf8b1"]


def test_nice_ticks():
    assert svg_map.nice_ticks(3.2, 47.9) == [10, 20, 30, 40]
    assert svg_map.nice_ticks(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1]


HOSTILE = """<script>alert("x")</script> & 's-Hertogenbosch"""


def test_a_hostile_region_name_is_escaped():
    drawing = svg_map.project(pd.DataFrame({"code": ["A"], "geojson": [square(0, 0)]}))
    region = svg_map.Region("A", "#ffffff", [HOSTILE, "Status: ok"], '/regio/A?x=1&lang=nl', ring=True)
    markup = str(svg_map.markup(drawing, [region], 'Kaart "alles" <b>'))
    assert "<script>" not in markup and "<b>" not in markup
    assert '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;s-Hertogenbosch' in markup
    svg = ET.fromstring(markup)   # well-formed: every text escaped
    link = svg.find("a")
    assert svg.get("aria-label") == 'Kaart "alles" <b>' and svg.get("role") == "group"
    assert link.get("aria-label") == f"{HOSTILE}, Status: ok" and link.find("title").text == f"{HOSTILE}\nStatus: ok"
    assert link.get("href") == "/regio/A?x=1&lang=nl" and link.get("data-app-link") == ""
    # the ring at the box's centre: the square is 1000 × 1000,05 (1,00005° high), rounded 1000,1
    assert [(c.get("cx"), c.get("cy")) for c in svg.iter("circle")] == [("500", "500.1")]


def test_a_shape_without_a_page_is_named_not_linked():
    """The region page's gemeenten: a shape with its name and share, no link to follow."""
    drawing = svg_map.project(pd.DataFrame({"code": ["GM0281"], "geojson": [square(5, 51)]}))
    svg = ET.fromstring(str(svg_map.markup(drawing, [svg_map.Region("GM0281", "#081d58", ["Tiel", "30,5%"])],
                                           "Kaart")))
    assert svg.find("a") is None
    shape = svg.find("g[@role='img']")
    assert shape.get("aria-label") == "Tiel, 30,5%" and shape.find("title").text == "Tiel\n30,5%"
    # 1° of longitude is 1000 units; 51° to 52° of latitude 61,0866 − 59,4801 = 1,6065° in Mercator
    assert shape.find("path").get("d") == "M0,1606.5L1000,1606.5L1000,0L0,0Z"
