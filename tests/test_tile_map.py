"""The schematic tile map, kept as an option (issue 26 item 1): every tile carries its code and
status symbol, its text contrasts with its fill, and the status colours stay apart for
colour-blind readers, the two former oranges above all."""
from __future__ import annotations

import datetime as dt
import itertools
import math
import xml.etree.ElementTree as ET

import duckdb
import pandas as pd
import pytest

from core.vocabulary import STATUS_SYMBOLS
from dashboard import svg_map, tile_map
from dashboard.status_style import NO_TARGET_COLOUR, STATUS_COLOURS
from tests.helpers import page_rows

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
STATUSES = [s for s in STATUS_COLOURS if s not in ("no_data", "not_started")]   # the six the rule gives


def lab(colour: str, matrix) -> tuple[float, float, float]:
    """CIELAB (D65) of a #rrggbb colour as a reader with `matrix`'s vision sees it."""
    def linear(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    rgb = [linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5)]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x / 0.95047, y, z / 1.08883)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def difference(a: str, b: str, matrix) -> float:
    """ΔE*76 between two colours under one vision."""
    return math.dist(lab(a, matrix), lab(b, matrix))


def test_the_simulation_tells_the_two_former_oranges_apart_too_little():
    # The palette before issue 26: #E69F00 beside #D55E00 came to ΔE 18 for a deuteranope.
    assert difference("#E69F00", "#D55E00", SIMULATIONS["deuteranopia"]) < 20


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_acceleration_needed_and_limited_progress_are_far_apart(vision):
    assert difference(STATUS_COLOURS["acceleration_needed"], STATUS_COLOURS["limited_progress"],
                      SIMULATIONS[vision]) >= 30


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_every_two_statuses_differ_visibly(vision):
    worst = min(difference(STATUS_COLOURS[a], STATUS_COLOURS[b], SIMULATIONS[vision])
                for a, b in itertools.combinations(STATUSES, 2))
    assert worst >= 15


def contrast(a: str, b: str) -> float:
    light, dark = sorted((tile_map.luminance(a), tile_map.luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("fill", [*STATUS_COLOURS.values(), NO_TARGET_COLOUR])
def test_the_label_on_every_fill_has_at_least_4_5_to_1(fill):
    assert contrast(tile_map.text_colour(fill), fill) >= 4.5


@pytest.fixture(scope="module")
def demo_map(demo_warehouse) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        progress = pd.DataFrame(page_rows(con, "map_progress", programme="lw2005",
                                          indicator="leerwerkplaatsen", month=dt.date(2007, 3, 1)))
        progress["as_of_month"] = dt.date(2007, 3, 1)   # as the Kaart page adds it
        tiles = pd.DataFrame(page_rows(con, "geometry", source="schematic"))
    finally:
        con.close()
    return progress, tiles


def tile_svg(demo_warehouse, progress: pd.DataFrame, tiles: pd.DataFrame, measure: str) -> ET.Element:
    """The tile map as the Kaart page draws it, parsed."""
    from dashboard.app import create_app

    create_app(demo_warehouse)   # page modules register themselves with an app
    from tests.test_context_pages import page_module
    markup = page_module("kaart").map_markup(progress, svg_map.project(tiles), True, measure, {}, "lw2005",
                                             dt.date(2007, 3, 1), "nl")
    return ET.fromstring(f"<div>{markup}</div>")


def test_every_tile_carries_its_code_and_status_symbol(demo_warehouse, demo_map):
    progress, tiles = demo_map
    links = tile_svg(demo_warehouse, progress, tiles, "status").findall("svg/a")
    assert len(links) == 35
    for row, link in zip(progress.itertuples(), links):
        shape, text = link.find("path"), link.find("text")
        code, mark = (span.text for span in text.findall("tspan"))
        assert code == row.region and mark.startswith(STATUS_SYMBOLS[row.status])   # and ◯ when provisional
        assert shape.get("fill") == STATUS_COLOURS[row.status]
        assert contrast(text.get("fill"), shape.get("fill")) >= 4.5
        assert link.get("href").startswith(f"/regio/{row.region}?")   # a click opens the region


def test_the_tiles_lie_where_their_boxes_are(demo_warehouse, demo_map):
    """Groningen (AM01) is the north-east corner tile; every label sits in its own tile."""
    progress, tiles = demo_map
    svg = tile_svg(demo_warehouse, progress, tiles, "status").find("svg")
    width, height = map(float, svg.get("viewBox").split()[2:])
    corners = {link.get("href")[7:11]: [tuple(map(float, p.split(","))) for p in
                                        link.find("path").get("d").strip("MZ").split("L")] for link in svg.findall("a")}
    assert max(x for x, _y in corners["AM01"]) == width and min(y for _x, y in corners["AM01"]) == 0
    for link in svg.findall("a"):
        xs, ys = zip(*corners[link.get("href")[7:11]])
        span = link.find("text/tspan")
        assert min(xs) < float(span.get("x")) < max(xs) and min(ys) < float(span.get("y")) < max(ys)
    assert height > width   # the country is taller than wide in Mercator


def test_the_share_of_target_colours_tiles_along_the_scale(demo_warehouse, demo_map):
    progress, tiles = demo_map
    drawn = tile_svg(demo_warehouse, progress, tiles, "pct")
    fills = [link.find("path").get("fill") for link in drawn.findall("svg/a")]
    assert svg_map.fills(progress.head(1).assign(achievement=[1.0]), "pct") == ["#081d58"]   # the darkest at 100%
    ranked = sorted(zip(progress["achievement"], fills))   # more of the target: a darker tile
    lights = [tile_map.luminance(f) for _, f in ranked]
    assert lights == sorted(lights, reverse=True) and lights[0] > lights[-1]
    assert drawn.find("svg[@class='colour-bar']") is not None
